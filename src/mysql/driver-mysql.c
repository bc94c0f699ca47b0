/*
 * driver-mysql.c: the MySQL and MariaDB driver over the MySQL C API
 * (MariaDB Connector/C, or Oracle's libmysqlclient).  It owns the
 * session setup (utf8mb4), statement execution over the text protocol,
 * the table from native error numbers to the contract's condition names,
 * cancelling by KILL QUERY, the session reset and "-- load:".  The other
 * files of the module are listed in driver-mysql.h, which with
 * tempinst-mysql.c is the only includer of mysql.h.
 *
 * Threads: the library is initialised once (pthread_once); a connection
 * is used by one thread at a time, and cancel() may be called from any
 * other thread while exec() runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver-mysql.h"

/*
 * Native error numbers and the contract's condition each one means.  All
 * integrity violations share SQLSTATE 23000 on MySQL, so the number
 * decides.  Numbers not listed keep only their native code and the
 * condition dberror_set() derives from the server's SQLSTATE (23000 is
 * integrity_constraint_violation, ...).  err->sqlstate is always the
 * server's own, so a deadlock (1213, SQLSTATE 40001) also matches
 * serialization_failure.  1205 (lock wait timeout) is left unmapped: it
 * is PostgreSQL's lock_not_available, which the contract does not name,
 * not a cancelled query.  Strict mode makes 1264, 1265, 1292, 1365, 1366
 * and 1406 errors on INSERT and UPDATE; elsewhere they are warnings.
 */
static const struct my_errmap {
	unsigned int	 errnum;
	const char	*condition;
} my_errmap[] = {
	{ 1022, "unique_violation" },		/* ER_DUP_KEY */
	{ 1062, "unique_violation" },		/* ER_DUP_ENTRY */
	{ 1586, "unique_violation" },		/* ER_DUP_ENTRY_WITH_KEY_NAME */
	{ 1216, "foreign_key_violation" },	/* ER_NO_REFERENCED_ROW */
	{ 1217, "foreign_key_violation" },	/* ER_ROW_IS_REFERENCED */
	{ 1451, "foreign_key_violation" },	/* ER_ROW_IS_REFERENCED_2 */
	{ 1452, "foreign_key_violation" },	/* ER_NO_REFERENCED_ROW_2 */
	{ 1048, "not_null_violation" },		/* ER_BAD_NULL_ERROR */
	{ 1263, "not_null_violation" },		/* ER_WARN_NULL_TO_NOTNULL */
	{ 1364, "not_null_violation" },		/* ER_NO_DEFAULT_FOR_FIELD */
	{ 3819, "check_violation" },		/* MySQL 8 CHECK */
	{ 4025, "check_violation" },		/* MariaDB ER_CONSTRAINT_FAILED */
	{ 1406, "string_data_right_truncation" },	/* ER_DATA_TOO_LONG */
	{ 1264, "numeric_value_out_of_range" },	/* ER_WARN_DATA_OUT_OF_RANGE */
	{ 1690, "numeric_value_out_of_range" },	/* ER_DATA_OUT_OF_RANGE */
	{ 1365, "division_by_zero" },		/* ER_DIVISION_BY_ZERO */
	{ 1265, "invalid_text_representation" },	/* WARN_DATA_TRUNCATED */
	{ 1292, "invalid_text_representation" },	/* ER_TRUNCATED_WRONG_VALUE */
	{ 1366, "invalid_text_representation" },	/* ...WRONG_VALUE_FOR_FIELD */
	{ 1064, "syntax_error" },		/* ER_PARSE_ERROR */
	{ 1149, "syntax_error" },		/* ER_SYNTAX_ERROR */
	{ 1051, "undefined_table" },		/* ER_BAD_TABLE_ERROR (DROP) */
	{ 1146, "undefined_table" },		/* ER_NO_SUCH_TABLE */
	{ 1054, "undefined_column" },		/* ER_BAD_FIELD_ERROR */
	{ 1213, "deadlock_detected" },		/* ER_LOCK_DEADLOCK */
	{ 1317, "query_canceled" },		/* ER_QUERY_INTERRUPTED */
	{ 1969, "query_canceled" },		/* MariaDB ER_STATEMENT_TIMEOUT */
	{ 3024, "query_canceled" },		/* MySQL ER_QUERY_TIMEOUT */
	{ 0, NULL }
};

/*
 * Errors after which the session is gone: the client lost the server
 * (CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR,
 * CR_SERVER_LOST, CR_SSL_CONNECTION_ERROR, CR_SERVER_LOST_EXTENDED), or
 * the server ended it (ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED, MySQL 8's
 * ER_CLIENT_INTERACTION_TIMEOUT).
 */
static const unsigned int my_lost[] = {
	2002, 2003, 2006, 2013, 2026, 2055, 1053, 1927, 4031, 0
};

static pthread_once_t	 my_once = PTHREAD_ONCE_INIT;

static void	 my_library_init(void);
static MYSQL	*my_connect(const struct my_dsn *, char **);
static void	 my_conn_free(struct my_conn *);
static int	 my_fail_stmt(struct my_conn *, MYSQL_STMT *,
		    struct dberror *);
static int	 my_fail_with(struct my_conn *, unsigned int, const char *,
		    const char *, struct dberror *);
static void	 my_add_row(struct result *, MYSQL_ROW, unsigned long *,
		    unsigned int, const char *, struct buf *);
static int	 my_exec_all(struct my_conn *, const char *, const char *,
		    struct result *, struct dberror *);
static void	 my_kill_query(struct my_conn *);

static int	 my_open(struct conn *, const char *, char **);
static void	 my_close(struct conn *);
static int	 my_exec(struct conn *, const char *, const char *,
		    struct result *, struct dberror *);
static int	 my_in_transaction(struct conn *);
static void	 my_cancel(struct conn *);
static int	 my_reset(struct conn *, char **);
static const char *my_version(struct conn *);
static int	 my_constraints(struct conn *, struct constraint_list *,
		    char **);
static int	 my_fingerprint(struct conn *, struct buf *, char **);

/*
 * Initialise the client library.  mysql_library_init() is not
 * thread-safe in every client library, so it runs once, under
 * pthread_once.
 */
static void
my_library_init(void)
{
	mysql_library_init(0, NULL, NULL);
}

/*
 * Make the library usable from the calling thread: initialised once, and
 * mysql_thread_init() for this thread (a no-op in Connector/C 3, needed by
 * libmysqlclient).
 */
void
my_thread_enter(void)
{
	pthread_once(&my_once, my_library_init);
	mysql_thread_init();
}

/*
 * Connect with utf8mb4 and a 10 s connect timeout.  With ?option-file=,
 * the client library reads that file's [client], [client-server],
 * [client-mariadb] and [sqlcheck] groups first (user, password, host,
 * socket ...: what the DSN leaves out), so that a password need not be
 * on the command line; utf8mb4 is set again after a file that names
 * another character set.  Automatic reconnect stays off (the default of
 * both libraries; it would silently lose the session and its
 * transaction).  CLIENT_MULTI_STATEMENTS is not asked for: the core
 * splits statements, and batch-mysql.c switches multi-statements on
 * only for the text it joins.  Returns the handle, or NULL with *cause.
 */
static MYSQL *
my_connect(const struct my_dsn *d, char **cause)
{
	MYSQL		*m;
	unsigned int	 timeout = 10;
	char		*where;

	/* The library would pass over a file it cannot read in silence. */
	if (d->option_file != NULL && access(d->option_file, R_OK) != 0) {
		*cause = xprintf("cannot read the option file \"%s\": %s",
		    d->option_file, strerror(errno));
		return NULL;
	}
	m = mysql_init(NULL);
	if (m == NULL) {
		*cause = xstrdup("cannot initialise a mysql connection");
		return NULL;
	}
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (d->option_file != NULL) {
		mysql_options(m, MYSQL_READ_DEFAULT_FILE, d->option_file);
		mysql_options(m, MYSQL_READ_DEFAULT_GROUP, "sqlcheck");
	}
	if (mysql_real_connect(m, d->host, d->user, d->password, d->db,
	    d->port, d->socket, 0) == NULL ||
	    (d->option_file != NULL &&
	    mysql_set_character_set(m, "utf8mb4") != 0)) {
		where = my_where(d);
		*cause = xprintf("cannot connect to mysql at %s: %s", where,
		    mysql_error(m));
		free(where);
		mysql_close(m);
		return NULL;
	}
	return m;
}

/* Close the connection and free everything of a my_conn; NULL is a no-op. */
static void
my_conn_free(struct my_conn *mc)
{
	if (mc == NULL)
		return;
	if (mc->m != NULL)
		mysql_close(mc->m);
	my_dsn_free(&mc->dsn);
	free(mc->prev_db);
	pthread_mutex_destroy(&mc->lock);
	free(mc);
}

/*
 * Run one statement of the driver's own and discard whatever it returns.
 * Returns 0, or -1 with the error left in mysql_error(m).
 */
int
my_run(MYSQL *m, const char *sql)
{
	MYSQL_RES	*res;
	int		 status;

	if (mysql_real_query(m, sql, strlen(sql)) != 0)
		return -1;
	do {
		res = mysql_store_result(m);
		if (res != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(m) != 0)
			return -1;
		status = mysql_next_result(m);
	} while (status == 0);
	return status > 0 ? -1 : 0;
}

/*
 * Connect to dsn (see my_dsn_parse; NULL or "" falls back to
 * $DATABASE_URL, then to the defaults) and set the session to utf8mb4.
 * sql_mode is left as the server's default.  Returns 0, or -1 with *cause.
 */
static int
my_open(struct conn *c, const char *dsn, char **cause)
{
	struct my_conn	*mc;

	my_thread_enter();
	mc = xcalloc(1, sizeof *mc);
	pthread_mutex_init(&mc->lock, NULL);
	if (my_dsn_parse(my_dsn_choose(dsn), &mc->dsn, cause) != 0)
		goto fail;
	mc->m = my_connect(&mc->dsn, cause);
	if (mc->m == NULL)
		goto fail;
	if (my_run(mc->m, "SET NAMES utf8mb4") != 0) {
		*cause = xprintf("cannot set utf8mb4 on the mysql session: %s",
		    mysql_error(mc->m));
		goto fail;
	}
	mc->thread_id = mysql_thread_id(mc->m);
	mc->multi = -1;		/* an option file may have set it */
	c->data = mc;
	return 0;

fail:
	my_conn_free(mc);
	return -1;
}

/* Close the connection. */
static void
my_close(struct conn *c)
{
	my_conn_free(c->data);
	c->data = NULL;
}

/*
 * Fill err from the connection's last error: the native number as
 * decimal text, the server's own SQLSTATE, the condition from my_errmap,
 * lost for the errors of my_lost, and timed_out when our cancel() caused
 * the cancellation.  Returns -1.
 */
int
my_fail(struct my_conn *mc, struct dberror *err)
{
	return my_fail_with(mc, mysql_errno(mc->m), mysql_sqlstate(mc->m),
	    mysql_error(mc->m), err);
}

/* my_fail() for the error of a prepared statement. */
static int
my_fail_stmt(struct my_conn *mc, MYSQL_STMT *st, struct dberror *err)
{
	return my_fail_with(mc, mysql_stmt_errno(st), mysql_stmt_sqlstate(st),
	    mysql_stmt_error(st), err);
}

/* my_fail() for an error given by its number, SQLSTATE and message. */
static int
my_fail_with(struct my_conn *mc, unsigned int errnum, const char *sqlstate,
    const char *message, struct dberror *err)
{
	const struct my_errmap	*e;
	const char		*condition = NULL;
	char			 native[16];
	int			 i, cancelled;

	for (e = my_errmap; e->condition != NULL; e++) {
		if (e->errnum == errnum)
			condition = e->condition;
	}
	snprintf(native, sizeof native, "%u", errnum);
	dberror_set(err, sqlstate, native, condition,
	    errnum != 0 ? message : "unknown mysql error");
	for (i = 0; my_lost[i] != 0; i++) {
		if (my_lost[i] == errnum)
			err->lost = 1;
	}
	pthread_mutex_lock(&mc->lock);
	cancelled = mc->cancelled;
	pthread_mutex_unlock(&mc->lock);
	if (cancelled && condition != NULL &&
	    strcmp(condition, "query_canceled") == 0)
		err->timed_out = 1;
	return -1;
}

/*
 * Add one row of ncols values: NULL stays SQL NULL; with types, a value
 * is rendered by slt_render() (type 'T' past the end of types).
 */
static void
my_add_row(struct result *r, MYSQL_ROW row, unsigned long *lengths,
    unsigned int ncols, const char *types, struct buf *b)
{
	unsigned int	 i;
	size_t		 ntypes;
	char		*value;

	ntypes = types != NULL ? strlen(types) : 0;
	for (i = 0; i < ncols; i++) {
		if (row[i] == NULL) {
			result_add_null(r);
			continue;
		}
		if (types == NULL) {
			result_add_value(r, row[i], lengths[i]);
			continue;
		}
		value = xstrndup(row[i], lengths[i]);
		buf_reset(b);
		slt_render(i < ntypes ? types[i] : 'T', value, b);
		result_add_value(r, b->data, b->len);
		free(value);
	}
}

/*
 * Take the current result of the connection into r.  A row set replaces
 * whatever r held (so the last row set of a CALL wins) and its row count
 * becomes affected.  Otherwise affected is mysql_affected_rows(): for
 * UPDATE that is rows changed, not rows matched (the server's default
 * without CLIENT_FOUND_ROWS; PostgreSQL counts matched rows).  Past
 * --max-rows the query is killed if may_kill says that nothing is sent
 * after it (a KILL QUERY could stop the statement after it in a batch);
 * else the rest of its rows are read and dropped.  Returns 0, or -1 with
 * err filled.
 */
int
my_collect(struct my_conn *mc, const char *types, struct result *r,
    struct dberror *err, int may_kill)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	unsigned int	 ncols;
	uint64_t	 n;
	struct buf	 b;
	int		 killed = 0;

	ncols = mysql_field_count(mc->m);
	if (ncols == 0) {
		n = mysql_affected_rows(mc->m);
		if (!r->has_rows)
			r->affected = n == (uint64_t)-1 ? -1 : (int64_t)n;
		return 0;
	}
	res = mysql_use_result(mc->m);
	if (res == NULL)
		return my_fail(mc, err);
	result_clear(r);
	result_set_columns(r, (int)ncols);
	buf_init(&b);
	/*
	 * Past --max-rows the rows are not kept, and the query is killed
	 * (the rows sent meanwhile are read, as the protocol wants): its
	 * "interrupted" error then ends a result that is kept as truncated.
	 */
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (!r->truncated)
			my_add_row(r, row, mysql_fetch_lengths(res), ncols,
			    types, &b);
		if (r->truncated && !killed && may_kill) {
			my_kill_query(mc);
			killed = 1;
		}
	}
	buf_free(&b);
	r->affected = (int64_t)result_rows(r);
	if (killed && (mysql_errno(mc->m) == 1317 ||
	    mysql_errno(mc->m) == 0)) {
		mysql_free_result(res);
		return 0;
	}
	if (mysql_errno(mc->m) != 0) {
		my_fail(mc, err);
		mysql_free_result(res);
		return -1;
	}
	mysql_free_result(res);
	return 0;
}

/*
 * Run one statement.  Warnings are not errors (SELECT 1/0 is NULL plus
 * warning 1365).  Several results (a CALL, or a server that sends more)
 * are all read; an error in any of them fails the statement.  Returns 0
 * with r filled, or -1 with err filled, including what a constraint
 * error violated (catalog-mysql.c).
 */
static int
my_exec(struct conn *c, const char *sql, const char *types,
    struct result *r, struct dberror *err)
{
	return my_exec_one(c->data, sql, types, r, err);
}

/* my_exec() on the driver's state. */
int
my_exec_one(struct my_conn *mc, const char *sql, const char *types,
    struct result *r, struct dberror *err)
{
	if (my_exec_all(mc, sql, types, r, err) == 0)
		return 0;
	my_attribute(err, sql);
	return -1;
}

/* What the constraint error err of statement sql violated. */
void
my_attribute(struct dberror *err, const char *sql)
{
	catalog_mysql_attribute(err, (unsigned int)strtoul(err->native, NULL,
	    10), sql);
}

/*
 * Switch the session's multi-statement option on or off (one round
 * trip), unless it is so already.  0, or -1 with the error left in
 * mysql_error().
 */
int
my_set_multi(struct my_conn *mc, int on)
{
	if (mc->multi == on)
		return 0;
	if (mysql_set_server_option(mc->m, on ?
	    MYSQL_OPTION_MULTI_STATEMENTS_ON :
	    MYSQL_OPTION_MULTI_STATEMENTS_OFF) != 0) {
		mc->multi = -1;
		return -1;
	}
	mc->multi = on;
	return 0;
}

/*
 * Run one statement and read all its results (see my_exec).  Text with a
 * ';' goes with multi-statements off (batch-mysql.c may have left them
 * on), so that the server never runs it as several statements.
 */
static int
my_exec_all(struct my_conn *mc, const char *sql, const char *types,
    struct result *r, struct dberror *err)
{
	int		 status;

	my_thread_enter();
	pthread_mutex_lock(&mc->lock);
	mc->cancelled = 0;
	pthread_mutex_unlock(&mc->lock);
	if (strchr(sql, ';') != NULL && my_set_multi(mc, 0) != 0)
		return my_fail(mc, err);
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0)
		return my_fail(mc, err);
	for (;;) {
		if (my_collect(mc, types, r, err, 1) != 0)
			return -1;
		status = mysql_next_result(mc->m);
		if (status < 0)
			return 0;
		if (status > 0)
			return my_fail(mc, err);
	}
}

/* Rows in one INSERT of my_load; MySQL allows 65535 placeholders. */
#define MY_LOAD_BATCH	1000

/* A prepared INSERT of nrows rows for my_load, with its parameters. */
struct my_insert {
	MYSQL_STMT	*st;
	MYSQL_BIND	*binds;
	unsigned long	*lens;
	size_t		 nrows;
};

/* An identifier for SQL: as written if plain, else in backquotes. */
static void
my_add_ident(struct buf *b, const char *name)
{
	char	*q;

	if (str_is_identifier(name)) {
		buf_adds(b, name);
		return;
	}
	q = my_quote_ident(name);
	buf_adds(b, q);
	free(q);
}

/* Prepare "INSERT INTO table (cols) VALUES (?, ...), ..." of nrows. */
static int
my_insert_prepare(struct my_conn *mc, const char *table,
    const struct csv *csv, size_t nrows, struct my_insert *ins,
    struct dberror *err)
{
	struct buf	 sql;
	size_t		 r;
	int		 i, rc = 0;

	memset(ins, 0, sizeof *ins);
	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s (", table);
	for (i = 0; i < csv->ncols; i++) {
		buf_adds(&sql, i > 0 ? ", " : "");
		my_add_ident(&sql, csv->header[i]);
	}
	buf_adds(&sql, ") VALUES ");
	for (r = 0; r < nrows; r++) {
		buf_adds(&sql, r > 0 ? ", (" : "(");
		for (i = 0; i < csv->ncols; i++)
			buf_adds(&sql, i > 0 ? ", ?" : "?");
		buf_addc(&sql, ')');
	}
	ins->st = mysql_stmt_init(mc->m);
	if (ins->st == NULL)
		rc = my_fail(mc, err);
	else if (mysql_stmt_prepare(ins->st, sql.data, sql.len) != 0)
		rc = my_fail_stmt(mc, ins->st, err);
	buf_free(&sql);
	ins->nrows = nrows;
	ins->binds = xcalloc(nrows * (size_t)csv->ncols, sizeof *ins->binds);
	ins->lens = xcalloc(nrows * (size_t)csv->ncols, sizeof *ins->lens);
	return rc;
}

static void
my_insert_free(struct my_insert *ins)
{
	if (ins->st != NULL)
		mysql_stmt_close(ins->st);
	free(ins->binds);
	free(ins->lens);
	memset(ins, 0, sizeof *ins);
}

/* Insert ins->nrows rows of csv from row first; -1 with err. */
static int
my_insert_run(struct my_conn *mc, struct my_insert *ins,
    const struct csv *csv, size_t first, struct dberror *err)
{
	MYSQL_BIND	*b;
	char		*v;
	size_t		 i, n = ins->nrows * (size_t)csv->ncols;

	for (i = 0; i < n; i++) {
		v = csv->cells[first * (size_t)csv->ncols + i];
		b = &ins->binds[i];
		memset(b, 0, sizeof *b);
		if (v == NULL) {
			b->buffer_type = MYSQL_TYPE_NULL;
			continue;
		}
		ins->lens[i] = strlen(v);
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = v;
		b->buffer_length = ins->lens[i];
		b->length = &ins->lens[i];
	}
	if (mysql_stmt_bind_param(ins->st, ins->binds) != 0 ||
	    mysql_stmt_execute(ins->st) != 0)
		return my_fail_stmt(mc, ins->st, err);
	return 0;
}

/*
 * After a batch from row first failed: insert its rows one at a time to
 * find the one that fails (the failed INSERT left nothing behind).
 */
static size_t
my_load_find_bad(struct my_conn *mc, const char *table,
    const struct csv *csv, size_t first, size_t n, struct dberror *err)
{
	struct my_insert	 one;
	struct dberror		 e;
	size_t			 r;

	dberror_init(&e);
	if (my_insert_prepare(mc, table, csv, 1, &one, &e) != 0) {
		my_insert_free(&one);
		dberror_clear(&e);
		return (size_t)-1;
	}
	for (r = first; r < first + n; r++) {
		dberror_clear(&e);
		dberror_init(&e);
		if (my_insert_run(mc, &one, csv, r, &e) != 0)
			break;
	}
	my_insert_free(&one);
	if (r < first + n) {
		dberror_clear(err);
		*err = e;
		return r;
	}
	dberror_clear(&e);
	return (size_t)-1;
}

/*
 * Load a CSV file into table with prepared INSERTs of MY_LOAD_BATCH rows
 * (fewer for the last one), values sent as strings or NULL for the
 * server to convert.  0, or -1 with err filled and *bad the failing row.
 */
static int
my_load(struct conn *c, const char *table, const struct csv *csv,
    size_t *bad, struct dberror *err)
{
	struct my_conn		*mc = c->data;
	struct my_insert	 ins;
	size_t			 batch, row = 0, n;
	int			 rc = 0;

	my_thread_enter();
	batch = 65535 / (size_t)csv->ncols;
	if (batch > MY_LOAD_BATCH)
		batch = MY_LOAD_BATCH;
	memset(&ins, 0, sizeof ins);
	while (row < csv->nrows && rc == 0) {
		n = csv->nrows - row < batch ? csv->nrows - row : batch;
		if (ins.nrows != n) {
			my_insert_free(&ins);
			if (my_insert_prepare(mc, table, csv, n, &ins,
			    err) != 0) {
				rc = -1;
				break;
			}
		}
		rc = my_insert_run(mc, &ins, csv, row, err);
		if (rc != 0 && !err->lost)
			*bad = my_load_find_bad(mc, table, csv, row, n, err);
		row += n;
	}
	my_insert_free(&ins);
	return rc;
}

/*
 * 1 inside a transaction, from the server status of the last reply: it
 * drops to 0 after COMMIT and after DDL, which commits implicitly.
 */
static int
my_in_transaction(struct conn *c)
{
	return my_in_txn(c->data);
}

/* my_in_transaction() on the driver's state. */
int
my_in_txn(struct my_conn *mc)
{
	unsigned int	 st;

#ifdef MARIADB_PACKAGE_VERSION
	if (mariadb_get_infov(mc->m, MARIADB_CONNECTION_SERVER_STATUS,
	    &st) != 0)
		st = mc->m->server_status;
#else
	st = mc->m->server_status;
#endif
	return (st & SERVER_STATUS_IN_TRANS) != 0;
}

/*
 * Ask the server to stop the statement running on c: KILL QUERY over a
 * second connection opened with the same parameters and closed again.
 * Callable from another thread while exec() runs, but not from a signal
 * handler (it allocates and does network I/O).  Failure is silent: the
 * statement then simply runs on.
 */
static void
my_cancel(struct conn *c)
{
	my_kill_query(c->data);
}

/* KILL QUERY for my_cancel(), and for a result past --max-rows. */
static void
my_kill_query(struct my_conn *mc)
{
	struct my_dsn	 d;
	MYSQL		*m;
	char		*cause = NULL, *sql;
	unsigned long	 id;

	my_thread_enter();
	d = mc->dsn;
	d.db = NULL;	/* KILL needs no database, and it may be gone */
	m = my_connect(&d, &cause);
	if (m == NULL) {
		free(cause);
		return;
	}
	pthread_mutex_lock(&mc->lock);
	id = mc->thread_id;
	mc->cancelled = 1;
	pthread_mutex_unlock(&mc->lock);
	sql = xprintf("KILL QUERY %lu", id);
	my_run(m, sql);
	free(sql);
	mysql_close(m);
}

/*
 * Make the session as good as new: mysql_reset_connection() (MariaDB
 * 10.2 and MySQL 5.7 or later) rolls back, drops temporary tables and
 * user variables and resets session variables; then utf8mb4 again.  The
 * current database stays.  Returns 0, or -1 with *cause.
 */
static int
my_reset(struct conn *c, char **cause)
{
	struct my_conn	*mc = c->data;

	my_thread_enter();
	mc->multi = -1;		/* whatever the reset made of it */
	if (mysql_reset_connection(mc->m) != 0) {
		*cause = xprintf("cannot reset the mysql session: %s",
		    mysql_error(mc->m));
		return -1;
	}
	if (my_run(mc->m, "SET NAMES utf8mb4") != 0) {
		*cause = xprintf("cannot set utf8mb4 on the mysql session: %s",
		    mysql_error(mc->m));
		return -1;
	}
	pthread_mutex_lock(&mc->lock);
	mc->thread_id = mysql_thread_id(mc->m);
	pthread_mutex_unlock(&mc->lock);
	return 0;
}

/* The server's version string, borrowed from the connection. */
static const char *
my_version(struct conn *c)
{
	struct my_conn	*mc = c->data;

	return mysql_get_server_info(mc->m);
}

/* An identifier in backquotes, inner backquotes doubled.  Caller frees. */
char *
my_quote_ident(const char *name)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_addc(&b, '`');
	for (p = name; *p != '\0'; p++) {
		if (*p == '`')
			buf_addc(&b, '`');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '`');
	return buf_detach(&b);
}

/*
 * The constraints of the tables of the session's current database
 * (catalog-mysql.c).
 */
static int
my_constraints(struct conn *c, struct constraint_list *out, char **cause)
{
	struct my_conn	*mc = c->data;

	my_thread_enter();
	return catalog_mysql(mc->m, out, cause);
}

/*
 * The schema of the current database as canonical lines
 * (catalog-mysql.c).  0, or -1 with *cause.
 */
static int
my_fingerprint(struct conn *c, struct buf *out, char **cause)
{
	struct my_conn	*mc = c->data;

	my_thread_enter();
	return catalog_mysql_fingerprint(mc->m, out, cause);
}

const struct driver driver_mysql = {
	.name = "mysql",
	.flags = DRIVER_STMT_ATOMIC | DRIVER_COLUMNS_NOCASE,
	.open = my_open,
	.close = my_close,
	.exec = my_exec,
	.exec_guarded_batch = my_exec_guarded_batch,
	.exec_batch = my_exec_batch,
	.in_transaction = my_in_transaction,
	.cancel = my_cancel,
	.reset = my_reset,
	.version = my_version,
	.scratch_create = my_scratch_create,
	.scratch_drop = my_scratch_drop,
	.scratch_list = my_scratch_list,
	.scratch_clean = my_scratch_clean,
	.describe = my_describe,
	.constraints = my_constraints,
	.load = my_load,
	.fingerprint = my_fingerprint,
	.temp_start = tempinst_mysql_start
};

/* What the module sqlcheck-mysql.so offers the core (see driver.c). */
moduleexport const struct driver_module sqlcheck_module = {
	.abi = SQLCHECK_DRIVER_ABI,
	.version = PACKAGE_VERSION,
	.driver = &driver_mysql
};
