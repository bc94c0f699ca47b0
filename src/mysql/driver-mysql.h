/*
 * driver-mysql.h: what the files of the MySQL/MariaDB driver module
 * share, and nothing else includes: the parsed DSN, the driver's state,
 * and the functions one file of the module calls in another.
 *
 *	driver-mysql.c	 sessions, statements, results, errors and their
 *			 conditions, cancelling, the reset between files,
 *			 "-- load:"
 *	batch-mysql.c	 setup statements and runs of tests in one round
 *			 trip (multi-statement strings)
 *	scratch-mysql.c	 scratch databases (every file's, and --clean)
 *	dsn-mysql.c	 mysql:// and mariadb:// DSNs, and describing one
 *			 without its password
 *	catalog-mysql.c	 constraints (--coverage), what errors name, and
 *			 the schema fingerprint (--check-migrations)
 *
 *	tempinst-mysql.c a throwaway server for --temp-instance
 *
 * Of the core it sees driver.h alone.  The module is built with hidden
 * visibility: only sqlcheck_module is seen from outside it.
 */
#ifndef DRIVER_MYSQL_H
#define DRIVER_MYSQL_H

#include <pthread.h>

#include <mysql.h>

#include "driver.h"

/* A parsed DSN: every string decoded and owned, NULL when absent. */
struct my_dsn {
	char		*user;
	char		*password;
	char		*host;
	char		*db;
	char		*socket;
	char		*option_file;	/* ?option-file=, read for [client] */
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
	int		 multi;		/* multi-statements: 1 on, 0 off,
					 * -1 not known */
};

/* driver-mysql.c */
void		 my_thread_enter(void);
int		 my_run(MYSQL *, const char *);
char		*my_quote_ident(const char *);
int		 my_fail(struct my_conn *, struct dberror *);
int		 my_collect(struct my_conn *, const char *, struct result *,
		    struct dberror *, int);
int		 my_exec_one(struct my_conn *, const char *, const char *,
		    struct result *, struct dberror *);
void		 my_attribute(struct dberror *, const char *);
int		 my_set_multi(struct my_conn *, int);
int		 my_in_txn(struct my_conn *);

/* batch-mysql.c */
size_t		 my_exec_guarded_batch(struct conn *, struct batch_stmt *,
		    size_t);
int		 my_exec_batch(struct conn *, const struct batch_stmt *, size_t,
		    size_t *, struct dberror *);

/* scratch-mysql.c */
int		 my_scratch_create(struct conn *, char **, char **);
int		 my_scratch_drop(struct conn *, const char *, char **);
int		 my_scratch_list(struct conn *, char ***, size_t *, char **);
int		 my_scratch_clean(struct conn *, const char *, char **);

/* dsn-mysql.c */
const char	*my_dsn_choose(const char *);
int		 my_dsn_parse(const char *, struct my_dsn *, char **);
void		 my_dsn_free(struct my_dsn *);
char		*my_where(const struct my_dsn *);
char		*my_describe(const char *);

/* catalog-mysql.c */
int		 catalog_mysql(MYSQL *, struct constraint_list *, char **);
void		 catalog_mysql_attribute(struct dberror *, unsigned int,
		    const char *);
int		 catalog_mysql_fingerprint(MYSQL *, struct buf *, char **);

/* tempinst-mysql.c */
struct tempinst	*tempinst_mysql_start(char **);

#endif /* DRIVER_MYSQL_H */
