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
 * table_column_not_null, as PostgreSQL 18 names it.  With driver-pg.c
 * and tempinst-pg.c the only includer of libpq-fe.h.
 */
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "sqlcheck.h"

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
catalog_pg(struct pg_conn *pc, struct constraint_list *out, char **cause)
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
catalog_pg_attribute(struct dberror *err, const struct pg_result *res)
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
