/*
 * psql-source.c: \sf[+] FUNCTION and \sv[+] VIEW, as psql 15 shows them:
 * the function's CREATE OR REPLACE FUNCTION command (pg_get_functiondef)
 * or the view's CREATE OR REPLACE VIEW with its options and check
 * option, on standard output; with +, line numbers (a function's
 * counted from the line its body starts on: AS, BEGIN or RETURN).  A
 * name that does not resolve gives psql's short "ERROR:  ..." message.
 * The catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Run sql with one parameter; NULL after psql's short error message. */
static PGresult *
short_query(struct psql *ps, const char *sql, const char *param)
{
	PGresult	*r = PQexecParams(ps->conn, sql, 1, NULL, &param, NULL,
			    NULL, 0);
	const char	*sev, *msg;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		return r;
	sev = PQresultErrorField(r, PG_DIAG_SEVERITY);
	msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	psql_error(ps, "%s:  %s", sev != NULL ? sev : "ERROR", msg != NULL ?
	    msg : "(not available)");
	PQclear(r);
	return NULL;
}

/* The function's definition.  Caller frees; NULL: reported. */
static char *
function_source(struct psql *ps, const char *name)
{
	PGresult	*r;
	char		*oid, *def = NULL;

	r = short_query(ps, strchr(name, '(') != NULL ? "SELECT $1::"
	    "pg_catalog.regprocedure::pg_catalog.oid" : "SELECT $1::"
	    "pg_catalog.regproc::pg_catalog.oid", name);
	if (r == NULL)
		return NULL;
	oid = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	r = short_query(ps, "SELECT pg_catalog.pg_get_functiondef("
	    "$1::pg_catalog.oid)", oid);
	if (r != NULL)
		def = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	free(oid);
	return def;
}

/* The view's CREATE OR REPLACE VIEW.  Caller frees; NULL: reported. */
static char *
view_source(struct psql *ps, const char *name)
{
	static const char sql[] =
	    "SELECT pg_catalog.quote_ident(n.nspname), pg_catalog.quote_ident("
	    "c.relname), c.relkind, pg_catalog.pg_get_viewdef(c.oid, true), "
	    "pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident("
	    "pg_catalog.split_part(o, '=', 1)) || '=' || pg_catalog."
	    "quote_literal(pg_catalog.substr(o, pg_catalog.strpos(o, '=') + "
	    "1)) FROM pg_catalog.unnest(c.reloptions) o WHERE o NOT IN "
	    "('check_option=local', 'check_option=cascaded')), ', '), CASE "
	    "WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL' WHEN"
	    " 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED' "
	    "END, n.nspname, c.relname FROM pg_catalog.pg_class c JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid "
	    "= $1::pg_catalog.regclass";
	PGresult	*r = short_query(ps, sql, name);
	struct buf	 b;

	if (r == NULL)
		return NULL;
	if (strcmp(PQgetvalue(r, 0, 2), "v") != 0) {
		psql_error(ps, "\"%s.%s\" is not a view", PQgetvalue(r, 0, 6),
		    PQgetvalue(r, 0, 7));
		PQclear(r);
		return NULL;
	}
	buf_init(&b);
	buf_printf(&b, "CREATE OR REPLACE VIEW %s.%s", PQgetvalue(r, 0, 0),
	    PQgetvalue(r, 0, 1));
	if (*PQgetvalue(r, 0, 4) != '\0')
		buf_printf(&b, "\n WITH (%s)", PQgetvalue(r, 0, 4));
	buf_printf(&b, " AS\n%s", PQgetvalue(r, 0, 3));
	if (b.len > 0 && b.data[b.len - 1] == ';')
		b.data[--b.len] = '\0';
	if (!PQgetisnull(r, 0, 5))
		buf_printf(&b, "\n WITH %s CHECK OPTION", PQgetvalue(r, 0, 5));
	PQclear(r);
	return buf_detach(&b);
}

/* Print text numbered as psql's print_with_linenumbers. */
static void
print_numbered(FILE *f, char *text, int is_func)
{
	char	*line = text, *eol;
	int	 header = is_func, lineno = 0;

	while (*line != '\0') {
		if (header && (strncmp(line, "AS ", 3) == 0 ||
		    strncmp(line, "BEGIN ", 6) == 0 ||
		    strncmp(line, "RETURN ", 7) == 0))
			header = 0;
		if (!header)
			lineno++;
		if ((eol = strchr(line, '\n')) != NULL)
			*eol = '\0';
		if (header)
			fprintf(f, "        %s\n", line);
		else
			fprintf(f, "%-7d %s\n", lineno, line);
		if (eol == NULL)
			break;
		line = eol + 1;
	}
}

/*
 * \sf[+] and \sv[+]: cmd is the command ("sf", "sv+"), name the rest of
 * its line or NULL.  0, or -1 (reported).
 */
int
psql_show_source(struct psql *ps, const char *cmd, const char *name)
{
	int	 is_func = cmd[1] == 'f';
	char	*text;

	if (ps->conn == NULL) {
		psql_error(ps, "You are currently not connected to a "
		    "database.");
		return -1;
	}
	if (name == NULL || *name == '\0') {
		psql_error(ps, is_func ? "function name is required" :
		    "view name is required");
		return -1;
	}
	text = is_func ? function_source(ps, name) : view_source(ps, name);
	if (text == NULL)
		return -1;
	if (strchr(cmd, '+') != NULL)
		print_numbered(ps->out, text, is_func);
	else {
		fputs(text, ps->out);
		if (*text != '\0' && text[strlen(text) - 1] != '\n')
			fputc('\n', ps->out);
	}
	free(text);
	return 0;
}
