/*
 * psql-describe-events.c: the footers of \d[+] on the triggers of a
 * table or view, as psql 15 prints them, by how they fire (Triggers,
 * Disabled user triggers, Disabled internal triggers, Triggers firing
 * always, on replica only; a trigger a partition inherits is followed
 * by ", ON TABLE" and the table it comes from), and a view's rules,
 * listed by \d+ under its definition (a table's rules are in
 * psql-describe-attached.c).  The catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The categories of tgenabled, in psql's order. */
static const struct category {
	const char	*codes;		/* the tgenabled codes of the category */
	int		 internal;	/* -1 any, 0 user, 1 internal triggers */
	const char	*heading;
} categories[] = {
	{ "Ot", -1, "Triggers:" },
	{ "Df", 0, "Disabled user triggers:" },
	{ "Df", 1, "Disabled internal triggers:" },
	{ "A", -1, "Triggers firing always:" },
	{ "R", -1, "Triggers firing on replica only:" },
};

/* Does row i of r (tgenabled in column 2) belong to category c? */
static int
in_category(const PGresult *r, int i, const struct category *c)
{
	const char	*enabled = PQgetvalue(r, i, 2);

	if (*enabled == '\0' || strchr(c->codes, *enabled) == NULL)
		return 0;
	return c->internal < 0 || c->internal ==
	    (strcmp(PQgetvalue(r, i, 3), "t") == 0);
}

/* A rule's definition after "CREATE RULE ", as psql echoes it. */
static const char *
rule_text(const char *def)
{
	return strlen(def) > 12 ? def + 12 : "";
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
			if (!in_category(r, i, &categories[c]))
				continue;
			if (!heading++)
				psql_footer_add(t, xstrdup(
				    categories[c].heading));
			psql_footer_add(t, trigger_line(r, i));
		}
	}
	PQclear(r);
}
