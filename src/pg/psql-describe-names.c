/*
 * psql-describe-names.c: which names of the \d family psql 15 knows.
 * psql looks at the letters after "\d" one or two at a time: a form it
 * does not know (\dAS, \dFS, \de, \dk...) is an "invalid command" there,
 * and sqlcheck says so the same way.  \dA[cfop] and \drds take a second
 * pattern.
 */
#include <string.h>

#include "psql.h"

/* Whether c is one of the letters of set (not the end of the name). */
static int
one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* Whether psql 15 calls the \d command cmd ("d...") invalid. */
int
psql_describe_invalid(const char *cmd)
{
	char	c = cmd[1] != '\0' ? cmd[2] : '\0';	/* "d" alone ends there */

	switch (cmd[1]) {
	case 'A':
		return c != '\0' && !one_of(c, "+cfop");
	case 'f':
		return c != '\0' && !one_of(c, "+Sanptw");
	case 'P':
		return c != '\0' && !one_of(c, "+tin");
	case 'F':
		return c != '\0' && !one_of(c, "+dpt");
	case 'e':
		return !one_of(c, "stuw");
	case 'R':
		return !one_of(c, "ps");
	case 'r':
		return strncmp(cmd + 2, "ds", 2) != 0;
	}
	return cmd[1] != '\0' && !one_of(cmd[1],
	    "+SabcCdDglLnoOpTtvmisEuxXy");
}

/* Whether cmd takes two patterns (\dAc \dAf \dAo \dAp, \drds). */
int
psql_describe_paired(const char *cmd)
{
	return (strncmp(cmd, "dA", 2) == 0 && one_of(cmd[2], "cfop")) ||
	    strncmp(cmd, "drds", 4) == 0;
}
