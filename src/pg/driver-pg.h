/*
 * driver-pg.h: what the files of the PostgreSQL driver module share, and
 * nothing else includes: the driver's state, and the functions one file
 * of the module calls in another.
 *
 *	driver-pg.c	sessions, one statement at a time, results and
 *			errors, COPY for "-- load:"
 *	batch-pg.c	many statements in one round trip (pipeline mode)
 *	reset-pg.c	the reset between files, which waits for the next
 *			file's first pipeline
 *	scratch-pg.c	scratch databases ("-- isolation: database",
 *			--clean)
 *	dsn-pg.c	connection strings, and keeping passwords out of
 *			messages
 *	catalog-pg.c	constraints (--coverage), what errors name, and
 *			the schema fingerprint (--check-migrations)
 *
 *	tempinst-pg.c	a throwaway server for --temp-instance
 *
 * Of the core it sees driver.h alone.  The module is built with hidden
 * visibility: only sqlcheck_module is seen from outside it.
 */
#ifndef DRIVER_PG_H
#define DRIVER_PG_H

#include <libpq-fe.h>

#include "driver.h"

/*
 * What every session sets from PostgreSQL 14 on (pg_session_setup), and
 * sets again after each DISCARD ALL (reset-pg.c).
 */
#define PG_CHECK_INTERVAL_SQL	"SET client_connection_check_interval = 1000"
#define PG_CHECK_INTERVAL_VERSION	140000

/* What a lost session's message starts with (err->lost_cause). */
#define PG_LOST	"connection to server lost: "

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
	/*
	 * The session whose reset after a file (ROLLBACK, DISCARD ALL)
	 * waits to go at the head of the next file's first pipeline (NULL:
	 * none); the session counts as out of any transaction.  If that
	 * reset fails, reset_failed says why (owned) until an exec reports
	 * it, and the session has been cut (pg_reset_read).
	 */
	PGconn		*reset_pending;
	char		*reset_failed;
};

/* driver-pg.c */
char		*pg_chomp(const char *);
void		 pg_session_setup(PGconn *);
char		*pg_connect_cause(PGconn *);
PGconn		*pg_active(struct pg_data *);
void		 pg_settle(struct pg_data *);
void		 pg_settle_others(struct pg_data *, PGconn *);
int		 pg_pending_prefix(struct pg_data *, PGconn *, const char **);
void		 pg_set_undo(struct pg_data *, PGconn *, const char *);

int		 pg_is_copy(const char *);
PGresult	*pg_run(PGconn *, const char *);
int		 pg_is_error(const PGresult *);
void		 pg_fill_rows(PGresult *, const char *, struct result *);
void		 pg_fill_error(PGconn *, PGresult *, struct dberror *);
int		 pg_take_result(PGconn *, PGresult *, const char *,
		    struct result *, struct dberror *);
int		 pg_exec(struct conn *, const char *, const char *,
		    struct result *, struct dberror *);
int		 pg_command(PGconn *, const char *, const char *, char **);

/* batch-pg.c */
size_t		 pg_exec_guarded_batch(struct conn *, struct batch_stmt *,
		    size_t);
int		 pg_exec_batch(struct conn *, const struct batch_stmt *,
		    size_t, size_t *, struct dberror *);

/* reset-pg.c */
int		 pg_reset_send(struct pg_data *, PGconn *);
void		 pg_reset_read(struct pg_data *, PGconn *);
int		 pg_reset_failed(struct pg_data *, struct dberror *);
int		 pg_reset(struct conn *, char **);
int		 pg_flush(struct conn *, char **);

/* scratch-pg.c */
int		 pg_drop_db(PGconn *, const char *, char **);
void		 pg_scratch_close(struct pg_data *);
int		 pg_scratch_create(struct conn *, char **, char **);
int		 pg_scratch_drop(struct conn *, const char *, char **);
int		 pg_scratch_list(struct conn *, char ***, size_t *, char **);
int		 pg_scratch_clean(struct conn *, const char *, char **);

/* dsn-pg.c */
const char	*pg_effective_dsn(const char *);
char		*pg_scrub(char *, const char *);
char		*pg_describe(const char *);

/* catalog-pg.c */
int		 catalog_pg(PGconn *, struct constraint_list *, char **);
void		 catalog_pg_attribute(struct dberror *, const PGresult *);
int		 catalog_pg_fingerprint(PGconn *, struct buf *, char **);

/* tempinst-pg.c */
struct tempinst	*tempinst_pg_start(char **);
/* tempinst_pg_start_conf() flags */
#define TEMPINST_PG_REGRESS	0x1
#define TEMPINST_NO_LOCALE	0x2
struct tempinst	*tempinst_pg_start_conf(const char *, int, const char *,
		    char **);

#endif /* DRIVER_PG_H */
