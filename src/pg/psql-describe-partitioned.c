/*
 * psql-describe-partitioned.c: psql 15's \dP[itn+] [PATTERN] (List of
 * partitioned relations, tables or indexes): t for tables, i for
 * indexes (neither or both: both, with a Type column), n (or a
 * pattern) for the nested ones too, with their Parent name; + adds
 * the sizes (Leaf partition size with n) and Description.  The catalog
 * query is sqlcheck's own.
 */
#include <string.h>

#include "psql.h"

/* The size columns of \dP+ (from the lateral s) and Description. */
static void
verbose_columns(struct buf *sql, int leaf_size)
{
	if (leaf_size)
		buf_adds(sql, ", s.dps AS \"Leaf partition size\"");
	buf_adds(sql, ", s.tps AS \"Total size\", pg_catalog.obj_description("
	    "c.oid, 'pg_class') AS \"Description\"");
}

/* The relations, their joins and psql's filters. */
static void
from_where(struct buf *sql, int tables, int indexes, int nested,
    int verbose, const char *pattern)
{
	buf_adds(sql, " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog."
	    "pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_catalog."
	    "pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class "
	    "c2 ON i.indrelid = c2.oid LEFT JOIN pg_catalog.pg_inherits inh ON"
	    " c.oid = inh.inhrelid");
	if (verbose)
		buf_adds(sql, ", LATERAL (SELECT pg_catalog.pg_size_pretty(sum("
		    "CASE WHEN t.isleaf AND t.level = 1 THEN pg_catalog."
		    "pg_table_size(t.relid) ELSE 0 END)) AS dps, pg_catalog."
		    "pg_size_pretty(sum(pg_catalog.pg_table_size(t.relid))) AS "
		    "tps FROM pg_catalog.pg_partition_tree(c.oid) t) s");
	buf_printf(sql, " WHERE c.relkind IN (%s)", tables && indexes ?
	    "'p', 'I'" : tables ? "'p'" : "'I'");
	if (!nested)
		buf_adds(sql, " AND NOT c.relispartition");
	if (pattern == NULL)
		buf_adds(sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "!~ '^pg_toast' AND n.nspname <> 'information_schema'");
}

/*
 * \dP with the letters after it (types: t, i, n, +, S); 0 or -1
 * (reported).
 */
static int
list_partitioned(struct psql *ps, const char *types, const char *pattern)
{
	int		 tables = strchr(types, 't') != NULL;
	int		 indexes = strchr(types, 'i') != NULL;
	int		 nested = strchr(types, 'n') != NULL || pattern != NULL;
	int		 verbose = strchr(types, '+') != NULL, rc;
	struct buf	 sql;

	if (!tables && !indexes)
		tables = indexes = 1;
	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", c.relname AS "
	    "\"Name\", pg_catalog.pg_get_userbyid(c.relowner) AS \"Owner\"");
	if (tables && indexes)
		buf_adds(&sql, ", CASE c.relkind WHEN 'p' THEN 'partitioned "
		    "table' WHEN 'I' THEN 'partitioned index' END AS \"Type\"");
	if (nested)
		buf_adds(&sql, ", inh.inhparent::pg_catalog.regclass AS "
		    "\"Parent name\"");
	if (indexes)
		buf_adds(&sql, ", c2.oid::pg_catalog.regclass AS \"Table\"");
	if (verbose)
		verbose_columns(&sql, strchr(types, 'n') != NULL);
	from_where(&sql, tables, indexes, nested, verbose, pattern);
	rc = psql_pattern_where(ps, &sql, pattern, "n.nspname", "c.relname",
	    NULL, "pg_catalog.pg_table_is_visible(c.oid)");
	buf_printf(&sql, " ORDER BY \"Schema\"%s%s, \"Name\"", tables &&
	    indexes ? ", \"Type\" DESC" : "", nested ? ", \"Parent name\" "
	    "NULLS FIRST" : "");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, tables && indexes ? "List of "
		    "partitioned relations" : tables ? "List of partitioned "
		    "tables" : "List of partitioned indexes");
	buf_free(&sql);
	return rc;
}

/* \dP[itn+]: 1 when cmd is not one (nothing done), else 0 or -1. */
int
psql_describe_partitioned(struct psql *ps, const char *cmd,
    const char *pattern)
{
	if ((cmd[2] != '\0' && strchr("+tin", cmd[2]) == NULL) ||
	    cmd[2 + strspn(cmd + 2, "tinS+")] != '\0')
		return 1;
	return list_partitioned(ps, cmd + 2, pattern);
}
