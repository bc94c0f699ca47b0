/*
 * psql-restrict.c: \restrict KEY and \unrestrict KEY, as psql 15.14
 * and later run them (pg_dump writes them around a dump's data).  While
 * a key is set, every backslash command but \unrestrict is refused;
 * \unrestrict takes the rest of its line, as written, without its
 * trailing blanks and semicolons, and must give the key back.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* s without its trailing blanks and semicolons, in place. */
static void
trim_semicolons(char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && (s[n - 1] == ';' ||
	    isspace((unsigned char)s[n - 1])))
		s[--n] = '\0';
}

/*
 * Whether cmd is refused because the session is restricted (the
 * message is printed): only \unrestrict runs then.
 */
int
psql_restricted(struct psql *ps, const char *cmd)
{
	if (ps->restrict_key == NULL || strcmp(cmd, "unrestrict") == 0)
		return 0;
	psql_error(ps, "backslash commands are restricted; only "
	    "\\unrestrict is allowed");
	return 1;
}

/* \restrict KEY: from now on only "\unrestrict KEY" runs. */
enum psql_cmd
psql_cmd_restrict(struct psql *ps, const char **pp)
{
	char	*key = psql_scan_arg(ps, pp, 1);

	if (key == NULL) {
		psql_error(ps, "\\restrict: missing required argument");
		return PSQL_CMD_ERROR;
	}
	trim_semicolons(key);
	ps->restrict_key = key;
	return PSQL_CMD_OK;
}

/* \unrestrict KEY: the rest of the line must be the key. */
enum psql_cmd
psql_cmd_unrestrict(struct psql *ps, const char **pp)
{
	char	*key = psql_scan_rest(pp);

	trim_semicolons(key);
	if (key[0] == '\0') {
		free(key);
		psql_error(ps, "\\unrestrict: missing required argument");
		return PSQL_CMD_ERROR;
	}
	if (ps->restrict_key == NULL) {
		free(key);
		psql_error(ps, "\\unrestrict: not currently in restricted "
		    "mode");
		return PSQL_CMD_ERROR;
	}
	if (strcmp(key, ps->restrict_key) != 0) {
		free(key);
		psql_error(ps, "\\unrestrict: wrong key");
		return PSQL_CMD_ERROR;
	}
	free(key);
	free(ps->restrict_key);
	ps->restrict_key = NULL;
	return PSQL_CMD_OK;
}
