/*
 * psql-describe-footer.c: the lines psql 15 prints under the columns of
 * \d[+] on a table, partitioned table or view, in psql's order:
 * Partition of / Partition constraint, Partition key, Indexes, Check
 * constraints, Foreign-key constraints, Referenced by, Policies and
 * Statistics objects and Rules (psql-describe-attached.c), Publications
 * (psql-describe-publications.c), Triggers (psql-describe-events.c), a
 * foreign table's Server and FDW options (psql-describe-fdw.c), Inherits,
 * Child tables / Partitions (or their number), Typed table of type, then
 * (\d+) Replica Identity, the Tablespace (one that is not the database's
 * default; an index in one has ", tablespace" on its line), (\d+) Access
 * method (unless HIDE_TABLEAM) and Options; a view's \d+ has its View
 * definition and Rules, then its Triggers and (\d+) its Options; a
 * materialized view's Indexes, Statistics objects, View definition and
 * the last lines; an index has Partition of, the line of
 * psql-describe-kinds.c, a partitioned index its partitions, then the
 * Tablespace and with + (Access method and) Options; a composite type
 * has none.  The catalog queries are sqlcheck's own;
 * psql-describe.c refuses what is not printed here.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Add a footer line (taken over: freed with the table). */
void
psql_footer_add(struct psql_table *t, char *line)
{
	t->footers = xreallocarray(t->footers, t->nfooters + 1,
	    sizeof *t->footers);
	t->footers[t->nfooters++] = line;
}

/* One footer section: its heading, then one line per row of sql. */
static void
footer_section(struct psql *ps, struct psql_table *t, const char *oid,
    const char *sql, const char *heading, const char *fmt)
{
	PGresult	*r = psql_rel_query(ps, sql, oid);
	int		 i;

	if (r != NULL && PQntuples(r) > 0) {
		psql_footer_add(t, xstrdup(heading));
		for (i = 0; i < PQntuples(r); i++)
			psql_footer_add(t, xprintf(fmt, PQgetvalue(r, i, 0),
			    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2)));
	}
	PQclear(r);
}

static int
is_true(const PGresult *r, int row, int col)
{
	return strcmp(PQgetvalue(r, row, col), "t") == 0;
}

/* One line of Indexes: "name" PRIMARY KEY, btree (cols) ... */
static char *
index_line(const PGresult *r, int i)
{
	struct buf	 b;
	const char	*def = PQgetvalue(r, i, 4);
	const char	*using = strstr(def, " USING ");

	buf_init(&b);
	buf_printf(&b, "    \"%s\"", PQgetvalue(r, i, 0));
	if (strcmp(PQgetvalue(r, i, 3), "x") == 0)
		buf_printf(&b, " %s", PQgetvalue(r, i, 5));
	else {
		if (is_true(r, i, 1))
			buf_adds(&b, " PRIMARY KEY,");
		else if (is_true(r, i, 2))
			buf_adds(&b, strcmp(PQgetvalue(r, i, 3), "u") == 0 ?
			    " UNIQUE CONSTRAINT," : " UNIQUE,");
		buf_printf(&b, " %s", using != NULL ? using + 7 : def);
		/* an exclusion constraint's definition already says them */
		if (is_true(r, i, 6))
			buf_adds(&b, " DEFERRABLE");
		if (is_true(r, i, 7))
			buf_adds(&b, " INITIALLY DEFERRED");
	}
	if (is_true(r, i, 8))
		buf_adds(&b, " CLUSTER");
	if (!is_true(r, i, 9))
		buf_adds(&b, " INVALID");
	if (is_true(r, i, 10))
		buf_adds(&b, " REPLICA IDENTITY");
	if (*PQgetvalue(r, i, 11) != '\0')
		buf_printf(&b, ", tablespace \"%s\"", PQgetvalue(r, i, 11));
	return buf_detach(&b);
}

/* The Indexes section. */
static void
footer_indexes(struct psql *ps, struct psql_table *t, const char *oid)
{
	static const char sql[] =
	    "SELECT c2.relname, i.indisprimary, i.indisunique,"
	    " con.contype, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),"
	    " pg_catalog.pg_get_constraintdef(con.oid, true),"
	    " con.condeferrable, con.condeferred, i.indisclustered,"
	    " i.indisvalid, i.indisreplident, COALESCE(ts.spcname, '')"
	    " FROM pg_catalog.pg_index i"
	    " JOIN pg_catalog.pg_class c2 ON c2.oid = i.indexrelid"
	    " LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid ="
	    " c2.reltablespace"
	    " LEFT JOIN pg_catalog.pg_constraint con ON con.conrelid ="
	    " i.indrelid AND con.conindid = i.indexrelid AND con.contype IN"
	    " ('p', 'u', 'x')"
	    " WHERE i.indrelid = $1::pg_catalog.oid"
	    " ORDER BY i.indisprimary DESC, c2.relname";
	PGresult	*r = psql_rel_query(ps, sql, oid);
	int		 i;

	if (r != NULL && PQntuples(r) > 0) {
		psql_footer_add(t, xstrdup("Indexes:"));
		for (i = 0; i < PQntuples(r); i++)
			psql_footer_add(t, index_line(r, i));
	}
	PQclear(r);
}

/* Partition of (and, for \d+, its constraint); Partition key. */
static void
footer_partitioning(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	PGresult	*r;
	const char	*cons;

	if (ri->ispartition && (r = psql_rel_query(ps, "SELECT inhparent::"
	    "pg_catalog.regclass, pg_catalog.pg_get_expr(c.relpartbound, "
	    "c.oid), inhdetachpending, pg_catalog.pg_get_partition_"
	    "constraintdef(c.oid) FROM pg_catalog.pg_class c JOIN "
	    "pg_catalog.pg_inherits i ON c.oid = inhrelid WHERE c.oid = "
	    "$1::pg_catalog.oid", ri->oid)) != NULL) {
		if (PQntuples(r) > 0) {
			psql_footer_add(t, xprintf("Partition of: %s %s%s",
			    PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1),
			    is_true(r, 0, 2) ? " DETACH PENDING" : ""));
			cons = PQgetvalue(r, 0, 3);
			if (ri->verbose)
				psql_footer_add(t, *cons == '\0' ? xstrdup("No "
				    "partition constraint") : xprintf("Partition "
				    "constraint: %s", cons));
		}
		PQclear(r);
	}
	if (ri->kind == 'p' && (r = psql_rel_query(ps, "SELECT pg_catalog."
	    "pg_get_partkeydef($1::pg_catalog.oid)", ri->oid)) != NULL) {
		psql_footer_add(t, xprintf("Partition key: %s",
		    PQgetvalue(r, 0, 0)));
		PQclear(r);
	}
}

/*
 * Foreign-key constraints as psql 15 lists them: the table's own first,
 * then (a partition's) those of the partitioned tables above it, as
 * TABLE "parent" CONSTRAINT ...; the copies PostgreSQL makes in each
 * partition (conparentid) are not listed.
 */
static void
footer_foreign_keys(struct psql *ps, struct psql_table *t, const char *oid)
{
	static const char sql[] =
	    "SELECT conname, pg_catalog.pg_get_constraintdef(oid, true), "
	    "CASE WHEN conrelid = $1::pg_catalog.oid THEN '' ELSE "
	    "conrelid::pg_catalog.regclass::pg_catalog.text END "
	    "FROM pg_catalog.pg_constraint WHERE conrelid IN (SELECT "
	    "relid::pg_catalog.oid FROM pg_catalog.pg_partition_ancestors("
	    "$1::pg_catalog.oid) UNION ALL SELECT $1::pg_catalog.oid) "
	    "AND contype = 'f' AND conparentid = 0 "
	    "ORDER BY conrelid = $1::pg_catalog.oid DESC, conname";
	PGresult	*r = psql_rel_query(ps, sql, oid);
	const char	*on;
	int		 i;

	if (r != NULL && PQntuples(r) > 0) {
		psql_footer_add(t, xstrdup("Foreign-key constraints:"));
		for (i = 0; i < PQntuples(r); i++) {
			on = PQgetvalue(r, i, 2);
			psql_footer_add(t, *on == '\0' ? xprintf("    \"%s\" %s",
			    PQgetvalue(r, i, 0), PQgetvalue(r, i, 1)) :
			    xprintf("    TABLE \"%s\" CONSTRAINT \"%s\" %s", on,
			    PQgetvalue(r, i, 0), PQgetvalue(r, i, 1)));
		}
	}
	PQclear(r);
}

/*
 * Check constraints, foreign keys, and the foreign keys that reference
 * the table or (a partition) a partitioned table above it.
 */
static void
footer_constraints(struct psql *ps, struct psql_table *t, const char *oid)
{
	footer_section(ps, t, oid, "SELECT conname, pg_catalog."
	    "pg_get_constraintdef(oid, true), '' FROM pg_catalog."
	    "pg_constraint WHERE conrelid = $1::pg_catalog.oid AND contype ="
	    " 'c' ORDER BY 1", "Check constraints:", "    \"%s\" %s%s");
	footer_foreign_keys(ps, t, oid);
	footer_section(ps, t, oid, "SELECT conrelid::pg_catalog.regclass, "
	    "conname, pg_catalog.pg_get_constraintdef(oid, true) FROM "
	    "pg_catalog.pg_constraint WHERE confrelid IN (SELECT relid::"
	    "pg_catalog.oid FROM pg_catalog.pg_partition_ancestors($1::"
	    "pg_catalog.oid) UNION ALL SELECT $1::pg_catalog.oid) AND "
	    "contype = 'f' AND conparentid = 0 ORDER BY conname",
	    "Referenced by:", "    TABLE \"%s\" CONSTRAINT \"%s\" %s");
}

/* "Heading: first," then the others under it, as psql lists them. */
static void
footer_list(struct psql_table *t, const char *heading, const PGresult *r,
    int partitions)
{
	struct buf	 b;
	int		 i, n = PQntuples(r);

	for (i = 0; i < n; i++) {
		buf_init(&b);
		if (i == 0)
			buf_printf(&b, "%s: %s", heading, PQgetvalue(r, i, 0));
		else
			buf_printf(&b, "%*s  %s", (int)strlen(heading), "",
			    PQgetvalue(r, i, 0));
		if (partitions) {
			if (!PQgetisnull(r, i, 3))	/* NULL for an index */
				buf_printf(&b, " %s", PQgetvalue(r, i, 3));
			if (strchr("pI", *PQgetvalue(r, i, 1)) != NULL)
				buf_adds(&b, ", PARTITIONED");	/* psql 15: no FOREIGN */
			if (is_true(r, i, 2))
				buf_adds(&b, " (DETACH PENDING)");
		}
		if (i < n - 1)
			buf_addc(&b, ',');
		psql_footer_add(t, buf_detach(&b));
	}
}

/* Inherits, and the child tables or partitions (or their number). */
static void
footer_inheritance(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	PGresult	*r;
	int		 part = ri->kind == 'p' || ri->kind == 'I', n;

	r = psql_rel_query(ps, "SELECT c.oid::pg_catalog.regclass FROM "
	    "pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = "
	    "i.inhparent WHERE i.inhrelid = $1::pg_catalog.oid AND c.relkind"
	    " NOT IN ('p', 'I') ORDER BY inhseqno", ri->oid);
	if (r != NULL)
		footer_list(t, "Inherits", r, 0);
	PQclear(r);
	r = psql_rel_query(ps, "SELECT c.oid::pg_catalog.regclass, c.relkind, "
	    "inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
	    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON "
	    "c.oid = i.inhrelid WHERE i.inhparent = $1::pg_catalog.oid ORDER"
	    " BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', "
	    "c.oid::pg_catalog.regclass::pg_catalog.text", ri->oid);
	if (r == NULL)
		return;
	n = PQntuples(r);
	if (part && n == 0)
		psql_footer_add(t, xstrdup("Number of partitions: 0"));
	else if (!ri->verbose && n > 0)
		psql_footer_add(t, xprintf("Number of %s: %d (Use \\d+ to list "
		    "them.)", part ? "partitions" : "child tables", n));
	else if (n > 0)
		footer_list(t, part ? "Partitions" : "Child tables", r, part);
	PQclear(r);
}

/*
 * The last footers: (\d+) Replica Identity, the Tablespace (not the
 * database's default), (\d+) Access method and Options.
 */
static void
footer_tail(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	int	sys = strcmp(ri->nspname, "pg_catalog") == 0;

	if (ri->verbose && (ri->kind == 'r' || ri->kind == 'm') &&
	    ri->replident != 'i' &&
	    ((!sys && ri->replident != 'd') || (sys && ri->replident !=
	    'n')))
		psql_footer_add(t, xprintf("Replica Identity: %s",
		    ri->replident == 'f' ? "FULL" : ri->replident == 'n' ?
		    "NOTHING" : "???"));
	if (*ri->tablespace != '\0')
		psql_footer_add(t, xprintf("Tablespace: \"%s\"",
		    ri->tablespace));
	if (ri->verbose && *ri->amname != '\0' && ri->kind != 'i' &&
	    !psql_var_on(ps, "HIDE_TABLEAM"))
		psql_footer_add(t, xprintf("Access method: %s", ri->amname));
	if (ri->verbose && *ri->options != '\0')
		psql_footer_add(t, xprintf("Options: %s", ri->options));
}

/* A view's definition (\d+ only). */
static void
footer_view(struct psql *ps, struct psql_table *t, const char *oid)
{
	PGresult	*r;

	r = psql_rel_query(ps, "SELECT pg_catalog.pg_get_viewdef("
	    "$1::pg_catalog.oid, true)", oid);
	if (r != NULL && PQntuples(r) > 0)
		psql_footer_add(t, xprintf("View definition:\n%s",
		    PQgetvalue(r, 0, 0)));
	PQclear(r);
}

/* A TOAST table's "Owning table". */
static void
footer_owning_table(struct psql *ps, struct psql_table *t, const char *oid)
{
	PGresult	*r;

	r = psql_rel_query(ps, "SELECT n.nspname, c.relname FROM pg_catalog."
	    "pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
	    "c.relnamespace WHERE c.reltoastrelid = $1::pg_catalog.oid", oid);
	if (r != NULL && PQntuples(r) == 1)
		psql_footer_add(t, xprintf("Owning table: \"%s.%s\"",
		    PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1)));
	PQclear(r);
}

/* The footers of \d[+] on the relation ri (a table or a view). */
void
psql_relation_footers(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	if (ri->kind == 'i' || ri->kind == 'I') {
		footer_partitioning(ps, t, ri);
		psql_index_footers(ps, t, ri);
		if (ri->kind == 'I')
			footer_inheritance(ps, t, ri);
		footer_tail(ps, t, ri);
		return;
	}
	if (ri->kind == 'c')
		return;
	if (ri->kind == 't') {
		footer_owning_table(ps, t, ri->oid);
		footer_indexes(ps, t, ri->oid);
		footer_tail(ps, t, ri);
		return;
	}
	if (ri->kind == 'v') {
		if (ri->verbose) {
			footer_view(ps, t, ri->oid);
			psql_view_rule_footers(ps, t, ri->oid);
		}
		psql_trigger_footers(ps, t, ri->oid);
		/* WITH CHECK OPTION, security_barrier: as psql, after all */
		if (ri->verbose && *ri->options != '\0')
			psql_footer_add(t, xprintf("Options: %s", ri->options));
		return;
	}
	if (ri->kind == 'm') {
		footer_indexes(ps, t, ri->oid);
		psql_statistics_footers(ps, t, ri->oid);
		if (ri->verbose)
			footer_view(ps, t, ri->oid);
		footer_tail(ps, t, ri);
		return;
	}
	footer_partitioning(ps, t, ri);
	footer_indexes(ps, t, ri->oid);
	footer_constraints(ps, t, ri->oid);
	psql_policy_footers(ps, t, ri);
	psql_statistics_footers(ps, t, ri->oid);
	psql_rule_footers(ps, t, ri->oid);
	psql_publication_footers(ps, t, ri->oid);
	psql_trigger_footers(ps, t, ri->oid);
	if (ri->kind == 'f')
		psql_foreign_table_footers(ps, t, ri->oid);
	footer_inheritance(ps, t, ri);
	if (*ri->oftype != '\0')
		psql_footer_add(t, xprintf("Typed table of type: %s",
		    ri->oftype));
	footer_tail(ps, t, ri);
}
