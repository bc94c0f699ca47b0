/*
 * pgregress-run.c: schedules and tests.  A schedule's "test:" line is a
 * group whose tests run at the same time (threads, each with its own
 * psql session), the next line once the group has finished.  One test
 * is psql's run of sql/NAME.sql into results/NAME.out, then compared
 * with expected/NAME.out and NAME_0.out ... NAME_9.out: a test passes
 * when one is byte-identical; otherwise the closest one (the shortest
 * diff) is kept for regression.diffs.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "pgregress.h"

/* Append a group of tests named names[0..n). */
void
pgr_add_group(struct pgr_group **g, size_t *ng, char **names, size_t n)
{
	struct pgr_group	*grp;
	size_t			 i;

	*g = xreallocarray(*g, *ng + 1, sizeof **g);
	grp = &(*g)[(*ng)++];
	grp->ntests = n;
	grp->tests = xcalloc(n + 1, sizeof *grp->tests);
	for (i = 0; i < n; i++)
		grp->tests[i].name = xstrdup(names[i]);
}

/*
 * A schedule line with its trailing white space cut; NULL for one
 * pg_regress 15 skips (empty, or "#" in its first column).
 */
static char *
schedule_line(char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	return *line == '\0' || *line == '#' ? NULL : line;
}

/*
 * Read a schedule as pg_regress 15 does: "test: A B C" lines, "#"
 * comments and blank lines, and "ignore: NAME" lines, whose NAME is
 * added to *ignores: that test's failure is reported as "failed
 * (ignored)" and does not fail the run (the line runs nothing).  Any
 * other line (indented, "test:" without its space or without a name)
 * is pg_regress's syntax error.  0, or -1 with *cause "FILE:LINE: ...".
 */
int
pgr_read_schedule(const char *path, struct pgr_group **g, size_t *ng,
    char ***ignores, size_t *nignores, char **cause)
{
	FILE	*f = fopen(path, "r");
	char	*line = NULL, *p, *w, **names = NULL;
	size_t	 cap = 0, nnames = 0;
	long	 lineno = 0;

	if (f == NULL) {
		*cause = xprintf("cannot open schedule \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		if ((p = schedule_line(line)) == NULL)
			continue;
		if (strncmp(p, "ignore: ", 8) == 0) {
			if (*str_trim(p + 8) != '\0')
				str_list_add(ignores, nignores, str_trim(p + 8));
			continue;
		}
		if (strncmp(p, "test: ", 6) == 0)
			for (w = strtok(p + 6, " \t\r\n\v\f"); w != NULL;
			    w = strtok(NULL, " \t\r\n\v\f"))
				str_list_add(&names, &nnames, w);
		if (nnames == 0) {
			*cause = xprintf("%s:%ld: syntax error in schedule: "
			    "\"%s\" (hint: lines are \"test: NAME...\" from "
			    "the first column, one space after the colon)",
			    path, lineno, line);
			fclose(f);
			free(line);
			return -1;
		}
		pgr_add_group(g, ng, names, nnames);
		str_list_free(names, nnames);
		names = NULL;
		nnames = 0;
	}
	fclose(f);
	free(line);
	return 0;
}

/* Free what a test holds. */
void
pgr_test_free(struct pgr_test *t)
{
	free(t->name);
	free(t->unsupported);
	free(t->no_script);
	free(t->timed_out);
	free(t->diff);
	free(t->expected);
	free(t->result);
	free(t->where);
	free(t->stmt);
}

/* Line n (1-based) of a file, or NULL.  Caller frees. */
static char *
file_line(const char *path, long n)
{
	FILE	*f = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 len = -1;
	long	 i;

	if (f == NULL)
		return NULL;
	for (i = 0; i < n && (len = getline(&line, &cap, f)) >= 0; i++)
		;
	fclose(f);
	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

/* Point the first difference at the statement whose output has it. */
static void
locate(struct pgr_test *t, const struct psql *ps, const char *out,
    size_t outlen, long first_line)
{
	long	 off = 0, line = 1;
	size_t	 i, best = 0;

	for (i = 0; i < outlen && line < first_line; i++)
		if (out[i] == '\n') {
			line++;
			off = (long)i + 1;
		}
	if (ps->nmarks == 0)
		return;
	for (i = 0; i < ps->nmarks; i++)
		if (ps->marks[i].off <= off)
			best = i;
	t->where = xprintf("%s:%ld", ps->marks[best].file,
	    ps->marks[best].line);
	t->stmt = file_line(ps->marks[best].file, ps->marks[best].line);
}

/*
 * Compare results/NAME.out with the expected files; sets t->passed, or
 * t->diff and t->expected for the closest one.
 */
static void
verdict(const struct pgr_opts *o, struct pgr_test *t, const struct psql *ps)
{
	char	*act, *exp, *path, *diff, *cause = NULL;
	size_t	 actlen, explen;
	long	 first, best_first = 0;
	int	 i, found = 0;

	act = read_whole_file(t->result, &actlen, &cause);
	if (act == NULL) {
		free(cause);
		return;
	}
	for (i = -1; i < 10 && !t->passed; i++) {
		path = i < 0 ? xprintf("%s/expected/%s.out", o->expecteddir,
		    t->name) : xprintf("%s/expected/%s_%d.out", o->expecteddir,
		    t->name, i);
		exp = read_whole_file(path, &explen, &cause);
		free(cause);
		cause = NULL;
		if (exp == NULL && i >= 0) {
			free(path);
			continue;
		}
		found |= exp != NULL;
		diff = pgr_diff(path, exp != NULL ? exp : "", exp != NULL ?
		    explen : 0, t->result, act, actlen, &first);
		if (diff == NULL)
			t->passed = 1;
		if (diff != NULL && (t->diff == NULL || strlen(diff) <
		    strlen(t->diff))) {
			free(t->diff);
			free(t->expected);
			t->diff = diff;
			t->expected = xstrdup(path);
			best_first = first;
		} else
			free(diff);
		free(exp);
		free(path);
	}
	t->no_expected = !found;
	if (!t->passed)
		locate(t, ps, act, actlen, best_first);
	free(act);
}

/* What to check when sql/NAME.sql is missing (a static string). */
static const char *
no_script_hint(const char *name)
{
	size_t	 len = strlen(name);

	if (strchr(name, '/') != NULL)
		return "name a test as pg_regress does, without sql/ or a "
		    "directory: --inputdir gives the directory";
	if (len > 4 && strcmp(name + len - 4, ".sql") == 0)
		return "name a test without its .sql suffix, as pg_regress does";
	return "check the test's name and --inputdir";
}

/* Run one test: psql over sql/NAME.sql into results/NAME.out. */
static void
run_test(const struct pgr_opts *o, struct pgr_test *t)
{
	struct psql	*ps;
	char		*script;
	FILE		*out;
	double		 start = 1000.0 * clock_now();

	script = xprintf("%s/sql/%s.sql", o->inputdir, t->name);
	if (access(script, R_OK) != 0)
		t->no_script = xprintf("%s: no test script: %s: %s (hint: %s)",
		    t->name, script, strerror(errno), no_script_hint(t->name));
	t->result = xprintf("%s/results/%s.out", o->outputdir, t->name);
	out = fopen(t->result, "w");
	if (out == NULL) {
		t->status = 2;
		t->unsupported = xprintf("cannot write \"%s\": %s", t->result,
		    strerror(errno));
		free(script);
		return;
	}
	ps = psql_new(out, script);
	ps->appname = xprintf("pg_regress/%s", t->name);
	ps->dbname = xstrdup(o->dbnames[0]);
	ps->host = o->host != NULL ? xstrdup(o->host) : NULL;
	ps->port = o->port != NULL ? xstrdup(o->port) : NULL;
	ps->user = o->user != NULL ? xstrdup(o->user) : NULL;
	ps->timeout = o->timeout;
	if (psql_connect(ps, ps->dbname, ps->host, ps->port, ps->user,
	    NULL) != 0)
		t->status = 2;
	else
		t->status = psql_run_script(ps, script);
	fclose(out);
	ps->out = NULL;
	t->ms = 1000.0 * clock_now() - start;
	if (ps->unsupported != NULL)
		t->unsupported = xstrdup(ps->unsupported);
	if (ps->timed_out != NULL)
		t->timed_out = xprintf("%s: test %s: timed out after %g s "
		    "(the statement was cancelled)", ps->timed_out, t->name,
		    o->timeout);
	verdict(o, t, ps);
	if (t->status != 0 || t->unsupported != NULL || t->timed_out != NULL)
		t->passed = 0;
	psql_free(ps);
	free(script);
}

/* The work of a parallel group, shared by its threads. */
struct group_work {
	const struct pgr_opts	*o;
	struct pgr_group	*g;
	size_t			 next;
	pthread_mutex_t		 lock;
	FILE			*status;
	int			 show;
};

static void *
group_worker(void *arg)
{
	struct group_work	*w = arg;
	size_t			 i;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->g->ntests)
			return NULL;
		run_test(w->o, &w->g->tests[i]);
		if (w->show) {
			pthread_mutex_lock(&w->lock);
			pgr_status(w->status, " %s", w->g->tests[i].name);
			pthread_mutex_unlock(&w->lock);
		}
	}
}

/*
 * Run a group's tests, at most width at a time (0: all at once),
 * printing pg_regress's "parallel group" line for a group of several.
 */
void
pgr_run_group(const struct pgr_opts *o, struct pgr_group *g, int width,
    FILE *status)
{
	struct group_work	 w;
	pthread_t		*th;
	size_t			 n, i;

	memset(&w, 0, sizeof w);
	w.o = o;
	w.g = g;
	w.status = status;
	w.show = g->ntests > 1;
	pthread_mutex_init(&w.lock, NULL);
	n = width > 0 && (size_t)width < g->ntests ? (size_t)width :
	    g->ntests;
	if (w.show)
		pgr_status(status, "parallel group (%zu tests): ", g->ntests);
	if (n <= 1) {
		group_worker(&w);
	} else {
		th = xcalloc(n, sizeof *th);
		for (i = 0; i < n; i++)
			if (pthread_create(&th[i], NULL, group_worker, &w) != 0)
				fatalx("cannot start a thread");
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
		free(th);
	}
	if (w.show)
		pgr_status(status, "\n");
	pthread_mutex_destroy(&w.lock);
}
