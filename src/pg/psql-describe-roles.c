/*
 * psql-describe-roles.c: psql 15's \du and \dg [S+] [PATTERN]: List of
 * roles, with the Attributes column psql composes (Superuser, No
 * inheritance, Create role, Create DB, Cannot login, Replication,
 * Bypass RLS; then the connection limit and "Password valid until" on
 * lines of their own), Member of, and with + the Description.  No row
 * count, as psql.  The catalog query is sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Add ", attr" (or attr first) when the column col of row i is want. */
static void
add_attr(struct buf *b, const PGresult *r, int i, int col,
    const char *want, const char *attr)
{
	if (strcmp(PQgetvalue(r, i, col), want) != 0)
		return;
	if (b->len > 0)
		buf_adds(b, ", ");
	buf_adds(b, attr);
}

/* The Attributes cell of row i.  Caller frees. */
static char *
role_attributes(const PGresult *r, int i)
{
	struct buf	 b;
	int		 conns = atoi(PQgetvalue(r, i, 6));

	buf_init(&b);
	add_attr(&b, r, i, 1, "t", "Superuser");
	add_attr(&b, r, i, 2, "f", "No inheritance");
	add_attr(&b, r, i, 3, "t", "Create role");
	add_attr(&b, r, i, 4, "t", "Create DB");
	add_attr(&b, r, i, 5, "f", "Cannot login");
	add_attr(&b, r, i, 9, "t", "Replication");
	add_attr(&b, r, i, 10, "t", "Bypass RLS");
	if (conns >= 0) {
		if (b.len > 0)
			buf_addc(&b, '\n');
		if (conns == 0)
			buf_adds(&b, "No connections");
		else
			buf_printf(&b, "%d connection%s", conns, conns == 1 ?
			    "" : "s");
	}
	if (*PQgetvalue(r, i, 7) != '\0') {
		if (b.len > 0)
			buf_addc(&b, '\n');
		buf_printf(&b, "Password valid until %s", PQgetvalue(r, i, 7));
	}
	return buf_detach(&b);
}

/* Print the roles of r as psql's table (no row count). */
static void
print_roles(struct psql *ps, const PGresult *r, int verbose)
{
	static char	*headers[] = { "Role name", "Attributes", "Member of",
			    "Description" };
	struct psql_table t;
	char		*none = NULL;
	size_t		 i, nc = verbose ? 4 : 3;

	memset(&t, 0, sizeof t);
	t.ncols = (int)nc;
	t.nrows = (size_t)PQntuples(r);
	t.headers = headers;
	t.aligns = (char *)"llll";
	t.title = "List of roles";
	t.footers = &none;
	t.cells = xcalloc(t.nrows * nc + 1, sizeof *t.cells);
	for (i = 0; i < t.nrows; i++) {
		t.cells[i * nc] = PQgetvalue(r, (int)i, 0);
		t.cells[i * nc + 1] = role_attributes(r, (int)i);
		t.cells[i * nc + 2] = PQgetvalue(r, (int)i, 8);
		if (verbose)
			t.cells[i * nc + 3] = PQgetvalue(r, (int)i, 11);
	}
	psql_print_table(ps, &t);
	for (i = 0; i < t.nrows; i++)
		free(t.cells[i * nc + 1]);
	free(t.cells);
}

/* \du[S+] / \dg[S+] [PATTERN]; 0, or -1 (reported). */
int
psql_describe_roles(struct psql *ps, const char *cmd, const char *pattern)
{
	struct buf	 sql;
	PGresult	*r = NULL;
	int		 verbose = strchr(cmd, '+') != NULL;

	buf_init(&sql);
	buf_adds(&sql, "SELECT r.rolname, r.rolsuper, r.rolinherit, "
	    "r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolconnlimit, "
	    "r.rolvaliduntil, ARRAY(SELECT b.rolname FROM pg_catalog."
	    "pg_auth_members m JOIN pg_catalog.pg_roles b ON m.roleid = "
	    "b.oid WHERE m.member = r.oid), r.rolreplication, "
	    "r.rolbypassrls, pg_catalog.shobj_description(r.oid, "
	    "'pg_authid') FROM pg_catalog.pg_roles r WHERE true");
	if (strchr(cmd, 'S') == NULL && pattern == NULL)
		buf_adds(&sql, " AND r.rolname !~ '^pg_'");
	if (psql_pattern_where(ps, &sql, pattern, NULL, "r.rolname", NULL,
	    NULL) == 0) {
		buf_adds(&sql, " ORDER BY 1");
		r = psql_catalog_query(ps, sql.data);
	}
	buf_free(&sql);
	if (r == NULL)
		return -1;
	print_roles(ps, r, verbose);
	PQclear(r);
	return 0;
}
