/*
 * psql-describe-events.c: the footers of \d[+] on what fires on a
 * relation, as psql 15 prints them: its rules (by how they fire:
 * Rules, Disabled rules, Rules firing always, on replica only), the
 * publications a table is in (with a column list and a row filter),
 * and its triggers in the same categories (a trigger a partition
 * inherits is followed by ", ON TABLE" and the table it comes from).
 * A view's rules are listed by \d+ under its definition.  The catalog
 * queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The categories of tgenabled / ev_enabled, in psql's order. */
static const struct category {
	const char	*codes;		/* the enabled codes of the category */
	int		 internal;	/* triggers: -1 any, 0 user, 1 internal */
	const char	*rule_heading;
	const char	*trigger_heading;
} categories[] = {
	{ "Ot", -1, "Rules:", "Triggers:" },
	{ "Df", 0, "Disabled rules:", "Disabled user triggers:" },
	{ "Df", 1, NULL, "Disabled internal triggers:" },
	{ "A", -1, "Rules firing always:", "Triggers firing always:" },
	{ "R", -1, "Rules firing on replica only:",
	    "Triggers firing on replica only:" },
};

/* Does row i of r (enabled code in column 2) belong to category c? */
static int
in_category(const PGresult *r, int i, const struct category *c,
    int triggers)
{
	const char	*enabled = PQgetvalue(r, i, 2);
	int		 internal;

	if (*enabled == '\0' || strchr(c->codes, *enabled) == NULL)
		return 0;
	if (!triggers || c->internal < 0)
		return 1;
	internal = strcmp(PQgetvalue(r, i, 3), "t") == 0;
	return internal == c->internal;
}

/* A rule's definition after "CREATE RULE ", as psql echoes it. */
static const char *
rule_text(const char *def)
{
	return strlen(def) > 12 ? def + 12 : "";
}

/* A table's rules (not a materialized view's), by category. */
void
psql_rule_footers(struct psql *ps, struct psql_table *t, const char *oid)
{
	PGresult	*r;
	size_t		 c;
	int		 i, heading;

	r = psql_rel_query(ps, "SELECT r.rulename, pg_catalog.rtrim("
	    "pg_catalog.pg_get_ruledef(r.oid, true), ';'), r.ev_enabled "
	    "FROM pg_catalog.pg_rewrite r WHERE r.ev_class = "
	    "$1::pg_catalog.oid ORDER BY 1", oid);
	if (r == NULL)
		return;
	for (c = 0; c < sizeof categories / sizeof *categories; c++) {
		if (categories[c].rule_heading == NULL)
			continue;
		heading = 0;
		for (i = 0; i < PQntuples(r); i++) {
			if (!in_category(r, i, &categories[c], 0))
				continue;
			if (!heading++)
				psql_footer_add(t, xstrdup(
				    categories[c].rule_heading));
			psql_footer_add(t, xprintf("    %s",
			    rule_text(PQgetvalue(r, i, 1))));
		}
	}
	PQclear(r);
}

/* \d+ on a view: its rules other than _RETURN, under "Rules:". */
void
psql_view_rule_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	PGresult	*r;
	int		 i;

	r = psql_rel_query(ps, "SELECT r.rulename, pg_catalog.rtrim("
	    "pg_catalog.pg_get_ruledef(r.oid, true), ';') FROM "
	    "pg_catalog.pg_rewrite r WHERE r.ev_class = $1::pg_catalog.oid "
	    "AND r.rulename <> '_RETURN' ORDER BY 1", oid);
	if (r == NULL)
		return;
	if (PQntuples(r) > 0)
		psql_footer_add(t, xstrdup("Rules:"));
	for (i = 0; i < PQntuples(r); i++)
		psql_footer_add(t, xprintf(" %s",
		    rule_text(PQgetvalue(r, i, 1))));
	PQclear(r);
}

/* The publications a table is in: by schema, by name, all tables. */
void
psql_publication_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	PGresult	*r;
	struct buf	 b;
	int		 i;

	r = psql_rel_query(ps, "SELECT p.pubname, NULL, NULL FROM "
	    "pg_catalog.pg_publication p JOIN "
	    "pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid "
	    "JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid "
	    "WHERE pc.oid = $1::pg_catalog.oid AND "
	    "pg_catalog.pg_relation_is_publishable($1::pg_catalog.oid) "
	    "UNION SELECT p.pubname, pg_catalog.pg_get_expr(pr.prqual, "
	    "pr.prrelid), CASE WHEN pr.prattrs IS NOT NULL THEN (SELECT "
	    "pg_catalog.string_agg(a.attname, ', ') FROM "
	    "pg_catalog.generate_series(0, pg_catalog.array_upper("
	    "pr.prattrs::pg_catalog.int2[], 1)) s, pg_catalog.pg_attribute a"
	    " WHERE a.attrelid = pr.prrelid AND a.attnum = pr.prattrs[s]) "
	    "END FROM pg_catalog.pg_publication p JOIN "
	    "pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid WHERE "
	    "pr.prrelid = $1::pg_catalog.oid UNION SELECT p.pubname, NULL, "
	    "NULL FROM pg_catalog.pg_publication p WHERE p.puballtables AND "
	    "pg_catalog.pg_relation_is_publishable($1::pg_catalog.oid) "
	    "ORDER BY 1", oid);
	if (r == NULL)
		return;
	if (PQntuples(r) > 0)
		psql_footer_add(t, xstrdup("Publications:"));
	for (i = 0; i < PQntuples(r); i++) {
		buf_init(&b);
		buf_printf(&b, "    \"%s\"", PQgetvalue(r, i, 0));
		if (!PQgetisnull(r, i, 2))
			buf_printf(&b, " (%s)", PQgetvalue(r, i, 2));
		if (!PQgetisnull(r, i, 1))
			buf_printf(&b, " WHERE %s", PQgetvalue(r, i, 1));
		psql_footer_add(t, buf_detach(&b));
	}
	PQclear(r);
}

/* One trigger line: its definition after " TRIGGER ", and its origin. */
static char *
trigger_line(const PGresult *r, int i)
{
	const char	*def = PQgetvalue(r, i, 1);
	const char	*after = strstr(def, " TRIGGER ");

	if (after != NULL)
		def = after + 9;
	if (PQgetisnull(r, i, 4))
		return xprintf("    %s", def);
	return xprintf("    %s, ON TABLE %s", def, PQgetvalue(r, i, 4));
}

/*
 * The user's triggers (and disabled internal ones) by category; a
 * partition's inherited trigger names the topmost table it comes from.
 */
void
psql_trigger_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	PGresult	*r;
	size_t		 c;
	int		 i, heading;

	r = psql_rel_query(ps, "SELECT t.tgname, pg_catalog."
	    "pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal, "
	    "CASE WHEN t.tgparentid <> 0 THEN (SELECT u.tgrelid::"
	    "pg_catalog.regclass FROM pg_catalog.pg_trigger u, "
	    "pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY "
	    "AS a(relid, depth) WHERE u.tgname = t.tgname AND u.tgrelid = "
	    "a.relid AND u.tgparentid = 0 ORDER BY a.depth LIMIT 1) END "
	    "FROM pg_catalog.pg_trigger t WHERE t.tgrelid = "
	    "$1::pg_catalog.oid AND (NOT t.tgisinternal OR t.tgenabled = "
	    "'D') ORDER BY 1", oid);
	if (r == NULL)
		return;
	for (c = 0; c < sizeof categories / sizeof *categories; c++) {
		heading = 0;
		for (i = 0; i < PQntuples(r); i++) {
			if (!in_category(r, i, &categories[c], 1))
				continue;
			if (!heading++)
				psql_footer_add(t, xstrdup(
				    categories[c].trigger_heading));
			psql_footer_add(t, trigger_line(r, i));
		}
	}
	PQclear(r);
}
