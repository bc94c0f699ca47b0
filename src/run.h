/*
 * run.h: what the runner's files share, and nothing else includes: the
 * state of one file's run and the functions one file calls in another.
 *
 *	run.c		a file's isolation, its tests (one by one or in
 *			batches), judging them, the file's report
 *	run-setup.c	what must succeed before tests: setup blocks,
 *			--schema, migrations, "-- load:", and the template
 *			database built from --schema and --migrations
 *	run-pgtap.c	a pgTAP file: its statements, their TAP read as
 *			tests, its plan
 *	run-pgtap-cov.c	--coverage of pgTAP files: the errors throws_ok
 *			and lives_ok catch in the server
 *	txnstmt.c	what a statement means for transactions (in
 *			sqlcheck.h: the unit tests use it)
 *	labels.c	the sqllogictest labels of a run and their results
 */
#ifndef RUN_H
#define RUN_H

#include "sqlcheck.h"

#define SAVEPOINT_STMT	"sqlcheck_stmt"

struct label_slot;

/* The labels of a run (labels.c); all zero is an empty table. */
struct labels {
	struct label_slot	*slots;
	size_t			 cap;		/* a power of 2, or 0 */
	size_t			 n;
};

/* State of one file's run. */
struct run {
	struct conn		*conn;
	const struct driver	*drv;
	const struct test_file	*tf;
	const struct options	*opts;
	struct file_report	*fr;
	int			 in_txn;	/* file transaction in use */
	int			 scratch;	/* scratch database in use */
	int			 stmt_savepoints;
	int			 user_depth;	/* open BEGINs of the test */
	int			 halted;
	int			 refused;	/* txn_refusal() stopped a statement */
	int			 broken;	/* connection lost */
	char			*lost;		/* what the driver said then */
	size_t			 stopped_at;	/* first record not run */
	char			*scratch_name;
	int			 migrated;	/* migration steps applied */
	int			 cloned;	/* scratch copies the template */
	struct labels		 labels;
	struct coverage_file	*cov;		/* --coverage, or NULL */
	struct buf		 made;		/* what "-- make:" made, or "" */
};

/* run.c */
void	 run_lost(struct run *, const struct dberror *);
int	 run_internal(struct run *, const char *, struct dberror *);
void	 run_quiet(struct run *, const char *);
int	 run_stmt(struct run *, const struct stmt *, const char *,
	    struct result *, struct dberror *);
void	 run_end_test(struct run *);
int	 run_txn_escaped(struct run *);
char	*run_refusal(const struct run *, const char *);
int	 run_filter_match(const struct options *, const char *);

/* labels.c */
int	 labels_check(struct labels *, const char *, const char *);
void	 labels_free(struct labels *);

/* run-pgtap.c, run-pgtap-cov.c */
void	 run_pgtap(struct run *);
void	 pgtap_cov_probe(struct run *, const char *, const struct stmt *);
void	 pgtap_cov_drop_own(struct constraint_list *);

/* run-setup.c */
int	 run_setup(struct run *, const struct record *, const char *);
int	 run_migrate(struct run *, const struct record *);
int	 run_prelude(struct run *);
int	 run_load(struct run *, const struct record *);
int	 run_setup_error(struct run *, const struct record *, char *);

/* run-make.c */
int	 run_make(struct run *, const struct record *);
const struct migrations *run_migrations(const struct run *);
int	 run_migrations_autocommit(const struct migrations *);

#endif /* RUN_H */
