/*
 * psql-describe-privileges.c: psql 15's \dp [PATTERN] and its alias \z:
 * the "Access privileges" of tables, views, materialized views,
 * sequences, foreign and partitioned tables outside the pg_* schemas:
 * the ACL one entry a line, the column ACLs under "column:", and each
 * row security policy as "name [(RESTRICTIVE)] [(cmd)]:" with its
 * "(u):", "(c):" and "to:" lines; and \ddp [PATTERN] (Default access
 * privileges; the pattern, dots included, matches the schema or the
 * owner).  The
 * catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The Policies column: one entry per policy, as psql words them. */
static const char policies_sql[] =
    ", pg_catalog.array_to_string(ARRAY(SELECT pol.polname || CASE WHEN "
    "NOT pol.polpermissive THEN ' (RESTRICTIVE)' ELSE '' END || CASE WHEN "
    "pol.polcmd <> '*' THEN ' (' || pol.polcmd::pg_catalog.text || '):' "
    "ELSE ':' END || CASE WHEN pol.polqual IS NOT NULL THEN E'\\n  (u): '"
    " || pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) ELSE '' END ||"
    " CASE WHEN pol.polwithcheck IS NOT NULL THEN E'\\n  (c): ' || "
    "pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) ELSE '' END "
    "|| CASE WHEN pol.polroles <> '{0}' THEN E'\\n  to: ' || "
    "pg_catalog.array_to_string(ARRAY(SELECT rolname FROM "
    "pg_catalog.pg_roles WHERE oid = ANY (pol.polroles) ORDER BY 1), ', ')"
    " ELSE '' END FROM pg_catalog.pg_policy pol WHERE pol.polrelid = "
    "c.oid), E'\\n') AS \"Policies\"";

/* \dp [PATTERN] and \z [PATTERN]; 0, or -1 (reported). */
int
psql_describe_privileges(struct psql *ps, const char *pattern)
{
	struct buf	 sql;
	PGresult	*r = NULL;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\","
	    " CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN "
	    "'m' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' "
	    "THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END AS "
	    "\"Type\", pg_catalog.array_to_string(c.relacl, E'\\n') AS "
	    "\"Access privileges\", pg_catalog.array_to_string(ARRAY(SELECT "
	    "a.attname || E':\\n  ' || pg_catalog.array_to_string(a.attacl, "
	    "E'\\n  ') FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid"
	    " AND NOT a.attisdropped AND a.attacl IS NOT NULL), E'\\n') AS "
	    "\"Column privileges\"");
	buf_adds(&sql, policies_sql);
	buf_adds(&sql, " FROM pg_catalog.pg_class c LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
	    "c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p') AND n.nspname !~ "
	    "'^pg_'");
	if (psql_pattern_where(ps, &sql, pattern, "n.nspname", "c.relname",
	    NULL, "pg_catalog.pg_table_is_visible(c.oid)") == 0) {
		buf_adds(&sql, " ORDER BY 1, 2");
		r = psql_catalog_query(ps, sql.data);
	}
	buf_free(&sql);
	if (r == NULL)
		return -1;
	psql_print_titled(ps, r, "Access privileges", 1);
	PQclear(r);
	return 0;
}

/* \ddp [PATTERN]: Default access privileges; 0, or -1 (reported). */
int
psql_describe_default_privileges(struct psql *ps, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS "
	    "\"Owner\", n.nspname AS \"Schema\", CASE d.defaclobjtype WHEN "
	    "'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'f' THEN "
	    "'function' WHEN 'T' THEN 'type' WHEN 'n' THEN 'schema' END AS "
	    "\"Type\", pg_catalog.array_to_string(d.defaclacl, E'\\n') AS "
	    "\"Access privileges\" FROM pg_catalog.pg_default_acl d LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace WHERE "
	    "true");
	rc = psql_pattern_parts(ps, pattern, 3);
	psql_pattern_where_flat(ps, &sql, pattern, "n.nspname",
	    "pg_catalog.pg_get_userbyid(d.defaclrole)");
	buf_adds(&sql, " ORDER BY 1, 2, 3");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "Default access privileges");
	buf_free(&sql);
	return rc;
}
