/*
 * run-pgtap-cov.c: --coverage for pgTAP files.  throws_ok() and
 * lives_ok() catch their statement's error inside the server, where the
 * client never sees it, and with it the constraint the engine named.
 * With --coverage, before a statement of the file that calls them with
 * the SQL written as a literal (quoted, E'' or dollar-quoted, the way
 * pgTAP files write it; a bare name is a prepared statement, run with
 * EXECUTE as pgTAP runs it), sqlcheck runs that SQL once itself inside a
 * savepoint it always rolls back: the driver reads the error as it reads
 * any other (constraint, table, columns), and coverage.c counts it at
 * the statement's FILE:LINE, as it counts a passing error test of a
 * .sqltest file.  The database is as it was before the probe, so the
 * assertion then sees what it would have seen; only what no transaction
 * undoes (a sequence's nextval) happens twice.  pgTAP's own temporary
 * tables are left out of the file's constraints.  Prints nothing.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "run.h"

#define SAVEPOINT_PROBE	"sqlcheck_probe"

static int
word_char(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skip white space and comments. */
static const char *
skip_space(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			if (p == NULL)
				return "";
			p += 2;
		} else
			return p;
	}
}

/* The end of a dollar quote opening at p, or NULL if p opens none. */
static const char *
dollar_end(const char *p, const char **body, size_t *len)
{
	const char	*q = p + 1, *e;
	size_t		 taglen;
	char		*tag;

	while (isalnum((unsigned char)*q) || *q == '_')
		q++;
	if (*q != '$' || isdigit((unsigned char)p[1]))
		return NULL;
	taglen = (size_t)(q + 1 - p);
	tag = xstrndup(p, taglen);
	e = strstr(q + 1, tag);
	free(tag);
	if (e == NULL)
		return NULL;
	*body = q + 1;
	*len = (size_t)(e - (q + 1));
	return e + taglen;
}

/*
 * Read a string literal at p into *out (caller frees): '...' with ''
 * escapes, E'...' with backslash escapes, $tag$...$tag$.  Returns the
 * position after it, or NULL if p holds no literal.
 */
static const char *
read_literal(const char *p, char **out)
{
	const char	*body, *end;
	struct buf	 b;
	size_t		 len;
	int		 esc = 0;

	if (*p == '$') {
		if ((end = dollar_end(p, &body, &len)) == NULL)
			return NULL;
		*out = xstrndup(body, len);
		return end;
	}
	if ((*p == 'E' || *p == 'e') && p[1] == '\'') {
		esc = 1;
		p++;
	}
	if (*p != '\'')
		return NULL;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (p++; *p != '\0'; p++) {
		if (esc && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '\'' && p[1] == '\'')
			p++;
		else if (*p == '\'')
			break;
		buf_addc(&b, *p);
	}
	if (*p != '\'') {
		buf_free(&b);
		return NULL;
	}
	*out = buf_detach(&b);
	return p + 1;
}

/* Skip a literal or quoted name at p, if one starts there. */
static const char *
skip_quoted(const char *p)
{
	const char	*body;
	size_t		 len;
	char		 q = *p;

	if (q == '$')
		return (p = dollar_end(p, &body, &len)) != NULL ? p : NULL;
	if (q != '\'' && q != '"')
		return NULL;
	for (p++; *p != '\0'; p++) {
		if (*p == q && p[1] == q)
			p++;
		else if (*p == q)
			return p + 1;
	}
	return p;
}

/*
 * The SQL of the next throws_ok( or lives_ok( call in sql from *pos on
 * (caller frees), with *pos moved past it; NULL when there is none.  A
 * call whose first argument is not a literal is passed over.
 */
static char *
next_probe(const char **pos)
{
	const char	*p = *pos, *w, *q;
	char		*lit;
	size_t		 n;

	while (*p != '\0') {
		if ((q = skip_quoted(p)) != NULL) {
			p = q;
			continue;
		}
		if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' &&
		    p[1] == '*')) {
			p = skip_space(p);
			continue;
		}
		if (!word_char((unsigned char)*p)) {
			p++;
			continue;
		}
		for (w = p; word_char((unsigned char)*p); p++)
			;
		n = (size_t)(p - w);
		if (!((n == 9 && strncasecmp(w, "throws_ok", 9) == 0) ||
		    (n == 8 && strncasecmp(w, "lives_ok", 8) == 0)))
			continue;
		q = skip_space(p);
		if (*q != '(')
			continue;
		q = read_literal(skip_space(q + 1), &lit);
		if (q == NULL)
			continue;
		*pos = q;
		if (*(q = skip_space(q)) != ',' && *q != ')') {
			free(lit);
			continue;
		}
		return lit;
	}
	*pos = p;
	return NULL;
}

/*
 * Run one probe in a savepoint that is always rolled back, and hand its
 * error to coverage.c.  pgTAP runs a name without white space as a
 * prepared statement.
 */
static void
probe(struct run *r, const char *path, int line, const char *lit)
{
	struct result	 res;
	struct dberror	 err;
	char		*sql;
	int		 rc;

	if (strpbrk(lit, " \t\r\n") == NULL)
		sql = xprintf("EXECUTE %s", lit);
	else
		sql = xstrdup(lit);
	if (txn_classify(sql) != TXN_NONE || txn_is_savepoint_stmt(sql)) {
		free(sql);
		return;		/* it would end or shape transactions */
	}
	dberror_init(&err);
	if (run_internal(r, "SAVEPOINT " SAVEPOINT_PROBE, &err) != 0) {
		dberror_clear(&err);
		free(sql);
		return;
	}
	result_init(&res);
	res.max_rows = 1;
	rc = r->drv->exec(r->conn, sql, NULL, &res, &err);
	if (rc != 0 && err.lost)
		run_lost(r, &err);
	else if (rc != 0)
		coverage_hit(r->cov, path, line, &err);
	result_clear(&res);
	dberror_clear(&err);
	run_quiet(r, "ROLLBACK TO SAVEPOINT " SAVEPOINT_PROBE);
	run_quiet(r, "RELEASE SAVEPOINT " SAVEPOINT_PROBE);
	free(sql);
}

/*
 * Before the statement st of a pgTAP file (at path) runs: with
 * --coverage, probe the SQL of each throws_ok and lives_ok it calls.
 */
void
pgtap_cov_probe(struct run *r, const char *path, const struct stmt *st)
{
	const char	*pos = st->sql;
	char		*lit;

	if (r->cov == NULL || !r->in_txn)
		return;
	while (!r->broken && (lit = next_probe(&pos)) != NULL) {
		probe(r, path, st->line, lit);
		free(lit);
	}
}

/*
 * Leave pgTAP's own bookkeeping out of a pgTAP file's coverage: the
 * temporary tables its plan() and its tests fill.
 */
void
pgtap_cov_drop_own(struct constraint_list *l)
{
	constraint_list_drop_table(l, "__tcache__");
	constraint_list_drop_table(l, "__tresults__");
}
