/*
 * psql-autocommit.c: the words a query starts with, read as psql reads
 * them (after white space and comments, ASCII letters, any case), and
 * what \set AUTOCOMMIT off does with them: psql sends BEGIN before a
 * query when no transaction is open, except before the commands that
 * control transactions (BEGIN, COMMIT, PREPARE TRANSACTION, ...) and
 * those PostgreSQL refuses inside one (VACUUM, CREATE DATABASE, CREATE
 * INDEX CONCURRENTLY, ALTER SYSTEM, DISCARD ALL, ...).  FETCH_COUNT
 * (psql-cursor.c) and the COPY check (psql-copyskip.c) read words with
 * the same functions.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* Past white space, "--" comments and nested slash-star comments. */
const char *
psql_skip_blank(const char *p)
{
	int	depth;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			continue;
		}
		if (p[0] != '/' || p[1] != '*')
			return p;
		for (depth = 0; *p != '\0';) {
			if (p[0] == '/' && p[1] == '*') {
				depth++;
				p += 2;
			} else if (p[0] == '*' && p[1] == '/') {
				p += 2;
				if (--depth == 0)
					break;
			} else
				p++;
		}
	}
}

/*
 * The next word of *pp (ASCII letters only, as psql reads it): 1 when
 * it is w, and *pp is moved past the word either way.
 */
int
psql_next_word_is(const char **pp, const char *w)
{
	const char	*p = psql_skip_blank(*pp);
	size_t		 n = 0;

	while (isascii((unsigned char)p[n]) && isalpha((unsigned char)p[n]))
		n++;
	*pp = p + n;
	return n == strlen(w) && strncasecmp(p, w, n) == 0;
}

/* CREATE ...: DATABASE, TABLESPACE, [UNIQUE] INDEX CONCURRENTLY. */
static int
create_no_begin(const char *p)
{
	const char	*q = p;

	if (psql_next_word_is(&q, "database"))
		return 1;
	q = p;
	if (psql_next_word_is(&q, "tablespace"))
		return 1;
	q = p;
	if (!psql_next_word_is(&q, "unique"))
		q = p;
	return psql_next_word_is(&q, "index") && psql_next_word_is(&q, "concurrently");
}

/*
 * DROP or REINDEX ...: DATABASE, SYSTEM, TABLESPACE, and INDEX or TABLE
 * CONCURRENTLY (psql lets the odd combinations through too).
 */
static int
drop_no_begin(const char *p)
{
	const char	*q = p;

	if (psql_next_word_is(&q, "database"))
		return 1;
	q = p;
	if (psql_next_word_is(&q, "system"))
		return 1;
	q = p;
	if (psql_next_word_is(&q, "tablespace"))
		return 1;
	q = p;
	if (psql_next_word_is(&q, "index") || (q = p, psql_next_word_is(&q, "table")))
		return psql_next_word_is(&q, "concurrently");
	return 0;
}

/* 1 when psql sends query without its implicit BEGIN. */
int
psql_command_no_begin(const char *query)
{
	static const char *const control[] = { "abort", "begin", "start",
	    "commit", "end", "rollback", "vacuum", NULL };
	const char	*p;
	size_t		 i;

	for (i = 0; control[i] != NULL; i++) {
		p = query;
		if (psql_next_word_is(&p, control[i]))
			return 1;
	}
	p = query;
	if (psql_next_word_is(&p, "prepare"))
		return psql_next_word_is(&p, "transaction");
	p = query;
	if (psql_next_word_is(&p, "cluster"))	/* CLUSTER alone only */
		return !isalpha((unsigned char)*psql_skip_blank(p));
	p = query;
	if (psql_next_word_is(&p, "create"))
		return create_no_begin(p);
	p = query;
	if (psql_next_word_is(&p, "alter"))
		return psql_next_word_is(&p, "system");
	p = query;
	if (psql_next_word_is(&p, "drop") || (p = query, psql_next_word_is(&p,
	    "reindex")))
		return drop_no_begin(p);
	p = query;
	if (psql_next_word_is(&p, "discard"))
		return psql_next_word_is(&p, "all");
	return 0;
}
