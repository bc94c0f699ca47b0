/*
 * psql-describe-types.c: psql 15's lists of the type system: \dT[S+]
 * (List of data types: the types that are not table row types or array
 * types; + adds Internal name, Size, enum Elements, Owner, Access
 * privileges), \dD[S+] (List of domains: base type, collation, not
 * null, default, checks; + adds Access privileges and Description),
 * \do[S+] (List of operators; + adds the Function) and \da[S] (List of
 * aggregate functions).  A \dT pattern matches the internal name or the
 * displayed one, as psql's.  The catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The columns \dT+ adds. */
static void
type_verbose_columns(struct buf *sql)
{
	buf_adds(sql, ", t.typname AS \"Internal name\", CASE WHEN "
	    "t.typrelid != 0 THEN CAST('tuple' AS pg_catalog.text) WHEN "
	    "t.typlen < 0 THEN CAST('var' AS pg_catalog.text) ELSE CAST("
	    "t.typlen AS pg_catalog.text) END AS \"Size\", pg_catalog."
	    "array_to_string(ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum"
	    " e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), E'\\n') "
	    "AS \"Elements\", pg_catalog.pg_get_userbyid(t.typowner) AS "
	    "\"Owner\", pg_catalog.array_to_string(t.typacl, E'\\n') AS "
	    "\"Access privileges\"");
}

/* \dT[S+] [PATTERN]: List of data types. */
static int
list_types(struct psql *ps, int verbose, int system, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", pg_catalog."
	    "format_type(t.oid, NULL) AS \"Name\"");
	if (verbose)
		type_verbose_columns(&sql);
	buf_adds(&sql, ", pg_catalog.obj_description(t.oid, 'pg_type') AS "
	    "\"Description\" FROM pg_catalog.pg_type t LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE "
	    "(t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM "
	    "pg_catalog.pg_class c WHERE c.oid = t.typrelid))");
	/* as psql: array types only for a pattern naming one */
	if (pattern == NULL || strstr(pattern, "[]") == NULL)
		buf_adds(&sql, " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type "
		    "el WHERE el.oid = t.typelem AND el.typarray = t.oid)");
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "<> 'information_schema'");
	rc = psql_pattern_where(ps, &sql, pattern != NULL ?
	    psql_type_alias(pattern) : NULL, "n.nspname", "t.typname",
	    "pg_catalog.format_type(t.oid, NULL)",
	    "pg_catalog.pg_type_is_visible(t.oid)");
	buf_adds(&sql, " ORDER BY 1, 2");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of data types");
	buf_free(&sql);
	return rc;
}

/* \dD[S+] [PATTERN]: List of domains. */
static int
list_domains(struct psql *ps, int verbose, int system, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", t.typname AS "
	    "\"Name\", pg_catalog.format_type(t.typbasetype, t.typtypmod) AS "
	    "\"Type\", (SELECT c.collname FROM pg_catalog.pg_collation c, "
	    "pg_catalog.pg_type bt WHERE c.oid = t.typcollation AND bt.oid = "
	    "t.typbasetype AND t.typcollation <> bt.typcollation) AS "
	    "\"Collation\", CASE WHEN t.typnotnull THEN 'not null' END AS "
	    "\"Nullable\", t.typdefault AS \"Default\", pg_catalog."
	    "array_to_string(ARRAY(SELECT pg_catalog.pg_get_constraintdef("
	    "r.oid, true) FROM pg_catalog.pg_constraint r WHERE t.oid = "
	    "r.contypid), ' ') AS \"Check\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.array_to_string(t.typacl, E'\\n')"
		    " AS \"Access privileges\", d.description AS "
		    "\"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_type t LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = t.typnamespace LEFT JOIN "
	    "pg_catalog.pg_description d ON d.classoid = t.tableoid AND "
	    "d.objoid = t.oid AND d.objsubid = 0 WHERE t.typtype = 'd'");
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "<> 'information_schema'");
	rc = psql_pattern_where(ps, &sql, pattern, "n.nspname", "t.typname",
	    NULL, "pg_catalog.pg_type_is_visible(t.oid)");
	buf_adds(&sql, " ORDER BY 1, 2");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of domains");
	buf_free(&sql);
	return rc;
}

/*
 * \do[S+] [PATTERN [TYPE [TYPE]]]: List of operators.  One type is the
 * right operand of a prefix operator; two are the left and the right
 * (more are ignored, as psql).  The name's characters stand for
 * themselves, * and ? aside.
 */
static int
list_operators(struct psql *ps, int verbose, int system,
    const char *pattern, const char *const *args)
{
	static const char *const prefix[] = { "o.oprright" };
	static const char *const infix[] = { "o.oprleft", "o.oprright" };
	struct buf	 sql;
	int		 rc, n = args[0] == NULL ? 0 : args[1] == NULL ? 1 : 2;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", o.oprname AS "
	    "\"Name\", CASE WHEN o.oprkind = 'l' THEN NULL ELSE pg_catalog."
	    "format_type(o.oprleft, NULL) END AS \"Left arg type\", CASE WHEN"
	    " o.oprkind = 'r' THEN NULL ELSE pg_catalog.format_type("
	    "o.oprright, NULL) END AS \"Right arg type\", pg_catalog."
	    "format_type(o.oprresult, NULL) AS \"Result type\"");
	if (verbose)
		buf_adds(&sql, ", o.oprcode AS \"Function\"");
	buf_adds(&sql, ", COALESCE(pg_catalog.obj_description(o.oid, "
	    "'pg_operator'), pg_catalog.obj_description(o.oprcode, "
	    "'pg_proc')) AS \"Description\" FROM pg_catalog.pg_operator o "
	    "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace");
	psql_argtype_joins(&sql, n == 1 ? prefix : infix, n);
	buf_adds(&sql, n == 1 ? " WHERE o.oprleft = 0" : " WHERE true");
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "<> 'information_schema'");
	rc = psql_pattern_where_escaped(ps, &sql, pattern, "n.nspname",
	    "o.oprname", "pg_catalog.pg_operator_is_visible(o.oid)");
	if (rc == 0)
		rc = psql_argtype_where(ps, &sql, args, n);
	buf_adds(&sql, " ORDER BY 1, 2, 3, 4");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of operators");
	buf_free(&sql);
	return rc;
}

/* \da[S] [PATTERN]: List of aggregate functions (+ adds nothing). */
static int
list_aggregates(struct psql *ps, int system, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", p.proname AS "
	    "\"Name\", pg_catalog.format_type(p.prorettype, NULL) AS \"Result "
	    "data type\", CASE WHEN p.pronargs = 0 THEN CAST('*' AS "
	    "pg_catalog.text) ELSE pg_catalog.pg_get_function_arguments("
	    "p.oid) END AS \"Argument data types\", pg_catalog."
	    "obj_description(p.oid, 'pg_proc') AS \"Description\" FROM "
	    "pg_catalog.pg_proc p LEFT JOIN pg_catalog.pg_namespace n ON n.oid"
	    " = p.pronamespace WHERE p.prokind = 'a'");
	psql_user_schemas_only(&sql, system, pattern);
	rc = psql_pattern_where(ps, &sql, pattern, "n.nspname", "p.proname",
	    NULL, "pg_catalog.pg_function_is_visible(p.oid)");
	buf_adds(&sql, " ORDER BY 1, 2, 4");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of aggregate functions");
	buf_free(&sql);
	return rc;
}

/*
 * \dT, \dD, \do and \da with their modifiers: cmd is the command ("dT+",
 * "dDS"), pattern its argument or NULL, args the argument type
 * patterns of \do (ending with NULL).  1 when cmd is none of them
 * (nothing done), else 0 or -1 (reported).
 */
int
psql_describe_types(struct psql *ps, const char *cmd, const char *pattern,
    const char *const *args)
{
	int	verbose = strchr(cmd, '+') != NULL;
	int	system = strchr(cmd, 'S') != NULL;

	if (cmd[2 + strspn(cmd + 2, "S+")] != '\0')
		return 1;
	if (cmd[1] == 'T')
		return list_types(ps, verbose, system, pattern);
	if (cmd[1] == 'D')
		return list_domains(ps, verbose, system, pattern);
	if (cmd[1] == 'o')
		return list_operators(ps, verbose, system, pattern, args);
	if (cmd[1] == 'a')
		return list_aggregates(ps, system, pattern);
	return 1;
}
