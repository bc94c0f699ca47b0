/*
 * driver.h: the boundary between the core and the engine drivers.  The
 * server drivers are modules (src/pg/, src/mysql/) that the core loads
 * with dlopen() (driver.c); this header is all they include of the core:
 * the driver interface, the types it passes, and the core functions a
 * driver may call (the executable exports them).  Nothing else of the
 * core is the modules' business.
 *
 * A module exports one object, sqlcheck_module (struct driver_module),
 * whose abi and version the loader checks before it touches the driver:
 * a module of another build is refused with a message, not run.  Change
 * anything in this header and bump SQLCHECK_DRIVER_ABI.
 *
 * Conventions: a function that can fail for a reason a user should read
 * returns -1 and sets *cause to a string the caller frees; a returned
 * char * is owned by the caller, a returned const char * is borrowed.
 */
#ifndef SQLCHECK_DRIVER_H
#define SQLCHECK_DRIVER_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <md5.h>		/* libmd: MD5_CTX */

#define SQLCHECK_DRIVER_ABI	7

#ifdef __GNUC__
#define printflike(a, b) __attribute__((format(printf, a, b)))
#define deadfn __attribute__((noreturn))
#define moduleexport __attribute__((visibility("default")))
#else
#define printflike(a, b)
#define deadfn
#define moduleexport
#endif

/* xmalloc.c: allocation wrappers that never return NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xprintf(const char *, ...) printflike(1, 2);
char	*xvprintf(const char *, va_list);

/* buf.c: a growable NUL-terminated string. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_add_int64(struct buf *, int64_t);
void	 buf_printf(struct buf *, const char *, ...) printflike(2, 3);
void	 buf_reset(struct buf *);
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);

/*
 * md5.c: MD5 digest (RFC 1321), which a hashed result is kept as;
 * libmd computes it.
 */
struct md5 {
	MD5_CTX		 ctx;
};
void	 md5_init(struct md5 *);
void	 md5_update(struct md5 *, const void *, size_t);
void	 md5_hex(struct md5 *, char out[33]);

/*
 * A result set, filled by a driver through result_add_value() and freed
 * by the core.  Cells are stored row-major; a NULL cell is SQL NULL.
 */
struct result_chunk;
struct result {
	int	  ncols;
	size_t	  nrows;
	size_t	  ncells;
	size_t	  cap;
	char	**cells;	/* NULL for SQL NULL; text in chunks */
	struct result_chunk *chunks;	/* the text of every value */
	int64_t	  affected;	/* rows changed, or -1 if not known */
	int	  has_rows;	/* the statement returned a row set */
	size_t	  max_rows;	/* --max-rows: stop there, 0: no limit */
	int	  truncated;	/* stopped at max_rows: the rest dropped */
	/*
	 * What the expectation can match (result_init: no bound): rows past
	 * keep_rows rows or keep_cells cells are counted in more_cells but
	 * not kept (whole rows, so more_cells / ncols of them).
	 */
	size_t	  keep_rows;
	size_t	  keep_cells;
	size_t	  more_cells;
	/*
	 * A hash expectation in result order: values are hashed as they
	 * come (hash_values' rule) and none is kept.
	 */
	int	  hash_stream;
	size_t	  hashed;		/* values hashed */
	struct md5 md5;
	int	  row_cells;	/* cells of the row being added, so far */
};

/*
 * An engine error as the driver saw it.  Strings are owned by the struct
 * and freed by dberror_clear().
 */
struct dberror {
	char		 sqlstate[6];	/* five characters, or "" */
	char		 native[48];	/* "1062", "SQLITE_CONSTRAINT_UNIQUE" */
	const char	*condition;	/* portable name, or NULL */
	char		*message;
	char		*detail;
	char		*hint;
	int		 lost;		/* the connection is gone */
	/*
	 * With lost: where the engine's own words start in message, after
	 * the driver's (PostgreSQL's "connection to server lost: "), for
	 * the file's message, which says that itself; 0 for all of it.
	 */
	size_t		 lost_cause;
	int		 timed_out;	/* cancelled by --timeout */
	/*
	 * What the error violated, as far as the engine says (for
	 * --coverage): a constraint or index name, the table, the columns.
	 * Each may be NULL (or empty); attr tells what was inferred.
	 */
	char		*constraint;
	char		*table;
	char		**columns;
	size_t		 ncolumns;
	int		 attr;
#define DBERROR_TABLE_GUESSED	0x1	/* table read from the statement */
#define DBERROR_FK_CHILD	0x2	/* any foreign key of table */
#define DBERROR_FK_PARENT	0x4	/* any foreign key onto table */
#define DBERROR_STMT_COLUMNS	0x8	/* columns: those the statement writes */
};

/* result.c: what a driver fills. */
void	 result_init(struct result *);
void	 result_set_columns(struct result *, int);
void	 result_add_value(struct result *, const char *, size_t);
void	 result_add_null(struct result *);
size_t	 result_rows(const struct result *);
void	 result_clear(struct result *);
void	 slt_render(char, const char *, struct buf *);
void	 dberror_init(struct dberror *);
void	 dberror_clear(struct dberror *);
void	 dberror_set(struct dberror *, const char *, const char *,
	    const char *, const char *);
void	 dberror_set_target(struct dberror *, const char *, const char *,
	    const char *);

/*
 * A constraint as a driver reads it from the catalog, for --coverage.
 * Strings are owned; columns are those the constraint is on (for a
 * CHECK, the table's columns its expression names).
 */
enum constraint_kind {		/* in the order reports list them */
	CONSTRAINT_PRIMARY_KEY,
	CONSTRAINT_UNIQUE,
	CONSTRAINT_EXCLUSION,
	CONSTRAINT_FOREIGN_KEY,
	CONSTRAINT_CHECK,
	CONSTRAINT_NOT_NULL
};
#define CONSTRAINT_NKINDS	6

struct constraint {
	char			*table;
	char			*name;
	enum constraint_kind	 kind;
	char			**columns;
	size_t			 ncolumns;
	char			*ref_table;	/* foreign key: its parent */
	char			**ref_columns;	/* and its columns, if known */
	size_t			 nref_columns;
	char			*expr;		/* check: expression text */
};

struct constraint_list {
	struct constraint	*items;
	size_t			 n;
};

/* constraint.c, sqlscan.c: building the constraints a catalog holds. */
struct constraint *constraint_add(struct constraint_list *, const char *,
	    const char *, enum constraint_kind);
void	 constraint_add_column(struct constraint *, const char *);
void	 sql_expr_columns(struct constraint *, char *const *, size_t);
void	 dberror_guess_target(struct dberror *, const char *, int);

/*
 * csv.c: a CSV file for "-- load:", its header naming the columns.
 * cells holds nrows * ncols values row-major, NULL for SQL NULL (an
 * empty unquoted field); all text is in store.
 */
struct csv {
	char	 *path;
	char	**header;	/* ncols names */
	int	  ncols;
	char	**cells;
	size_t	  nrows;
	int	 *lines;	/* the line each row starts on */
	char	 *store;
};

/*
 * tempinst.c, tempinst-pg.c, tempinst-mysql.c: throwaway servers for
 * --temp-instance, in a temporary directory removed by tempinst_stop().
 */
struct tempinst {
	char	*dir;		/* temporary directory, owned */
	int	 pid;		/* server process, or 0 */
	int	 stop_signal;	/* SIGINT for postgres, SIGTERM for mariadbd */
	double	 startup_seconds;
	char	*dsn;		/* how to connect (may hold a password), owned */
};
/* tempinst.c: what the engines' throwaway servers share. */
void	 tempinst_stop(struct tempinst *);
int	 tempinst_make_dir(struct tempinst *, const char *, int, uid_t, gid_t,
	    char **);
char	*tempinst_password(char **);
void	 tempinst_forget(char *);
int	 tempinst_write_private(const char *, const char *, int, uid_t, gid_t,
	    char **);
/*
 * tempinst-guard.c: a driver starting a throwaway server names each
 * process it spawns, with the signal that stops it, so that it goes away
 * with sqlcheck, even when sqlcheck is killed (tempinst_make_dir names
 * the directory).
 */
void	 tempinst_guard_pid(int, int);

/* watch.c: seconds on the monotonic clock. */
double	 clock_now(void);

/* strutil.c, clean.c: names. */
int	 str_is_identifier(const char *);
void	 str_list_add(char ***, size_t *, const char *);
void	 str_list_free(char **, size_t);
int	 scratch_name_valid(const char *);
uint64_t scratch_name_key(const char *);
char	*scratch_name_new(void);

/*
 * The driver interface.  One const object per engine in driver-*.c; slots
 * marked optional may be NULL.  Drivers never print, exit, parse sqltest
 * syntax or compare results.
 */
struct watch;
struct conn {
	const struct driver	*drv;
	void			*data;		/* driver-private state */
	struct watch		*watch;		/* core: --timeout, or NULL */
};

enum isolation {
	ISOLATION_AUTO,
	ISOLATION_TRANSACTION,	/* one transaction, rolled back */
	ISOLATION_DATABASE	/* a scratch database of the file's own */
};

/* One statement of a batch (exec_batch, exec_guarded_batch). */
struct batch_stmt {
	const char	*sql;
	const char	*types;		/* sqllogictest column types, or NULL */
	int		 expect_error;	/* a test expected to fail */
	struct result	 result;	/* the core inits; the driver fills */
	struct dberror	 err;
	int		 rc;		/* 0 or -1 */
};

/* result.c: a driver's exec_batch copy of its statements, and its end. */
struct batch_stmt *batch_stmts_new(const struct batch_stmt *, size_t);
int	 batch_stmts_end(struct batch_stmt *, size_t, int, size_t,
	    struct dberror *);

struct driver {
	const char	*name;		/* "sqlite", "postgres", "mysql" */
	int		 flags;
#define DRIVER_TXN_DDL		0x1	/* DDL is transactional */
#define DRIVER_STMT_ATOMIC	0x2	/* an error leaves the txn usable */
#define DRIVER_RESET_ROLLS_BACK	0x4	/* reset rolls the file's txn back */
#define DRIVER_NAMES_NOCASE	0x8	/* table and constraint names compare
					 * without case, quoted or not */
#define DRIVER_COLUMNS_NOCASE	0x10	/* column names compare without case,
					 * quoted or not */
#define DRIVER_SELF_STOP	0x20	/* a running statement ends by itself
					 * once run_stopped(): a stop needs no
					 * other thread to cancel it */
	/* Connect; *cause says why not (no password in it). */
	int	(*open)(struct conn *, const char *dsn, char **cause);
	/*
	 * Optional: how many sessions the target of dsn takes at a time
	 * (the core runs no more workers), 0 for no limit.
	 */
	int	(*max_sessions)(const char *dsn);
	/* Optional: start a throwaway server (--temp-instance). */
	struct tempinst *(*temp_start)(char **cause);
	void	(*close)(struct conn *);
	/*
	 * Run one statement.  Returns 0 and fills the result, or -1 and fills
	 * the error (err->lost set when the connection is gone).  types is
	 * NULL, or sqllogictest column types ("ITR") to render values with.
	 */
	int	(*exec)(struct conn *, const char *sql, const char *types,
		    struct result *, struct dberror *);
	/*
	 * Optional: exec inside a savepoint of its own, so that a failing
	 * statement leaves no trace and the transaction stays usable (for
	 * engines without DRIVER_STMT_ATOMIC), in one round trip if it can.
	 */
	int	(*exec_guarded)(struct conn *, const char *sql,
		    const char *types, struct result *, struct dberror *);
	/*
	 * Optional: exec_guarded for n statements (each a test of its own)
	 * in one round trip.  It stops at the first statement that fails,
	 * unless its expect_error says it is expected to fail, and then at
	 * the first such statement that succeeds.  Fills the result, err
	 * and rc of each statement it ran and returns how many have them:
	 * n, or up to and including the one it stopped at (those after it
	 * did not run, or left no trace); 0 if it ran none (the core then
	 * runs them one by one).  It may also stop after a statement that
	 * ended the transaction (MySQL's implicit commits), or before one it
	 * could not send: the core checks the transaction after the last
	 * statement that ran and sends the rest in the next batch.
	 */
	size_t	(*exec_guarded_batch)(struct conn *, struct batch_stmt *,
		    size_t n);
	/*
	 * Optional: run n statements that must all succeed (a setup block)
	 * inside the file's transaction, in one round trip if it can; their
	 * results are dropped (only sql is read).  0, or -1 with *failed
	 * set to the index of the statement that failed (those after it did
	 * not run) and err filled.
	 */
	int	(*exec_batch)(struct conn *, const struct batch_stmt *,
		    size_t n, size_t *failed, struct dberror *err);
	/*
	 * Optional: open and roll back the file's transaction (without
	 * them the core sends "BEGIN" and "ROLLBACK").  0, or -1 with err.
	 */
	int	(*begin)(struct conn *, struct dberror *err);
	int	(*rollback)(struct conn *, struct dberror *err);
	/* 1 inside a transaction, 0 in autocommit. */
	int	(*in_transaction)(struct conn *);
	/* Optional: ask the engine to stop the running statement. */
	void	(*cancel)(struct conn *);
	/*
	 * Optional: make a used session as good as new, -1 if it cannot.
	 * A driver may leave the work waiting to go with the session's next
	 * statement (PostgreSQL: one round trip less a file); flush then
	 * sends it.
	 */
	int	(*reset)(struct conn *, char **cause);
	/*
	 * Optional: send now whatever waits for the session's next statement
	 * (a reset); the pool calls it when a worker has no file left, so
	 * that an idle session holds no transaction.  0, or -1 with *cause
	 * (the session is lost).
	 */
	int	(*flush)(struct conn *, char **cause);
	/* Optional: server version for verbose output. */
	const char *(*version)(struct conn *);
	/*
	 * Optional: create a scratch database and switch the session to it;
	 * *name is set to its name (caller frees).  scratch_drop switches back
	 * and drops it.
	 */
	int	(*scratch_create)(struct conn *, char **name, char **cause);
	int	(*scratch_drop)(struct conn *, const char *name, char **cause);
	/*
	 * Optional, for --clean: scratch_list sets *names to the scratch
	 * databases on the server, sorted (free with str_list_free);
	 * scratch_clean drops one unless a session uses it or the run that
	 * made it holds its lock: 0 dropped, 1 kept (*cause says why), -1
	 * with *cause.
	 */
	int	(*scratch_list)(struct conn *, char ***names, size_t *n,
		    char **cause);
	int	(*scratch_clean)(struct conn *, const char *name, char **cause);
	/* Optional: the DSN with any password removed, for messages. */
	char	*(*describe)(const char *dsn);
	/*
	 * Optional: append to list the constraints of the tables that exist
	 * now in the session (inside the file's transaction).  0, or -1
	 * with *cause.
	 */
	int	(*constraints)(struct conn *, struct constraint_list *,
		    char **cause);
	/*
	 * Optional: insert the rows of a CSV file into table (SQL as the
	 * user wrote it; columns named by the header, quoted unless plain
	 * identifiers) the engine's fastest way.  0, or -1 with err filled
	 * and *bad the index of the failing row, or (size_t)-1 if unknown.
	 */
	int	(*load)(struct conn *, const char *table, const struct csv *,
		    size_t *bad, struct dberror *);
	/*
	 * Optional: the schema of the current database from the engine's
	 * catalog, as canonical lines ("table t", "column t.c: integer not
	 * null default 0", "index i on t: (c)", ...), each ending in a new
	 * line, appended to out in any order (the core sorts them).  A line
	 * "KIND NAME: DETAILS" is keyed by what comes before ": ".  0, or -1
	 * with *cause.
	 */
	int	(*fingerprint)(struct conn *, struct buf *out, char **cause);
	/*
	 * Optional, together: template databases.  template_save keeps a
	 * copy of the current database as a template, *name its name (caller
	 * frees); scratch_clone is scratch_create with a copy of template
	 * tmpl (scratch_drop drops it); template_drop forgets tmpl.  They may
	 * be called from any worker thread.
	 */
	int	(*template_save)(struct conn *, char **name, char **cause);
	int	(*scratch_clone)(struct conn *, const char *tmpl, char **name,
		    char **cause);
	void	(*template_drop)(const char *tmpl);
};

/*
 * What a module exports as sqlcheck_module.  Its first two members
 * never move, so that the loader can read them from a module of any
 * build: abi is SQLCHECK_DRIVER_ABI and version PACKAGE_VERSION as the
 * module was built; driver is only used when both match the core's.
 */
struct driver_module {
	int			 abi;
	const char		*version;
	const struct driver	*driver;
};
#define SQLCHECK_MODULE_SYMBOL	"sqlcheck_module"

#endif /* SQLCHECK_DRIVER_H */
