/*
 * psql-exec.c: sending one query as psql's SendQuery does.  Every
 * result is printed (tables, command tags unless QUIET), errors and
 * notices as libpq words them and in the order they arrive, COPY FROM
 * STDIN reads its data from the script up to "\.", \copy from or to a
 * client file, \gset stores a row in variables, and ON_ERROR_ROLLBACK
 * wraps the query in a savepoint inside a transaction.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/*
 * Write a server message as psql's pg_log_info does: with the
 * "psql:FILE:LINE: " prefix inside a file run by \i, never for the
 * script itself.
 */
void
psql_message(struct psql *ps, const char *msg)
{
	size_t	n = strlen(msg);

	if (n > 0 && msg[n - 1] == '\n')
		n--;
	if (ps->src != NULL && !ps->src->is_stdin)
		fprintf(ps->out, "psql:%s:%ld: ", ps->src->name,
		    ps->src->lineno);
	fprintf(ps->out, "%.*s\n", (int)n, msg);
}

/* libpq's notice processor: NOTICE, WARNING, ... where they arrive. */
void
psql_notice(void *arg, const char *msg)
{
	psql_message(arg, msg);
}

/* Apply a variable's value again (to a new connection). */
static void
reapply(struct psql *ps, const char *name)
{
	const char	*v = psql_var_get(ps, name);
	char		*copy = v != NULL ? xstrdup(v) : NULL;

	psql_var_set(ps, name, copy);
	free(copy);
}

/*
 * psql's "\connect: MESSAGE", or at its start (what NULL) "psql: error:
 * MESSAGE" (one trailing newline dropped).
 */
static void
connect_failed(struct psql *ps, const char *what, const char *msg)
{
	size_t	n = strlen(msg);

	if (n > 0 && msg[n - 1] == '\n')
		n--;
	if (what == NULL)
		fprintf(ps->out, "psql: error: %.*s\n", (int)n, msg);
	else
		psql_error(ps, "%s: %.*s", what, (int)n, msg);
}

/* Copy s into *field (freed first); NULL stays NULL. */
static void
replace_field(char **field, const char *s)
{
	char	*copy = s != NULL ? xstrdup(s) : NULL;

	free(*field);
	*field = copy;
}

/*
 * Connect with the settings kw/val (NULL-terminated; a NULL value is
 * not given): the new connection replaces the session's, whose
 * dbname, user, host and port (\c's "-") become its.  0, or -2 with
 * psql's message printed (after "what: " when what is not NULL:
 * "\connect"; as psql says it at its start otherwise).
 */
int
psql_connect_params(struct psql *ps, const char *const *kw,
    const char *const *val, const char *what)
{
	PGconn		*c;
	int		 v;
	char		 num[16];

	c = PQconnectdbParams(kw, val, 0);
	if (PQstatus(c) != CONNECTION_OK) {
		connect_failed(ps, what, PQerrorMessage(c));
		PQfinish(c);
		return -2;
	}
	if (ps->conn != NULL)
		PQfinish(ps->conn);
	ps->conn = c;
	replace_field(&ps->dbname, PQdb(c));
	replace_field(&ps->user, PQuser(c));
	replace_field(&ps->host, PQhost(c));
	replace_field(&ps->port, PQport(c));
	replace_field(&ps->conn_appname, PQparameterStatus(c,
	    "application_name"));
	PQsetNoticeProcessor(c, psql_notice, ps);
	reapply(ps, "VERBOSITY");
	reapply(ps, "SHOW_CONTEXT");
	psql_var_set(ps, "DBNAME", PQdb(c));
	psql_var_set(ps, "USER", PQuser(c));
	psql_var_set(ps, "HOST", PQhost(c));
	psql_var_set(ps, "PORT", PQport(c));
	psql_var_set(ps, "ENCODING", pg_encoding_to_char(
	    PQclientEncoding(c)));
	v = PQserverVersion(c);
	snprintf(num, sizeof num, "%d", v);
	psql_var_set(ps, "SERVER_VERSION_NUM", num);
	psql_var_set(ps, "SERVER_VERSION_NAME",
	    PQparameterStatus(c, "server_version"));
	return 0;
}

/*
 * Connect to db, host, port as user (NULL: libpq's defaults) with the
 * test's application name; 0, or -1 with psql's message printed (see
 * psql_connect_params()).
 */
int
psql_connect(struct psql *ps, const char *db, const char *host,
    const char *port, const char *user, const char *what)
{
	const char	*kw[8], *val[8];
	int		 n = 0;

	kw[n] = "dbname", val[n++] = db;
	kw[n] = "host", val[n++] = host;
	kw[n] = "port", val[n++] = port;
	kw[n] = "user", val[n++] = user;
	kw[n] = "application_name", val[n++] = ps->appname;
	kw[n] = "fallback_application_name", val[n++] = "psql";
	kw[n] = NULL, val[n] = NULL;
	return psql_connect_params(ps, kw, val, what) == 0 ? 0 : -1;
}

/* psql's ERROR, SQLSTATE, ROW_COUNT and LAST_ERROR_* variables. */
void
psql_result_vars(struct psql *ps, const PGresult *res, int ok)
{
	const char	*state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char	*msg;

	psql_var_set(ps, "ERROR", ok ? "false" : "true");
	if (ok) {
		psql_var_set(ps, "SQLSTATE", "00000");
		msg = PQcmdTuples((PGresult *)res);
		psql_var_set(ps, "ROW_COUNT", *msg != '\0' ? msg : "0");
		return;
	}
	psql_var_set(ps, "SQLSTATE", state != NULL ? state : "");
	psql_var_set(ps, "ROW_COUNT", "0");
	msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	psql_var_set(ps, "LAST_ERROR_MESSAGE", msg != NULL ? msg : "");
	psql_var_set(ps, "LAST_ERROR_SQLSTATE", state != NULL ? state : "");
}

/*
 * A failed result: msg printed as psql prints it, the error variables
 * set, res kept (owned from now on) for \errverbose.  Returns -1.
 */
int
psql_failed(struct psql *ps, PGresult *res, const char *msg)
{
	psql_message(ps, msg);
	psql_result_vars(ps, res, 0);
	PQclear(ps->last_error);
	ps->last_error = res;
	return -1;
}

/* \gset: the one row into variables PREFIX+column; 0 or -1. */
int
psql_store_row(struct psql *ps, const PGresult *res)
{
	char	*name;
	int	 j, rc = 0;

	if (PQntuples(res) < 1) {
		psql_error(ps, "no rows returned for \\gset");
		return -1;
	}
	if (PQntuples(res) > 1) {
		psql_error(ps, "more than one row returned for \\gset");
		return -1;
	}
	for (j = 0; j < PQnfields(res) && rc == 0; j++) {
		name = xprintf("%s%s", ps->gset_prefix, PQfname(res, j));
		if (psql_var_hooked(name))
			psql_warning(ps, "attempt to \\gset into specially "
			    "treated variable \"%s\" ignored", name);
		else
			rc = psql_var_set(ps, name, PQgetisnull(res, 0, j) ?
			    NULL : PQgetvalue(res, 0, j));
		free(name);
	}
	return rc;
}

/*
 * Where psql 15 writes the data of a COPY TO STDOUT: the \copy file,
 * else the file of \g FILE (for every result of the query, whatever
 * \o says), else the query output; NULL (data dropped) when the \g
 * file cannot be opened.
 */
static FILE *
copy_out_stream(struct psql *ps)
{
	if (ps->copy_stream != NULL)
		return ps->copy_stream;
	if (ps->gfname != NULL)
		return psql_g_file(ps);
	return psql_qfout(ps);
}

/*
 * COPY TO STDOUT: the data into to (dropped when NULL); psql's "could
 * not write COPY data" once when it cannot be written (a \copy ... TO
 * PROGRAM that stopped reading), the rest read all the same.
 */
static void
copy_out(struct psql *ps, FILE *to)
{
	char	*data;
	int	 n, ok = to != NULL;

	/* with --timeout, wait for each row no longer than the deadline */
	while ((n = psql_timeout_copy_data(ps, &data)) > 0) {
		if (ok && fwrite(data, 1, (size_t)n, to) != (size_t)n) {
			psql_error(ps, "could not write COPY data: %s",
			    strerror(errno));
			ok = 0;
		}
		PQfreemem(data);
	}
	if (ok && fflush(to) != 0)
		psql_error(ps, "could not write COPY data: %s",
		    strerror(errno));
	if (n == -2)
		psql_message(ps, PQerrorMessage(ps->conn));
}

/*
 * COPY FROM STDIN with its data in the script, up to "\.", which psql
 * 15 sends too (the server's end-of-data marker: a CSV quoted field
 * left open shows it in the error's CONTEXT).
 */
static void
copy_in_script(struct psql *ps)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	while ((n = getline(&line, &cap, ps->src->f)) >= 0) {
		ps->src->lineno++;
		if (PQputCopyData(ps->conn, line, (int)n) != 1)
			break;
		if (strcmp(line, "\\.\n") == 0 || strcmp(line, "\\.\r\n") ==
		    0)
			break;
	}
	free(line);
	PQputCopyEnd(ps->conn, NULL);
}

/* COPY FROM STDIN fed from a \copy file, bytes as they are. */
static void
copy_in_file(struct psql *ps, FILE *from)
{
	char	 chunk[65536];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof chunk, from)) > 0)
		if (PQputCopyData(ps->conn, chunk, (int)n) != 1)
			break;
	PQputCopyEnd(ps->conn, ferror(from) ? strerror(errno) : NULL);
}

/*
 * \gexec: every non-NULL cell, row by row, run as a query (echoed
 * under ECHO all, as psql does).  0, or -1 when one failed.
 */
static int
exec_cells(struct psql *ps, const PGresult *res)
{
	int	i, j, rc = 0;

	ps->gexec = 0;
	for (i = 0; i < PQntuples(res); i++)
		for (j = 0; j < PQnfields(res); j++) {
			if (PQgetisnull(res, i, j))
				continue;
			if (ps->echo == PSQL_ECHO_ALL)
				fprintf(ps->out, "%s\n", PQgetvalue(res, i, j));
			if (psql_send(ps, PQgetvalue(res, i, j)) != 0) {
				rc = -1;
				if (ps->on_error_stop)
					return -1;
			}
		}
	return rc;
}

/* psql's PrintQueryStatus: the command tag unless QUIET; LASTOID. */
static void
print_status(struct psql *ps, const PGresult *res, const char *tag)
{
	char	oid[16];

	if (!ps->quiet)
		fprintf(psql_qfout(ps), "%s\n", tag);
	snprintf(oid, sizeof oid, "%u", PQoidValue(res));
	psql_var_set(ps, "LASTOID", oid);
}

/*
 * The rows of res printed where results go; 0, or -1 with psql's
 * message when they could not be written (a \g |command that stopped
 * reading: "Broken pipe").
 */
static int
print_rows(struct psql *ps, const PGresult *res)
{
	FILE	*f = psql_qfout(ps);

	psql_print_result(ps, res);
	fflush(f);
	if (!ferror(f))
		return 0;
	psql_error(ps, "could not print result table: %s", strerror(errno));
	return -1;
}

/* Print or store one successful result (PrintQueryResult). */
static int
handle_result(struct psql *ps, PGresult *res, int last)
{
	const char	*tag = PQcmdStatus(res);
	FILE		*saved = ps->qout;
	int		 rc = 0;

	/* SHOW_ALL_RESULTS off: only the last result of a \; chain */
	if (!last && !psql_var_on(ps, "SHOW_ALL_RESULTS"))
		return 0;
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		/* \g FILE: the rows (and their status) go there */
		if (ps->gfname != NULL && (ps->qout = psql_g_file(ps)) == NULL) {
			ps->qout = saved;
			return -1;
		}
		if (last && ps->gset_prefix != NULL)
			rc = psql_store_row(ps, res);
		else if (last && ps->gexec)
			rc = exec_cells(ps, res);
		else if (last && ps->crosstab)
			rc = psql_crosstab(ps, res);
		else
			rc = print_rows(ps, res);
		if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE",
		    6) == 0 || strncmp(tag, "DELETE", 6) == 0)
			print_status(ps, res, tag);
		ps->qout = saved;
		break;
	case PGRES_COMMAND_OK:
		print_status(ps, res, tag);
		break;
	default:
		break;
	}
	return rc;
}

/* The next result of the query, cancelled at its --timeout. */
static PGresult *
next_result(struct psql *ps)
{
	psql_timeout_wait(ps);
	return PQgetResult(ps->conn);
}

/*
 * After a failed query, psql's CheckConnection: a connection gone is
 * named once (the script then ends with status 2, psql-main.c); -1.
 */
static int
connection_check(struct psql *ps)
{
	if (PQstatus(ps->conn) == CONNECTION_BAD)
		psql_error(ps, "connection to server was lost");
	return -1;
}

/* Send the query and print all its results; 0, or -1 on an error. */
static int
exec_query(struct psql *ps, const char *query)
{
	PGresult	*res, *next;
	int		 ok = 1, st, copy_in = 0, copy_to_qfout = 0;

	if (!PQsendQuery(ps->conn, query)) {
		psql_message(ps, PQerrorMessage(ps->conn));
		return connection_check(ps);
	}
	psql_timeout_arm(ps);
	res = next_result(ps);
	while (res != NULL) {
		st = PQresultStatus(res);
		if (st == PGRES_COPY_OUT) {
			FILE	*to = copy_out_stream(ps);

			PQclear(res);
			copy_to_qfout = to == psql_qfout(ps);
			copy_out(ps, to);
			res = next_result(ps);
			continue;
		}
		if (st == PGRES_COPY_IN) {
			copy_in = 1;
			PQclear(res);
			if (ps->copy_stream != NULL)
				copy_in_file(ps, ps->copy_stream);
			else
				copy_in_script(ps);
			res = next_result(ps);
			continue;
		}
		if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE ||
		    st == PGRES_NONFATAL_ERROR) {
			psql_failed(ps, res, PQresultErrorMessage(res));
			ok = 0;
			res = next_result(ps);
			continue;
		}
		next = next_result(ps);
		snprintf(ps->last_tag, sizeof ps->last_tag, "%s",
		    PQcmdStatus(res));
		psql_result_vars(ps, res, 1);
		/*
		 * psql 15 drops the status of a COPY whose data went where
		 * results go: not printed, ROW_COUNT is then 0
		 */
		if (copy_to_qfout && PQresultStatus(res) == PGRES_COMMAND_OK)
			psql_var_set(ps, "ROW_COUNT", "0");
		else if (handle_result(ps, res, next == NULL) != 0)
			ok = 0;
		copy_to_qfout = 0;
		PQclear(res);
		res = next;
	}
	if (!ok && !copy_in && ps->copy_stream == NULL &&
	    psql_has_copy_from_stdin(query))
		ps->copy_skip = 1;
	if (!ok)
		return connection_check(ps);
	return 0;
}


/*
 * \gdesc: the query prepared, not run, and its result's columns shown
 * as psql's DescribeQuery shows them (a query of names and types).
 */
static int
describe_query(struct psql *ps, const char *query)
{
	PGresult	*res = PQprepare(ps->conn, "", query, 0, NULL);
	struct buf	 b;
	char		*name;
	int		 j;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return psql_failed(ps, res, PQerrorMessage(ps->conn));
	PQclear(res);
	res = PQdescribePrepared(ps->conn, "");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return psql_failed(ps, res, PQerrorMessage(ps->conn));
	if (PQnfields(res) == 0) {
		fprintf(psql_qfout(ps), "The command has no result, or the "
		    "result has no columns.\n");
		psql_result_vars(ps, res, 1);
		PQclear(res);
		return 0;
	}
	buf_init(&b);
	buf_adds(&b, "SELECT name AS \"Column\", pg_catalog.format_type(tp, "
	    "tpm) AS \"Type\"\nFROM (VALUES ");
	for (j = 0; j < PQnfields(res); j++) {
		name = PQescapeLiteral(ps->conn, PQfname(res, j),
		    strlen(PQfname(res, j)));
		buf_printf(&b, "%s(%s, '%u'::pg_catalog.oid, %d)", j > 0 ?
		    "," : "", name != NULL ? name : "''", PQftype(res, j),
		    PQfmod(res, j));
		PQfreemem(name);
	}
	buf_adds(&b, ") s(name, tp, tpm)");
	PQclear(res);
	res = PQexec(ps->conn, b.data);
	buf_free(&b);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return psql_failed(ps, res, PQerrorMessage(ps->conn));
	psql_result_vars(ps, res, 1);
	psql_print_result(ps, res);
	PQclear(res);
	return 0;
}

/* Run one statement alone (the savepoints of ON_ERROR_ROLLBACK). */
int
psql_exec_quiet(struct psql *ps, const char *sql)
{
	PGresult	*res = PQexec(ps->conn, sql);
	int		 ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		psql_message(ps, PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : -1;
}

/* Whether the statement's tag says it moved the savepoints itself. */
static int
savepoint_gone(const char *tag)
{
	return strcmp(tag, "COMMIT") == 0 || strcmp(tag, "SAVEPOINT") == 0 ||
	    strcmp(tag, "RELEASE") == 0 || strcmp(tag, "ROLLBACK") == 0;
}

/*
 * \timing's line after a query, as psql 15's PrintTiming: milliseconds,
 * and from a second on the time as [D d ][HH:]MM:SS.SSS too.
 */
static void
print_timing(struct psql *ps, double ms)
{
	double	s = ms / 1000.0, m, h, d;

	if (ms < 1000.0) {
		fprintf(ps->out, "Time: %.3f ms\n", ms);
		return;
	}
	m = (double)(long long)(s / 60.0);
	s -= 60.0 * m;
	if (m < 60.0) {
		fprintf(ps->out, "Time: %.3f ms (%02d:%06.3f)\n", ms, (int)m, s);
		return;
	}
	h = (double)(long long)(m / 60.0);
	m -= 60.0 * h;
	if (h < 24.0) {
		fprintf(ps->out, "Time: %.3f ms (%02d:%02d:%06.3f)\n", ms,
		    (int)h, (int)m, s);
		return;
	}
	d = (double)(long long)(h / 24.0);
	h -= 24.0 * d;
	fprintf(ps->out, "Time: %.3f ms (%.0f d %02d:%02d:%06.3f)\n", ms, d,
	    (int)h, (int)m, s);
}

/*
 * The notifications that arrived (LISTEN in this session), as psql
 * prints them after each query, to the query output.
 */
static void
print_notifications(struct psql *ps)
{
	FILE		*f = psql_qfout(ps);
	PGnotify	*n;

	if (ps->conn == NULL)
		return;
	PQconsumeInput(ps->conn);
	while ((n = PQnotifies(ps->conn)) != NULL) {
		fprintf(f, "Asynchronous notification \"%s\"", n->relname);
		if (n->extra[0] != '\0')
			fprintf(f, " with payload \"%s\"", n->extra);
		fprintf(f, " received from server process with PID %d.\n",
		    n->be_pid);
		PQfreemem(n);
		PQconsumeInput(ps->conn);
	}
}

/*
 * psql's SendQuery: echo (ECHO queries), the ON_ERROR_ROLLBACK
 * savepoint, the query and its results.  Returns 0, or -1 when it
 * failed (the message printed).  Consumes the \gset and
 * \crosstabview requests.
 */
int
psql_send(struct psql *ps, const char *query)
{
	int	 svpt = 0, rc;
	double	 start;

	if (ps->echo == PSQL_ECHO_QUERIES) {
		fputs(query, ps->out);
		fputc('\n', ps->out);
	}
	if (ps->conn == NULL) {
		psql_error(ps, "You are currently not connected to a "
		    "database.");
		rc = -1;
		goto done;
	}
	if (!ps->autocommit && PQtransactionStatus(ps->conn) ==
	    PQTRANS_IDLE && !psql_command_no_begin(query) &&
	    psql_exec_quiet(ps, "BEGIN") != 0) {
		rc = -1;
		goto done;
	}
	if (ps->on_error_rollback && PQtransactionStatus(ps->conn) ==
	    PQTRANS_INTRANS) {
		if (psql_exec_quiet(ps, "SAVEPOINT pg_psql_temporary_savepoint")
		    != 0) {
			rc = -1;
			goto done;
		}
		svpt = 1;
	}
	ps->last_tag[0] = '\0';
	start = clock_now();
	if (ps->gdesc)
		rc = describe_query(ps, query);
	else if (psql_cursor_wanted(ps, query))
		rc = psql_exec_cursor(ps, query);
	else
		rc = exec_query(ps, query);
	if (rc != 0 && ps->echo == PSQL_ECHO_ERRORS) {
		char	*stmt = xprintf("STATEMENT:  %s", query);

		psql_message(ps, stmt);
		free(stmt);
	}
	if (svpt) {
		switch (PQtransactionStatus(ps->conn)) {
		case PQTRANS_INERROR:
			psql_exec_quiet(ps, "ROLLBACK TO "
			    "pg_psql_temporary_savepoint");
			break;
		case PQTRANS_INTRANS:
			if (!savepoint_gone(ps->last_tag))
				psql_exec_quiet(ps, "RELEASE "
				    "pg_psql_temporary_savepoint");
			break;
		default:
			break;
		}
	}
	if (ps->timing)
		print_timing(ps, 1000.0 * (clock_now() - start));
	print_notifications(ps);
done:
	free(ps->gset_prefix);
	ps->gset_prefix = NULL;
	ps->crosstab = 0;
	ps->gexec = 0;
	ps->gdesc = 0;
	psql_g_done(ps);
	fflush(ps->out);
	return rc;
}
