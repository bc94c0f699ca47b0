/*
 * driver-pg.c: the PostgreSQL driver, over libpq.  It owns the libpq
 * sessions (the one opened for the run and, under "-- isolation:
 * database", a second one on a scratch database), their cancel objects,
 * the rendering of rows as PostgreSQL's text output and the translation
 * of libpq errors into struct dberror.  The other files of the module
 * are listed in driver-pg.h, which with tempinst-pg.c is the only
 * includer of libpq-fe.h.  Nothing here prints or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver-pg.h"

#define PG_BOOLOID	16	/* pg_type.oid of boolean */

static void	 pg_notice(void *, const PGresult *);
static PGconn	*pg_connect(const char *, char **);
static PGresult	*pg_pipeline(struct pg_data *, PGconn *, const char *const *,
		    int, int,
		    const char *, struct result *, PGcancel *);
static PGconn	*pg_session(struct pg_data *);
static PGresult	*pg_run_rows(PGconn *, const char *, const char *,
		    struct result *, PGcancel *);
static void	 pg_drain_copy(PGconn *, PGresult *);
static const char *pg_slt_value(PGresult *, int, int, char);

static int	 pg_open(struct conn *, const char *, char **);
static void	 pg_close(struct conn *);
static int	 pg_in_transaction(struct conn *);
static void	 pg_cancel(struct conn *);
static const char *pg_version(struct conn *);
static int	 pg_constraints(struct conn *, struct constraint_list *,
		    char **);
static int	 pg_fingerprint(struct conn *, struct buf *, char **);

/* Leave the rollback to savepoint name pending on session pc. */
void
pg_set_undo(struct pg_data *d, PGconn *pc, const char *name)
{
	snprintf(d->undo[0], sizeof d->undo[0], "ROLLBACK TO SAVEPOINT %s",
	    name);
	snprintf(d->undo[1], sizeof d->undo[1], "RELEASE SAVEPOINT %s", name);
	d->undo_pending = pc;
}

/* A copy of a libpq message without its trailing newline; caller frees. */
char *
pg_chomp(const char *msg)
{
	size_t	len;

	if (msg == NULL)
		msg = "";
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return xstrndup(msg, len);
}

/*
 * Notice receiver: notices and warnings (such as "there is no transaction
 * in progress") are not errors and drivers never print, so drop them.
 */
static void
pg_notice(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

/*
 * Connect with a conninfo string or URI (a plain word is a database
 * name), forcing UTF-8.  A connect timeout of 10 s applies unless the DSN
 * or PGCONNECT_TIMEOUT sets one (libpq waits forever by default, on a
 * host that drops packets for minutes).  Returns the session, or NULL
 * with *cause.
 */
static PGconn *
pg_connect(const char *dsn, char **cause)
{
	static const char *const keys[] = {
		"connect_timeout", "dbname", "client_encoding",
		"fallback_application_name", NULL
	};
	const char	*values[5];
	const char	*env = getenv("PGCONNECT_TIMEOUT");
	PGconn		*pc;

	/* Values expanded from dbname override the ones before it. */
	values[0] = env != NULL && *env != '\0' ? env : "10";
	values[1] = dsn;
	values[2] = "UTF8";
	values[3] = "sqlcheck";
	values[4] = NULL;
	pc = PQconnectdbParams(keys, values, 1);
	if (PQstatus(pc) != CONNECTION_OK) {
		*cause = pg_scrub(pg_connect_cause(pc), dsn);
		PQfinish(pc);
		return NULL;
	}
	pg_session_setup(pc);
	return pc;
}

/*
 * Set up a new session: notices dropped and, from PostgreSQL 14, a check
 * for a vanished client every second while a statement runs.  Without
 * it a sqlcheck killed by SIGKILL leaves its statement running on the
 * server, holding its locks, transaction and scratch database, until the
 * statement ends by itself.  A failure to set it is ignored.  The reset
 * between files (reset-pg.c) sets it again after its DISCARD ALL.
 */
void
pg_session_setup(PGconn *pc)
{
	PGresult	*res;

	PQsetNoticeReceiver(pc, pg_notice, NULL);
	if (PQserverVersion(pc) < PG_CHECK_INTERVAL_VERSION)
		return;
	res = pg_run(pc, PG_CHECK_INTERVAL_SQL);
	PQclear(res);
}

/*
 * Why a connection failed, with its target (host, port, database; libpq
 * never puts the password in either).  Caller frees.
 */
char *
pg_connect_cause(PGconn *pc)
{
	char		*msg, *cause;
	const char	*host, *port, *db;

	msg = pg_chomp(pc != NULL ? PQerrorMessage(pc) : "out of memory");
	host = pc != NULL ? PQhost(pc) : NULL;
	if (host == NULL || *host == '\0')
		return msg;
	port = PQport(pc);
	db = PQdb(pc);
	cause = xprintf("cannot connect to PostgreSQL at host \"%s\" port %s "
	    "database \"%s\": %s", host, port != NULL ? port : "?",
	    db != NULL ? db : "?", msg);
	free(msg);
	return cause;
}

/*
 * Open a session on dsn (NULL: DATABASE_URL or libpq defaults) and keep
 * a cancel object for it.  0, or -1 with *cause.
 */
static int
pg_open(struct conn *c, const char *dsn, char **cause)
{
	struct pg_data	*d;
	PGconn		*pc;

	pc = pg_connect(pg_effective_dsn(dsn), cause);
	if (pc == NULL)
		return -1;
	d = xcalloc(1, sizeof *d);
	d->main = pc;
	d->main_cancel = PQgetCancel(pc);
	d->cancel = d->main_cancel;
	c->data = d;
	return 0;
}

/*
 * Close every session.  A scratch database still in use (the core closes
 * without scratch_drop after a lost connection) is dropped if the main
 * session still works.  NULL data is a no-op.
 */
static void
pg_close(struct conn *c)
{
	struct pg_data	*d = c->data;
	char		*cause = NULL;

	if (d == NULL)
		return;
	if (d->scratch_name != NULL) {
		pg_scratch_close(d);
		if (PQstatus(d->main) == CONNECTION_OK)
			pg_drop_db(d->main, d->scratch_name, &cause);
		free(cause);
		free(d->scratch_name);
	}
	d->cancel = NULL;
	free(d->reset_failed);
	PQfreeCancel(d->main_cancel);
	PQfinish(d->main);
	free(d->version);
	free(d);
	c->data = NULL;
}

/* The session statements run on: the scratch one while it exists. */
PGconn *
pg_active(struct pg_data *d)
{
	return d->scratch != NULL ? d->scratch : d->main;
}

/*
 * Send a pending reset, BEGIN or guard undo now (a failure shows on the
 * next call).
 */
void
pg_settle(struct pg_data *d)
{
	static const char *const begin[1] = { "BEGIN" };
	PGconn	*pc;

	/* A reset waiting for the same session goes first (pg_pipeline). */
	if ((pc = d->begin_pending) != NULL) {
		d->begin_pending = NULL;
		PQclear(pg_pipeline(d, pc, begin, 1, 0, NULL, NULL, NULL));
	}
	if ((pc = d->undo_pending) != NULL) {
		d->undo_pending = NULL;
		const char *undo[2] = { d->undo[0], d->undo[1] };

		PQclear(pg_pipeline(d, pc, undo, 2, 1, NULL, NULL, NULL));
	}
	if ((pc = d->reset_pending) != NULL)
		PQclear(pg_pipeline(d, pc, NULL, 0, 0, NULL, NULL, NULL));
}

/*
 * pg_settle, but a reset waiting for session pc keeps waiting (nothing
 * else waits for pc then: a reset makes a BEGIN or an undo moot, and a
 * BEGIN set after it is not sent here).
 */
void
pg_settle_others(struct pg_data *d, PGconn *pc)
{
	PGconn	*keep = d->reset_pending == pc ? pc : NULL;

	if (keep != NULL)
		d->reset_pending = NULL;
	pg_settle(d);
	if (keep != NULL)
		d->reset_pending = keep;
}

/*
 * Put what is pending for session pc at the head of a pipeline: sqls
 * gets "BEGIN" or the guard undo (at most 2 entries); returns how many.
 * Anything pending on another session is sent first.  A reset waiting
 * for pc is not among them: it goes in segments of its own, before
 * (pg_reset_send).
 */
int
pg_pending_prefix(struct pg_data *d, PGconn *pc, const char **sqls)
{
	int	n = 0;

	if ((d->begin_pending != NULL && d->begin_pending != pc) ||
	    (d->undo_pending != NULL && d->undo_pending != pc) ||
	    (d->reset_pending != NULL && d->reset_pending != pc))
		pg_settle(d);
	if (d->begin_pending != NULL) {
		sqls[n++] = "BEGIN";
		d->begin_pending = NULL;
	} else if (d->undo_pending != NULL) {
		sqls[n++] = d->undo[0];
		sqls[n++] = d->undo[1];
		d->undo_pending = NULL;
	}
	return n;
}

/* 1 if sql, after white space, starts with COPY (not for pipelines). */
int
pg_is_copy(const char *sql)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r')
		sql++;
	return strncasecmp(sql, "COPY", 4) == 0;
}

/* The active session, ready for a statement of any kind. */
static PGconn *
pg_session(struct pg_data *d)
{
	pg_settle(d);
	return pg_active(d);
}

/*
 * Send one statement and collect its results.  The extended protocol
 * (PQsendQueryParams) refuses a string of several statements: the core
 * sends one at a time, and a string the splitter got wrong must not run a
 * COMMIT past the runner.  The last result is returned, but the first
 * error wins over what follows it.  NULL if none came (the session is
 * broken).  Caller PQclears.
 */
PGresult *
pg_run(PGconn *pc, const char *sql)
{
	return pg_run_rows(pc, sql, NULL, NULL, NULL);
}

/*
 * pg_run, with the rows of a row set added to r (unless r is NULL) one
 * at a time as they arrive (libpq's single-row mode), so that past
 * r->max_rows they are not kept: a huge result set does not pile up in
 * libpq's memory, nor in ours.  The statement is then cancelled with
 * cancel (if not NULL), and the rows sent meanwhile read and dropped.
 * The PGRES_TUPLES_OK result returned has no rows of its own.
 */
static PGresult *
pg_run_rows(PGconn *pc, const char *sql, const char *types, struct result *r,
    PGcancel *cancel)
{
	PGresult	*res, *keep = NULL;
	ExecStatusType	 st;
	char		 errbuf[256];
	int		 cancelled = 0;

	if (!PQsendQueryParams(pc, sql, 0, NULL, NULL, NULL, NULL, 0))
		return NULL;
	if (r != NULL)
		PQsetSingleRowMode(pc);
	for (;;) {
		res = PQgetResult(pc);
		if (res == NULL)
			break;
		st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE) {
			pg_fill_rows(res, types, r);
			PQclear(res);
			if (r->truncated && cancel != NULL && !cancelled) {
				PQcancel(cancel, errbuf, sizeof errbuf);
				cancelled = 1;
			}
			continue;
		}
		if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT ||
		    st == PGRES_COPY_BOTH) {
			pg_drain_copy(pc, res);
			PQclear(res);
			continue;
		}
		if (keep != NULL && pg_is_error(keep)) {
			PQclear(res);
			continue;
		}
		PQclear(keep);
		keep = res;
	}
	return keep;
}

/* 1 if res reports a failed statement. */
int
pg_is_error(const PGresult *res)
{
	return PQresultStatus(res) == PGRES_FATAL_ERROR ||
	    PQresultStatus(res) == PGRES_BAD_RESPONSE;
}

/*
 * Finish a COPY: data sent to us is thrown away; COPY FROM STDIN is
 * refused (there is no data to send), which makes the statement fail.
 */
static void
pg_drain_copy(PGconn *pc, PGresult *res)
{
	char	*row;
	int	 n;

	if (PQresultStatus(res) == PGRES_COPY_IN) {
		PQputCopyEnd(pc, "sqlcheck has no data for COPY FROM STDIN");
		return;
	}
	for (;;) {
		row = NULL;
		n = PQgetCopyData(pc, &row, 0);
		if (row != NULL)
			PQfreemem(row);
		if (n < 0)
			break;
	}
}

/*
 * The text of a value for sqllogictest rendering.  A boolean read as a
 * number is 1 or 0, as an ODBC driver converts it (its text is t or f).
 */
static const char *
pg_slt_value(PGresult *res, int row, int col, char type)
{
	const char	*v = PQgetvalue(res, row, col);

	if (type != 'T' && PQftype(res, col) == PG_BOOLOID)
		return strcmp(v, "t") == 0 ? "1" : "0";
	return v;
}

/*
 * Add the rows of res to r: values as PostgreSQL's text output, or
 * rendered with slt_render() for sqllogictest types (T past the end of
 * types).  Nothing more once r is truncated (--max-rows).
 */
void
pg_fill_rows(PGresult *res, const char *types, struct result *r)
{
	struct buf	 b;
	size_t		 ntypes;
	int		 nrows, ncols, row, col;
	char		 type;

	nrows = PQntuples(res);
	ncols = PQnfields(res);
	ntypes = types != NULL ? strlen(types) : 0;
	if (!r->has_rows)
		result_set_columns(r, ncols);
	buf_init(&b);
	for (row = 0; row < nrows && !r->truncated; row++) {
		for (col = 0; col < ncols; col++) {
			if (PQgetisnull(res, row, col)) {
				result_add_null(r);
				continue;
			}
			if (types == NULL) {
				result_add_value(r, PQgetvalue(res, row, col),
				    (size_t)PQgetlength(res, row, col));
				continue;
			}
			type = (size_t)col < ntypes ? types[col] : 'T';
			buf_reset(&b);
			slt_render(type, pg_slt_value(res, row, col, type), &b);
			result_add_value(r, b.data, b.len);
		}
	}
	buf_free(&b);
}

/*
 * Fill err from a failed result (res may be NULL when nothing came back):
 * SQLSTATE (also the native code), primary message, detail, hint and
 * what was violated (catalog-pg.c).  A broken session sets err->lost.
 */
void
pg_fill_error(PGconn *pc, PGresult *res, struct dberror *err)
{
	const char	*state = NULL, *primary = NULL, *s;
	char		*msg, *lost;

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		if (primary == NULL)
			primary = PQresultErrorMessage(res);
	}
	if (primary == NULL || *primary == '\0')
		primary = PQerrorMessage(pc);
	msg = pg_chomp(primary);
	if (PQstatus(pc) == CONNECTION_BAD) {
		lost = xprintf("%s%s", PG_LOST, msg);
		free(msg);
		msg = lost;
	}
	dberror_set(err, state, state, NULL, msg);
	if (PQstatus(pc) == CONNECTION_BAD) {
		err->lost = 1;
		err->lost_cause = strlen(PG_LOST);
	}
	free(msg);
	s = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) :
	    NULL;
	if (s != NULL) {
		free(err->detail);
		err->detail = xstrdup(s);
	}
	s = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
	if (s != NULL) {
		free(err->hint);
		err->hint = xstrdup(s);
	}
	if (res != NULL)
		catalog_pg_attribute(err, res);
}

/*
 * Open the file's transaction: the BEGIN is not sent alone but goes with
 * the next statement (one round trip less per file), after the reset
 * that waits for the session, if one does.  0, or -1 with err.
 */
static int
pg_begin(struct conn *c, struct dberror *err)
{
	struct pg_data	*d = c->data;
	PGconn		*pc = pg_active(d);
	struct result	 res;
	int		 rc;

	if (d->begin_pending == NULL && (d->reset_pending == pc ||
	    PQtransactionStatus(pc) == PQTRANS_IDLE)) {
		pg_settle_others(d, pc);
		d->begin_pending = pc;	/* goes with the next statement */
		return 0;
	}
	result_init(&res);
	rc = pg_exec(c, "BEGIN", NULL, &res, err);
	result_clear(&res);
	return rc;
}

/*
 * Roll the file's transaction back.  Whatever is pending on the session
 * is moot then: a BEGIN not sent yet means nothing to roll back.
 */
static int
pg_rollback(struct conn *c, struct dberror *err)
{
	struct pg_data	*d = c->data;
	PGconn		*pc = pg_active(d);
	struct result	 res;
	int		 rc;

	if (d->begin_pending == pc) {
		d->begin_pending = NULL;
		return 0;
	}
	if (d->reset_pending == pc)
		return 0;	/* no transaction: the reset rolled it back */
	if (d->undo_pending == pc)
		d->undo_pending = NULL;
	result_init(&res);
	rc = pg_exec(c, "ROLLBACK", NULL, &res, err);
	result_clear(&res);
	return rc;
}

/*
 * Run one statement on the active session.  0 with result filled (rows,
 * or affected from the command tag, -1 when the tag has no count), or -1
 * with err filled.
 */
int
pg_exec(struct conn *c, const char *sql, const char *types,
    struct result *result, struct dberror *err)
{
	struct pg_data	*d = c->data;
	PGconn		*pc;
	PGresult	*res;
	const char	*sqls[3];
	int		 n, rc;

	pc = pg_active(d);
	if (pg_is_copy(sql))
		pg_settle(d);
	n = pg_pending_prefix(d, pc, sqls);
	if (n > 0 || d->reset_pending == pc) {
		sqls[n] = sql;
		res = pg_pipeline(d, pc, sqls, n + 1, n, types, result,
		    d->cancel);
	} else
		res = pg_run_rows(pc, sql, types, result, d->cancel);
	rc = pg_take_result(pc, res, types, result, err);
	PQclear(res);
	if (pg_reset_failed(d, err))
		rc = -1;
	return rc;
}

/*
 * Turn the statement's result into the core's result or error (res may be
 * NULL when nothing came back).  Returns 0 or -1.
 */
int
pg_take_result(PGconn *pc, PGresult *res, const char *types,
    struct result *result, struct dberror *err)
{
	const char	*tuples;

	switch (res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR) {
	case PGRES_TUPLES_OK:
		pg_fill_rows(res, types, result);
		result->affected = (int64_t)result_rows(result);
		return 0;
	case PGRES_COMMAND_OK:
		tuples = PQcmdTuples(res);
		result->affected = *tuples != '\0' ? atoll(tuples) : -1;
		return 0;
	case PGRES_EMPTY_QUERY:
		return 0;
	default:
		pg_fill_error(pc, res, err);
		return -1;
	}
}

/*
 * Read the results of n pipelined queries and the Sync after them.  Rows
 * query `want` streams (single-row mode) go into r.  The result of query
 * `want` is kept (or, if an earlier query failed, that
 * error, which aborted the rest); the others are cleared.  NULL if the
 * session broke.
 */
static PGresult *
pg_pipeline_results(PGconn *pc, int n, int want, const char *types,
    struct result *r, PGcancel *cancel)
{
	PGresult	*res, *keep = NULL, *error = NULL;
	char		 errbuf[256];
	int		 i, cancelled = 0;

	for (i = 0; i < n; i++) {
		/*
		 * libpq takes single-row mode only for the query at the head
		 * of its queue: ask for it once the queries before are read.
		 */
		if (i == want && r != NULL)
			PQsetSingleRowMode(pc);
		while ((res = PQgetResult(pc)) != NULL) {
			if (i == want && r != NULL &&
			    PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
				/* Streamed rows: stop at --max-rows. */
				pg_fill_rows(res, types, r);
				PQclear(res);
				if (r->truncated && cancel != NULL &&
				    !cancelled) {
					PQcancel(cancel, errbuf, sizeof errbuf);
					cancelled = 1;
				}
				continue;
			}
			if (error == NULL && pg_is_error(res) &&
			    PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
				error = res;
			else if (i == want && keep == NULL)
				keep = res;
			else
				PQclear(res);
		}
	}
	res = PQgetResult(pc);		/* the PGRES_PIPELINE_SYNC */
	if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		PQclear(res);
		PQclear(keep);
		PQclear(error);
		return NULL;
	}
	PQclear(res);
	if (error != NULL) {
		PQclear(keep);
		return error;
	}
	return keep;
}

/*
 * Run statements on session pc in one round trip (pipeline mode), after
 * the reset waiting for pc if one does, and return the result of query
 * `want` (see pg_pipeline_results).  NULL if the session broke; a failed
 * reset is then in d->reset_failed (pg_reset_failed).
 */
static PGresult *
pg_pipeline(struct pg_data *d, PGconn *pc, const char *const *sqls, int n,
    int want, const char *types, struct result *r, PGcancel *cancel)
{
	PGresult	*res;
	int		 i, reset, sent;

	reset = pg_reset_send(d, pc);
	sent = reset >= 0 && PQenterPipelineMode(pc);
	for (i = 0; i < n && sent; i++) {
		sent = PQsendQueryParams(pc, sqls[i], 0, NULL, NULL, NULL,
		    NULL, 0);
	}
	if (!sent || !PQpipelineSync(pc)) {
		PQexitPipelineMode(pc);
		return NULL;
	}
	if (reset > 0)
		pg_reset_read(d, pc);
	res = pg_pipeline_results(pc, n, want, types, r, cancel);
	if (!PQexitPipelineMode(pc)) {
		PQclear(res);
		return NULL;
	}
	return res;
}

/*
 * Run one statement inside a savepoint of its own, so that if it fails it
 * leaves no trace and the transaction stays usable: SAVEPOINT, the
 * statement and RELEASE go in one round trip.  After a failure the
 * rollback to the savepoint is left pending (d->undo_pending) and goes
 * at the head of the next pipeline, so a failing statement costs no
 * round trip more either.  Returns 0 or -1.
 */
static int
pg_exec_guarded(struct conn *c, const char *sql, const char *types,
    struct result *result, struct dberror *err)
{
	struct pg_data		*d = c->data;
	PGconn			*pc = pg_active(d);
	PGresult		*res;
	const char		*sqls[5];
	int			 n, rc;

	if (pg_is_copy(sql))
		pg_settle(d);
	n = pg_pending_prefix(d, pc, sqls);
	sqls[n++] = "SAVEPOINT sqlcheck_guard";
	sqls[n++] = sql;
	sqls[n++] = "RELEASE SAVEPOINT sqlcheck_guard";
	res = pg_pipeline(d, pc, sqls, n, n - 2, types, result, d->cancel);
	rc = pg_take_result(pc, res, types, result, err);
	PQclear(res);
	if (pg_reset_failed(d, err))
		rc = -1;
	if (rc != 0 && !err->lost)
		pg_set_undo(d, pc, "sqlcheck_guard");
	return rc;
}

/* COPY data is sent in pieces of about this size. */
#define PG_COPY_CHUNK	(256 * 1024)

/* An identifier for SQL: as written if plain, else quoted by libpq. */
static int
pg_add_ident(PGconn *pc, struct buf *b, const char *name)
{
	char	*q;

	if (str_is_identifier(name)) {
		buf_adds(b, name);
		return 0;
	}
	q = PQescapeIdentifier(pc, name, strlen(name));
	if (q == NULL)
		return -1;
	buf_adds(b, q);
	PQfreemem(q);
	return 0;
}

/* Append a value in COPY's text format: \N for NULL, escapes. */
static void
pg_copy_value(struct buf *b, const char *v)
{
	if (v == NULL) {
		buf_add(b, "\\N", 2);
		return;
	}
	for (; *v != '\0'; v++) {
		switch (*v) {
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		default:
			buf_addc(b, *v);
			break;
		}
	}
}

/* Send the rows of csv as COPY text data; 0, or -1 if libpq failed. */
static int
pg_copy_rows(PGconn *pc, const struct csv *csv)
{
	struct buf	 b;
	size_t		 row;
	int		 i, rc = 0;

	buf_init(&b);
	for (row = 0; row < csv->nrows && rc == 0; row++) {
		for (i = 0; i < csv->ncols; i++) {
			if (i > 0)
				buf_addc(&b, '\t');
			pg_copy_value(&b, csv->cells[row * (size_t)csv->ncols +
			    (size_t)i]);
		}
		buf_addc(&b, '\n');
		if (b.len >= PG_COPY_CHUNK || row + 1 == csv->nrows) {
			if (PQputCopyData(pc, b.data, (int)b.len) != 1)
				rc = -1;
			buf_reset(&b);
		}
	}
	buf_free(&b);
	return rc;
}

/* The row a COPY error names in its context ("COPY t, line 7, ..."). */
static size_t
pg_copy_bad_row(PGresult *res)
{
	const char	*ctx, *line;
	long		 n;

	ctx = res != NULL ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
	if (ctx == NULL || (line = strstr(ctx, ", line ")) == NULL)
		return (size_t)-1;
	n = strtol(line + 7, NULL, 10);
	return n > 0 ? (size_t)n - 1 : (size_t)-1;
}

/*
 * Load a CSV file into table with COPY table (columns) FROM STDIN, the
 * rows sent in COPY's text format.  0, or -1 with err filled and *bad
 * the row the server's error names.
 */
static int
pg_load(struct conn *c, const char *table, const struct csv *csv,
    size_t *bad, struct dberror *err)
{
	PGconn		*pc = pg_session(c->data);
	PGresult	*res, *last = NULL;
	struct buf	 sql;
	int		 i, rc = 0;

	buf_init(&sql);
	buf_printf(&sql, "COPY %s (", table);
	for (i = 0; i < csv->ncols && rc == 0; i++) {
		buf_adds(&sql, i > 0 ? ", " : "");
		rc = pg_add_ident(pc, &sql, csv->header[i]);
	}
	buf_adds(&sql, ") FROM STDIN");
	res = rc == 0 ? PQexec(pc, sql.data) : NULL;
	buf_free(&sql);
	if (res == NULL || PQresultStatus(res) != PGRES_COPY_IN) {
		pg_fill_error(pc, res, err);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	if (pg_copy_rows(pc, csv) != 0)
		PQputCopyEnd(pc, "sqlcheck could not send the rows");
	else
		PQputCopyEnd(pc, NULL);
	while ((res = PQgetResult(pc)) != NULL) {
		PQclear(last);
		last = res;
	}
	if (last == NULL || PQresultStatus(last) != PGRES_COMMAND_OK) {
		pg_fill_error(pc, last, err);
		*bad = pg_copy_bad_row(last);
		rc = -1;
	}
	PQclear(last);
	return rc;
}

/*
 * 1 if the active session is inside a transaction (even a failed one, or
 * one whose BEGIN waits for the next statement); 0 out of one, or when
 * the ROLLBACK of the reset waits for the next statement.
 */
static int
pg_in_transaction(struct conn *c)
{
	struct pg_data	*d = c->data;

	if (d->begin_pending != NULL && d->begin_pending == pg_active(d))
		return 1;
	if (d->reset_pending != NULL && d->reset_pending == pg_active(d))
		return 0;
	switch (PQtransactionStatus(pg_active(d))) {
	case PQTRANS_ACTIVE:
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return 1;
	default:
		return 0;
	}
}

/*
 * Ask the server to cancel the running statement, which then fails with
 * SQLSTATE 57014.  Safe from another thread or a signal handler (PQcancel
 * is), but not while scratch_create or scratch_drop runs.
 */
static void
pg_cancel(struct conn *c)
{
	struct pg_data	*d = c->data;
	PGcancel	*pcancel;
	char		 errbuf[256];

	if (d == NULL)
		return;
	pcancel = d->cancel;
	if (pcancel != NULL)
		PQcancel(pcancel, errbuf, sizeof errbuf);
}

/*
 * Run a statement that returns no rows.  0, or -1 with *cause: the
 * engine's message, after what (e.g. "cannot reset the session") unless
 * what is NULL.
 */
int
pg_command(PGconn *pc, const char *sql, const char *what, char **cause)
{
	struct dberror	 err;
	PGresult	*res;
	int		 rc = 0;

	res = pg_run(pc, sql);
	if (res == NULL || (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)) {
		dberror_init(&err);
		pg_fill_error(pc, res, &err);
		if (what != NULL)
			*cause = xprintf("%s: %s", what, err.message);
		else
			*cause = xstrdup(err.message);
		dberror_clear(&err);
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/* The server's version, "PostgreSQL 15.20"; borrowed, cached. */
static const char *
pg_version(struct conn *c)
{
	struct pg_data	*d = c->data;
	int		 v;

	if (d->version != NULL)
		return d->version;
	v = PQserverVersion(d->main);
	if (v >= 100000)
		d->version = xprintf("PostgreSQL %d.%d", v / 10000, v % 10000);
	else
		d->version = xprintf("PostgreSQL %d.%d.%d", v / 10000,
		    (v / 100) % 100, v % 100);
	return d->version;
}

/* The constraints of the active session's tables (catalog-pg.c). */
static int
pg_constraints(struct conn *c, struct constraint_list *out, char **cause)
{
	return catalog_pg(pg_session(c->data), out, cause);
}

/* The schema fingerprint of the active session's database (catalog-pg.c). */
static int
pg_fingerprint(struct conn *c, struct buf *out, char **cause)
{
	return catalog_pg_fingerprint(pg_session(c->data), out, cause);
}

const struct driver driver_pg = {
	.name = "postgres",
	.flags = DRIVER_TXN_DDL | DRIVER_RESET_ROLLS_BACK,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.exec_guarded = pg_exec_guarded,
	.exec_guarded_batch = pg_exec_guarded_batch,
	.exec_batch = pg_exec_batch,
	.begin = pg_begin,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.cancel = pg_cancel,
	.reset = pg_reset,
	.flush = pg_flush,
	.version = pg_version,
	.scratch_create = pg_scratch_create,
	.scratch_drop = pg_scratch_drop,
	.scratch_list = pg_scratch_list,
	.scratch_clean = pg_scratch_clean,
	.describe = pg_describe,
	.constraints = pg_constraints,
	.load = pg_load,
	.fingerprint = pg_fingerprint,
	.temp_start = tempinst_pg_start
};

/* What the module sqlcheck-postgres.so offers the core (see driver.c). */
moduleexport const struct driver_module sqlcheck_module = {
	.abi = SQLCHECK_DRIVER_ABI,
	.version = PACKAGE_VERSION,
	.driver = &driver_pg
};
