/*
 * psql-describe-publications.c: logical replication as psql 15 shows
 * it: \dRp [PATTERN] (List of publications), \dRp+ (each publication
 * as a table of its flags with its Tables and Tables from schemas),
 * \dRs[+] (the subscriptions of the current database), the
 * Publications footer of \d on a table and of \dn on a schema.  The
 * catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The flag columns of a publication, as \dRp and \dRp+ show them. */
#define PUB_FLAGS "p.puballtables AS \"All tables\", p.pubinsert AS " \
	"\"Inserts\", p.pubupdate AS \"Updates\", p.pubdelete AS " \
	"\"Deletes\", p.pubtruncate AS \"Truncates\", p.pubviaroot AS " \
	"\"Via root\""

/* The attribute names of a publication's column list (prattrs). */
#define PUB_COLUMNS "CASE WHEN pr.prattrs IS NOT NULL THEN (SELECT " \
	"pg_catalog.string_agg(a.attname, ', ' ORDER BY s.i) FROM " \
	"pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::" \
	"pg_catalog.int2[], 1)) s(i) JOIN pg_catalog.pg_attribute a ON " \
	"a.attrelid = pr.prrelid AND a.attnum = pr.prattrs[s.i]) END"

/* "    "name"[ (cols)][ WHERE qual]": r's row i, name at col. */
static char *
published_line(const PGresult *r, int i, int col, const char *name)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "    \"%s\"", name);
	if (!PQgetisnull(r, i, col + 2))
		buf_printf(&b, " (%s)", PQgetvalue(r, i, col + 2));
	if (!PQgetisnull(r, i, col + 1))
		buf_printf(&b, " WHERE %s", PQgetvalue(r, i, col + 1));
	return buf_detach(&b);
}

/* One footer section of sql's rows ($1: oid), or nothing if none. */
static void
footer_rows(struct psql *ps, struct psql_table *t, const char *sql,
    const char *oid, const char *heading, int qualified)
{
	PGresult	*r = psql_rel_query(ps, sql, oid);
	char		*name;
	int		 i;

	if (r != NULL && PQntuples(r) > 0)
		psql_footer_add(t, xstrdup(heading));
	for (i = 0; r != NULL && i < PQntuples(r); i++) {
		name = qualified ? xprintf("%s.%s", PQgetvalue(r, i, 0),
		    PQgetvalue(r, i, 1)) : xstrdup(PQgetvalue(r, i, 1));
		psql_footer_add(t, published_line(r, i, 1, name));
		free(name);
	}
	PQclear(r);
}

/* \d on a table: the publications it is in (Publications:). */
void
psql_publication_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	footer_rows(ps, t, "SELECT NULL, p.pubname, NULL, NULL FROM "
	    "pg_catalog.pg_publication p JOIN pg_catalog."
	    "pg_publication_namespace pn ON p.oid = pn.pnpubid JOIN "
	    "pg_catalog.pg_class c ON c.relnamespace = pn.pnnspid WHERE c.oid "
	    "= $1::pg_catalog.oid AND pg_catalog.pg_relation_is_publishable("
	    "c.oid) UNION SELECT NULL, p.pubname, pg_catalog.pg_get_expr("
	    "pr.prqual, pr.prrelid), " PUB_COLUMNS " FROM pg_catalog."
	    "pg_publication p JOIN pg_catalog.pg_publication_rel pr ON p.oid ="
	    " pr.prpubid WHERE pr.prrelid = $1::pg_catalog.oid UNION SELECT "
	    "NULL, p.pubname, NULL, NULL FROM pg_catalog.pg_publication p WHERE"
	    " p.puballtables AND pg_catalog.pg_relation_is_publishable("
	    "$1::pg_catalog.oid) ORDER BY 2", oid, "Publications:", 0);
}

/*
 * \dn PATTERN: the footer of the publications of the schema named
 * pattern (as psql, the pattern taken as the name).  NULL: none.
 * Caller frees each line and the array.
 */
char **
psql_schema_publications(struct psql *ps, const char *pattern,
    size_t *n)
{
	struct psql_table	 t;

	memset(&t, 0, sizeof t);
	footer_rows(ps, &t, "SELECT NULL, p.pubname, NULL, NULL FROM "
	    "pg_catalog.pg_publication p JOIN pg_catalog."
	    "pg_publication_namespace pn ON p.oid = pn.pnpubid JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE n.nspname "
	    "= $1 ORDER BY 2", pattern, "Publications:", 0);
	*n = t.nfooters;
	return t.footers;
}

/* One publication of \dRp+ (row i of r: oid, name, owner, flags...). */
static int
describe_publication(struct psql *ps, const PGresult *r, int i)
{
	static char		*headers[] = { "Owner", "All tables", "Inserts",
				    "Updates", "Deletes", "Truncates",
				    "Via root" };
	struct psql_table	 t;
	char			*title;
	size_t			 j;

	memset(&t, 0, sizeof t);
	t.ncols = 7;
	t.nrows = 1;
	t.headers = headers;
	t.aligns = (char *)"lllllll";
	t.cells = xcalloc(7, sizeof *t.cells);
	for (j = 0; j < 7; j++)
		t.cells[j] = PQgetvalue(r, i, (int)j + 2);
	if (strcmp(PQgetvalue(r, i, 3), "t") != 0) {
		footer_rows(ps, &t, "SELECT n.nspname, c.relname, pg_catalog."
		    "pg_get_expr(pr.prqual, c.oid), " PUB_COLUMNS " FROM "
		    "pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_class c"
		    " ON c.oid = pr.prrelid JOIN pg_catalog.pg_namespace n ON "
		    "n.oid = c.relnamespace WHERE pr.prpubid = $1::pg_catalog.oid"
		    " ORDER BY 1, 2", PQgetvalue(r, i, 0), "Tables:", 1);
		footer_rows(ps, &t, "SELECT NULL, n.nspname, NULL, NULL FROM "
		    "pg_catalog.pg_namespace n JOIN pg_catalog."
		    "pg_publication_namespace pn ON n.oid = pn.pnnspid WHERE "
		    "pn.pnpubid = $1::pg_catalog.oid ORDER BY 2",
		    PQgetvalue(r, i, 0), "Tables from schemas:", 0);
	}
	t.title = title = xprintf("Publication %s", PQgetvalue(r, i, 1));
	psql_print_table(ps, &t);
	for (j = 0; j < t.nfooters; j++)
		free(t.footers[j]);
	free(t.footers);
	free(t.cells);
	free(title);
	return 0;
}

/* \dRp[+] [PATTERN]; 0, or -1 (reported). */
static int
list_publications(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;
	PGresult	*r = NULL;
	int		 i, rc;

	buf_init(&sql);
	buf_adds(&sql, verbose ? "SELECT p.oid, p.pubname, pg_catalog."
	    "pg_get_userbyid(p.pubowner), " PUB_FLAGS : "SELECT p.pubname AS "
	    "\"Name\", pg_catalog.pg_get_userbyid(p.pubowner) AS \"Owner\", "
	    PUB_FLAGS);
	buf_adds(&sql, " FROM pg_catalog.pg_publication p WHERE true");
	rc = psql_pattern_where(ps, &sql, pattern, NULL, "p.pubname", NULL,
	    NULL);
	buf_adds(&sql, verbose ? " ORDER BY 2" : " ORDER BY 1");
	if (rc == 0 && !verbose)
		rc = psql_print_list(ps, sql.data, "List of publications");
	else if (rc == 0)
		r = psql_catalog_query(ps, sql.data);
	buf_free(&sql);
	if (rc != 0 || !verbose)
		return rc;
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 0 && !ps->quiet && pattern != NULL)
		psql_error(ps, "Did not find any publication named \"%s\".",
		    pattern);
	else if (PQntuples(r) == 0 && !ps->quiet)
		psql_error(ps, "Did not find any publications.");
	rc = PQntuples(r) == 0 ? -1 : 0;
	for (i = 0; i < PQntuples(r) && rc == 0; i++)
		rc = describe_publication(ps, r, i);
	PQclear(r);
	return rc;
}

/* \dRs[+] [PATTERN]: the subscriptions of the current database. */
static int
list_subscriptions(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT s.subname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(s.subowner) AS \"Owner\", s.subenabled AS "
	    "\"Enabled\", s.subpublications AS \"Publication\"");
	if (verbose)
		buf_adds(&sql, ", s.subbinary AS \"Binary\", s.substream AS "
		    "\"Streaming\", s.subtwophasestate AS \"Two-phase commit\", "
		    "s.subdisableonerr AS \"Disable on error\", s.subsynccommit "
		    "AS \"Synchronous commit\", s.subconninfo AS \"Conninfo\", "
		    "s.subskiplsn AS \"Skip LSN\"");
	buf_adds(&sql, " FROM pg_catalog.pg_subscription s WHERE s.subdbid = "
	    "(SELECT oid FROM pg_catalog.pg_database WHERE datname = "
	    "pg_catalog.current_database())");
	rc = psql_pattern_where(ps, &sql, pattern, NULL, "s.subname", NULL,
	    NULL);
	buf_adds(&sql, " ORDER BY 1");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of subscriptions");
	buf_free(&sql);
	return rc;
}

/* \dRp[+] and \dRs[+]: 1 when cmd is neither, else 0 or -1. */
int
psql_describe_replication(struct psql *ps, const char *cmd,
    const char *pattern)
{
	int	verbose = strchr(cmd, '+') != NULL;

	if (cmd[1] != 'R' || cmd[2] == '\0' ||
	    cmd[3 + strspn(cmd + 3, "S+")] != '\0')
		return 1;
	if (cmd[2] == 'p')
		return list_publications(ps, verbose, pattern);
	if (cmd[2] == 's')
		return list_subscriptions(ps, verbose, pattern);
	return 1;
}
