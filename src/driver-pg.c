/*
 * driver-pg.c: the PostgreSQL driver, over libpq.  It owns the libpq
 * sessions (the one opened for the run and, under "-- isolation:
 * database", a second one on a scratch database), their cancel objects,
 * the rendering of rows as PostgreSQL's text output and the translation
 * of libpq errors into struct dberror.  With catalog-pg.c (constraints,
 * for --coverage) and tempinst-pg.c the only includer of libpq-fe.h.
 * Nothing here prints or exits.
 */
#include <sys/types.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "sqlcheck.h"

#define PG_BOOLOID	16	/* pg_type.oid of boolean */

/* Driver-private state, hung from conn->data. */
struct pg_data {
	PGconn		*main;		/* the session pg_open made */
	PGcancel	*main_cancel;	/* made with it, for pg_cancel */
	PGconn		*scratch;	/* session on the scratch database */
	PGcancel	*scratch_cancel;
	char		*scratch_name;	/* while a scratch database exists */
	PGcancel	*volatile cancel; /* the active session's */
	char		*version;	/* cached by pg_version */
	/*
	 * The session whose last guarded statement failed and still needs
	 * ROLLBACK TO + RELEASE of the guard savepoint (NULL: none).  The
	 * undo travels with the next statement's pipeline instead of costing
	 * a round trip of its own; anything else sent first settles it.
	 */
	PGconn		*undo_pending;
	char		 undo[2][64];	/* its ROLLBACK TO and RELEASE */
	/*
	 * The session on which the core's "BEGIN" waits to go with the next
	 * statement (NULL: none); the session counts as in a transaction.
	 */
	PGconn		*begin_pending;
};

/* Leave the rollback to savepoint name pending on session pc. */
static void
pg_set_undo(struct pg_data *d, PGconn *pc, const char *name)
{
	snprintf(d->undo[0], sizeof d->undo[0], "ROLLBACK TO SAVEPOINT %s",
	    name);
	snprintf(d->undo[1], sizeof d->undo[1], "RELEASE SAVEPOINT %s", name);
	d->undo_pending = pc;
}

static const char *pg_effective_dsn(const char *);
static int	 pg_is_uri(const char *);
static char	*pg_chomp(const char *);
static void	 pg_notice(void *, const PGresult *);
static PGconn	*pg_connect(const char *, char **);
static void	 pg_session_setup(PGconn *);
static char	*pg_connect_cause(PGconn *);
static char	*pg_replace(char *, const char *, const char *);
static char	*pg_percent_decode(const char *, size_t);
static void	 pg_dsn_password(const char *, char **, char **);
static char	*pg_scrub(char *, const char *);
static PGconn	*pg_active(struct pg_data *);
static void	 pg_settle(struct pg_data *);
static PGresult	*pg_pipeline(PGconn *, const char *const *, int, int,
		    const char *, struct result *, PGcancel *);
static PGconn	*pg_session(struct pg_data *);
static PGresult	*pg_run(PGconn *, const char *);
static PGresult	*pg_run_rows(PGconn *, const char *, const char *,
		    struct result *, PGcancel *);
static int	 pg_is_error(const PGresult *);
static void	 pg_drain_copy(PGconn *, PGresult *);
static void	 pg_fill_rows(PGresult *, const char *, struct result *);
static const char *pg_slt_value(PGresult *, int, int, char);
static void	 pg_fill_error(PGconn *, PGresult *, struct dberror *);
static int	 pg_command(PGconn *, const char *, const char *, char **);
static char	*pg_random_name(void);
static int	 pg_create_db(PGconn *, const char *, char **);
static PGconn	*pg_connect_db(PGconn *, const char *, char **);
static int	 pg_drop_db(PGconn *, const char *, char **);
static void	 pg_scratch_close(struct pg_data *);
static void	 pg_scratch_lock(PGconn *, const char *, int);
static int	 pg_query_ints(PGconn *, const char *, long long *, int,
		    char **);
static char	*pg_describe_uri(const char *);
static int	 pg_uri_param_is_password(const char *, size_t);
static char	*pg_describe_opts(PQconninfoOption *);
static int	 pg_has_password(const char *);

static int	 pg_open(struct conn *, const char *, char **);
static void	 pg_close(struct conn *);
static int	 pg_take_result(PGconn *, PGresult *, const char *,
		    struct result *, struct dberror *);
static int	 pg_exec(struct conn *, const char *, const char *,
		    struct result *, struct dberror *);
static int	 pg_in_transaction(struct conn *);
static void	 pg_cancel(struct conn *);
static int	 pg_reset(struct conn *, char **);
static const char *pg_version(struct conn *);
static int	 pg_scratch_create(struct conn *, char **, char **);
static int	 pg_scratch_drop(struct conn *, const char *, char **);
static int	 pg_scratch_list(struct conn *, char ***, size_t *, char **);
static int	 pg_scratch_clean(struct conn *, const char *, char **);
static char	*pg_describe(const char *);
static int	 pg_constraints(struct conn *, struct constraint_list *,
		    char **);

/*
 * The connection string to use: dsn if given (not NULL or ""), else
 * DATABASE_URL when it is a PostgreSQL URI, else "" (libpq's PG*
 * variables and defaults).  The result is borrowed.
 */
static const char *
pg_effective_dsn(const char *dsn)
{
	const char	*url;

	if (dsn != NULL && *dsn != '\0')
		return dsn;
	url = getenv("DATABASE_URL");
	if (url != NULL && pg_is_uri(url))
		return url;
	return "";
}

/* 1 if s is a postgres:// or postgresql:// URI. */
static int
pg_is_uri(const char *s)
{
	return strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0;
}

/* A copy of a libpq message without its trailing newline; caller frees. */
static char *
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
 * statement ends by itself.  A failure to set it is ignored.
 */
static void
pg_session_setup(PGconn *pc)
{
	PGresult	*res;

	PQsetNoticeReceiver(pc, pg_notice, NULL);
	if (PQserverVersion(pc) < 140000)
		return;
	res = pg_run(pc, "SET client_connection_check_interval = 1000");
	PQclear(res);
}

/*
 * Why a connection failed, with its target (host, port, database; libpq
 * never puts the password in either).  Caller frees.
 */
static char *
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
 * msg with every copy of what replaced by with (what NULL or "" changes
 * nothing).  msg is consumed; the result is the caller's.
 */
static char *
pg_replace(char *msg, const char *what, const char *with)
{
	struct buf	 b;
	const char	*p, *hit;
	size_t		 n;

	if (what == NULL || *what == '\0' || strstr(msg, what) == NULL)
		return msg;
	n = strlen(what);
	buf_init(&b);
	for (p = msg; (hit = strstr(p, what)) != NULL; p = hit + n) {
		buf_add(&b, p, (size_t)(hit - p));
		buf_adds(&b, with);
	}
	buf_adds(&b, p);
	free(msg);
	return buf_detach(&b);
}

/* n bytes of s with %XX escapes decoded.  Caller frees. */
static char *
pg_percent_decode(const char *s, size_t n)
{
	struct buf	b;
	unsigned int	ch;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    sscanf(s + i + 1, "%2x", &ch) == 1) {
			buf_addc(&b, (char)ch);
			i += 2;
		} else
			buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/*
 * The password written in a DSN, found by its text alone (the DSN may
 * not parse): in a URI, the userinfo's or the password parameter's, into
 * *raw as written and *decoded percent-decoded; in a conninfo string, the
 * value after "password =", unquoted, into *raw.  Either is set to NULL
 * when there is none.  Caller frees both.
 */
static void
pg_dsn_password(const char *dsn, char **raw, char **decoded)
{
	const char	*p, *at = NULL, *end, *colon, *q;
	size_t		 n;

	*raw = *decoded = NULL;
	if (pg_is_uri(dsn)) {
		p = strstr(dsn, "://") + 3;
		end = p + strcspn(p, "/?");
		for (q = p; q < end; q++) {
			if (*q == '@')
				at = q;
		}
		colon = at != NULL ? memchr(p, ':', (size_t)(at - p)) : NULL;
		if (colon != NULL)
			q = colon + 1, n = (size_t)(at - colon - 1);
		else if ((q = strstr(dsn, "password=")) != NULL)
			q += 9, n = strcspn(q, "&");
		else
			return;
		*raw = xstrndup(q, n);
		*decoded = pg_percent_decode(q, n);
		return;
	}
	if ((p = strstr(dsn, "password")) == NULL)
		return;
	p += 8 + strspn(p + 8, " \t\n");
	if (*p != '=')
		return;
	p++;
	p += strspn(p, " \t\n");
	if (*p == '\'') {
		p++;
		n = strcspn(p, "'");
	} else
		n = strcspn(p, " \t\n");
	*raw = xstrndup(p, n);
}

/*
 * A connection failure's message without the password: libpq quotes a
 * URI it cannot parse whole.  Every copy of the DSN becomes its
 * description (a URI without its userinfo password), then every copy of its password (as written
 * or decoded) and of PGPASSWORD becomes "********".  msg is consumed; the
 * result is the caller's.
 */
static char *
pg_scrub(char *msg, const char *dsn)
{
	const char	*eff = pg_effective_dsn(dsn);
	char		*safe, *raw, *decoded;

	if (*eff != '\0' && strstr(msg, eff) != NULL) {
		safe = pg_is_uri(eff) ? pg_describe_uri(eff) : pg_describe(dsn);
		msg = pg_replace(msg, eff, safe);
		free(safe);
	}
	pg_dsn_password(eff, &raw, &decoded);
	msg = pg_replace(msg, raw, "********");
	msg = pg_replace(msg, decoded, "********");
	free(raw);
	free(decoded);
	return pg_replace(msg, getenv("PGPASSWORD"), "********");
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
	PQfreeCancel(d->main_cancel);
	PQfinish(d->main);
	free(d->version);
	free(d);
	c->data = NULL;
}

/* The session statements run on: the scratch one while it exists. */
static PGconn *
pg_active(struct pg_data *d)
{
	return d->scratch != NULL ? d->scratch : d->main;
}

/*
 * Send a pending BEGIN or guard undo now (a failure shows on the next
 * call).
 */
static void
pg_settle(struct pg_data *d)
{
	static const char *const begin[1] = { "BEGIN" };
	PGconn	*pc;

	if ((pc = d->begin_pending) != NULL) {
		d->begin_pending = NULL;
		PQclear(pg_pipeline(pc, begin, 1, 0, NULL, NULL, NULL));
	}
	if ((pc = d->undo_pending) != NULL) {
		d->undo_pending = NULL;
		const char *undo[2] = { d->undo[0], d->undo[1] };

		PQclear(pg_pipeline(pc, undo, 2, 1, NULL, NULL, NULL));
	}
}

/*
 * Put what is pending for session pc at the head of a pipeline: sqls
 * gets "BEGIN" or the guard undo (at most 2 entries); returns how many.
 * Anything pending on another session is sent first.
 */
static int
pg_pending_prefix(struct pg_data *d, PGconn *pc, const char **sqls)
{
	int	n = 0;

	if ((d->begin_pending != NULL && d->begin_pending != pc) ||
	    (d->undo_pending != NULL && d->undo_pending != pc))
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
static int
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
static PGresult *
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
static int
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
static void
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
static void
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
		err->lost = 1;
		lost = xprintf("connection to server lost: %s", msg);
		free(msg);
		msg = lost;
	}
	dberror_set(err, state, state, NULL, msg);
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
 * Run one statement on the active session.  0 with result filled (rows,
 * or affected from the command tag, -1 when the tag has no count), or -1
 * with err filled.
 */
static int
pg_exec(struct conn *c, const char *sql, const char *types,
    struct result *result, struct dberror *err)
{
	struct pg_data	*d = c->data;
	PGconn		*pc;
	PGresult	*res;
	const char	*sqls[3];
	int		 n, rc;

	pc = pg_active(d);
	if (strcmp(sql, "BEGIN") == 0 && d->begin_pending == NULL &&
	    PQtransactionStatus(pc) == PQTRANS_IDLE) {
		pg_settle(d);
		d->begin_pending = pc;	/* goes with the next statement */
		return 0;
	}
	if (strcasecmp(sql, "ROLLBACK") == 0) {
		/* Whatever is pending on this session is moot then. */
		if (d->begin_pending == pc) {
			d->begin_pending = NULL;
			return 0;
		}
		if (d->undo_pending == pc)
			d->undo_pending = NULL;
	}
	if (pg_is_copy(sql))
		pg_settle(d);
	n = pg_pending_prefix(d, pc, sqls);
	if (n > 0) {
		sqls[n] = sql;
		res = pg_pipeline(pc, sqls, n + 1, n, types, result,
		    d->cancel);
	} else
		res = pg_run_rows(pc, sql, types, result, d->cancel);
	rc = pg_take_result(pc, res, types, result, err);
	PQclear(res);
	return rc;
}

/*
 * Turn the statement's result into the core's result or error (res may be
 * NULL when nothing came back).  Returns 0 or -1.
 */
static int
pg_take_result(PGconn *pc, PGresult *res, const char *types,
    struct result *result, struct dberror *err)
{
	const char	*tuples;

	switch (res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR) {
	case PGRES_TUPLES_OK:
		pg_fill_rows(res, types, result);
		result->affected = (int64_t)result->nrows;
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
 * Run statements in one round trip (pipeline mode) and return the result
 * of query `want` (see pg_pipeline_results).  NULL if the session broke.
 */
static PGresult *
pg_pipeline(PGconn *pc, const char *const *sqls, int n, int want,
    const char *types, struct result *r, PGcancel *cancel)
{
	PGresult	*res;
	int		 i, sent = 1;

	if (!PQenterPipelineMode(pc))
		return NULL;
	for (i = 0; i < n && sent; i++) {
		sent = PQsendQueryParams(pc, sqls[i], 0, NULL, NULL, NULL,
		    NULL, 0);
	}
	if (!sent || !PQpipelineSync(pc)) {
		PQexitPipelineMode(pc);
		return NULL;
	}
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
	res = pg_pipeline(pc, sqls, n, n - 2, types, result, d->cancel);
	rc = pg_take_result(pc, res, types, result, err);
	PQclear(res);
	if (rc != 0 && !err->lost)
		pg_set_undo(d, pc, "sqlcheck_guard");
	return rc;
}

/*
 * A batch of guarded statements is a plan of steps: queries, and Syncs
 * after the statements that are expected to fail.  Statement i runs in
 * savepoint sqlcheck_b<i>.  After a statement expected to fail:
 *
 *	SAVEPOINT b<i>; stmt; RELEASE b<i>; SAVEPOINT m<i>; Sync;
 *	ROLLBACK TO b<i>; RELEASE b<i>
 *
 * If it fails, the rest of its segment is skipped and the rollback heals
 * the transaction.  If it succeeds, b<i> is gone, the rollback fails and
 * the transaction stays aborted to the end of the batch, which the
 * caller then settles by rolling back to m<i> (just after the statement,
 * as if it had run alone).  Distinct names keep a rollback from healing
 * the transaction after an earlier unexpected failure.
 */
enum pg_step_kind {
	PG_PREFIX,		/* what was pending (BEGIN, an undo) */
	PG_SAVEPOINT,
	PG_STMT,
	PG_RELEASE,
	PG_MARK,		/* SAVEPOINT m<i> */
	PG_SYNC,
	PG_HEAL,		/* ROLLBACK TO b<i> */
	PG_HEALED		/* RELEASE b<i> */
};

struct pg_step {
	enum pg_step_kind	 kind;
	size_t			 test;
	char			 sql[64];	/* but PG_STMT, PG_PREFIX */
};

/* The state of reading a batch's results. */
struct pg_batch {
	const char *const	*types;
	struct result		*results;
	struct dberror		*errs;
	int			*rcs;
	size_t			 n;
	size_t			 failed;	/* n while none has */
	size_t			 done;		/* statements read whole */
	int			 bare;		/* no savepoints */
	int			 unexpected_ok;	/* failed: it succeeded */
	int			 cancelled;
};

/*
 * Plan a batch (steps has room for k + 7n entries); returns the count.
 * A bare batch (setup statements) has no savepoints: the statements
 * alone, after what is pending.
 */
static size_t
pg_batch_plan(struct pg_step *steps, size_t k, size_t n,
    const int *expect_error, int bare)
{
	static const enum pg_step_kind normal[] = { PG_SAVEPOINT, PG_STMT,
	    PG_RELEASE };
	static const enum pg_step_kind erring[] = { PG_SAVEPOINT, PG_STMT,
	    PG_RELEASE, PG_MARK, PG_SYNC, PG_HEAL, PG_HEALED };
	const enum pg_step_kind	*kinds;
	size_t			 i, j, m, count = 0;

	for (i = 0; i < k; i++)
		steps[count++].kind = PG_PREFIX;
	for (i = 0; i < n; i++) {
		if (bare) {
			steps[count].kind = PG_STMT;
			steps[count++].test = i;
			continue;
		}
		kinds = expect_error[i] ? erring : normal;
		m = expect_error[i] ? 7 : 3;
		for (j = 0; j < m; j++) {
			steps[count].kind = kinds[j];
			steps[count].test = i;
			switch (kinds[j]) {
			case PG_SAVEPOINT:
				snprintf(steps[count].sql, 64,
				    "SAVEPOINT sqlcheck_b%zu", i);
				break;
			case PG_RELEASE:
			case PG_HEALED:
				snprintf(steps[count].sql, 64,
				    "RELEASE SAVEPOINT sqlcheck_b%zu", i);
				break;
			case PG_MARK:
				snprintf(steps[count].sql, 64,
				    "SAVEPOINT sqlcheck_m%zu", i);
				break;
			case PG_HEAL:
				snprintf(steps[count].sql, 64,
				    "ROLLBACK TO SAVEPOINT sqlcheck_b%zu", i);
				break;
			default:
				steps[count].sql[0] = '\0';
			}
			count++;
		}
	}
	return count;
}

/*
 * Read the results of one query step.  A statement's rows stream
 * (single-row mode) into its result, cancelled past --max-rows.  The
 * first error that ends the batch is kept for the statement it belongs
 * to; the error of a statement expected to fail does not end it.
 */
static void
pg_batch_read(PGconn *pc, struct pg_batch *b, const struct pg_step *step,
    const int *expect_error, PGcancel *cancel)
{
	PGresult	*res;
	size_t		 i = step->test;
	int		 stmt = step->kind == PG_STMT, st;
	char		 errbuf[256];

	if (stmt && b->failed == b->n)
		PQsetSingleRowMode(pc);
	while ((res = PQgetResult(pc)) != NULL) {
		st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_ABORTED || b->failed != b->n) {
			PQclear(res);
			continue;
		}
		if (stmt && st == PGRES_SINGLE_TUPLE) {
			pg_fill_rows(res, b->types[i], &b->results[i]);
			if (b->results[i].truncated && cancel != NULL &&
			    !b->cancelled) {
				PQcancel(cancel, errbuf, sizeof errbuf);
				b->cancelled = 1;
			}
		} else if (stmt)
			b->rcs[i] = pg_take_result(pc, res, b->types[i],
			    &b->results[i], &b->errs[i]);
		else if (pg_is_error(res)) {
			if (step->kind == PG_HEAL && b->rcs[i] == 0)
				b->unexpected_ok = 1;	/* it succeeded */
			else {
				dberror_clear(&b->errs[i]);
				pg_fill_error(pc, res, &b->errs[i]);
				b->rcs[i] = -1;
			}
			b->failed = i;
		}
		PQclear(res);
	}
	if (stmt && b->failed == b->n && b->rcs[i] != 0 &&
	    (!expect_error[i] || b->errs[i].lost))
		b->failed = i;		/* an unexpected failure */
	if (b->failed == b->n && (step->kind == PG_HEALED ||
	    (step->kind == PG_RELEASE && !expect_error[i]) ||
	    (stmt && b->bare)))
		b->done = i + 1;
}

/* Send a batch's steps and a final Sync; 0, or -1 if the session broke. */
static int
pg_batch_send(PGconn *pc, const struct pg_step *steps, size_t count,
    const char *const *prefix, const char *const *sqls)
{
	const char	*q;
	size_t		 i;
	int		 sent;

	sent = PQenterPipelineMode(pc);
	for (i = 0; i < count && sent; i++) {
		if (steps[i].kind == PG_SYNC) {
			sent = PQpipelineSync(pc);
			continue;
		}
		q = steps[i].kind == PG_PREFIX ? prefix[i] :
		    steps[i].kind == PG_STMT ? sqls[steps[i].test] :
		    steps[i].sql;
		sent = PQsendQueryParams(pc, q, 0, NULL, NULL, NULL, NULL, 0);
	}
	if (!sent || !PQpipelineSync(pc)) {
		PQexitPipelineMode(pc);
		return -1;
	}
	return 0;
}

/*
 * Send a batch of n statements in one round trip, after what is pending
 * (see pg_batch_plan), and read it into b (whose arrays have n entries).
 * Returns how many statements have an outcome: n, or up to and including
 * the one the batch stopped at; then the rollback to its savepoint is
 * left pending, as after exec_guarded (not for a bare batch, whose
 * failure ends the file's transaction anyway).
 */
static size_t
pg_batch_run(struct pg_data *d, PGconn *pc, const char *const *sqls,
    const int *expect_error, struct pg_batch *b)
{
	struct pg_step	*steps;
	const char	*prefix[2];
	char		 name[32];
	PGresult	*res;
	size_t		 i, k, count, n = b->n;
	int		 broken = 0;

	k = (size_t)pg_pending_prefix(d, pc, prefix);
	steps = xcalloc(k + 7 * n + 1, sizeof *steps);
	count = pg_batch_plan(steps, k, n, expect_error, b->bare);
	if (pg_batch_send(pc, steps, count, prefix, sqls) != 0) {
		free(steps);
		pg_fill_error(pc, NULL, &b->errs[0]);
		b->rcs[0] = -1;
		return 1;
	}
	for (i = 0; i < count && !broken; i++) {
		if (steps[i].kind != PG_SYNC) {
			pg_batch_read(pc, b, &steps[i], expect_error,
			    d->cancel);
			continue;
		}
		res = PQgetResult(pc);
		if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC)
			broken = 1;
		PQclear(res);
	}
	free(steps);
	res = broken ? NULL : PQgetResult(pc);	/* the final Sync */
	if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC)
		broken = 1;
	PQclear(res);
	if (!PQexitPipelineMode(pc))
		broken = 1;
	if (broken && b->failed == n) {
		b->failed = b->done < n ? b->done : n - 1;
		dberror_clear(&b->errs[b->failed]);
		pg_fill_error(pc, NULL, &b->errs[b->failed]);
		b->rcs[b->failed] = -1;
	}
	if (b->failed == n)
		return n;
	if (!b->bare && !b->errs[b->failed].lost) {
		snprintf(name, sizeof name, "sqlcheck_%c%zu",
		    b->unexpected_ok ? 'm' : 'b', b->failed);
		pg_set_undo(d, pc, name);
	}
	return b->failed + 1;
}

/* 1 if one of n statements is a COPY, which cannot go in a pipeline. */
static int
pg_any_copy(const char *const *sqls, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (pg_is_copy(sqls[i]))
			return 1;
	}
	return 0;
}

/*
 * exec_guarded for n statements in one round trip (see pg_batch_plan).
 * Returns how many statements have an outcome (see struct driver); 0
 * for a batch with a COPY.
 */
static size_t
pg_exec_guarded_batch(struct conn *c, const char *const *sqls,
    const char *const *types, const int *expect_error, size_t n,
    struct result *results, struct dberror *errs, int *rcs)
{
	struct pg_data	*d = c->data;
	struct pg_batch	 b;

	if (pg_any_copy(sqls, n))
		return 0;
	memset(&b, 0, sizeof b);
	b.types = types;
	b.results = results;
	b.errs = errs;
	b.rcs = rcs;
	b.n = b.failed = n;
	return pg_batch_run(d, pg_active(d), sqls, expect_error, &b);
}

/*
 * Setup statements in one round trip: a bare batch.  A failing statement
 * aborts the file's transaction, and the rest are not run: the setup,
 * and the file, have failed.  A batch with a COPY runs one statement at
 * a time.  0, or -1 with *failed and err.
 */
static int
pg_exec_batch(struct conn *c, const char *const *sqls, size_t n,
    size_t *failed, struct dberror *err)
{
	struct pg_data	*d = c->data;
	struct pg_batch	 b;
	struct result	*results;
	struct dberror	*errs;
	const char	**notypes;
	int		*rcs, *none, rc = 0;
	size_t		 i;

	memset(&b, 0, sizeof b);
	b.types = notypes = xcalloc(n, sizeof *notypes);
	none = xcalloc(n, sizeof *none);	/* none expected to fail */
	b.results = results = xcalloc(n, sizeof *results);
	b.errs = errs = xcalloc(n, sizeof *errs);
	b.rcs = rcs = xcalloc(n, sizeof *rcs);
	b.n = b.failed = n;
	b.bare = 1;
	for (i = 0; i < n; i++) {
		result_init(&results[i]);
		dberror_init(&errs[i]);
	}
	if (pg_any_copy(sqls, n)) {
		for (i = 0; i < n && rc == 0; i++) {
			rc = pg_exec(c, sqls[i], NULL, &results[i], &errs[i]);
			*failed = i;
		}
	} else if (pg_batch_run(d, pg_active(d), sqls, none, &b) < n ||
	    b.failed < n) {
		rc = -1;
		*failed = b.failed;
	}
	if (rc != 0) {
		dberror_clear(err);
		*err = errs[*failed];
		dberror_init(&errs[*failed]);
	}
	for (i = 0; i < n; i++) {
		result_clear(&results[i]);
		dberror_clear(&errs[i]);
	}
	free(notypes);
	free(none);
	free(results);
	free(errs);
	free(rcs);
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
 * one whose BEGIN waits for the next statement).
 */
static int
pg_in_transaction(struct conn *c)
{
	struct pg_data	*d = c->data;

	if (d->begin_pending != NULL && d->begin_pending == pg_active(d))
		return 1;
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
static int
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

/* "cannot reset the session: " and libpq's message, chomped. */
static char *
pg_reset_cause(const char *msg)
{
	char	*m = pg_chomp(msg), *cause;

	cause = xprintf("cannot reset the session: %s", m);
	free(m);
	return cause;
}

/* Read one pipeline segment's results up to its Sync; 0 if it went well. */
static int
pg_segment_ok(PGconn *pc, char **cause)
{
	PGresult	*res;
	int		 rc = 0;

	while ((res = PQgetResult(pc)) != NULL) {
		if (rc == 0 && pg_is_error(res)) {
			*cause = pg_reset_cause(PQresultErrorMessage(res));
			rc = -1;
		}
		PQclear(res);
	}
	res = PQgetResult(pc);
	if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		if (rc == 0)
			*cause = pg_reset_cause(PQerrorMessage(pc));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/*
 * ROLLBACK, then DISCARD ALL, in one round trip: two pipeline segments,
 * so that DISCARD ALL is not inside a transaction block.  0, or -1 with
 * *cause.
 */
static int
pg_rollback_discard(PGconn *pc, char **cause)
{
	int	rc;

	if (!PQenterPipelineMode(pc) ||
	    !PQsendQueryParams(pc, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0) ||
	    !PQpipelineSync(pc) ||
	    !PQsendQueryParams(pc, "DISCARD ALL", 0, NULL, NULL, NULL, NULL,
	    0) || !PQpipelineSync(pc)) {
		*cause = pg_reset_cause(PQerrorMessage(pc));
		PQexitPipelineMode(pc);
		return -1;
	}
	rc = pg_segment_ok(pc, cause);
	if (rc == 0)
		rc = pg_segment_ok(pc, cause);
	else {
		char	*ignored = NULL;

		(void)pg_segment_ok(pc, &ignored);
		free(ignored);
	}
	if (!PQexitPipelineMode(pc) && rc == 0) {
		*cause = pg_reset_cause(PQerrorMessage(pc));
		rc = -1;
	}
	return rc;
}

/*
 * Make the active session as good as new: roll back any transaction, then
 * DISCARD ALL.  0, or -1 with *cause.
 */
static int
pg_reset(struct conn *c, char **cause)
{
	struct pg_data	*d = c->data;
	PGconn		*pc = pg_active(d);

	/* ROLLBACK undoes whatever is pending on this session. */
	if (d->undo_pending == pc)
		d->undo_pending = NULL;
	if (d->begin_pending == pc)
		d->begin_pending = NULL;
	pg_settle(d);
	if (!pg_in_transaction(c))
		return pg_command(pc, "DISCARD ALL", "cannot reset the session",
		    cause);
	return pg_rollback_discard(pc, cause);
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

/* A fresh scratch database name, "sqlcheck_" and 16 hex digits. */
static char *
pg_random_name(void)
{
	struct timespec	 ts;
	unsigned char	 r[8];
	uint64_t	 x = 0;
	ssize_t		 n = -1;
	int		 fd, i;

	fd = open("/dev/urandom", O_RDONLY);
	if (fd != -1) {
		n = read(fd, r, sizeof r);
		close(fd);
	}
	if (n == (ssize_t)sizeof r) {
		for (i = 0; i < (int)sizeof r; i++)
			x = (x << 8) | r[i];
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		x = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^
		    ((uint64_t)getpid() << 16);
	}
	return xprintf("sqlcheck_%016llx", (unsigned long long)x);
}

/*
 * Open a second session like pc's (same host, user, password, options)
 * on database dbname.  NULL with *cause on failure.
 */
static PGconn *
pg_connect_db(PGconn *pc, const char *dbname, char **cause)
{
	PQconninfoOption	*opts, *o;
	const char		**keys, **values;
	PGconn			*spc;
	size_t			 n = 0, i = 0;

	opts = PQconninfo(pc);
	if (opts == NULL) {
		*cause = xstrdup("cannot read the connection options");
		return NULL;
	}
	for (o = opts; o->keyword != NULL; o++)
		n++;
	keys = xcalloc(n + 2, sizeof *keys);
	values = xcalloc(n + 2, sizeof *values);
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || *o->val == '\0' ||
		    strcmp(o->keyword, "dbname") == 0)
			continue;
		keys[i] = o->keyword;
		values[i++] = o->val;
	}
	keys[i] = "dbname";
	values[i] = dbname;
	spc = PQconnectdbParams(keys, values, 0);
	free(keys);
	free(values);
	PQconninfoFree(opts);
	if (PQstatus(spc) != CONNECTION_OK) {
		*cause = pg_connect_cause(spc);
		PQfinish(spc);
		return NULL;
	}
	pg_session_setup(spc);
	return spc;
}

/*
 * DROP DATABASE name on session pc, disconnecting any session left on it
 * (WITH (FORCE), from PostgreSQL 13).  0, or -1 with *cause (the engine's
 * message; the caller says what failed).
 */
static int
pg_drop_db(PGconn *pc, const char *name, char **cause)
{
	char	*quoted, *sql;
	int	 rc;

	quoted = PQescapeIdentifier(pc, name, strlen(name));
	if (quoted == NULL) {
		*cause = pg_chomp(PQerrorMessage(pc));
		return -1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS %s%s", quoted,
	    PQserverVersion(pc) >= 130000 ? " WITH (FORCE)" : "");
	PQfreemem(quoted);
	rc = pg_command(pc, sql, NULL, cause);
	free(sql);
	return rc;
}

/* Close the scratch session; statements go to the main one again. */
static void
pg_scratch_close(struct pg_data *d)
{
	d->cancel = d->main_cancel;
	PQfreeCancel(d->scratch_cancel);
	d->scratch_cancel = NULL;
	if (d->undo_pending == d->scratch)
		d->undo_pending = NULL;
	if (d->begin_pending == d->scratch)
		d->begin_pending = NULL;
	PQfinish(d->scratch);
	d->scratch = NULL;
}

/*
 * CREATE DATABASE name from template1, as a plain CREATE DATABASE would,
 * or from template0 when template1 is busy (another session on it makes
 * PostgreSQL refuse to copy it; both take about 30 ms).  0, or -1 with
 * *cause (the engine's message; the caller says what failed).
 */
static int
pg_create_db(PGconn *pc, const char *name, char **cause)
{
	static const char *const templates[] = { "template1", "template0" };
	struct dberror	 err;
	PGresult	*res;
	char		*sql;
	size_t		 i;
	int		 rc = -1;

	dberror_init(&err);
	for (i = 0; i < 2 && rc != 0; i++) {
		sql = xprintf("CREATE DATABASE %s TEMPLATE %s", name,
		    templates[i]);
		res = pg_run(pc, sql);
		free(sql);
		dberror_clear(&err);
		if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK)
			rc = 0;
		else
			pg_fill_error(pc, res, &err);
		PQclear(res);
		if (rc != 0 && strcmp(err.sqlstate, "55006") != 0)
			break;
	}
	if (rc != 0)
		*cause = xstrdup(err.message);
	dberror_clear(&err);
	return rc;
}

/*
 * Create a scratch database and move statements to a new session on it
 * (libpq cannot switch databases on a session).  *name is its name
 * (caller frees).  0, or -1 with *cause and nothing left behind.
 */
static int
pg_scratch_create(struct conn *c, char **name, char **cause)
{
	struct pg_data	*d = c->data;
	PGconn		*pc;
	char		*db, *dropcause = NULL;

	pg_settle(d);
	if (d->scratch_name != NULL) {
		*cause = xstrdup("a scratch database is already in use");
		return -1;
	}
	db = pg_random_name();
	pg_scratch_lock(d->main, db, 1);
	if (pg_create_db(d->main, db, cause) != 0) {
		pg_scratch_lock(d->main, db, 0);
		free(db);
		return -1;
	}
	pc = pg_connect_db(d->main, db, cause);
	if (pc == NULL) {
		pg_drop_db(d->main, db, &dropcause);
		pg_scratch_lock(d->main, db, 0);
		free(dropcause);
		free(db);
		return -1;
	}
	d->scratch = pc;
	d->scratch_cancel = PQgetCancel(pc);
	d->scratch_name = db;
	d->cancel = d->scratch_cancel;
	*name = xstrdup(db);
	return 0;
}

/*
 * Close the scratch session, go back to the main one and drop the
 * database name.  0, or -1 with *cause.
 */
static int
pg_scratch_drop(struct conn *c, const char *name, char **cause)
{
	struct pg_data	*d = c->data;
	int		 rc;

	pg_settle(d);
	if (d->scratch_name != NULL && strcmp(d->scratch_name, name) == 0) {
		pg_scratch_close(d);
		free(d->scratch_name);
		d->scratch_name = NULL;
	}
	rc = pg_drop_db(d->main, name, cause);
	pg_scratch_lock(d->main, name, 0);
	return rc;
}

/*
 * Take (lock 1) or give back (lock 0) the session-level advisory lock
 * keyed on a scratch name's 64 bits, which the main session holds from
 * before CREATE DATABASE to after DROP DATABASE: between the two, before
 * the scratch session connects, it is what tells --clean that the
 * database is not a leftover.  Errors are ignored (the lock is a guard
 * for --clean, not needed to run tests); unlocking a lock not held is
 * only a warning, which the notice receiver drops.
 */
static void
pg_scratch_lock(PGconn *pc, const char *name, int lock)
{
	PGresult	*res;
	uint64_t	 key;
	char		*sql;

	if (!scratch_name_valid(name))
		return;
	key = scratch_name_key(name);
	sql = xprintf("SELECT pg_%sadvisory_%slock(%d, %d)",
	    lock ? "try_" : "", lock ? "" : "un", (int)(int32_t)(key >> 32),
	    (int)(int32_t)(key & 0xffffffffU));
	res = pg_run(pc, sql);
	free(sql);
	PQclear(res);
}

/*
 * Run a query of one row and n integer columns into v.  0, or -1 with
 * *cause.
 */
static int
pg_query_ints(PGconn *pc, const char *sql, long long *v, int n, char **cause)
{
	struct dberror	 err;
	PGresult	*res;
	int		 i;

	res = pg_run(pc, sql);
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK ||
	    PQntuples(res) != 1 || PQnfields(res) != n) {
		dberror_init(&err);
		pg_fill_error(pc, res, &err);
		*cause = xstrdup(err.message);
		dberror_clear(&err);
		PQclear(res);
		return -1;
	}
	for (i = 0; i < n; i++)
		v[i] = atoll(PQgetvalue(res, 0, i));
	PQclear(res);
	return 0;
}

/*
 * The scratch databases on the server, sorted by name, into *names
 * (caller frees).  0, or -1 with *cause.
 */
static int
pg_scratch_list(struct conn *c, char ***names, size_t *n, char **cause)
{
	struct pg_data	*d = c->data;
	struct dberror	 err;
	PGresult	*res;
	const char	*v;
	int		 i;

	pg_settle(d);
	*names = NULL;
	*n = 0;
	res = pg_run(d->main, "SELECT datname FROM pg_database WHERE datname "
	    "LIKE 'sqlcheck\\_%' ORDER BY datname COLLATE \"C\"");
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		dberror_init(&err);
		pg_fill_error(d->main, res, &err);
		*cause = xstrdup(err.message);
		dberror_clear(&err);
		PQclear(res);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		v = PQgetvalue(res, i, 0);
		if (scratch_name_valid(v))
			str_list_add(names, n, v);
	}
	PQclear(res);
	return 0;
}

/*
 * Drop a scratch database unless it is in use: a client session is
 * connected to it (pg_stat_activity), or a session holds its advisory
 * lock (its run is creating it; pg_locks, every database).  DROP DATABASE
 * without FORCE fails if a session connects in between, which also keeps
 * it.  0 dropped, 1 kept with *cause, -1 with *cause.
 */
static int
pg_scratch_clean(struct conn *c, const char *name, char **cause)
{
	struct pg_data	*d = c->data;
	struct dberror	 err;
	PGresult	*res;
	uint64_t	 key;
	long long	 v[2];
	char		*sql;
	int		 rc = 0;

	pg_settle(d);
	if (!scratch_name_valid(name)) {
		*cause = xprintf("\"%s\" is not a scratch database name", name);
		return -1;
	}
	key = scratch_name_key(name);
	sql = xprintf("SELECT (SELECT count(*) FROM pg_stat_activity WHERE "
	    "datname = '%s' AND backend_type = 'client backend'), (SELECT "
	    "count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
	    "classid::bigint = %llu AND objid::bigint = %llu AND "
	    "objsubid = 2)", name, (unsigned long long)(key >> 32),
	    (unsigned long long)(key & 0xffffffffU));
	rc = pg_query_ints(d->main, sql, v, 2, cause);
	free(sql);
	if (rc != 0)
		return -1;
	if (v[0] > 0) {
		*cause = xprintf("in use by %lld session%s", v[0],
		    v[0] == 1 ? "" : "s");
		return 1;
	}
	if (v[1] > 0) {
		*cause = xstrdup("its run is creating it (it holds its lock)");
		return 1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS %s", name);
	res = pg_run(d->main, sql);
	free(sql);
	if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
		PQclear(res);
		return 0;
	}
	dberror_init(&err);
	pg_fill_error(d->main, res, &err);
	PQclear(res);
	if (strcmp(err.sqlstate, "55006") == 0) {
		*cause = xprintf("in use: %s", err.message);
		rc = 1;
	} else {
		*cause = xstrdup(err.message);
		rc = -1;
	}
	dberror_clear(&err);
	return rc;
}

/*
 * A URI without its password: the user:password@ userinfo loses
 * ":password", and a password query parameter is dropped.  The userinfo
 * ends at the last '@' before any '/' (libpq takes the first, but a
 * password with a raw '@' in it must not show either).  Caller frees.
 */
static char *
pg_describe_uri(const char *uri)
{
	struct buf	 b;
	const char	*p, *at, *colon, *q, *amp;
	size_t		 start;
	char		 sep;

	start = strncmp(uri, "postgresql://", 13) == 0 ? 13 : 11;
	buf_init(&b);
	buf_add(&b, uri, start);
	p = uri + start;
	at = NULL;
	for (q = p; *q != '\0' && *q != '/' && *q != '?'; q++) {
		if (*q == '@')
			at = q;
	}
	if (at != NULL) {
		colon = memchr(p, ':', (size_t)(at - p));
		buf_add(&b, p, (size_t)((colon != NULL ? colon : at) - p));
		p = at;
	}
	q = strchr(p, '?');
	if (q == NULL) {
		buf_adds(&b, p);
		return buf_detach(&b);
	}
	buf_add(&b, p, (size_t)(q - p));
	sep = '?';
	for (p = q + 1;; p = amp + 1) {
		amp = p + strcspn(p, "&");
		if (amp > p &&
		    !pg_uri_param_is_password(p, (size_t)(amp - p))) {
			buf_addc(&b, sep);
			buf_add(&b, p, (size_t)(amp - p));
			sep = '&';
		}
		if (*amp == '\0')
			break;
	}
	return buf_detach(&b);
}

/* 1 if a URI query parameter's key, percent-decoded, is "password". */
static int
pg_uri_param_is_password(const char *p, size_t len)
{
	static const char	 want[] = "password";
	size_t			 i, k = 0;
	unsigned int		 ch;
	char			 c;

	for (i = 0; i < len && p[i] != '='; i++) {
		c = p[i];
		if (c == '%' && i + 2 < len &&
		    sscanf(p + i + 1, "%2x", &ch) == 1) {
			c = (char)ch;
			i += 2;
		}
		if (k >= sizeof want - 1 || want[k++] != c)
			return 0;
	}
	return k == sizeof want - 1;
}

/*
 * Parsed options as a conninfo string, "key=value" for each one set, the
 * password left out and values quoted where needed.  Caller frees.
 */
static char *
pg_describe_opts(PQconninfoOption *opts)
{
	PQconninfoOption	*o;
	struct buf		 b;
	const char		*v;

	buf_init(&b);
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || strcmp(o->keyword, "password") == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_printf(&b, "%s=", o->keyword);
		if (*o->val != '\0' && strpbrk(o->val, " \t\n'\\") == NULL) {
			buf_adds(&b, o->val);
			continue;
		}
		buf_addc(&b, '\'');
		for (v = o->val; *v != '\0'; v++) {
			if (*v == '\'' || *v == '\\')
				buf_addc(&b, '\\');
			buf_addc(&b, *v);
		}
		buf_addc(&b, '\'');
	}
	return buf_detach(&b);
}

/* 1 if s sets a password, or cannot be parsed (so may hold one). */
static int
pg_has_password(const char *s)
{
	PQconninfoOption	*opts, *o;
	char			*errmsg = NULL;
	int			 found = 0;

	opts = PQconninfoParse(s, &errmsg);
	if (opts == NULL) {
		PQfreemem(errmsg);
		return 1;
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    *o->val != '\0')
			found = 1;
	}
	PQconninfoFree(opts);
	return found;
}

/*
 * The connection string pg_open would use for dsn, with any password
 * removed, for messages.  A URI keeps its form; a conninfo string is
 * rebuilt from its parsed options.  "" stands for libpq's defaults.
 * Caller frees.
 */
static char *
pg_describe(const char *dsn)
{
	PQconninfoOption	*opts;
	const char		*eff;
	char			*s, *errmsg = NULL;

	eff = pg_effective_dsn(dsn);
	if (!pg_is_uri(eff) && strchr(eff, '=') == NULL)
		return xstrdup(eff);	/* a database name */
	if (pg_is_uri(eff)) {
		s = pg_describe_uri(eff);
		if (!pg_has_password(s))
			return s;
		free(s);
	}
	opts = PQconninfoParse(eff, &errmsg);
	if (opts == NULL) {
		PQfreemem(errmsg);
		return xstrdup("(invalid connection string)");
	}
	s = pg_describe_opts(opts);
	PQconninfoFree(opts);
	return s;
}

/* The constraints of the active session's tables (catalog-pg.c). */
static int
pg_constraints(struct conn *c, struct constraint_list *out, char **cause)
{
	return catalog_pg(pg_session(c->data), out, cause);
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
 * The schema of the active session's database as canonical lines (see
 * pg_fp_queries), appended to out.  0, or -1 with *cause.
 */
static int
pg_fingerprint(struct conn *c, struct buf *out, char **cause)
{
	PGconn		*pc = pg_session(c->data);
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

const struct driver driver_pg = {
	.name = "postgres",
	.aliases = (const char *const []){ "postgresql", "pg", NULL },
	.flags = DRIVER_TXN_DDL | DRIVER_RESET_ROLLS_BACK,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.exec_guarded = pg_exec_guarded,
	.exec_guarded_batch = pg_exec_guarded_batch,
	.exec_batch = pg_exec_batch,
	.in_transaction = pg_in_transaction,
	.cancel = pg_cancel,
	.reset = pg_reset,
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

/* The entry point of the module sqlcheck-postgres.so (see driver.c). */
const struct driver *
sqlcheck_module_driver(void)
{
	return &driver_pg;
}
