/*
 * driver-sqlite.c: the embedded SQLite driver.  An in-memory database by
 * default, or the database file given as the DSN (opened read-write, never
 * created).  Foreign keys are enforced; errors carry SQLite's extended
 * result code and are mapped to the portable conditions.  With
 * catalog-sqlite.c (constraints, for --coverage, and the schema
 * fingerprint) the only includer of sqlite3.h.
 */
#include <sqlite3.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

struct lite {
	sqlite3		*db;
	sqlite3		*saved;		/* user's database during a scratch */
	char		*path;		/* NULL for :memory: */
};

static int	lite_open_db(const char *, sqlite3 **, char **);

/* Extended result codes with their names and portable conditions. */
static const struct lite_code {
	int		 code;
	const char	*name;
	const char	*condition;
	const char	*sqlstate;
} lite_codes[] = {
	{ SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE",
	    "unique_violation", NULL },
	{ SQLITE_CONSTRAINT_PRIMARYKEY, "SQLITE_CONSTRAINT_PRIMARYKEY",
	    "unique_violation", NULL },
	{ SQLITE_CONSTRAINT_FOREIGNKEY, "SQLITE_CONSTRAINT_FOREIGNKEY",
	    "foreign_key_violation", NULL },
	{ SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL",
	    "not_null_violation", NULL },
	{ SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK",
	    "check_violation", NULL },
	{ SQLITE_CONSTRAINT_DATATYPE, "SQLITE_CONSTRAINT_DATATYPE",
	    "invalid_text_representation", NULL },
	{ SQLITE_CONSTRAINT_TRIGGER, "SQLITE_CONSTRAINT_TRIGGER", NULL,
	    "23000" },
	{ SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT", NULL, "23000" },
	{ SQLITE_MISMATCH, "SQLITE_MISMATCH", "invalid_text_representation",
	    NULL },
	{ SQLITE_INTERRUPT, "SQLITE_INTERRUPT", "query_canceled", NULL },
	{ SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT",
	    "serialization_failure", NULL },
	{ SQLITE_BUSY, "SQLITE_BUSY", NULL, NULL },
	{ SQLITE_LOCKED, "SQLITE_LOCKED", NULL, NULL },
	{ SQLITE_READONLY, "SQLITE_READONLY", NULL, NULL },
	{ SQLITE_TOOBIG, "SQLITE_TOOBIG", NULL, NULL },
	{ SQLITE_RANGE, "SQLITE_RANGE", NULL, NULL },
	{ SQLITE_ERROR, "SQLITE_ERROR", NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

/*
 * SQLITE_ERROR is generic: the message tells what it is.  Prefixes of
 * sqlite3_errmsg() and the condition each means.
 */
static const struct lite_message {
	const char	*prefix;
	const char	*condition;
} lite_messages[] = {
	{ "no such table", "undefined_table" },
	{ "no such view", "undefined_table" },
	{ "no such column", "undefined_column" },
	{ "incomplete input", "syntax_error" },
	{ "unrecognized token", "syntax_error" },
	{ "integer overflow", "numeric_value_out_of_range" },
	{ NULL, NULL }
};

/*
 * Once, before SQLite is first used: no memory statistics, which would
 * take a global mutex around every allocation SQLite makes.  Too late
 * (SQLITE_MISUSE) if something initialised SQLite already; harmless.
 */
static void
lite_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Virtual machine steps between two looks at run_stopped(). */
#define LITE_STOP_STEPS	4096

/* Open the DSN's database (":memory:" when NULL or empty). */
static int
lite_open(struct conn *c, const char *dsn, char **cause)
{
	static pthread_once_t	 configured = PTHREAD_ONCE_INIT;
	struct lite		*l;

	pthread_once(&configured, lite_configure);

	l = xcalloc(1, sizeof *l);
	if (dsn != NULL && *dsn != '\0' && strcmp(dsn, ":memory:") != 0)
		l->path = xstrdup(dsn);
	if (lite_open_db(l->path, &l->db, cause) != 0) {
		free(l->path);
		free(l);
		return -1;
	}
	c->data = l;
	return 0;
}

/*
 * SQLite's progress handler: a statement running when the run is asked
 * to stop (Ctrl-C) ends with SQLITE_INTERRUPT within a few thousand
 * virtual machine steps, whichever thread runs it (DRIVER_SELF_STOP).
 */
static int
lite_progress(void *unused)
{
	(void)unused;
	return run_stopped();
}

/*
 * Open a database (a new in-memory one when path is NULL), set extended
 * codes, a busy timeout, the stop check and foreign keys (which only take
 * effect outside a transaction, so here).
 */
static int
lite_open_db(const char *path, sqlite3 **dbp, char **cause)
{
	sqlite3	*db = NULL;
	int	 flags, rc;

	/*
	 * NOMUTEX: a connection belongs to one worker thread, so SQLite need
	 * not lock it around every call (the watchdog's sqlite3_interrupt()
	 * from another thread is allowed in this mode too).
	 */
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
	if (path == NULL)
		flags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;
	rc = sqlite3_open_v2(path == NULL ? ":memory:" : path, &db, flags,
	    NULL);
	if (rc != SQLITE_OK) {
		*cause = xprintf("cannot open sqlite database \"%s\": %s",
		    path == NULL ? ":memory:" : path,
		    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	sqlite3_progress_handler(db, LITE_STOP_STEPS, lite_progress, NULL);
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL) != SQLITE_OK) {
		*cause = xprintf("cannot enable foreign keys: %s",
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	*dbp = db;
	return 0;
}

/* Close the connection (a scratch copy first, if one is open). */
static void
lite_close(struct conn *c)
{
	struct lite	*l = c->data;

	if (l == NULL)
		return;
	if (l->saved != NULL) {
		sqlite3_close(l->db);
		l->db = l->saved;
	}
	sqlite3_close(l->db);
	free(l->path);
	free(l);
	c->data = NULL;
}

/* Fill err from the database's last error. */
static void
lite_error(sqlite3 *db, struct dberror *err)
{
	const struct lite_code		*lc;
	const struct lite_message	*lm;
	const char			*msg, *condition = NULL;
	const char			*sqlstate = NULL;
	char				 native[32];
	int				 code;

	code = sqlite3_extended_errcode(db);
	msg = sqlite3_errmsg(db);
	snprintf(native, sizeof native, "%d", code);
	for (lc = lite_codes; lc->name != NULL; lc++) {
		if (lc->code == code) {
			snprintf(native, sizeof native, "%s", lc->name);
			condition = lc->condition;
			sqlstate = lc->sqlstate;
			break;
		}
	}
	if ((code & 0xff) == SQLITE_ERROR) {
		for (lm = lite_messages; lm->prefix != NULL; lm++) {
			if (strncmp(msg, lm->prefix, strlen(lm->prefix)) == 0) {
				condition = lm->condition;
				break;
			}
		}
		if (strstr(msg, "syntax error") != NULL)
			condition = "syntax_error";
	}
	dberror_set(err, sqlstate, native, condition, msg);
}

/*
 * Append one column of the current row, rendered for its type (the
 * first ntypes columns have one in types).
 */
static void
lite_add_value(sqlite3_stmt *st, int i, const char *types, int ntypes,
    struct result *r, struct buf *b)
{
	char	 type, *s;

	if (types == NULL) {
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			result_add_null(r);
		else
			result_add_value(r,
			    (const char *)sqlite3_column_text(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
		return;
	}
	/* sqllogictest rendering, as SQLite's own runner does it. */
	type = i < ntypes ? types[i] : 'T';
	buf_reset(b);
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		buf_adds(b, "NULL");
	else if (type == 'I')
		buf_add_int64(b, sqlite3_column_int64(st, i));
	else if (type == 'R') {
		s = sqlite3_mprintf("%.3f", sqlite3_column_double(st, i));
		buf_adds(b, s);
		sqlite3_free(s);
	} else
		slt_render('T', (const char *)sqlite3_column_text(st, i), b);
	result_add_value(r, b->data, b->len);
}

/* Step a prepared statement to the end, collecting its rows. */
static int
lite_step_all(sqlite3 *db, sqlite3_stmt *st, const char *types,
    struct result *r)
{
	struct buf	b;
	int		rc, i, ncols;
	int		ntypes = types != NULL ? (int)strlen(types) : 0;

	ncols = sqlite3_column_count(st);
	if (ncols > 0)
		result_set_columns(r, ncols);
	buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++)
			lite_add_value(st, i, types, ntypes, r, &b);
		if (r->truncated) {
			rc = SQLITE_DONE;	/* past --max-rows: stop */
			break;
		}
	}
	buf_free(&b);
	(void)db;
	return rc;
}

/*
 * Run the statements of sql (normally one); the result is the last one's.
 * Returns 0, or -1 with err filled.
 */
static int
lite_exec(struct conn *c, const char *sql, const char *types,
    struct result *r, struct dberror *err)
{
	struct lite		*l = c->data;
	sqlite3_stmt		*st;
	const char		*tail = sql;
	sqlite3_int64		 before;
	int			 rc, ran = 0;

	while (*tail != '\0') {
		st = NULL;
		if (sqlite3_prepare_v2(l->db, tail, -1, &st, &tail) !=
		    SQLITE_OK) {
			lite_error(l->db, err);
			return -1;
		}
		if (st == NULL)
			break;		/* only white space or comments left */
		if (ran++ > 0) {
			/*
			 * The core sends one statement at a time; more than
			 * one here means the splitter and SQLite disagree, and
			 * running them could let a COMMIT past the runner.
			 */
			sqlite3_finalize(st);
			dberror_set(err, NULL, "sqlcheck", NULL, "more than one "
			    "statement in one piece of SQL (SQLite reads this "
			    "text differently from sqlcheck's splitter: check "
			    "comments and quotes, or end the statement with ;)");
			return -1;
		}
		result_clear(r);
		before = sqlite3_total_changes64(l->db);
		rc = lite_step_all(l->db, st, types, r);
		/*
		 * SQLite's own sqllogictest runner ends a query's rows at the
		 * first error of sqlite3_step() and reports no error; in
		 * sqllogictest mode (types given) we do the same, so that
		 * corpus files give the results that runner gives.
		 */
		if (rc != SQLITE_DONE && types != NULL && r->has_rows)
			rc = SQLITE_DONE;
		if (rc != SQLITE_DONE) {
			lite_error(l->db, err);
			catalog_sqlite_attribute(err, sql);
			sqlite3_finalize(st);
			return -1;
		}
		if (!r->has_rows)
			r->affected = sqlite3_total_changes64(l->db) ==
			    before ? 0 : sqlite3_changes64(l->db);
		else
			r->affected = (int64_t)result_rows(r);
		sqlite3_finalize(st);
	}
	return 0;
}

/* An identifier for SQL: as written if plain, else in double quotes. */
static void
lite_add_ident(struct buf *b, const char *name)
{
	const char	*s;

	if (str_is_identifier(name)) {
		buf_adds(b, name);
		return;
	}
	buf_addc(b, '"');
	for (s = name; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* Insert one row of csv with the prepared INSERT st; -1 with err. */
static int
lite_load_row(sqlite3 *db, sqlite3_stmt *st, const struct csv *csv,
    size_t row, struct dberror *err)
{
	const char	*v;
	int		 i, rc;

	for (i = 0; i < csv->ncols; i++) {
		v = csv->cells[row * (size_t)csv->ncols + (size_t)i];
		if (v == NULL)
			sqlite3_bind_null(st, i + 1);
		else
			sqlite3_bind_text(st, i + 1, v, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		lite_error(db, err);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Load a CSV file into table: one INSERT prepared once and stepped for
 * every row, with values bound as text (column affinity converts them)
 * or NULL.  Outside a transaction the rows go in under one savepoint,
 * so that they are one commit, or none.  0, or -1 with err and *bad.
 */
static int
lite_load(struct conn *c, const char *table, const struct csv *csv,
    size_t *bad, struct dberror *err)
{
	struct lite	*l = c->data;
	sqlite3_stmt	*st = NULL;
	struct buf	 sql;
	size_t		 row;
	int		 i, own, rc = 0;

	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s (", table);
	for (i = 0; i < csv->ncols; i++) {
		buf_adds(&sql, i > 0 ? ", " : "");
		lite_add_ident(&sql, csv->header[i]);
	}
	buf_adds(&sql, ") VALUES (");
	for (i = 0; i < csv->ncols; i++)
		buf_adds(&sql, i > 0 ? ", ?" : "?");
	buf_adds(&sql, ")");
	if (sqlite3_prepare_v2(l->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		lite_error(l->db, err);
		buf_free(&sql);
		return -1;
	}
	buf_free(&sql);
	own = sqlite3_get_autocommit(l->db);
	if (own)
		sqlite3_exec(l->db, "SAVEPOINT sqlcheck_load", NULL, NULL,
		    NULL);
	for (row = 0; row < csv->nrows && rc == 0; row++) {
		rc = lite_load_row(l->db, st, csv, row, err);
		if (rc != 0)
			*bad = row;
	}
	sqlite3_finalize(st);
	if (own && rc != 0)
		sqlite3_exec(l->db, "ROLLBACK TO sqlcheck_load", NULL, NULL,
		    NULL);
	if (own)
		sqlite3_exec(l->db, "RELEASE sqlcheck_load", NULL, NULL, NULL);
	return rc;
}

/* 1 inside a transaction. */
static int
lite_in_transaction(struct conn *c)
{
	struct lite	*l = c->data;

	return !sqlite3_get_autocommit(l->db);
}

/* Interrupt the running statement (safe from another thread). */
static void
lite_cancel(struct conn *c)
{
	struct lite	*l = c->data;

	if (l != NULL && l->db != NULL)
		sqlite3_interrupt(l->db);
}

/*
 * Make the session as good as new: an in-memory database is replaced by
 * a new one; a file database only needs its transaction gone.
 */
static int
lite_reset(struct conn *c, char **cause)
{
	struct lite	*l = c->data;
	sqlite3		*db;

	if (!sqlite3_get_autocommit(l->db))
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	if (l->path != NULL)
		return 0;
	if (lite_open_db(NULL, &db, cause) != 0)
		return -1;
	sqlite3_close(l->db);
	l->db = db;
	return 0;
}

/* The library version. */
static const char *
lite_version(struct conn *c)
{
	(void)c;
	return "SQLite " SQLITE_VERSION;
}

/*
 * A scratch database: an in-memory copy of the current one (through the
 * backup API), used until lite_scratch_drop() throws it away.
 */
static int
lite_scratch_create(struct conn *c, char **name, char **cause)
{
	struct lite	*l = c->data;
	sqlite3_backup	*bk;
	sqlite3		*copy;

	if (lite_open_db(NULL, &copy, cause) != 0)
		return -1;
	bk = sqlite3_backup_init(copy, "main", l->db, "main");
	if (bk == NULL || sqlite3_backup_step(bk, -1) != SQLITE_DONE) {
		*cause = xprintf("cannot copy the database: %s",
		    sqlite3_errmsg(copy));
		sqlite3_backup_finish(bk);
		sqlite3_close(copy);
		return -1;
	}
	sqlite3_backup_finish(bk);
	/* The backup replaced the connection's settings: set them again. */
	sqlite3_exec(copy, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	l->saved = l->db;
	l->db = copy;
	*name = xstrdup("in-memory copy");
	return 0;
}

/* Throw the scratch copy away and return to the user's database. */
static int
lite_scratch_drop(struct conn *c, const char *name, char **cause)
{
	struct lite	*l = c->data;

	(void)name;
	(void)cause;
	if (l->saved == NULL)
		return 0;
	sqlite3_close(l->db);
	l->db = l->saved;
	l->saved = NULL;
	return 0;
}

/* The constraints of the session's tables (catalog-sqlite.c). */
static int
lite_constraints(struct conn *c, struct constraint_list *out, char **cause)
{
	struct lite	*l = c->data;

	return catalog_sqlite(l->db, out, cause);
}

/* The schema fingerprint (catalog-sqlite.c). */
static int
lite_fingerprint(struct conn *c, struct buf *out, char **cause)
{
	struct lite	*l = c->data;

	return catalog_sqlite_fingerprint(l->db, out, cause);
}

#if SQLITE_VERSION_NUMBER >= 3036000
/*
 * Template databases (run_template_build): serialized images of a
 * database, kept in this process under a name; a scratch database is
 * a new in-memory database deserialized from a copy of one.  Workers
 * clone from their own threads, so the list has a lock.
 */
struct lite_template {
	char			*name;
	unsigned char		*data;		/* sqlite3_malloc'd */
	sqlite3_int64		 size;
	struct lite_template	*next;
};

static pthread_mutex_t		 lite_tmpl_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lite_template	*lite_templates;
static unsigned int		 lite_tmpl_count;

/* Keep an image of the current database as a template. */
static int
lite_template_save(struct conn *c, char **name, char **cause)
{
	struct lite		*l = c->data;
	struct lite_template	*t;
	sqlite3_int64		 size = 0;
	unsigned char		*data;

	data = sqlite3_serialize(l->db, "main", &size, 0);
	if (data == NULL) {
		*cause = xprintf("cannot serialize the database: %s",
		    sqlite3_errmsg(l->db));
		return -1;
	}
	t = xcalloc(1, sizeof *t);
	t->data = data;
	t->size = size;
	pthread_mutex_lock(&lite_tmpl_lock);
	t->name = xprintf("template %u", ++lite_tmpl_count);
	t->next = lite_templates;
	lite_templates = t;
	pthread_mutex_unlock(&lite_tmpl_lock);
	*name = xstrdup(t->name);
	return 0;
}

/*
 * A scratch database that is a copy of template tmpl, used until
 * lite_scratch_drop() throws it away.
 */
static int
lite_scratch_clone(struct conn *c, const char *tmpl, char **name,
    char **cause)
{
	struct lite		*l = c->data;
	struct lite_template	*t;
	unsigned char		*copy = NULL;
	sqlite3_int64		 size = 0;
	sqlite3			*db;

	pthread_mutex_lock(&lite_tmpl_lock);
	for (t = lite_templates; t != NULL; t = t->next) {
		if (strcmp(t->name, tmpl) == 0)
			break;
	}
	if (t != NULL && (copy = sqlite3_malloc64((sqlite3_uint64)t->size)) !=
	    NULL) {
		memcpy(copy, t->data, (size_t)t->size);
		size = t->size;
	}
	pthread_mutex_unlock(&lite_tmpl_lock);
	if (copy == NULL) {
		*cause = xprintf("no template \"%s\"", tmpl);
		return -1;
	}
	if (lite_open_db(NULL, &db, cause) != 0) {
		sqlite3_free(copy);
		return -1;
	}
	if (sqlite3_deserialize(db, "main", copy, size, size,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
	    SQLITE_OK) {
		*cause = xprintf("cannot copy the template: %s",
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	l->saved = l->db;
	l->db = db;
	*name = xstrdup("in-memory copy of the schema template");
	return 0;
}

/* Forget a template. */
static void
lite_template_drop(const char *tmpl)
{
	struct lite_template	**tp, *t;

	pthread_mutex_lock(&lite_tmpl_lock);
	for (tp = &lite_templates; *tp != NULL; tp = &(*tp)->next) {
		if (strcmp((*tp)->name, tmpl) == 0) {
			t = *tp;
			*tp = t->next;
			sqlite3_free(t->data);
			free(t->name);
			free(t);
			break;
		}
	}
	pthread_mutex_unlock(&lite_tmpl_lock);
}
#endif

/*
 * A database file takes one writer at a time: one session; an in-memory
 * database (no DSN, or ":memory:") is each session's own.
 */
static int
lite_max_sessions(const char *dsn)
{
	if (dsn == NULL || *dsn == '\0' || strcmp(dsn, ":memory:") == 0)
		return 0;
	return 1;
}

/* A SQLite DSN holds no secret. */
static char *
lite_describe(const char *dsn)
{
	return xstrdup(dsn == NULL || *dsn == '\0' ? ":memory:" : dsn);
}

const struct driver driver_sqlite = {
	.name = "sqlite",
	.flags = DRIVER_TXN_DDL | DRIVER_STMT_ATOMIC | DRIVER_NAMES_NOCASE |
	    DRIVER_COLUMNS_NOCASE | DRIVER_SELF_STOP,
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.in_transaction = lite_in_transaction,
	.cancel = lite_cancel,
	.reset = lite_reset,
	.version = lite_version,
	.scratch_create = lite_scratch_create,
	.scratch_drop = lite_scratch_drop,
	.describe = lite_describe,
	.max_sessions = lite_max_sessions,
	.constraints = lite_constraints,
	.load = lite_load,
	.fingerprint = lite_fingerprint,
#if SQLITE_VERSION_NUMBER >= 3036000
	.template_save = lite_template_save,
	.scratch_clone = lite_scratch_clone,
	.template_drop = lite_template_drop
#endif
};
