/*
 * psql-describe-kinds.c: \d[+] on an index and on a sequence, as psql
 * 15 prints them.  An index: the columns Column, Type, Key?, Definition
 * (\d+ adds Storage and Stats target) and the line "primary key|unique,
 * AM, for table "S.T"[, predicate (...)][, clustered][, invalid]..."
 * (psql-describe-footer.c adds Partition of, a partitioned index's
 * partitions, and with + Access method and Options).  A sequence: its
 * parameters as a one-row table without a row count, then "Owned by" or
 * "Sequence for identity column".
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The column query and headers of \d[+] on an index; the count. */
int
psql_index_columns(const struct psql_relinfo *ri, char **headers,
    struct buf *sql)
{
	int	n = 4;

	headers[2] = "Key?";
	headers[3] = "Definition";
	buf_adds(sql, "SELECT a.attname, pg_catalog.format_type(a.atttypid,"
	    " a.atttypmod), CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM"
	    " pg_catalog.pg_index i WHERE i.indexrelid = a.attrelid) THEN "
	    "'yes' ELSE 'no' END, pg_catalog.pg_get_indexdef(a.attrelid, "
	    "a.attnum, true)");
	if (ri->verbose) {
		headers[n++] = "Storage";
		headers[n++] = "Stats target";
		buf_adds(sql, ", CASE a.attstorage WHEN 'p' THEN 'plain' WHEN "
		    "'e' THEN 'external' WHEN 'm' THEN 'main' WHEN 'x' THEN "
		    "'extended' ELSE '?\?\?' END, CASE WHEN a.attstattarget = -1"
		    " THEN NULL ELSE a.attstattarget END");
	}
	buf_adds(sql, " FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
	    "$1::pg_catalog.oid AND a.attnum > 0 AND NOT a.attisdropped "
	    "ORDER BY a.attnum");
	return n;
}

static int
is_true(const PGresult *r, int col)
{
	return strcmp(PQgetvalue(r, 0, col), "t") == 0;
}

/* The index's line: kind, access method, table and properties. */
static char *
index_line(const PGresult *r, const char *nspname)
{
	struct buf	 b;

	buf_init(&b);
	if (is_true(r, 1))
		buf_adds(&b, "primary key, ");
	else if (is_true(r, 0))
		buf_adds(&b, is_true(r, 7) ? "unique nulls not distinct, " :
		    "unique, ");
	buf_printf(&b, "%s, for table \"%s.%s\"", PQgetvalue(r, 0, 8),
	    nspname, PQgetvalue(r, 0, 9));
	if (*PQgetvalue(r, 0, 10) != '\0')
		buf_printf(&b, ", predicate (%s)", PQgetvalue(r, 0, 10));
	if (is_true(r, 2))
		buf_adds(&b, ", clustered");
	if (!is_true(r, 3))
		buf_adds(&b, ", invalid");
	if (is_true(r, 4))
		buf_adds(&b, ", deferrable");
	if (is_true(r, 5))
		buf_adds(&b, ", initially deferred");
	if (is_true(r, 6))
		buf_adds(&b, ", replica identity");
	return buf_detach(&b);
}

/* The footers of \d[+] on an index. */
void
psql_index_footers(struct psql *ps, struct psql_table *t,
    const struct psql_relinfo *ri)
{
	static const char sql[] =
	    "SELECT i.indisunique, i.indisprimary, i.indisclustered, "
	    "i.indisvalid, NOT i.indimmediate AND EXISTS (SELECT 1 FROM "
	    "pg_catalog.pg_constraint k WHERE k.conrelid = i.indrelid AND "
	    "k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x') AND "
	    "k.condeferrable), NOT i.indimmediate AND EXISTS (SELECT 1 FROM "
	    "pg_catalog.pg_constraint k WHERE k.conrelid = i.indrelid AND "
	    "k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x') AND "
	    "k.condeferred), i.indisreplident, i.indnullsnotdistinct, "
	    "a.amname, t.relname, pg_catalog.pg_get_expr(i.indpred, "
	    "i.indrelid, true) FROM pg_catalog.pg_index i JOIN "
	    "pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN "
	    "pg_catalog.pg_class t ON t.oid = i.indrelid JOIN "
	    "pg_catalog.pg_am a ON a.oid = c.relam WHERE i.indexrelid = "
	    "$1::pg_catalog.oid";
	PGresult	*r = psql_rel_query(ps, sql, ri->oid);

	if (r != NULL && PQntuples(r) == 1)
		psql_footer_add(t, index_line(r, ri->nspname));
	PQclear(r);
}

/* "Owned by" / "Sequence for identity column", or NULL.  Caller frees. */
static char *
sequence_owner(struct psql *ps, const char *oid)
{
	static const char sql[] =
	    "SELECT pg_catalog.quote_ident(n.nspname) || '.' || "
	    "pg_catalog.quote_ident(c.relname) || '.' || "
	    "pg_catalog.quote_ident(a.attname), d.deptype FROM "
	    "pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = "
	    "d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = "
	    "c.relnamespace JOIN pg_catalog.pg_attribute a ON a.attrelid = "
	    "c.oid AND a.attnum = d.refobjsubid WHERE d.classid = "
	    "'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = "
	    "'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = "
	    "$1::pg_catalog.oid AND d.deptype IN ('a', 'i')";
	PGresult	*r = PQexecParams(ps->conn, sql, 1, NULL, &oid, NULL,
			    NULL, 0);
	char		*line = NULL;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
		line = xprintf("%s: %s", strcmp(PQgetvalue(r, 0, 1), "i") ==
		    0 ? "Sequence for identity column" : "Owned by",
		    PQgetvalue(r, 0, 0));
	PQclear(r);
	return line;
}

/* \d[+] on a sequence: its parameters under title, and its owner. */
int
psql_describe_sequence(struct psql *ps, const struct psql_relinfo *ri,
    const char *title)
{
	static const char sql[] =
	    "SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\", "
	    "seqstart AS \"Start\", seqmin AS \"Minimum\", seqmax AS "
	    "\"Maximum\", seqincrement AS \"Increment\", CASE WHEN seqcycle "
	    "THEN 'yes' ELSE 'no' END AS \"Cycles?\", seqcache AS \"Cache\" "
	    "FROM pg_catalog.pg_sequence WHERE seqrelid = $1::pg_catalog.oid";
	PGresult	*r = psql_rel_query(ps, sql, ri->oid);
	char		*owner;

	if (r == NULL)
		return -1;
	owner = sequence_owner(ps, ri->oid);
	psql_print_footed(ps, r, title, owner);
	free(owner);
	PQclear(r);
	return 0;
}
