/*
 * pgregress-shard.c: --shard K/N and --durations FILE for pg-regress.
 *
 * What may be split: pg_regress runs a schedule's "test:" lines in
 * order, and a test may need anything an earlier line did (PostgreSQL's
 * own schedule is built that way); only the tests of one line run at
 * the same time, so only they are independent of each other.  The tests
 * of the run's last group (the last "test:" line of the last schedule,
 * or the tests named with -j N) are therefore dealt among the shards,
 * as the main command deals files (src/shard.c: round robin, or by
 * duration with --durations); every earlier group runs on every shard,
 * in order, as setup.  Shard 1 reports the setup tests; the others
 * report one only when it fails there (then sqlcheck --merge finds it
 * in two reports: an error, not a silent pass).  A run whose last group has one
 * test (tests named without a schedule and without -j run one after the
 * other, each may need the one before) cannot be split: an error.
 *
 * --durations FILE: a run without --shard writes each test's duration
 * (keyed by its script, INPUTDIR/sql/NAME.sql, as --format reports name
 * it) back to FILE; a shard only reads it.
 */
#include <stdlib.h>
#include <string.h>

#include "pgregress.h"

/* The script of a test, as reports and the durations table name it.
 * Caller frees. */
char *
pgr_test_path(const struct pgr_opts *o, const struct pgr_test *t)
{
	return xprintf("%s/sql/%s.sql", o->inputdir, t->name);
}

/* The shard (0 to count-1) of each test of group g; caller frees. */
static int *
deal(const struct pgr_opts *o, const struct pgr_group *g,
    const struct durations *d)
{
	char	**paths = xcalloc(g->ntests + 1, sizeof *paths);
	int	 *shard;
	size_t	  i;

	for (i = 0; i < g->ntests; i++)
		paths[i] = pgr_test_path(o, &g->tests[i]);
	if (d != NULL)
		shard = shard_assign(paths, g->ntests, o->shard_count, d, NULL);
	else {
		shard = xcalloc(g->ntests + 1, sizeof *shard);
		for (i = 0; i < g->ntests; i++)
			shard[i] = (int)(i % (size_t)o->shard_count);
	}
	str_list_free(paths, g->ntests);
	return shard;
}

/*
 * Keep this shard's part of the groups: the last group's tests dealt to
 * it, the earlier groups whole (setup).  0, or -1 with *cause when the
 * run cannot be split.
 */
int
pgr_shard(const struct pgr_opts *o, struct pgr_group *g, size_t ng,
    const struct durations *d, char **cause)
{
	struct pgr_group	*last;
	size_t			 i, j, kept = 0;
	int			*shard;

	if (o->shard_count <= 1)
		return 0;
	last = &g[ng - 1];
	if (last->ntests < 2) {
		*cause = xprintf("--shard %d/%d: cannot split this run: its "
		    "last group is the one test \"%s\" (hint: pg_regress runs "
		    "groups in order and a test may need any test before it, "
		    "so only the tests of the last \"test:\" line of a "
		    "schedule, or the tests named with -j N, are split; the "
		    "groups before run on every shard)", o->shard_index,
		    o->shard_count, last->tests[0].name);
		return -1;
	}
	for (i = 0; i + 1 < ng; i++)
		for (j = 0; j < g[i].ntests; j++)
			g[i].tests[j].setup = o->shard_index != 1;
	shard = deal(o, last, d);
	for (j = 0; j < last->ntests; j++) {
		if (shard[j] == o->shard_index - 1)
			last->tests[kept++] = last->tests[j];
		else
			pgr_test_free(&last->tests[j]);
	}
	last->ntests = kept;
	free(shard);
	return 0;
}

/* --durations without --shard: each test's time, back to the file. */
void
pgr_durations_save(const struct pgr_opts *o, struct durations *d,
    const struct pgr_group *g, size_t ng)
{
	char	*path, *cause = NULL;
	size_t	 i, j;

	for (i = 0; i < ng; i++)
		for (j = 0; j < g[i].ntests; j++) {
			path = pgr_test_path(o, &g[i].tests[j]);
			durations_set(d, path, g[i].tests[j].ms / 1000.0);
			free(path);
		}
	if (durations_write(o->durations, d, &cause) != 0) {
		fprintf(stderr, "sqlcheck pg-regress: %s\n", cause);
		free(cause);
	}
}
