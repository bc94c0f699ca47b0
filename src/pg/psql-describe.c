/*
 * psql-describe.c: \d NAME on tables, partitioned tables and views, and
 * \dC [PATTERN], printed as psql 15 prints them: a centred title, the
 * columns, then (for tables) the footers Indexes, Check constraints,
 * Foreign-key constraints, Referenced by and Triggers.  The catalog
 * queries are sqlcheck's own.  Other relation kinds (indexes,
 * sequences, ...), \d without a name and the rest of the \d family are
 * reported as unsupported rather than printed differently.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/*
 * A psql name pattern as an anchored regular expression: * any text,
 * ? one character, unquoted letters lowered, "..." taken as written.
 * Caller frees.
 */
static char *
pattern_regex(const char *p)
{
	struct buf	 b;
	int		 quoted = 0;

	buf_init(&b);
	buf_adds(&b, "^(");
	for (; *p != '\0'; p++) {
		if (*p == '"') {
			if (quoted && p[1] == '"') {
				buf_addc(&b, '"');
				p++;
			} else
				quoted = !quoted;
		} else if (!quoted && *p == '*')
			buf_adds(&b, ".*");
		else if (!quoted && *p == '?')
			buf_addc(&b, '.');
		else if (strchr("|*+?()[]{}.^$\\", *p) != NULL) {
			buf_addc(&b, '\\');
			buf_addc(&b, *p);
		} else
			buf_addc(&b, quoted ? *p : (char)tolower(
			    (unsigned char)*p));
	}
	buf_adds(&b, ")$");
	return buf_detach(&b);
}

/* Run a catalog query; NULL with the server's message printed. */
static PGresult *
query(struct psql *ps, const char *sql, int n, const char *const *params)
{
	PGresult	*r = PQexecParams(ps->conn, sql, n, NULL, params, NULL,
			    NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		psql_error(ps, "%s", PQresultErrorMessage(r));
		PQclear(r);
		return NULL;
	}
	return r;
}

static void
footer_add(struct psql_table *t, char *line)
{
	t->footers = xreallocarray(t->footers, t->nfooters + 1,
	    sizeof *t->footers);
	t->footers[t->nfooters++] = line;
}

/* One footer section: its heading, then one line per row of r. */
static void
footer_section(struct psql_table *t, const char *heading, PGresult *r,
    const char *fmt)
{
	int	i;

	if (r == NULL || PQntuples(r) == 0)
		return;
	footer_add(t, xstrdup(heading));
	for (i = 0; i < PQntuples(r); i++)
		footer_add(t, xprintf(fmt, PQgetvalue(r, i, 0),
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2)));
}

/* The Indexes section: "name" PRIMARY KEY, btree (cols) ... */
static void
footer_indexes(struct psql *ps, struct psql_table *t, const char *oid)
{
	static const char sql[] =
	    "SELECT c2.relname, i.indisprimary, i.indisunique,"
	    " con.contype, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),"
	    " pg_catalog.pg_get_constraintdef(con.oid, true),"
	    " con.condeferrable, con.condeferred, i.indisclustered,"
	    " i.indisvalid, i.indisreplident"
	    " FROM pg_catalog.pg_index i"
	    " JOIN pg_catalog.pg_class c2 ON c2.oid = i.indexrelid"
	    " LEFT JOIN pg_catalog.pg_constraint con ON con.conrelid ="
	    " i.indrelid AND con.conindid = i.indexrelid AND con.contype IN"
	    " ('p', 'u', 'x')"
	    " WHERE i.indrelid = $1::pg_catalog.oid"
	    " ORDER BY i.indisprimary DESC, c2.relname";
	PGresult	*r = query(ps, sql, 1, &oid);
	struct buf	 b;
	const char	*def, *using;
	int		 i;

	if (r == NULL || PQntuples(r) == 0) {
		PQclear(r);
		return;
	}
	footer_add(t, xstrdup("Indexes:"));
	for (i = 0; i < PQntuples(r); i++) {
		buf_init(&b);
		buf_printf(&b, "    \"%s\"", PQgetvalue(r, i, 0));
		def = PQgetvalue(r, i, 4);
		using = strstr(def, " USING ");
		if (strcmp(PQgetvalue(r, i, 3), "x") == 0)
			buf_printf(&b, " %s", PQgetvalue(r, i, 5));
		else {
			if (strcmp(PQgetvalue(r, i, 1), "t") == 0)
				buf_adds(&b, " PRIMARY KEY,");
			else if (strcmp(PQgetvalue(r, i, 2), "t") == 0)
				buf_adds(&b, strcmp(PQgetvalue(r, i, 3), "u") ==
				    0 ? " UNIQUE CONSTRAINT," : " UNIQUE,");
			buf_printf(&b, " %s", using != NULL ? using + 7 : def);
		}
		if (strcmp(PQgetvalue(r, i, 6), "t") == 0)
			buf_adds(&b, " DEFERRABLE");
		if (strcmp(PQgetvalue(r, i, 7), "t") == 0)
			buf_adds(&b, " INITIALLY DEFERRED");
		if (strcmp(PQgetvalue(r, i, 8), "t") == 0)
			buf_adds(&b, " CLUSTER");
		if (strcmp(PQgetvalue(r, i, 9), "f") == 0)
			buf_adds(&b, " INVALID");
		if (strcmp(PQgetvalue(r, i, 10), "t") == 0)
			buf_adds(&b, " REPLICA IDENTITY");
		footer_add(t, buf_detach(&b));
	}
	PQclear(r);
}

/* The footers of a table (not of a view). */
static void
table_footers(struct psql *ps, struct psql_table *t, const char *oid)
{
	PGresult	*r;

	footer_indexes(ps, t, oid);
	r = query(ps, "SELECT conname, pg_catalog.pg_get_constraintdef(oid,"
	    " true), '' FROM pg_catalog.pg_constraint WHERE conrelid = "
	    "$1::pg_catalog.oid AND contype = 'c' ORDER BY 1", 1, &oid);
	footer_section(t, "Check constraints:", r, "    \"%s\" %s%s");
	PQclear(r);
	r = query(ps, "SELECT conname, pg_catalog.pg_get_constraintdef(oid,"
	    " true), '' FROM pg_catalog.pg_constraint WHERE conrelid = "
	    "$1::pg_catalog.oid AND contype = 'f' ORDER BY 1", 1, &oid);
	footer_section(t, "Foreign-key constraints:", r, "    \"%s\" %s%s");
	PQclear(r);
	r = query(ps, "SELECT conrelid::pg_catalog.regclass, conname, "
	    "pg_catalog.pg_get_constraintdef(oid, true) FROM "
	    "pg_catalog.pg_constraint WHERE confrelid = $1::pg_catalog.oid "
	    "AND contype = 'f' ORDER BY conname", 1, &oid);
	footer_section(t, "Referenced by:", r,
	    "    TABLE \"%s\" CONSTRAINT \"%s\" %s");
	PQclear(r);
	r = query(ps, "SELECT t.tgname, pg_catalog.regexp_replace("
	    "pg_catalog.pg_get_triggerdef(t.oid, true), '^CREATE "
	    "(CONSTRAINT )?TRIGGER [^ ]+ ', ''), '' FROM pg_catalog.pg_trigger"
	    " t WHERE t.tgrelid = $1::pg_catalog.oid AND NOT t.tgisinternal"
	    " ORDER BY 1", 1, &oid);
	footer_section(t, "Triggers:", r, "    %s %s%s");
	PQclear(r);
}

/* The columns of a relation as psql's \d table, title and footers. */
static int
describe_relation(struct psql *ps, const char *oid, const char *title,
    int footers)
{
	static const char sql[] =
	    "SELECT a.attname, pg_catalog.format_type(a.atttypid,"
	    " a.atttypmod),"
	    " (SELECT c.collname FROM pg_catalog.pg_collation c,"
	    " pg_catalog.pg_type t WHERE c.oid = a.attcollation AND t.oid ="
	    " a.atttypid AND a.attcollation <> t.typcollation),"
	    " CASE WHEN a.attnotnull THEN 'not null' ELSE '' END,"
	    " CASE WHEN a.attidentity = 'a' THEN 'generated always as"
	    " identity' WHEN a.attidentity = 'd' THEN 'generated by default"
	    " as identity' WHEN a.attgenerated = 's' THEN 'generated always"
	    " as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) ||"
	    " ') stored' ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid,"
	    " true) END"
	    " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef"
	    " d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
	    " WHERE a.attrelid = $1::pg_catalog.oid AND a.attnum > 0 AND"
	    " NOT a.attisdropped ORDER BY a.attnum";
	static char *headers[] = { "Column", "Type", "Collation",
	    "Nullable", "Default" };
	struct psql_table	 t;
	PGresult		*r = query(ps, sql, 1, &oid);
	size_t			 i;
	int			 j;

	if (r == NULL)
		return -1;
	memset(&t, 0, sizeof t);
	t.ncols = 5;
	t.nrows = (size_t)PQntuples(r);
	t.headers = headers;
	t.aligns = (char *)"lllll";
	t.title = title;
	t.cells = xcalloc(t.nrows * 5 + 1, sizeof *t.cells);
	for (i = 0; i < t.nrows; i++)
		for (j = 0; j < 5; j++)
			t.cells[i * 5 + (size_t)j] = PQgetvalue(r, (int)i, j);
	if (footers)
		table_footers(ps, &t, oid);
	if (t.footers == NULL)
		t.footers = xcalloc(1, sizeof *t.footers);	/* no "(N rows)" */
	psql_print_table(ps, &t);
	for (i = 0; i < t.nfooters; i++)
		free(t.footers[i]);
	free(t.footers);
	free(t.cells);
	PQclear(r);
	return 0;
}

/* \d NAME: each visible relation whose name matches. */
static int
describe(struct psql *ps, const char *pattern)
{
	static const char sql[] =
	    "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence"
	    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON"
	    " n.oid = c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~)"
	    " $1 AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3";
	char		*re, *title;
	const char	*kind, *dot;
	PGresult	*r;
	int		 i, rc = 0;

	if ((dot = strchr(pattern, '.')) != NULL && pattern[0] != '"') {
		psql_unsupported(ps, "d with a schema-qualified name");
		return -1;
	}
	re = pattern_regex(pattern);
	r = query(ps, sql, 1, (const char *const *)&re);
	free(re);
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 0 && !ps->quiet)
		psql_error(ps, "Did not find any relation named \"%s\".",
		    pattern);
	for (i = 0; i < PQntuples(r) && rc == 0; i++) {
		kind = PQgetvalue(r, i, 3);
		if (strcmp(kind, "r") != 0 && strcmp(kind, "p") != 0 &&
		    strcmp(kind, "v") != 0) {
			psql_unsupported(ps, "d on an index, sequence or other "
			    "relation that is not a table or view");
			rc = -1;
			break;
		}
		title = xprintf("%s%s \"%s.%s\"", strcmp(PQgetvalue(r, i, 4),
		    "u") == 0 ? "Unlogged " : "", *kind == 'v' ? "View" :
		    *kind == 'p' ? "Partitioned table" : "Table",
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2));
		if (strcmp(PQgetvalue(r, i, 4), "u") == 0)
			title[9] = (char)tolower((unsigned char)title[9]);
		rc = describe_relation(ps, PQgetvalue(r, i, 0), title,
		    *kind != 'v');
		free(title);
	}
	PQclear(r);
	return rc;
}

/* \dC [PATTERN]: the casts between visible types. */
static int
describe_casts(struct psql *ps, const char *pattern)
{
	static const char sql[] =
	    "SELECT pg_catalog.format_type(c.castsource, NULL) AS \"Source "
	    "type\", pg_catalog.format_type(c.casttarget, NULL) AS \"Target "
	    "type\", CASE c.castmethod WHEN 'b' THEN '(binary coercible)' "
	    "WHEN 'i' THEN '(with inout)' ELSE p.proname END AS \"Function\","
	    " CASE c.castcontext WHEN 'e' THEN 'no' WHEN 'a' THEN 'in "
	    "assignment' ELSE 'yes' END AS \"Implicit?\" FROM "
	    "pg_catalog.pg_cast c LEFT JOIN pg_catalog.pg_proc p ON p.oid = "
	    "c.castfunc JOIN pg_catalog.pg_type ts ON ts.oid = c.castsource "
	    "JOIN pg_catalog.pg_type tt ON tt.oid = c.casttarget WHERE "
	    "(pg_catalog.pg_type_is_visible(ts.oid) AND ($1::text IS NULL OR "
	    "ts.typname OPERATOR(pg_catalog.~) $1 OR pg_catalog.format_type("
	    "ts.oid, NULL) OPERATOR(pg_catalog.~) $1)) OR "
	    "(pg_catalog.pg_type_is_visible(tt.oid) AND ($1::text IS NULL OR "
	    "tt.typname OPERATOR(pg_catalog.~) $1 OR pg_catalog.format_type("
	    "tt.oid, NULL) OPERATOR(pg_catalog.~) $1)) ORDER BY 1, 2";
	struct psql_table	 t;
	char			*re = pattern != NULL ? pattern_regex(pattern) :
				    NULL;
	PGresult		*r = query(ps, sql, 1, (const char *const *)&re);
	size_t			 i;
	int			 j;

	free(re);
	if (r == NULL)
		return -1;
	memset(&t, 0, sizeof t);
	t.ncols = 4;
	t.nrows = (size_t)PQntuples(r);
	t.headers = xcalloc(5, sizeof *t.headers);
	for (j = 0; j < 4; j++)
		t.headers[j] = PQfname(r, j);
	t.aligns = (char *)"llll";
	t.title = "List of casts";
	t.cells = xcalloc(t.nrows * 4 + 1, sizeof *t.cells);
	for (i = 0; i < t.nrows; i++)
		for (j = 0; j < 4; j++)
			t.cells[i * 4 + (size_t)j] = PQgetvalue(r, (int)i, j);
	psql_print_table(ps, &t);
	free(t.headers);
	free(t.cells);
	PQclear(r);
	return 0;
}

/* \d PATTERN and \dC [PATTERN]; 0, or -1 (reported). */
int
psql_describe(struct psql *ps, const char *cmd, const char *pattern)
{
	if (ps->conn == NULL) {
		psql_error(ps, "You are currently not connected to a "
		    "database.");
		return -1;
	}
	if (strcmp(cmd, "dC") == 0)
		return describe_casts(ps, pattern);
	if (pattern == NULL) {
		psql_unsupported(ps, "d without a name");
		return -1;
	}
	return describe(ps, pattern);
}
