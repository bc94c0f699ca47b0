/*
 * psql-describe-fdw.c: psql 15's foreign-data lists: \dew[+]
 * (foreign-data wrappers), \des[+] (foreign servers), \deu[+] (user
 * mappings; the pattern matches the server or the user) and \det[+]
 * (foreign tables), with + adding privileges, options as psql writes
 * them ("(name 'value', ...)") and descriptions; the FDW options column
 * and the Server and FDW options footers of \d on a foreign table.  The
 * catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/*
 * ", <the options array col as "(name 'value', ...)">" into sql, named
 * "FDW options" unless header is NULL.
 */
void
psql_options_column(struct buf *sql, const char *col, const char *header)
{
	buf_printf(sql, ", CASE WHEN %s IS NULL THEN '' ELSE '(' || "
	    "pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident("
	    "option_name) || ' ' || pg_catalog.quote_literal(option_value) "
	    "FROM pg_catalog.pg_options_to_table(%s)), ', ') || ')' END", col,
	    col);
	if (header != NULL)
		buf_printf(sql, " AS \"%s\"", header);
}

/* \d on a foreign table: the Server and FDW options footers. */
void
psql_foreign_table_footers(struct psql *ps, struct psql_table *t,
    const char *oid)
{
	PGresult	*r;

	r = psql_rel_query(ps, "SELECT s.srvname, pg_catalog."
	    "array_to_string(ARRAY(SELECT pg_catalog.quote_ident(option_name)"
	    " || ' ' || pg_catalog.quote_literal(option_value) FROM "
	    "pg_catalog.pg_options_to_table(f.ftoptions)), ', ') FROM "
	    "pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_foreign_server "
	    "s ON s.oid = f.ftserver WHERE f.ftrelid = $1::pg_catalog.oid",
	    oid);
	if (r != NULL && PQntuples(r) > 0) {
		psql_footer_add(t, xprintf("Server: %s", PQgetvalue(r, 0, 0)));
		if (*PQgetvalue(r, 0, 1) != '\0')
			psql_footer_add(t, xprintf("FDW options: (%s)",
			    PQgetvalue(r, 0, 1)));
	}
	PQclear(r);
}

/* Add pattern's conditions, the order, run and print; sql freed. */
static int
finish(struct psql *ps, struct buf *sql, const char *pattern,
    const char *namecol, const char *altcol, const char *title)
{
	int	rc;

	if (strcmp(namecol, "c.relname") == 0)
		rc = psql_pattern_where(ps, sql, pattern, "n.nspname",
		    namecol, NULL, "pg_catalog.pg_table_is_visible(c.oid)");
	else
		rc = psql_pattern_where(ps, sql, pattern, NULL, namecol, altcol,
		    NULL);
	buf_adds(sql, " ORDER BY 1, 2");
	if (rc == 0)
		rc = psql_print_list(ps, sql->data, title);
	buf_free(sql);
	return rc;
}

/* \dew[+] [PATTERN]: List of foreign-data wrappers. */
static int
list_wrappers(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT fdw.fdwname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(fdw.fdwowner) AS \"Owner\", fdw.fdwhandler::"
	    "pg_catalog.regproc AS \"Handler\", fdw.fdwvalidator::pg_catalog."
	    "regproc AS \"Validator\"");
	if (verbose) {
		buf_adds(&sql, ", pg_catalog.array_to_string(fdw.fdwacl, "
		    "E'\\n') AS \"Access privileges\"");
		psql_options_column(&sql, "fdw.fdwoptions", "FDW options");
		buf_adds(&sql, ", pg_catalog.obj_description(fdw.oid, "
		    "'pg_foreign_data_wrapper') AS \"Description\"");
	}
	buf_adds(&sql, " FROM pg_catalog.pg_foreign_data_wrapper fdw WHERE "
	    "true");
	return finish(ps, &sql, pattern, "fdw.fdwname", NULL,
	    "List of foreign-data wrappers");
}

/* \des[+] [PATTERN]: List of foreign servers. */
static int
list_servers(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT s.srvname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(s.srvowner) AS \"Owner\", f.fdwname AS "
	    "\"Foreign-data wrapper\"");
	if (verbose) {
		buf_adds(&sql, ", pg_catalog.array_to_string(s.srvacl, E'\\n')"
		    " AS \"Access privileges\", s.srvtype AS \"Type\", "
		    "s.srvversion AS \"Version\"");
		psql_options_column(&sql, "s.srvoptions", "FDW options");
		buf_adds(&sql, ", pg_catalog.obj_description(s.oid, "
		    "'pg_foreign_server') AS \"Description\"");
	}
	buf_adds(&sql, " FROM pg_catalog.pg_foreign_server s JOIN "
	    "pg_catalog.pg_foreign_data_wrapper f ON f.oid = s.srvfdw WHERE "
	    "true");
	return finish(ps, &sql, pattern, "s.srvname", NULL,
	    "List of foreign servers");
}

/* \deu[+] [PATTERN]: List of user mappings. */
static int
list_user_mappings(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT um.srvname AS \"Server\", um.usename AS "
	    "\"User name\"");
	if (verbose)
		psql_options_column(&sql, "um.umoptions", "FDW options");
	buf_adds(&sql, " FROM pg_catalog.pg_user_mappings um WHERE true");
	return finish(ps, &sql, pattern, "um.srvname", "um.usename",
	    "List of user mappings");
}

/* \det[+] [PATTERN]: List of foreign tables. */
static int
list_foreign_tables(struct psql *ps, int verbose, const char *pattern)
{
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", c.relname AS "
	    "\"Table\", s.srvname AS \"Server\"");
	if (verbose) {
		psql_options_column(&sql, "ft.ftoptions", "FDW options");
		buf_adds(&sql, ", pg_catalog.obj_description(c.oid, "
		    "'pg_class') AS \"Description\"");
	}
	buf_adds(&sql, " FROM pg_catalog.pg_foreign_table ft JOIN "
	    "pg_catalog.pg_class c ON c.oid = ft.ftrelid JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN "
	    "pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver WHERE "
	    "true");
	return finish(ps, &sql, pattern, "c.relname", NULL,
	    "List of foreign tables");
}

/*
 * \dew, \des, \deu, \det with + (and S, which they ignore); 1 when
 * cmd is none of them, else 0 or -1 (reported).
 */
int
psql_describe_fdw(struct psql *ps, const char *cmd, const char *pattern)
{
	int	verbose = strchr(cmd, '+') != NULL;

	if (cmd[2] == '\0' || cmd[3 + strspn(cmd + 3, "S+")] != '\0')
		return 1;
	switch (cmd[2]) {
	case 'w':
		return list_wrappers(ps, verbose, pattern);
	case 's':
		return list_servers(ps, verbose, pattern);
	case 'u':
		return list_user_mappings(ps, verbose, pattern);
	case 't':
		return list_foreign_tables(ps, verbose, pattern);
	}
	return 1;
}
