/*
 * psql-describe-list.c: psql 15's catalog lists, with their titles,
 * columns and messages: \d without a name, \dt \di \dv \dm \ds \dE and
 * their combinations (List of relations), \dn (schemas), \df[anptw]
 * (functions), \dx (extensions) and \dx+ (the objects of each), with
 * the + (more columns) and S (system objects too) modifiers and psql's
 * [SCHEMA.]NAME patterns.  The catalog queries are sqlcheck's own.
 * HIDE_TABLEAM (on under pg_regress) drops the "Access method" column.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Run sql (owned by the caller) and print it under title; -1: reported. */
int
psql_print_list(struct psql *ps, const char *sql, const char *title)
{
	PGresult	*r = psql_catalog_query(ps, sql);

	if (r == NULL)
		return -1;
	psql_print_titled(ps, r, title, 1);
	PQclear(r);
	return 0;
}

/* The columns of "List of relations" for the kinds in types. */
static void
relation_columns(struct psql *ps, struct buf *sql, const char *types,
    int verbose)
{
	buf_adds(sql, "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\","
	    " CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN"
	    " 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN"
	    " 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign "
	    "table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN "
	    "'partitioned index' END AS \"Type\", pg_catalog.pg_get_userbyid("
	    "c.relowner) AS \"Owner\"");
	if (strchr(types, 'i') != NULL)
		buf_adds(sql, ", c2.relname AS \"Table\"");
	if (!verbose)
		return;
	buf_adds(sql, ", CASE c.relpersistence WHEN 'p' THEN 'permanent' "
	    "WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END AS "
	    "\"Persistence\"");
	if (strpbrk(types, "tmi") != NULL && !psql_var_on(ps, "HIDE_TABLEAM"))
		buf_adds(sql, ", am.amname AS \"Access method\"");
	buf_adds(sql, ", pg_catalog.pg_size_pretty(pg_catalog.pg_table_size("
	    "c.oid)) AS \"Size\", pg_catalog.obj_description(c.oid, "
	    "'pg_class') AS \"Description\"");
}

/* The relkinds psql lists for the letters of types. */
static void
relation_kinds(struct buf *sql, const char *types, int system,
    const char *pattern)
{
	buf_adds(sql, " WHERE c.relkind IN (");
	if (strchr(types, 't') != NULL)
		buf_adds(sql, system || pattern != NULL ? "'r','p','t'," :
		    "'r','p',");
	if (strchr(types, 'v') != NULL)
		buf_adds(sql, "'v',");
	if (strchr(types, 'm') != NULL)
		buf_adds(sql, "'m',");
	if (strchr(types, 'i') != NULL)
		buf_adds(sql, "'i','I',");
	if (strchr(types, 's') != NULL)
		buf_adds(sql, "'S',");
	if (strchr(types, 'E') != NULL)
		buf_adds(sql, "'f',");
	if (system || pattern != NULL)
		buf_adds(sql, "'s',");
	buf_adds(sql, "'')");
	if (!system && pattern == NULL)
		buf_adds(sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "!~ '^pg_toast' AND n.nspname <> 'information_schema'");
}

/* \dt, \di, \dv, \dm, \ds, \dE (any mix) and \d without a name. */
static int
list_relations(struct psql *ps, const char *types, int verbose,
    int system, const char *pattern)
{
	struct buf	 sql;
	PGresult	*r;

	buf_init(&sql);
	relation_columns(ps, &sql, types, verbose);
	buf_adds(&sql, " FROM pg_catalog.pg_class c LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace LEFT JOIN "
	    "pg_catalog.pg_am am ON am.oid = c.relam");
	if (strchr(types, 'i') != NULL)
		buf_adds(&sql, " LEFT JOIN pg_catalog.pg_index i ON "
		    "i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class c2 ON "
		    "i.indrelid = c2.oid");
	relation_kinds(&sql, types, system, pattern);
	if (psql_pattern_where(ps, &sql, pattern, "n.nspname",
	    "c.relname", NULL, "pg_catalog.pg_table_is_visible(c.oid)") != 0) {
		buf_free(&sql);
		return -1;
	}
	buf_adds(&sql, " ORDER BY 1, 2");
	r = psql_catalog_query(ps, sql.data);
	buf_free(&sql);
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 0 && !ps->quiet) {
		if (pattern != NULL)
			psql_error(ps, "Did not find any relation named \"%s\".",
			    pattern);
		else
			psql_error(ps, "Did not find any relations.");
	} else
		psql_print_titled(ps, r, "List of relations", 1);
	PQclear(r);
	return 0;
}

/*
 * Print the schemas of sql with the publications of the schema named
 * pattern under them (psql's footer; no row count then).
 */
static int
print_schemas(struct psql *ps, const char *sql, const char *pattern)
{
	PGresult	*r;
	char		**footers;
	size_t		 i, n = 0;
	int		 rc = -1;

	footers = pattern != NULL ? psql_schema_publications(ps, pattern,
	    &n) : NULL;
	if (n == 0) {
		free(footers);
		return psql_print_list(ps, sql, "List of schemas");
	}
	if ((r = psql_catalog_query(ps, sql)) != NULL) {
		psql_print_footers(ps, r, "List of schemas", footers, n);
		PQclear(r);
		rc = 0;
	}
	for (i = 0; i < n; i++)
		free(footers[i]);
	free(footers);
	return rc;
}

/* \dn[S+] [PATTERN]: List of schemas. */
static int
list_schemas(struct psql *ps, int verbose, int system, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	if (psql_pattern_parts(ps, pattern, 2) != 0)
		return -1;
	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(n.nspowner) AS \"Owner\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.array_to_string(n.nspacl, E'\\n')"
		    " AS \"Access privileges\", pg_catalog.obj_description("
		    "n.oid, 'pg_namespace') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_namespace n WHERE true");
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND n.nspname !~ '^pg_' AND n.nspname <> "
		    "'information_schema'");
	rc = psql_pattern_where(ps, &sql, pattern, NULL, "n.nspname", NULL,
	    NULL);
	buf_adds(&sql, " ORDER BY 1");
	if (rc == 0)
		rc = print_schemas(ps, sql.data, pattern);
	buf_free(&sql);
	return rc;
}

/* The columns \df+ adds. */
static void
function_verbose_columns(struct buf *sql)
{
	buf_adds(sql, ", CASE WHEN p.provolatile = 'i' THEN 'immutable' "
	    "WHEN p.provolatile = 's' THEN 'stable' WHEN p.provolatile = 'v' "
	    "THEN 'volatile' END AS \"Volatility\", CASE WHEN p.proparallel ="
	    " 'r' THEN 'restricted' WHEN p.proparallel = 's' THEN 'safe' WHEN"
	    " p.proparallel = 'u' THEN 'unsafe' END AS \"Parallel\", "
	    "pg_catalog.pg_get_userbyid(p.proowner) AS \"Owner\", CASE WHEN "
	    "p.prosecdef THEN 'definer' ELSE 'invoker' END AS \"Security\", "
	    "pg_catalog.array_to_string(p.proacl, E'\\n') AS \"Access "
	    "privileges\", l.lanname AS \"Language\", COALESCE(pg_catalog."
	    "pg_get_function_sqlbody(p.oid), p.prosrc) AS \"Source code\", "
	    "pg_catalog.obj_description(p.oid, 'pg_proc') AS "
	    "\"Description\"");
}

/*
 * The kinds \df[anptw] keeps: with n, all but the letters not given;
 * else only those given (none given: all).
 */
static void
function_kinds(struct buf *sql, const char *types)
{
	static const char *const is[] = { "p.prokind = 'a'", "p.prorettype ="
	    " 'pg_catalog.trigger'::pg_catalog.regtype", "p.prokind = 'p'",
	    "p.prokind = 'w'" };
	static const char *const not[] = { "p.prokind <> 'a'", "p.prorettype"
	    " <> 'pg_catalog.trigger'::pg_catalog.regtype", "p.prokind <> 'p'",
	    "p.prokind <> 'w'" };
	static const char letters[] = "atpw";
	int	i, first = 1, given = 0;

	for (i = 0; i < 5; i++)
		given += strchr(types, "anptw"[i]) != NULL;
	if (given == 0 || given == 5)
		return;
	for (i = 0; i < 4; i++) {
		if (strchr(types, 'n') != NULL) {
			if (strchr(types, letters[i]) == NULL)
				buf_printf(sql, " AND %s", not[i]);
		} else if (strchr(types, letters[i]) != NULL) {
			buf_printf(sql, first ? " AND (%s" : " OR %s", is[i]);
			first = 0;
		}
	}
	if (!first)
		buf_addc(sql, ')');
}

/* The argument types \df's patterns args (n of them) are about. */
static void
argument_joins(struct buf *sql, int n)
{
	char	*exprs[100] = { NULL };
	int	 i;

	for (i = 0; i < n; i++)
		exprs[i] = xprintf("p.proargtypes[%d]", i);
	psql_argtype_joins(sql, (const char *const *)exprs, n);
	for (i = 0; i < n; i++)
		free(exprs[i]);
}

/*
 * \df[anptwS+] [PATTERN [ARGTYPE...]]: List of functions; args ends
 * with NULL.
 */
static int
list_functions(struct psql *ps, const char *types, int verbose,
    int system, const char *pattern, const char *const *args)
{
	struct buf	 sql;
	int		 rc, n = 0;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", p.proname AS "
	    "\"Name\", pg_catalog.pg_get_function_result(p.oid) AS \"Result "
	    "data type\", pg_catalog.pg_get_function_arguments(p.oid) AS "
	    "\"Argument data types\", CASE p.prokind WHEN 'a' THEN 'agg' WHEN"
	    " 'w' THEN 'window' WHEN 'p' THEN 'proc' ELSE 'func' END AS "
	    "\"Type\"");
	if (verbose)
		function_verbose_columns(&sql);
	buf_adds(&sql, " FROM pg_catalog.pg_proc p LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = p.pronamespace LEFT JOIN "
	    "pg_catalog.pg_language l ON l.oid = p.prolang");
	while (n < 100 && args[n] != NULL)
		n++;
	argument_joins(&sql, n);
	buf_adds(&sql, " WHERE true");
	function_kinds(&sql, types);
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "<> 'information_schema'");
	rc = psql_pattern_where(ps, &sql, pattern, "n.nspname", "p.proname",
	    NULL, "pg_catalog.pg_function_is_visible(p.oid)");
	if (rc == 0)
		rc = psql_argtype_where(ps, &sql, args, n);
	buf_adds(&sql, " ORDER BY 1, 2, 4");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of functions");
	buf_free(&sql);
	return rc;
}

/* \dx+: "Objects in extension" for each matching extension. */
static int
extension_contents(struct psql *ps, const char *pattern)
{
	struct buf	 sql;
	PGresult	*r;
	char		*q, *title;
	int		 i, rc = 0;

	buf_init(&sql);
	buf_adds(&sql, "SELECT e.extname, e.oid FROM pg_catalog.pg_extension"
	    " e WHERE true");
	rc = psql_pattern_where(ps, &sql, pattern, NULL, "e.extname", NULL,
	    NULL);
	buf_adds(&sql, " ORDER BY 1");
	r = rc == 0 ? psql_catalog_query(ps, sql.data) : NULL;
	buf_free(&sql);
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 0) {
		if (!ps->quiet && pattern != NULL)
			psql_error(ps, "Did not find any extension named \"%s\".",
			    pattern);
		else if (!ps->quiet)
			psql_error(ps, "Did not find any extensions.");
		rc = -1;
	}
	for (i = 0; i < PQntuples(r) && rc == 0; i++) {
		q = xprintf("SELECT pg_catalog.pg_describe_object(classid, "
		    "objid, 0) AS \"Object description\" FROM pg_catalog."
		    "pg_depend WHERE refclassid = 'pg_catalog.pg_extension'::"
		    "pg_catalog.regclass AND refobjid = '%s' AND deptype = 'e' "
		    "ORDER BY 1", PQgetvalue(r, i, 1));
		title = xprintf("Objects in extension \"%s\"",
		    PQgetvalue(r, i, 0));
		rc = psql_print_list(ps, q, title);
		free(q);
		free(title);
	}
	PQclear(r);
	return rc;
}

/* \dx[+] [PATTERN]: List of installed extensions. */
static int
list_extensions(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	if (verbose)
		return extension_contents(ps, pattern);
	buf_init(&sql);
	buf_adds(&sql, "SELECT e.extname AS \"Name\", e.extversion AS "
	    "\"Version\", n.nspname AS \"Schema\", c.description AS "
	    "\"Description\" FROM pg_catalog.pg_extension e LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = e.extnamespace LEFT JOIN "
	    "pg_catalog.pg_description c ON c.objoid = e.oid AND c.classoid ="
	    " 'pg_catalog.pg_extension'::pg_catalog.regclass WHERE true");
	rc = psql_pattern_where(ps, &sql, pattern, NULL, "e.extname", NULL,
	    NULL);
	buf_adds(&sql, " ORDER BY 1");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "List of installed extensions");
	buf_free(&sql);
	return rc;
}

/* Whether every letter of s is a modifier (S or +). */
static int
only_modifiers(const char *s)
{
	return s[strspn(s, "S+")] == '\0';
}

/*
 * The list commands: cmd is the command name ("dt+", "dnS", "d"...),
 * pattern the argument or NULL, args the patterns after it (argument
 * types of \df and \do; ends with NULL).  Returns 0, -1 after an error or a
 * command reported as not reproduced.
 */
int
psql_describe_list(struct psql *ps, const char *cmd, const char *pattern,
    const char *const *args)
{
	int	verbose = strchr(cmd, '+') != NULL;
	int	system = strchr(cmd, 'S') != NULL;
	int	rc;

	if (only_modifiers(cmd + 1))
		return list_relations(ps, "tvmsE", verbose, system, pattern);
	if (strspn(cmd + 1, "tvmisE") > 0 &&
	    cmd[1 + strspn(cmd + 1, "tvmisES+")] == '\0')
		return list_relations(ps, cmd + 1, verbose, system, pattern);
	if (cmd[1] == 'n' && only_modifiers(cmd + 2))
		return list_schemas(ps, verbose, system, pattern);
	if (cmd[1] == 'f' && cmd[2 + strspn(cmd + 2, "anptwS+")] == '\0')
		return list_functions(ps, cmd + 2, verbose, system, pattern,
		    args);
	if (cmd[1] == 'x' && only_modifiers(cmd + 2))
		return list_extensions(ps, verbose, pattern);
	if ((cmd[1] == 'u' || cmd[1] == 'g') && only_modifiers(cmd + 2))
		return psql_describe_roles(ps, cmd, pattern);
	if (strchr("TDoa", cmd[1]) != NULL &&
	    (rc = psql_describe_types(ps, cmd, pattern, args)) != 1)
		return rc;
	psql_unsupported(ps, cmd);
	return -1;
}
