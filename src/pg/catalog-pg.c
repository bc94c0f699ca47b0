/*
 * catalog-pg.c: PostgreSQL's constraints, for --coverage, and what its
 * errors name.  The constraints come from pg_constraint (primary keys,
 * unique, foreign keys, checks, exclusion), pg_index (unique indexes that
 * no constraint owns) and pg_attribute.attnotnull, for the ordinary and
 * partitioned tables of every schema but the system ones and other
 * sessions' temporary schemas.  Errors name their constraint, table and
 * column in the PG_DIAG_* fields, so every kind is attributed exactly.
 *
 * A table is named without its schema when that is public or the
 * session's temporary schema, else as schema.table, in the catalog and
 * in errors alike.  NOT NULL has no name in PostgreSQL 15; it is called
 * table_column_not_null, as PostgreSQL 18 names it.
 *
 * The schema fingerprint (--check-migrations) is one canonical line per
 * schema object, from the same catalogs.
 */
#include <stdlib.h>
#include <string.h>

#include "driver-pg.h"

/* Column lists come back as names separated by this byte. */
#define PG_SEP	'\x1f'

/*
 * One row per constraint: table, name, contype ('n' for NOT NULL),
 * columns, referenced table, its columns, CHECK expression.
 */
static const char pg_catalog_sql[] =
"WITH rel AS ("
" SELECT c.oid, c.relname,"
"  CASE WHEN n.nspname = 'public' OR n.oid = pg_my_temp_schema()"
"   THEN c.relname::text ELSE n.nspname || '.' || c.relname END AS tbl"
" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
" WHERE c.relkind IN ('r', 'p')"
"  AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
"  AND n.nspname NOT LIKE 'pg\\_toast%'"
"  AND (n.nspname NOT LIKE 'pg\\_temp\\_%' OR n.oid = pg_my_temp_schema())"
")"
" SELECT r.tbl, co.conname::text, co.contype::text,"
"  (SELECT string_agg(a.attname, chr(31) ORDER BY k.n)"
"   FROM unnest(co.conkey) WITH ORDINALITY AS k(attnum, n)"
"   JOIN pg_attribute a ON a.attrelid = co.conrelid"
"    AND a.attnum = k.attnum),"
"  CASE WHEN co.contype = 'f'"
"   THEN coalesce(f.tbl, co.confrelid::regclass::text) END,"
"  (SELECT string_agg(a.attname, chr(31) ORDER BY k.n)"
"   FROM unnest(co.confkey) WITH ORDINALITY AS k(attnum, n)"
"   JOIN pg_attribute a ON a.attrelid = co.confrelid"
"    AND a.attnum = k.attnum),"
"  CASE WHEN co.contype = 'c'"
"   THEN pg_get_expr(co.conbin, co.conrelid) END"
" FROM pg_constraint co JOIN rel r ON r.oid = co.conrelid"
" LEFT JOIN rel f ON f.oid = co.confrelid"
" WHERE co.contype IN ('p', 'u', 'f', 'c', 'x')"
" UNION ALL"
" SELECT r.tbl, ic.relname::text, 'u',"
"  (SELECT string_agg(coalesce(a.attname, '(expr)'), chr(31)"
"    ORDER BY k.n)"
"   FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)"
"   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid"
"    AND a.attnum = k.attnum),"
"  NULL, NULL, NULL"
" FROM pg_index i JOIN rel r ON r.oid = i.indrelid"
" JOIN pg_class ic ON ic.oid = i.indexrelid"
" WHERE i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint x"
"  WHERE x.conindid = i.indexrelid AND x.conrelid = i.indrelid"
"  AND x.contype IN ('p', 'u', 'x'))"
" UNION ALL"
" SELECT r.tbl, r.relname || '_' || a.attname || '_not_null', 'n',"
"  a.attname::text, NULL, NULL, NULL"
" FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid"
" WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull";

/* The kind of a contype letter ('n': NOT NULL). */
static enum constraint_kind
pg_kind(char contype)
{
	switch (contype) {
	case 'p':
		return CONSTRAINT_PRIMARY_KEY;
	case 'f':
		return CONSTRAINT_FOREIGN_KEY;
	case 'c':
		return CONSTRAINT_CHECK;
	case 'n':
		return CONSTRAINT_NOT_NULL;
	case 'x':
		return CONSTRAINT_EXCLUSION;
	default:
		return CONSTRAINT_UNIQUE;
	}
}

/* Split a PG_SEP-separated list of names onto a list. */
static void
pg_split(const char *s, char ***list, size_t *n)
{
	const char	*end;
	char		*name;

	while (s != NULL && *s != '\0') {
		end = strchr(s, PG_SEP);
		if (end == NULL)
			end = s + strlen(s);
		name = xstrndup(s, (size_t)(end - s));
		str_list_add(list, n, name);
		free(name);
		s = *end != '\0' ? end + 1 : end;
	}
}

/* A value of the result, or NULL for SQL NULL. */
static const char *
pg_value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* Append the constraint of one row of the catalog query. */
static void
pg_add_row(const PGresult *res, int row, struct constraint_list *out)
{
	struct constraint	*c;
	const char		*ref, *expr;

	c = constraint_add(out, pg_value(res, row, 0), pg_value(res, row, 1),
	    pg_kind(*pg_value(res, row, 2)));
	pg_split(pg_value(res, row, 3), &c->columns, &c->ncolumns);
	if ((ref = pg_value(res, row, 4)) != NULL)
		c->ref_table = xstrdup(ref);
	pg_split(pg_value(res, row, 5), &c->ref_columns, &c->nref_columns);
	if ((expr = pg_value(res, row, 6)) != NULL)
		c->expr = xstrdup(expr);
}

/*
 * Append the constraints of the session's tables to out, as the open
 * transaction sees them.  0, or -1 with *cause.
 */
int
catalog_pg(PGconn *pc, struct constraint_list *out, char **cause)
{
	PGresult	*res;
	const char	*msg;
	size_t		 len;
	int		 row;

	res = PQexecParams(pc, pg_catalog_sql, 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		msg = PQresultErrorMessage(res);
		if (msg == NULL || *msg == '\0')
			msg = PQerrorMessage(pc);
		len = strlen(msg);
		while (len > 0 && msg[len - 1] == '\n')
			len--;
		*cause = xprintf("cannot read the constraints: %.*s", (int)len,
		    msg);
		PQclear(res);
		return -1;
	}
	for (row = 0; row < PQntuples(res); row++)
		pg_add_row(res, row, out);
	PQclear(res);
	return 0;
}

/*
 * Fill what a failed statement violated from the error's fields:
 * constraint, table (with its schema unless public or temporary) and
 * column.  An error without a table (a domain's CHECK, an error raised
 * by a function) names no constraint of a table: nothing is filled.
 */
void
catalog_pg_attribute(struct dberror *err, const PGresult *res)
{
	const char	*schema, *table, *constraint, *column;
	char		*name;

	schema = PQresultErrorField(res, PG_DIAG_SCHEMA_NAME);
	table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
	constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
	if (table == NULL)
		return;
	if (schema == NULL || strcmp(schema, "public") == 0 ||
	    strncmp(schema, "pg_temp_", 8) == 0)
		name = xstrdup(table);
	else
		name = xprintf("%s.%s", schema, table);
	dberror_set_target(err, name, constraint, column);
	free(name);
}

/*
 * The schema fingerprint: each query gives one text column, one fact a
 * row, for the objects of every schema but pg_catalog,
 * information_schema and the pg_* ones; a name is qualified by its
 * schema unless that is the current one.  Objects that belong to an
 * extension, and sequences of identity columns, are left out.
 */
#define PG_FP_USER(n)	"(" n ".nspname <> 'information_schema' AND " \
			    n ".nspname !~ '^pg_')"
#define PG_FP_QUAL(n)	"CASE WHEN " n ".nspname = current_schema() " \
			    "THEN '' ELSE " n ".nspname || '.' END"
#define PG_FP_NOT_EXT(cat, oid) "NOT EXISTS (SELECT 1 FROM pg_depend d " \
			    "WHERE d.classid = '" cat "'::regclass AND " \
			    "d.objid = " oid " AND d.deptype = 'e')"

static const char *const pg_fp_queries[] = {
	/* Schemas and extensions. */
	"SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE "
	PG_FP_USER("n") " AND n.nspname <> current_schema() AND "
	"n.nspname <> 'public' "
	"UNION ALL SELECT 'extension ' || extname FROM pg_extension "
	"WHERE extname <> 'plpgsql'",
	/* Tables, views (with their query) and sequences. */
	"SELECT CASE c.relkind WHEN 'p' THEN 'partitioned table ' "
	"WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' "
	"WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' "
	"ELSE 'table ' END || " PG_FP_QUAL("n") " || c.relname || "
	"CASE WHEN c.relkind IN ('v', 'm') THEN ': ' || rtrim(regexp_replace("
	"btrim(pg_get_viewdef(c.oid)), '\\s+', ' ', 'g'), ';') "
	"WHEN c.relpersistence = 'u' THEN ': unlogged' ELSE '' END "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND "
	PG_FP_USER("n") " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
	"d.classid = 'pg_class'::regclass AND d.objid = c.oid AND "
	"d.deptype IN ('i', 'e'))",
	/* Columns: type, collation, NOT NULL, default, generated. */
	"SELECT 'column ' || " PG_FP_QUAL("n") " || c.relname || '.' || "
	"a.attname || ': ' || format_type(a.atttypid, a.atttypmod) || "
	"CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || "
	"co.collname ELSE '' END || "
	"CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || "
	"CASE WHEN a.attgenerated = 's' THEN ' generated always as (' || "
	"pg_get_expr(ad.adbin, ad.adrelid) || ') stored' "
	"WHEN ad.adbin IS NOT NULL THEN ' default ' || "
	"pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END || "
	"CASE a.attidentity WHEN 'a' THEN ' generated always as identity' "
	"WHEN 'd' THEN ' generated by default as identity' ELSE '' END "
	"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_type t ON t.oid = a.atttypid "
	"LEFT JOIN pg_collation co ON co.oid = a.attcollation "
	"LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND "
	"ad.adnum = a.attnum WHERE a.attnum > 0 AND NOT a.attisdropped AND "
	"c.relkind IN ('r', 'p', 'f') AND " PG_FP_USER("n"),
	/* Constraints: primary keys, unique, foreign keys, checks. */
	"SELECT 'constraint ' || k.conname || ' on ' || " PG_FP_QUAL("n")
	" || c.relname || ': ' || pg_get_constraintdef(k.oid) "
	"FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
	PG_FP_USER("n"),
	/* Indexes that no constraint made. */
	"SELECT 'index ' || ic.relname || ' on ' || " PG_FP_QUAL("n")
	" || c.relname || ': ' || CASE WHEN i.indisunique THEN 'unique ' "
	"ELSE '' END || regexp_replace(pg_get_indexdef(i.indexrelid), "
	"'^CREATE (UNIQUE )?INDEX .* ON (ONLY )?\\S+ (USING btree )?"
	"(USING )?', '') FROM pg_index i "
	"JOIN pg_class ic ON ic.oid = i.indexrelid "
	"JOIN pg_class c ON c.oid = i.indrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
	PG_FP_USER("n") " AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
	"WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))",
	/* Triggers. */
	"SELECT 'trigger ' || tg.tgname || ' on ' || " PG_FP_QUAL("n")
	" || c.relname || ': ' || regexp_replace(pg_get_triggerdef(tg.oid), "
	"'^CREATE (CONSTRAINT )?TRIGGER \\S+ ', '') FROM pg_trigger tg "
	"JOIN pg_class c ON c.oid = tg.tgrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE NOT tg.tgisinternal AND " PG_FP_USER("n"),
	/* Functions and procedures: signature, result, body digest. */
	"SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN "
	"'aggregate ' ELSE 'function ' END || " PG_FP_QUAL("n")
	" || p.proname || '(' || pg_get_function_identity_arguments(p.oid) "
	"|| ')' || COALESCE(': returns ' || pg_get_function_result(p.oid) "
	"|| ',', ':') || ' body md5 ' || md5(p.prosrc) "
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
	PG_FP_USER("n") " AND " PG_FP_NOT_EXT("pg_proc", "p.oid"),
	/* Enum, domain and composite types. */
	"SELECT 'type ' || " PG_FP_QUAL("n") " || t.typname || ': ' || "
	"CASE t.typtype WHEN 'e' THEN 'enum (' || (SELECT "
	"string_agg(quote_literal(e.enumlabel), ', ' ORDER BY "
	"e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')' "
	"WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod) "
	"|| CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || "
	"COALESCE(' default ' || t.typdefault, '') ELSE 'composite' END "
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
	"WHERE t.typtype IN ('e', 'd', 'c') AND " PG_FP_USER("n") " AND "
	"(t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE "
	"c.oid = t.typrelid) = 'c') AND " PG_FP_NOT_EXT("pg_type", "t.oid"),
	NULL
};

/*
 * The schema of session pc's database as canonical lines (see
 * pg_fp_queries), appended to out.  0, or -1 with *cause.
 */
int
catalog_pg_fingerprint(PGconn *pc, struct buf *out, char **cause)
{
	PGresult	*res;
	size_t		 i;
	int		 row;

	for (i = 0; pg_fp_queries[i] != NULL; i++) {
		res = pg_run(pc, pg_fp_queries[i]);
		if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
			*cause = xprintf("cannot read the schema: %s",
			    res != NULL ? PQresultErrorMessage(res) :
			    PQerrorMessage(pc));
			PQclear(res);
			return -1;
		}
		for (row = 0; row < PQntuples(res); row++)
			buf_printf(out, "%s\n", PQgetvalue(res, row, 0));
		PQclear(res);
	}
	return 0;
}
