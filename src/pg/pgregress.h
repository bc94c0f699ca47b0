/*
 * pgregress.h: what the files of "sqlcheck pg-regress" share (part of
 * the PostgreSQL module).
 *
 *	pgregress.c	options, the database, the summary, exit status
 *	pgregress-run.c	schedules, parallel groups, one test: the psql
 *			run, results/, the verdict against expected/
 *	pgregress-diff.c unified diffs
 *	pgregress-shard.c --shard K/N (which tests a shard runs) and
 *			--durations
 */
#ifndef PGREGRESS_H
#define PGREGRESS_H

#include "sqlcheck.h"
#include "psql.h"

/* The options pg_regress takes, and sqlcheck's own. */
struct pgr_opts {
	char		*inputdir;
	char		*outputdir;
	char		*expecteddir;
	char		*dlpath;		/* --dlpath, or NULL */
	char		*bindir;		/* --bindir, or NULL */
	char		**dbnames;
	size_t		 ndbnames;
	char		**schedules;
	size_t		 nschedules;
	char		**ignores;		/* the schedules' "ignore:" */
	size_t		 nignores;
	char		**extensions;
	size_t		 nextensions;
	char		**roles;
	size_t		 nroles;
	char		*encoding;
	char		*host, *port, *user;
	int		 use_existing;
	int		 no_locale;
	int		 max_connections;	/* 0: no limit */
	int		 temp_instance;
	char		**temp_configs;		/* --temp-config FILEs */
	size_t		 ntemp_configs;
	int		 jobs;			/* -j for tests not in a schedule */
	int		 rewrite;
	double		 timeout;		/* --timeout seconds, 0: none */
	int		 shard_index;		/* --shard K/N: K from 1 */
	int		 shard_count;		/* N, 0 without --shard */
	const char	*durations;		/* --durations FILE, or NULL */
	size_t		 tests_total;		/* of all shards */
	const char	*format;
	const char	*output;
	int		 quiet;
};

/* One test and what became of it. */
struct pgr_test {
	char		*name;
	int		 status;	/* psql's exit status */
	int		 passed;
	char		*unsupported;	/* FILE:LINE: \cmd not supported */
	char		*timed_out;	/* FILE:LINE: timed out after N s */
	char		*diff;		/* against the closest expected file */
	char		*expected;	/* that file */
	char		*result;	/* results/NAME.out */
	char		*where;		/* FILE:LINE of the first difference */
	char		*stmt;		/* that line of the script */
	double		 ms;
	int		 setup;		/* run as setup on a shard but 1 */
	int		 ignored;	/* failed, and an "ignore:" line names it */
	int		 no_expected;	/* no expected/NAME.out nor NAME_N.out */
	char		*no_script;	/* sql/NAME.sql cannot be read: why */
};

/* A line of a schedule: tests run at the same time. */
struct pgr_group {
	struct pgr_test	*tests;
	size_t		 ntests;
};

/* pgregress-run.c */
int	 pgr_read_schedule(const char *, struct pgr_group **, size_t *,
	    char ***, size_t *,
	    char **);
void	 pgr_add_group(struct pgr_group **, size_t *, char **, size_t);
void	 pgr_run_group(const struct pgr_opts *, struct pgr_group *, int,
	    FILE *);
void	 pgr_test_free(struct pgr_test *);

/* pgregress-shard.c */
char	*pgr_test_path(const struct pgr_opts *, const struct pgr_test *);
int	 pgr_shard(const struct pgr_opts *, struct pgr_group *, size_t,
	    const struct durations *, char **);
void	 pgr_durations_save(const struct pgr_opts *, struct durations *,
	    const struct pgr_group *, size_t);

/* pgregress-diff.c */
char	*pgr_diff(const char *, const char *, size_t, const char *,
	    const char *, size_t, long *);

/* pgregress-env.c */
void	 pgr_set_environment(const struct pgr_opts *);
void	 pgr_set_address(const struct pgr_opts *);
int	 pgr_prepare(const struct pgr_opts *);
char	*pgr_temp_conf(const struct pgr_opts *);

/* pgregress-report.c */
void	 pgr_status(FILE *, const char *, ...) printflike(2, 3);
void	 pgr_run_all(const struct pgr_opts *, struct pgr_group *, size_t,
	    const char *);
int	 pgr_summarize(const struct pgr_opts *, struct pgr_group *, size_t,
	    const char *, const char *);

moduleexport int sqlcheck_module_pg_regress(int, char **);

#endif
