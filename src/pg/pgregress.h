/*
 * pgregress.h: what the files of "sqlcheck pg-regress" share (part of
 * the PostgreSQL module).
 *
 *	pgregress.c	options, the database, the summary, exit status
 *	pgregress-run.c	schedules, parallel groups, one test: the psql
 *			run, results/, the verdict against expected/
 *	pgregress-diff.c unified diffs
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
	char		**dbnames;
	size_t		 ndbnames;
	char		**schedules;
	size_t		 nschedules;
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
	int		 jobs;			/* -j for tests not in a schedule */
	int		 rewrite;
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
	char		*diff;		/* against the closest expected file */
	char		*expected;	/* that file */
	char		*result;	/* results/NAME.out */
	char		*where;		/* FILE:LINE of the first difference */
	char		*stmt;		/* that line of the script */
	double		 ms;
};

/* A line of a schedule: tests run at the same time. */
struct pgr_group {
	struct pgr_test	*tests;
	size_t		 ntests;
};

/* pgregress-run.c */
int	 pgr_read_schedule(const char *, struct pgr_group **, size_t *,
	    char **);
void	 pgr_add_group(struct pgr_group **, size_t *, char **, size_t);
void	 pgr_run_group(const struct pgr_opts *, struct pgr_group *, int,
	    FILE *);
void	 pgr_test_free(struct pgr_test *);

/* pgregress-diff.c */
char	*pgr_diff(const char *, const char *, size_t, const char *,
	    const char *, size_t, long *);

/* pgregress.c */
void	 pgr_status(FILE *, const char *, ...) printflike(2, 3);

moduleexport int sqlcheck_module_pg_regress(int, char **);

#endif
