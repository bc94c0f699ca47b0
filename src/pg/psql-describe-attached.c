/*
 * psql-describe-attached.c: two footers of \d on a table, about objects
 * attached to it, as psql 15 prints them: its row security policies
 * ("Policies:", "Policies (forced row security enabled):", "Policies
 * (row security disabled):", "... (none)"; each POLICY with AS
 * RESTRICTIVE, FOR, TO, USING and WITH CHECK lines) and its extended
 * statistics ("Statistics objects:", kinds unless all, columns, table,
 * non-default target) and its rules (by when they fire).  The catalog
 * queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The heading of the Policies footer, or NULL for none. */
static const char *
policies_heading(const struct psql_relinfo *ri, int n)
{
	if (ri->rowsecurity && n > 0)
		return ri->forcerowsecurity ? "Policies (forced row security "
		    "enabled):" : "Policies:";
	if (ri->rowsecurity)
		return ri->forcerowsecurity ? "Policies (forced row security "
		    "enabled): (none)" : "Policies (row security enabled): "
		    "(none)";
	return n > 0 ? "Policies (row security disabled):" : NULL;
}

/* One policy: POLICY "name" [AS RESTRICTIVE] [FOR cmd] and its lines. */
static char *
policy_line(const PGresult *r, int i)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "    POLICY \"%s\"", PQgetvalue(r, i, 0));
	if (strcmp(PQgetvalue(r, i, 1), "f") == 0)
		buf_adds(&b, " AS RESTRICTIVE");
	if (!PQgetisnull(r, i, 5))
		buf_printf(&b, " FOR %s", PQgetvalue(r, i, 5));
	if (!PQgetisnull(r, i, 2))
		buf_printf(&b, "\n      TO %s", PQgetvalue(r, i, 2));
	if (!PQgetisnull(r, i, 3))
		buf_printf(&b, "\n      USING (%s)", PQgetvalue(r, i, 3));
	if (!PQgetisnull(r, i, 4))
		buf_printf(&b, "\n      WITH CHECK (%s)", PQgetvalue(r, i, 4));
	return buf_detach(&b);
}

/* The Policies footer of a table. */
void
psql_policy_footers(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	static const char sql[] =
	    "SELECT pol.polname, pol.polpermissive, CASE WHEN pol.polroles ="
	    " '{0}' THEN NULL ELSE pg_catalog.array_to_string(ARRAY(SELECT "
	    "rolname FROM pg_catalog.pg_roles WHERE oid = ANY (pol.polroles) "
	    "ORDER BY 1), ',') END, pg_catalog.pg_get_expr(pol.polqual, "
	    "pol.polrelid), pg_catalog.pg_get_expr(pol.polwithcheck, "
	    "pol.polrelid), CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' "
	    "THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' END"
	    " FROM pg_catalog.pg_policy pol WHERE pol.polrelid = "
	    "$1::pg_catalog.oid ORDER BY 1";
	PGresult	*r = psql_rel_query(ps, sql, ri->oid);
	const char	*heading;
	int		 i;

	if (r == NULL)
		return;
	if ((heading = policies_heading(ri, PQntuples(r))) != NULL)
		psql_footer_add(t, xstrdup(heading));
	for (i = 0; i < PQntuples(r); i++)
		psql_footer_add(t, policy_line(r, i));
	PQclear(r);
}

/* One statistics object: "nsp.name" [(kinds)] ON cols FROM table. */
static char *
statistics_line(const PGresult *r, int i)
{
	struct buf	 b;
	int		 nd = strcmp(PQgetvalue(r, i, 4), "t") == 0;
	int		 dep = strcmp(PQgetvalue(r, i, 5), "t") == 0;
	int		 mcv = strcmp(PQgetvalue(r, i, 6), "t") == 0;

	buf_init(&b);
	buf_printf(&b, "    \"%s.%s\"", PQgetvalue(r, i, 1),
	    PQgetvalue(r, i, 2));
	if ((nd || dep || mcv) && !(nd && dep && mcv))
		buf_printf(&b, " (%s%s%s%s%s)", nd ? "ndistinct" : "",
		    nd && dep ? ", " : "", dep ? "dependencies" : "",
		    (nd || dep) && mcv ? ", " : "", mcv ? "mcv" : "");
	buf_printf(&b, " ON %s FROM %s", PQgetvalue(r, i, 3),
	    PQgetvalue(r, i, 0));
	if (!PQgetisnull(r, i, 7) && strcmp(PQgetvalue(r, i, 7), "-1") != 0)
		buf_printf(&b, "; STATISTICS %s", PQgetvalue(r, i, 7));
	return buf_detach(&b);
}

/* The Statistics objects footer of a table. */
void
psql_statistics_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	static const char sql[] =
	    "SELECT stxrelid::pg_catalog.regclass, stxnamespace::"
	    "pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname, "
	    "pg_catalog.pg_get_statisticsobjdef_columns(oid), 'd' = "
	    "ANY (stxkind), 'f' = ANY (stxkind), 'm' = ANY (stxkind), "
	    "stxstattarget FROM pg_catalog.pg_statistic_ext WHERE stxrelid ="
	    " $1::pg_catalog.oid ORDER BY nsp, stxname";
	PGresult	*r = psql_rel_query(ps, sql, oid);
	int		 i;

	if (r == NULL)
		return;
	if (PQntuples(r) > 0)
		psql_footer_add(t, xstrdup("Statistics objects:"));
	for (i = 0; i < PQntuples(r); i++)
		psql_footer_add(t, statistics_line(r, i));
	PQclear(r);
}

/*
 * The rules of a table, by when they fire: "Rules:", "Disabled rules:",
 * "Rules firing always:", "Rules firing on replica only:", each rule
 * as its definition after "CREATE RULE ".
 */
void
psql_rule_footers(struct psql *ps, struct psql_table *t, const char *oid)
{
	static const char *const heading[] = { "Rules:", "Disabled rules:",
	    "Rules firing always:", "Rules firing on replica only:" };
	static const char enabled[] = "ODAR";
	PGresult	*r = psql_rel_query(ps, "SELECT pg_catalog.rtrim("
	    "pg_catalog.pg_get_ruledef(r.oid, true), ';'), r.ev_enabled FROM "
	    "pg_catalog.pg_rewrite r WHERE r.ev_class = $1::pg_catalog.oid "
	    "ORDER BY r.rulename", oid);
	const char	*def;
	int		 i, k, headed;

	for (k = 0; r != NULL && k < 4; k++) {
		headed = 0;
		for (i = 0; i < PQntuples(r); i++) {
			if (*PQgetvalue(r, i, 1) != enabled[k])
				continue;
			if (!headed)
				psql_footer_add(t, xstrdup(heading[k]));
			headed = 1;
			def = PQgetvalue(r, i, 0);
			psql_footer_add(t, xprintf("    %s", strlen(def) > 12 ?
			    def + 12 : def));
		}
	}
	PQclear(r);
}
