/*
 * psql-describe-server.c: psql 15's lists of what belongs to the server
 * rather than to a database: \l[+] and \list[+] (databases; + adds
 * their sizes), \db[+] (tablespaces; + adds their sizes), \dconfig[+]
 * (settings: the lower-case name matched with its dots, without a
 * pattern the ones not at their default) and \drds [ROLE [DATABASE]]
 * (settings per role and database).  The catalog queries are
 * sqlcheck's own.
 */
#include <string.h>

#include "psql.h"

/*
 * Finish sql (its WHERE clause open) with the condition of pattern on
 * namecol (no schema), order it by its first column and print it
 * under title; 0 or -1 (reported).  sql is freed.
 */
static int
print_named(struct psql *ps, struct buf *sql, const char *pattern,
    const char *namecol, const char *title)
{
	int	rc = psql_pattern_where(ps, sql, pattern, NULL, namecol, NULL,
		    NULL);

	buf_adds(sql, " ORDER BY 1");
	if (rc == 0)
		rc = psql_print_list(ps, sql->data, title);
	buf_free(sql);
	return rc;
}

/* \l[+] [PATTERN] (\list): List of databases (+ shows their sizes). */
static int
list_databases(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT d.datname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(d.datdba) AS \"Owner\", pg_catalog."
	    "pg_encoding_to_char(d.encoding) AS \"Encoding\", d.datcollate AS"
	    " \"Collate\", d.datctype AS \"Ctype\", d.daticulocale AS \"ICU "
	    "Locale\", CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' "
	    "THEN 'icu' END AS \"Locale Provider\", pg_catalog."
	    "array_to_string(d.datacl, E'\\n') AS \"Access privileges\"");
	if (verbose)
		buf_adds(&sql, ", CASE WHEN pg_catalog.has_database_privilege("
		    "d.datname, 'CONNECT') OR pg_catalog.pg_has_role("
		    "'pg_read_all_stats', 'USAGE') THEN pg_catalog."
		    "pg_size_pretty(pg_catalog.pg_database_size(d.datname)) "
		    "ELSE 'No Access' END AS \"Size\", t.spcname AS "
		    "\"Tablespace\", pg_catalog.shobj_description(d.oid, "
		    "'pg_database') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_database d JOIN pg_catalog."
	    "pg_tablespace t ON t.oid = d.dattablespace WHERE true");
	return print_named(ps, &sql, pattern, "d.datname",
	    "List of databases");
}

/* \db[+] [PATTERN]: List of tablespaces (+ shows their size). */
static int
list_tablespaces(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT spcname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(spcowner) AS \"Owner\", pg_catalog."
	    "pg_tablespace_location(oid) AS \"Location\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.array_to_string(spcacl, E'\\n') "
		    "AS \"Access privileges\", spcoptions AS \"Options\", "
		    "pg_catalog.pg_size_pretty(pg_catalog.pg_tablespace_size("
		    "oid)) AS \"Size\", pg_catalog.shobj_description(oid, "
		    "'pg_tablespace') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_tablespace WHERE true");
	return print_named(ps, &sql, pattern, "spcname",
	    "List of tablespaces");
}

/*
 * \dconfig[+] [PATTERN]: the settings whose lower-case name matches
 * (dots are part of the name), or without a pattern those set away
 * from their built-in default.
 */
static int
list_settings(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT s.name AS \"Parameter\", pg_catalog."
	    "current_setting(s.name) AS \"Value\"");
	if (verbose)
		buf_adds(&sql, ", s.vartype AS \"Type\", s.context AS "
		    "\"Context\", pg_catalog.array_to_string(p.paracl, E'\\n') "
		    "AS \"Access privileges\"");
	buf_adds(&sql, " FROM pg_catalog.pg_settings s LEFT JOIN "
	    "pg_catalog.pg_parameter_acl p ON pg_catalog.lower(s.name) = "
	    "p.parname WHERE true");
	if (pattern == NULL)
		buf_adds(&sql, " AND s.source <> 'default' AND s.setting IS "
		    "DISTINCT FROM s.boot_val");
	psql_pattern_where_flat(ps, &sql, pattern, "pg_catalog.lower(s.name)",
	    NULL);
	buf_adds(&sql, " ORDER BY 1");
	rc = psql_print_list(ps, sql.data, pattern != NULL ?
	    "List of configuration parameters" :
	    "List of non-default configuration parameters");
	buf_free(&sql);
	return rc;
}

/*
 * \drds [ROLE [DATABASE]]: List of settings per role and database.
 * With no row psql says so unless quiet; quiet, it prints the empty
 * table.
 */
static int
list_role_settings(struct psql *ps, const char *role, const char *db)
{
	struct buf	 sql;
	PGresult	*r = NULL;

	buf_init(&sql);
	buf_adds(&sql, "SELECT r.rolname AS \"Role\", d.datname AS "
	    "\"Database\", pg_catalog.array_to_string(s.setconfig, E'\\n') AS"
	    " \"Settings\" FROM pg_catalog.pg_db_role_setting s LEFT JOIN "
	    "pg_catalog.pg_database d ON d.oid = s.setdatabase LEFT JOIN "
	    "pg_catalog.pg_roles r ON r.oid = s.setrole WHERE true");
	if (psql_pattern_where(ps, &sql, role, NULL, "r.rolname", NULL,
	    NULL) == 0 && psql_pattern_where(ps, &sql, db, NULL, "d.datname",
	    NULL, NULL) == 0) {
		buf_adds(&sql, " ORDER BY 1, 2");
		r = psql_catalog_query(ps, sql.data);
	}
	buf_free(&sql);
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 0 && !ps->quiet) {
		if (role != NULL && db != NULL)
			psql_error(ps, "Did not find any settings for role \"%s\" "
			    "and database \"%s\".", role, db);
		else if (role != NULL)
			psql_error(ps, "Did not find any settings for role "
			    "\"%s\".", role);
		else
			psql_error(ps, "Did not find any settings.");
	} else
		psql_print_titled(ps, r, "List of settings", 1);
	PQclear(r);
	return 0;
}

/*
 * \l, \db, \dconfig, \drds with their modifiers (cmd "l+", "db+",
 * "dconfig", ...; \list is "l"); pattern2 is the second pattern of
 * \drds.  1 when cmd is none of them, else 0 or -1 (reported).
 */
int
psql_describe_server(struct psql *ps, const char *cmd, const char *pattern,
    const char *pattern2)
{
	int	verbose = strchr(cmd, '+') != NULL;

	if (strcmp(cmd, "l") == 0 || strcmp(cmd, "l+") == 0)
		return list_databases(ps, verbose, pattern);
	if (strcmp(cmd, "drds") == 0)
		return list_role_settings(ps, pattern, pattern2);
	if (strncmp(cmd, "dconfig", 7) == 0 &&
	    cmd[7 + strspn(cmd + 7, "S+")] == '\0')
		return list_settings(ps, verbose, pattern);
	if (strncmp(cmd, "db", 2) == 0 && cmd[2 + strspn(cmd + 2, "S+")] ==
	    '\0')
		return list_tablespaces(ps, verbose, pattern);
	return 1;
}
