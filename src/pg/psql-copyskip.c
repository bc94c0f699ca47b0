/*
 * psql-copyskip.c: what psql 15 does when a COPY ... FROM STDIN fails
 * before its data is read (no such table, an aborted transaction, ...):
 * the lines that follow in the script are its data, so they are read
 * and dropped, neither echoed nor run, up to a line "\." (or the end of
 * the file), rather than run as SQL.  The statements after the COPY on
 * its own line still run.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* Is the word at p (case-insensitive) w, ending there? */
static int
word_is(const char *p, const char *w)
{
	size_t	n = strlen(w);

	return strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]) &&
	    p[n] != '_';
}

/* The end of the statement starting at p: its ';' or the end. */
static const char *
statement_end(const char *p)
{
	char	q;

	for (; *p != '\0' && *p != ';'; p++) {
		if (*p == '\'' || *p == '"') {
			q = *p;
			for (p++; *p != '\0' && *p != q; p++)
				;
			if (*p == '\0')
				break;
		} else if (p[0] == '-' && p[1] == '-')
			p += strcspn(p, "\n") - 1;
	}
	return p;
}

/* Does the rest [start, end) of a statement read FROM STDIN? */
static int
reads_stdin(const char *start, const char *end)
{
	const char	*p;

	for (p = start; p < end; p++) {
		if (p > start && (isalnum((unsigned char)p[-1]) || p[-1] ==
		    '_'))
			continue;
		if (word_is(p, "from") && word_is(psql_skip_blank(p + 4), "stdin"))
			return 1;
	}
	return 0;
}

/* Is one of the statements of query a COPY ... FROM STDIN? */
int
psql_has_copy_from_stdin(const char *query)
{
	const char	*p = query, *end;

	while (*(p = psql_skip_blank(p)) != '\0') {
		end = statement_end(p);
		if (word_is(p, "copy") && reads_stdin(p + 4, end))
			return 1;
		p = *end == ';' ? end + 1 : end;
	}
	return 0;
}

/*
 * While a failed COPY FROM STDIN's data is skipped: whether line (without
 * its newline) is to be dropped; the "\." line ends the skipping.
 */
int
psql_copy_skip_line(struct psql *ps, const char *line)
{
	if (!ps->copy_skip)
		return 0;
	if (strcmp(line, "\\.") == 0 || strcmp(line, "\\.\r") == 0)
		ps->copy_skip = 0;
	return 1;
}
