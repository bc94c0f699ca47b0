/*
 * driver-mysql.c: the MySQL and MariaDB driver over the MySQL C API
 * (MariaDB Connector/C, or Oracle's libmysqlclient).  It owns mysql:// and
 * mariadb:// DSNs, the session setup (utf8mb4), statement execution over
 * the text protocol, the table from native error numbers to the
 * contract's condition names, cancelling by KILL QUERY, session reset and
 * scratch databases.  With tempinst-mysql.c and catalog-mysql.c
 * (constraints, for --coverage) it is the only includer of mysql.h.
 *
 * Threads: the library is initialised once (pthread_once); a connection
 * is used by one thread at a time, and cancel() may be called from any
 * other thread while exec() runs.
 */
#include <sys/types.h>

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "sqlcheck.h"

/* A parsed DSN: every string decoded and owned, NULL when absent. */
struct my_dsn {
	char		*user;
	char		*password;
	char		*host;
	char		*db;
	char		*socket;
	unsigned int	 port;		/* 0: the library's default, 3306 */
};

/* The driver-private state behind conn->data. */
struct my_conn {
	MYSQL		*m;
	struct my_dsn	 dsn;
	char		*prev_db;	/* database before scratch_create */
	pthread_mutex_t	 lock;		/* guards the two fields below */
	unsigned long	 thread_id;	/* server connection id, for KILL */
	int		 cancelled;	/* cancel() ran during this exec */
};

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

static const char *const my_aliases[] = { "mariadb", NULL };

static pthread_once_t	 my_once = PTHREAD_ONCE_INIT;

static void	 my_library_init(void);
static void	 my_thread_enter(void);
static const char *my_dsn_rest(const char *);
static const char *my_dsn_choose(const char *);
static char	*my_decode(const char *, size_t);
static const char *my_last_at(const char *, const char *);
static int	 my_parse_hostport(struct my_dsn *, const char *, const char *,
		    char **);
static int	 my_parse_query(struct my_dsn *, const char *, char **);
static int	 my_dsn_parse(const char *, struct my_dsn *, char **);
static void	 my_dsn_free(struct my_dsn *);
static int	 my_uses_socket(const struct my_dsn *);
static char	*my_where(const struct my_dsn *);
static MYSQL	*my_connect(const struct my_dsn *, char **);
static void	 my_conn_free(struct my_conn *);
static int	 my_run(MYSQL *, const char *);
static int	 my_fail(struct my_conn *, struct dberror *);
static int	 my_fail_stmt(struct my_conn *, MYSQL_STMT *,
		    struct dberror *);
static int	 my_fail_with(struct my_conn *, unsigned int, const char *,
		    const char *, struct dberror *);
static void	 my_add_row(struct result *, MYSQL_ROW, unsigned long *,
		    unsigned int, const char *, struct buf *);
static int	 my_collect(struct my_conn *, const char *, struct result *,
		    struct dberror *);
static int	 my_exec_all(struct my_conn *, const char *, const char *,
		    struct result *, struct dberror *);
static char	*my_quote_ident(const char *);
static char	*my_scratch_name(void);
static int	 my_current_db(struct my_conn *, char **, char **);
static void	 my_kill_query(struct my_conn *);
static void	 my_scratch_lock(struct my_conn *, const char *, int);

static int	 my_open(struct conn *, const char *, char **);
static void	 my_close(struct conn *);
static int	 my_exec(struct conn *, const char *, const char *,
		    struct result *, struct dberror *);
static int	 my_in_transaction(struct conn *);
static void	 my_cancel(struct conn *);
static int	 my_reset(struct conn *, char **);
static const char *my_version(struct conn *);
static int	 my_scratch_create(struct conn *, char **, char **);
static int	 my_scratch_drop(struct conn *, const char *, char **);
static int	 my_scratch_list(struct conn *, char ***, size_t *, char **);
static int	 my_scratch_clean(struct conn *, const char *, char **);
static char	*my_describe(const char *);
static int	 my_constraints(struct conn *, struct constraint_list *,
		    char **);

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
static void
my_thread_enter(void)
{
	pthread_once(&my_once, my_library_init);
	mysql_thread_init();
}

/* The DSN after "mysql://" or "mariadb://", or NULL for another scheme. */
static const char *
my_dsn_rest(const char *dsn)
{
	if (strncasecmp(dsn, "mysql://", 8) == 0)
		return dsn + 8;
	if (strncasecmp(dsn, "mariadb://", 10) == 0)
		return dsn + 10;
	return NULL;
}

/*
 * The DSN to use: dsn if given, else $DATABASE_URL if it names a MySQL
 * server, else NULL for the library's defaults (the login name over the
 * default unix socket).
 */
static const char *
my_dsn_choose(const char *dsn)
{
	const char	*env;

	if (dsn != NULL && *dsn != '\0')
		return dsn;
	env = getenv("DATABASE_URL");
	if (env != NULL && my_dsn_rest(env) != NULL)
		return env;
	return NULL;
}

/*
 * Percent-decode n bytes of s into a new string (a malformed escape stays
 * as it is).  Returns NULL when n is 0, so empty parts are absent.
 */
static char *
my_decode(const char *s, size_t n)
{
	char	*out, *p;
	char	 hex[3];
	size_t	 i;

	if (n == 0)
		return NULL;
	out = p = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			hex[2] = '\0';
			*p++ = (char)strtoul(hex, NULL, 16);
			i += 2;
		} else
			*p++ = s[i];
	}
	*p = '\0';
	return out;
}

/*
 * The last '@' between s and end, or NULL.  The user information ends at
 * the last '@' before the query string, so that a password holding an
 * unencoded '@', ':' or '/' is still cut out whole by describe().
 */
static const char *
my_last_at(const char *s, const char *end)
{
	const char	*at = NULL;

	for (; s < end; s++) {
		if (*s == '@')
			at = s;
	}
	return at;
}

/*
 * Parse "host", "host:port", "[v6]" or "[v6]:port" between s and end.
 * Returns 0, or -1 with *cause.
 */
static int
my_parse_hostport(struct my_dsn *d, const char *s, const char *end,
    char **cause)
{
	const char	*colon = NULL, *p;
	unsigned long	 port;
	char		*ep, *text;

	if (s < end && *s == '[') {
		p = memchr(s, ']', (size_t)(end - s));
		if (p == NULL) {
			*cause = xstrdup("invalid mysql DSN: missing \"]\"");
			return -1;
		}
		d->host = my_decode(s + 1, (size_t)(p - s - 1));
		if (p + 1 < end && p[1] == ':')
			colon = p + 1;
	} else {
		for (p = s; p < end; p++) {
			if (*p == ':')
				colon = p;
		}
		d->host = my_decode(s, (size_t)((colon ? colon : end) - s));
	}
	if (colon == NULL || colon + 1 == end)
		return 0;
	text = xstrndup(colon + 1, (size_t)(end - colon - 1));
	port = strtoul(text, &ep, 10);
	if (*ep != '\0' || port == 0 || port > 65535 ||
	    strspn(text, "0123456789") != strlen(text)) {
		*cause = xprintf("invalid mysql DSN: bad port \"%s\"", text);
		free(text);
		return -1;
	}
	free(text);
	d->port = (unsigned int)port;
	return 0;
}

/*
 * Parse the query string ("socket=/path", '&'-separated).  Returns 0, or
 * -1 with *cause for an unknown parameter.
 */
static int
my_parse_query(struct my_dsn *d, const char *q, char **cause)
{
	const char	*end, *eq;
	size_t		 klen;

	while (*q != '\0') {
		end = q + strcspn(q, "&");
		eq = memchr(q, '=', (size_t)(end - q));
		klen = (size_t)((eq != NULL ? eq : end) - q);
		if (klen == 6 && strncmp(q, "socket", 6) == 0) {
			free(d->socket);
			d->socket = eq != NULL ?
			    my_decode(eq + 1, (size_t)(end - eq - 1)) : NULL;
		} else if (klen != 0) {
			*cause = xprintf("invalid mysql DSN: unknown parameter "
			    "\"%.*s\"", (int)klen, q);
			return -1;
		}
		q = *end == '&' ? end + 1 : end;
	}
	return 0;
}

/*
 * Parse mysql://user:pass@host:port/db?socket=/path (or mariadb://) into
 * d, every part optional and percent-decoded.  A NULL dsn leaves d empty.
 * Returns 0, or -1 with *cause, which never quotes the password.
 */
static int
my_dsn_parse(const char *dsn, struct my_dsn *d, char **cause)
{
	const char	*rest, *end, *at, *colon, *host, *slash;

	memset(d, 0, sizeof *d);
	if (dsn == NULL)
		return 0;
	rest = my_dsn_rest(dsn);
	if (rest == NULL) {
		*cause = xstrdup("invalid mysql DSN: it must start with "
		    "mysql:// or mariadb://");
		return -1;
	}
	end = rest + strcspn(rest, "?");
	host = rest;
	at = my_last_at(rest, end);
	if (at != NULL) {
		colon = memchr(rest, ':', (size_t)(at - rest));
		d->user = my_decode(rest, (size_t)((colon ? colon : at) - rest));
		if (colon != NULL)
			d->password = my_decode(colon + 1,
			    (size_t)(at - colon - 1));
		host = at + 1;
	}
	slash = memchr(host, '/', (size_t)(end - host));
	if (my_parse_hostport(d, host, slash ? slash : end, cause) != 0)
		return -1;
	if (slash != NULL)
		d->db = my_decode(slash + 1, (size_t)(end - slash - 1));
	if (*end == '?')
		return my_parse_query(d, end + 1, cause);
	return 0;
}

/* Free the strings of a DSN, scrubbing the password. */
static void
my_dsn_free(struct my_dsn *d)
{
	if (d->password != NULL)
		memset(d->password, 0, strlen(d->password));
	free(d->user);
	free(d->password);
	free(d->host);
	free(d->db);
	free(d->socket);
	memset(d, 0, sizeof *d);
}

/* 1 if the library will connect over a unix socket (no host, localhost). */
static int
my_uses_socket(const struct my_dsn *d)
{
	return d->host == NULL || strcmp(d->host, "localhost") == 0;
}

/*
 * Where a DSN points, for messages: "HOST:PORT/DB" over TCP,
 * "localhost/DB (socket PATH)" over a unix socket.  Caller frees.
 */
static char *
my_where(const struct my_dsn *d)
{
	const char	*db = d->db != NULL ? d->db : "";
	const char	*slash = d->db != NULL ? "/" : "";

	if (my_uses_socket(d)) {
		if (d->socket == NULL)
			return xprintf("localhost%s%s (default socket)",
			    slash, db);
		return xprintf("localhost%s%s (socket %s)", slash, db,
		    d->socket);
	}
	return xprintf("%s:%u%s%s", d->host, d->port != 0 ? d->port : 3306,
	    slash, db);
}

/*
 * Connect with utf8mb4 and a 10 s connect timeout.  Automatic reconnect
 * stays off (the default of both libraries; it would silently lose the
 * session and its transaction).  CLIENT_MULTI_STATEMENTS is not asked
 * for: the core splits statements.  Returns the handle, or NULL with
 * *cause.
 */
static MYSQL *
my_connect(const struct my_dsn *d, char **cause)
{
	MYSQL		*m;
	unsigned int	 timeout = 10;
	char		*where;

	m = mysql_init(NULL);
	if (m == NULL) {
		*cause = xstrdup("cannot initialise a mysql connection");
		return NULL;
	}
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (mysql_real_connect(m, d->host, d->user, d->password, d->db,
	    d->port, d->socket, 0) == NULL) {
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
static int
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
static int
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
 * without CLIENT_FOUND_ROWS; PostgreSQL counts matched rows).  Returns 0,
 * or -1 with err filled.
 */
static int
my_collect(struct my_conn *mc, const char *types, struct result *r,
    struct dberror *err)
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
		if (r->truncated && !killed) {
			my_kill_query(mc);
			killed = 1;
		}
	}
	buf_free(&b);
	r->affected = (int64_t)r->nrows;
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
	if (my_exec_all(c->data, sql, types, r, err) == 0)
		return 0;
	catalog_mysql_attribute(err, (unsigned int)strtoul(err->native, NULL,
	    10), sql);
	return -1;
}

/* Run one statement and read all its results (see my_exec). */
static int
my_exec_all(struct my_conn *mc, const char *sql, const char *types,
    struct result *r, struct dberror *err)
{
	int		 status;

	my_thread_enter();
	pthread_mutex_lock(&mc->lock);
	mc->cancelled = 0;
	pthread_mutex_unlock(&mc->lock);
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0)
		return my_fail(mc, err);
	for (;;) {
		if (my_collect(mc, types, r, err) != 0)
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
	struct my_conn	*mc = c->data;
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
static char *
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
 * A fresh scratch database name, "sqlcheck_" and 16 hex digits from
 * getentropy() (or, failing that, the clock and pid).  Caller frees.
 */
static char *
my_scratch_name(void)
{
	unsigned char	 rnd[8];
	struct timespec	 ts;
	uint64_t	 x;
	struct buf	 b;
	size_t		 i;

	if (getentropy(rnd, sizeof rnd) != 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		x = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
		    (uint64_t)ts.tv_sec ^ (uint64_t)getpid() << 40;
		for (i = 0; i < sizeof rnd; i++)
			rnd[i] = (unsigned char)(x >> (8 * i));
	}
	buf_init(&b);
	buf_adds(&b, "sqlcheck_");
	for (i = 0; i < sizeof rnd; i++)
		buf_printf(&b, "%02x", rnd[i]);
	return buf_detach(&b);
}

/*
 * The session's current database into *db (NULL when there is none).
 * Returns 0, or -1 with *cause.
 */
static int
my_current_db(struct my_conn *mc, char **db, char **cause)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	*db = NULL;
	if (mysql_real_query(mc->m, "SELECT DATABASE()", 17) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xprintf("cannot read the current database: %s",
		    mysql_error(mc->m));
		return -1;
	}
	row = mysql_fetch_row(res);
	if (row != NULL && row[0] != NULL)
		*db = xstrdup(row[0]);
	mysql_free_result(res);
	return 0;
}

/*
 * Create a scratch database sqlcheck_<16 hex> (utf8mb4) and switch the
 * session to it, remembering the database the session was on for
 * scratch_drop.  *name is set (caller frees).  Returns 0, or -1 with
 * *cause and nothing left behind.
 */
static int
my_scratch_create(struct conn *c, char **name, char **cause)
{
	struct my_conn	*mc = c->data;
	char		*db, *quoted, *sql;

	my_thread_enter();
	free(mc->prev_db);
	if (my_current_db(mc, &mc->prev_db, cause) != 0)
		return -1;
	db = my_scratch_name();
	quoted = my_quote_ident(db);
	my_scratch_lock(mc, db, 1);
	sql = xprintf("CREATE DATABASE %s CHARACTER SET utf8mb4", quoted);
	if (my_run(mc->m, sql) != 0) {
		*cause = xprintf("cannot create database \"%s\": %s", db,
		    mysql_error(mc->m));
		my_scratch_lock(mc, db, 0);
		goto fail;
	}
	if (mysql_select_db(mc->m, db) != 0) {
		*cause = xprintf("cannot use database \"%s\": %s", db,
		    mysql_error(mc->m));
		free(sql);
		sql = xprintf("DROP DATABASE IF EXISTS %s", quoted);
		my_run(mc->m, sql);
		my_scratch_lock(mc, db, 0);
		goto fail;
	}
	free(sql);
	free(quoted);
	*name = db;
	return 0;

fail:
	free(sql);
	free(quoted);
	free(db);
	return -1;
}

/*
 * Switch the session back to the database it was on before
 * scratch_create (if there was none, it stays where it is) and drop the
 * scratch database, even if switching back failed.  Returns 0, or -1 with
 * *cause.
 */
static int
my_scratch_drop(struct conn *c, const char *name, char **cause)
{
	struct my_conn	*mc = c->data;
	char		*quoted, *sql;
	int		 rc = 0;

	my_thread_enter();
	if (mc->prev_db != NULL && mysql_select_db(mc->m, mc->prev_db) != 0) {
		*cause = xprintf("cannot use database \"%s\" again: %s",
		    mc->prev_db, mysql_error(mc->m));
		rc = -1;
	}
	free(mc->prev_db);
	mc->prev_db = NULL;
	quoted = my_quote_ident(name);
	sql = xprintf("DROP DATABASE IF EXISTS %s", quoted);
	if (my_run(mc->m, sql) != 0 && rc == 0) {
		*cause = xprintf("cannot drop database \"%s\": %s", name,
		    mysql_error(mc->m));
		rc = -1;
	}
	my_scratch_lock(mc, name, 0);
	free(sql);
	free(quoted);
	return rc;
}

/*
 * Take (lock 1) or release (lock 0) the user lock named after a scratch
 * database, held by the session from before CREATE DATABASE to after
 * DROP DATABASE: in between, before the session switches to it, the
 * lock is what tells --clean that the database is not a leftover.
 * Errors are ignored (the lock is a guard for --clean only).
 */
static void
my_scratch_lock(struct my_conn *mc, const char *name, int lock)
{
	char	*sql;

	if (!scratch_name_valid(name))
		return;
	sql = xprintf(lock ? "SELECT GET_LOCK('%s', 0)" :
	    "SELECT RELEASE_LOCK('%s')", name);
	my_run(mc->m, sql);
	free(sql);
}

/*
 * The scratch databases on the server, sorted by name, into *names
 * (caller frees).  Returns 0, or -1 with *cause.
 */
static int
my_scratch_list(struct conn *c, char ***names, size_t *n, char **cause)
{
	struct my_conn	*mc = c->data;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*sql = "SELECT SCHEMA_NAME FROM information_schema."
	    "SCHEMATA WHERE SCHEMA_NAME LIKE 'sqlcheck\\_%' ORDER BY "
	    "BINARY SCHEMA_NAME";

	my_thread_enter();
	*names = NULL;
	*n = 0;
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xstrdup(mysql_error(mc->m));
		return -1;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] != NULL && scratch_name_valid(row[0]))
			str_list_add(names, n, row[0]);
	}
	mysql_free_result(res);
	return 0;
}

/*
 * Drop a scratch database unless it is in use: a session has it as its
 * database (information_schema.PROCESSLIST, which shows other users'
 * sessions only with the PROCESS privilege), or a session holds its lock
 * (its run is creating it).  DROP waits at most 5 s for a metadata lock.
 * Returns 0 dropped, 1 kept with *cause, -1 with *cause.
 */
static int
my_scratch_clean(struct conn *c, const char *name, char **cause)
{
	struct my_conn	*mc = c->data;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	char		*sql;
	long long	 sessions = 0;
	int		 locked = 0;

	my_thread_enter();
	if (!scratch_name_valid(name)) {
		*cause = xprintf("\"%s\" is not a scratch database name", name);
		return -1;
	}
	sql = xprintf("SELECT (SELECT COUNT(*) FROM information_schema."
	    "PROCESSLIST WHERE DB = '%s'), IS_USED_LOCK('%s')", name, name);
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xstrdup(mysql_error(mc->m));
		free(sql);
		return -1;
	}
	free(sql);
	row = mysql_fetch_row(res);
	if (row != NULL) {
		sessions = row[0] != NULL ? atoll(row[0]) : 0;
		locked = row[1] != NULL;
	}
	mysql_free_result(res);
	if (sessions > 0) {
		*cause = xprintf("in use by %lld session%s", sessions,
		    sessions == 1 ? "" : "s");
		return 1;
	}
	if (locked) {
		*cause = xstrdup("its run is creating it (it holds its lock)");
		return 1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS `%s`", name);
	if (my_run(mc->m, "SET SESSION lock_wait_timeout = 5") != 0 ||
	    my_run(mc->m, sql) != 0) {
		*cause = xstrdup(mysql_error(mc->m));
		free(sql);
		return -1;
	}
	free(sql);
	return 0;
}

/*
 * The DSN with its password removed ("mysql://user@host/db"), for
 * messages; without a DSN, what open() would use.  Caller frees.
 */
static char *
my_describe(const char *dsn)
{
	const char	*d, *rest, *end, *at, *colon;

	d = my_dsn_choose(dsn);
	if (d == NULL)
		return xstrdup("mysql://localhost (default socket)");
	rest = strstr(d, "://");
	if (rest == NULL)
		return xstrdup(d);
	rest += 3;
	end = rest + strcspn(rest, "?");
	at = my_last_at(rest, end);
	if (at == NULL)
		return xstrdup(d);
	colon = memchr(rest, ':', (size_t)(at - rest));
	if (colon == NULL)
		return xstrdup(d);
	return xprintf("%.*s%s", (int)(colon - d), d, at);
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
 * The schema fingerprint: each query gives one text column, one fact a
 * row, for the current database (DATABASE()).  Names are not qualified:
 * the database name is cut out of view definitions, so that two scratch
 * databases compare equal.
 */
#define MY_FP_DB	"TABLE_SCHEMA = DATABASE()"

static const char *const my_fp_queries[] = {
	/* Tables and views (with their query). */
	"SELECT CONCAT('table ', TABLE_NAME) FROM information_schema.TABLES "
	"WHERE " MY_FP_DB " AND TABLE_TYPE = 'BASE TABLE'",
	"SELECT CONCAT('view ', TABLE_NAME, ': ', REPLACE(VIEW_DEFINITION, "
	"CONCAT('`', DATABASE(), '`.'), '')) FROM information_schema.VIEWS "
	"WHERE " MY_FP_DB,
	/* Columns: type, NOT NULL, default, auto_increment, generated. */
	"SELECT CONCAT('column ', c.TABLE_NAME, '.', c.COLUMN_NAME, ': ', "
	"c.COLUMN_TYPE, IF(c.IS_NULLABLE = 'NO', ' not null', ''), "
	"IF(c.COLUMN_DEFAULT IS NULL OR c.COLUMN_DEFAULT = 'NULL', '', "
	"CONCAT(' default ', c.COLUMN_DEFAULT)), IF(c.EXTRA = '', '', "
	"CONCAT(' ', LOWER(c.EXTRA))), IF(c.GENERATION_EXPRESSION IS NULL OR "
	"c.GENERATION_EXPRESSION = '', '', CONCAT(' as (', "
	"c.GENERATION_EXPRESSION, ')'))) FROM information_schema.COLUMNS c "
	"JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA "
	"AND t.TABLE_NAME = c.TABLE_NAME WHERE c." MY_FP_DB " AND "
	"t.TABLE_TYPE = 'BASE TABLE'",
	/* Indexes, the primary key and unique constraints among them. */
	"SELECT CONCAT(IF(INDEX_NAME = 'PRIMARY', 'primary key', "
	"CONCAT('index ', INDEX_NAME)), ' on ', TABLE_NAME, ': ', "
	"IF(NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY', 'unique ', ''), "
	"IF(INDEX_TYPE = 'BTREE', '', CONCAT(LOWER(INDEX_TYPE), ' ')), '(', "
	"GROUP_CONCAT(CONCAT(COALESCE(COLUMN_NAME, '?'), IF(SUB_PART IS NULL, "
	"'', CONCAT('(', SUB_PART, ')')), IF(COLLATION = 'D', ' desc', '')) "
	"ORDER BY SEQ_IN_INDEX SEPARATOR ', '), ')') "
	"FROM information_schema.STATISTICS WHERE " MY_FP_DB " "
	"GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE",
	/* Foreign keys. */
	"SELECT CONCAT('foreign key ', r.CONSTRAINT_NAME, ' on ', "
	"r.TABLE_NAME, ': (', GROUP_CONCAT(k.COLUMN_NAME ORDER BY "
	"k.ORDINAL_POSITION SEPARATOR ', '), ') references ', "
	"r.REFERENCED_TABLE_NAME, ' (', GROUP_CONCAT(k.REFERENCED_COLUMN_NAME "
	"ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), ') on update ', "
	"LOWER(r.UPDATE_RULE), ' on delete ', LOWER(r.DELETE_RULE)) "
	"FROM information_schema.REFERENTIAL_CONSTRAINTS r "
	"JOIN information_schema.KEY_COLUMN_USAGE k ON "
	"k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND "
	"k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME "
	"WHERE r.CONSTRAINT_SCHEMA = DATABASE() GROUP BY r.CONSTRAINT_NAME, "
	"r.TABLE_NAME, r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE",
	/* Triggers and routines. */
	"SELECT CONCAT('trigger ', TRIGGER_NAME, ' on ', EVENT_OBJECT_TABLE, "
	"': ', LOWER(ACTION_TIMING), ' ', LOWER(EVENT_MANIPULATION), ' ', "
	"ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE "
	"TRIGGER_SCHEMA = DATABASE()",
	"SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME, ': body md5 ', "
	"MD5(COALESCE(ROUTINE_DEFINITION, ''))) FROM "
	"information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
	NULL
};

/*
 * CHECK constraints: MariaDB names the table in CHECK_CONSTRAINTS (its
 * automatic names, CONSTRAINT_1, repeat from table to table); MySQL 8
 * does not, but its check names are unique in the database.
 */
static const char my_fp_checks_mariadb[] =
	"SELECT CONCAT('check ', CONSTRAINT_NAME, ' on ', TABLE_NAME, ': ', "
	"CHECK_CLAUSE) FROM information_schema.CHECK_CONSTRAINTS WHERE "
	"CONSTRAINT_SCHEMA = DATABASE()";
static const char my_fp_checks_mysql[] =
	"SELECT CONCAT('check ', t.CONSTRAINT_NAME, ' on ', t.TABLE_NAME, "
	"': ', c.CHECK_CLAUSE) FROM information_schema.TABLE_CONSTRAINTS t "
	"JOIN information_schema.CHECK_CONSTRAINTS c ON "
	"c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND "
	"c.CONSTRAINT_NAME = t.CONSTRAINT_NAME WHERE t." MY_FP_DB " AND "
	"t.CONSTRAINT_TYPE = 'CHECK'";

/*
 * Run one fingerprint query and append its rows to out, one a line, with
 * white space runs (new lines too) made one space.  0, or -1 with the
 * error left in mysql_error().
 */
static int
my_fp_query(struct my_conn *mc, const char *sql, struct buf *out)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*s;
	int		 space;

	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL)
			continue;
		for (s = row[0], space = 0; *s != '\0'; s++) {
			if (isspace((unsigned char)*s)) {
				space = 1;
				continue;
			}
			if (space)
				buf_addc(out, ' ');
			space = 0;
			buf_addc(out, *s);
		}
		buf_addc(out, '\n');
	}
	mysql_free_result(res);
	return 0;
}

/*
 * The schema of the current database as canonical lines (see
 * my_fp_queries), appended to out.  0, or -1 with *cause.
 */
static int
my_fingerprint(struct conn *c, struct buf *out, char **cause)
{
	struct my_conn	*mc = c->data;
	size_t		 i;

	my_thread_enter();
	for (i = 0; my_fp_queries[i] != NULL; i++) {
		if (my_fp_query(mc, my_fp_queries[i], out) != 0)
			goto fail;
	}
	if (my_fp_query(mc, my_fp_checks_mariadb, out) != 0 &&
	    (mysql_errno(mc->m) != 1054 ||
	    my_fp_query(mc, my_fp_checks_mysql, out) != 0))
		goto fail;
	return 0;

fail:
	*cause = xprintf("cannot read the schema: %s", mysql_error(mc->m));
	return -1;
}

const struct driver driver_mysql = {
	.name = "mysql",
	.aliases = my_aliases,
	.flags = DRIVER_STMT_ATOMIC,
	.open = my_open,
	.close = my_close,
	.exec = my_exec,
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

/* The entry point of the module sqlcheck-mysql.so (see driver.c). */
const struct driver *
sqlcheck_module_driver(void)
{
	return &driver_mysql;
}
