/*
 * psql-describe.c: \d TABLE and \dC.  Not reproduced yet: psql builds
 * these from catalog queries whose output differs between server
 * versions, and sqlcheck does not copy them.  The command is reported
 * as unsupported (FILE:LINE, once per test) so that a suite using it
 * fails visibly instead of passing by accident.
 */
#include "psql.h"

/* \d and \dC: reported as not supported; returns -1. */
int
psql_describe(struct psql *ps, const char *cmd, const char *pattern)
{
	(void)pattern;
	psql_unsupported(ps, cmd);
	return -1;
}
