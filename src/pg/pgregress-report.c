/*
 * pgregress-report.c: what a pg-regress run says, as pg_regress 15 says
 * it: the status line of each test as its group ends (also into
 * regression.out), "failed (ignored)" for a schedule's ignore: lines,
 * the closing summary and regression.diffs; beyond pg_regress, each
 * failure shown at the FILE:LINE of its first differing statement,
 * --format reports and --rewrite.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver-pg.h"
#include "pgregress.h"

static FILE	*status_log;	/* regression.out, while it is written */

/* Print a status line to standard output and regression.out. */
void
pgr_status(FILE *f, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	if (f != NULL)
		vfprintf(f, fmt, ap);
	va_end(ap);
	if (status_log != NULL) {
		va_start(ap, fmt);
		vfprintf(status_log, fmt, ap);
		va_end(ap);
	}
	if (f != NULL)
		fflush(f);
}

/* --rewrite: results/NAME.out over the expected file it was compared to. */
static void
rewrite_expected(const struct pgr_test *t)
{
	char	*data, *tmp, *cause = NULL;
	size_t	 len;
	FILE	*f;

	data = read_whole_file(t->result, &len, &cause);
	if (data == NULL) {
		fprintf(stderr, "sqlcheck pg-regress: %s\n", cause);
		free(cause);
		return;
	}
	tmp = xprintf("%s.sqlcheck-tmp", t->expected);
	f = fopen(tmp, "w");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0 ||
	    rename(tmp, t->expected) != 0) {
		fprintf(stderr, "sqlcheck pg-regress: cannot write \"%s\": "
		    "%s\n", t->expected, strerror(errno));
		unlink(tmp);
	} else
		printf("rewrote %s\n", t->expected);
	free(tmp);
	free(data);
}

/* A failure as sqlcheck shows one: FILE:LINE, the statement, the diff. */
static void
show_failure(const struct pgr_test *t)
{
	if (t->no_script != NULL) {
		printf("%s\n", t->no_script);
		return;
	}
	if (t->unsupported != NULL)
		printf("%s\n", t->unsupported);
	if (t->timed_out != NULL)
		printf("%s\n", t->timed_out);
	if (t->status != 0 && t->unsupported == NULL)
		printf("%s: psql would exit with status %d\n", t->name,
		    t->status);
	if (t->diff == NULL)
		return;
	if (t->no_expected)
		printf("%s: no expected file: %s does not exist (hint: once "
		    "%s is right, copy it there, or run with --rewrite)\n",
		    t->name, t->expected, t->result);
	else
		printf("%s: output differs from %s\n", t->where != NULL ?
		    t->where : t->name, t->expected);
	if (t->stmt != NULL)
		printf("    %s\n", t->stmt);
	fputs(t->diff, stdout);
}

/*
 * A failure an "ignore:" line names is ignored, as by pg_regress: only
 * one of its output (a psql exit status, a meta-command sqlcheck does
 * not run or a --timeout still fail the run).
 */
static void
mark_ignored(const struct pgr_opts *o, struct pgr_test *t)
{
	size_t	i;

	if (t->passed || t->status != 0 || t->unsupported != NULL ||
	    t->timed_out != NULL)
		return;
	for (i = 0; i < o->nignores; i++)
		if (strcmp(o->ignores[i], t->name) == 0)
			t->ignored = 1;
}

/* The status line of a finished test, pg_regress's way. */
static void
status_line(FILE *f, const struct pgr_test *t, int in_group)
{
	char	*why = NULL;

	if (t->passed)
		why = xstrdup("ok    ");
	else if (t->ignored)
		why = xstrdup("failed (ignored)");
	else if (t->timed_out != NULL)
		why = xstrdup("FAILED (timed out)");
	else if (t->status != 0)
		why = xprintf("FAILED (test process exited with exit code %d)",
		    t->status);
	else
		why = xstrdup("FAILED");
	pgr_status(f, in_group ? "     %-28s ... %s %8.0f ms\n" :
	    "test %-28s ... %s %8.0f ms\n", t->name, why, t->ms);
	free(why);
}

/* One --format report per script. */
static void
report_test(const struct pgr_opts *o, const struct pgr_test *t,
    struct totals *tot, char *const *paths)
{
	struct file_report	 fr;
	struct test_report	*tr;
	enum outcome		 oc = t->passed ? OUTCOME_PASS : t->ignored ?
	    OUTCOME_SKIP : OUTCOME_FAIL;

	(void)o;
	memset(&fr, 0, sizeof fr);
	fr.path = paths[0];
	fr.outcome = oc;
	fr.seconds = t->ms / 1000.0;
	tr = file_report_add(&fr, oc, paths[0], 1, t->name);
	if (t->ignored)
		tr->message = xstrdup("failed (ignored: an \"ignore:\" line of "
		    "the schedule names it)");
	else if (!t->passed) {
		tr->message = xstrdup(t->no_script != NULL ? t->no_script :
		    t->timed_out != NULL ? t->timed_out :
		    t->unsupported != NULL ? t->unsupported :
		    t->no_expected ? "no expected file" :
		    t->diff != NULL ? "output differs from the expected file" :
		    "psql would exit with an error");
		tr->diff = t->diff != NULL ? xstrdup(t->diff) : NULL;
		tr->sql = t->stmt != NULL ? xstrdup(t->stmt) : NULL;
	}
	file_report_count(&fr);
	report_file(&fr);
	tot->passed += fr.passed;
	tot->failed += fr.failed;
	tot->files++;
	file_report_free(&fr);
}

/* pg_regress 15's summary line, ignored failures counted apart. */
static char *
summary_line(size_t total, size_t failed, size_t ignored)
{
	if (failed == 0 && ignored == 0)
		return xprintf(" All %zu tests passed. ", total);
	if (failed == 0)
		return xprintf(" %zu of %zu tests passed, %zu failed test(s) "
		    "ignored. ", total - ignored, total, ignored);
	if (ignored == 0)
		return xprintf(" %zu of %zu tests failed. ", failed, total);
	return xprintf(" %zu of %zu tests failed, %zu of these failures "
	    "ignored. ", failed + ignored, total, ignored);
}

/* The closing summary, regression.diffs and regression.out. */
int
pgr_summarize(const struct pgr_opts *o, struct pgr_group *g, size_t ng,
    const char *diffs_path, const char *out_path)
{
	size_t	 i, j, total = 0, failed = 0, ignored = 0;
	FILE	*diffs;
	char	*line;

	diffs = fopen(diffs_path, "w");
	for (i = 0; i < ng; i++)
		for (j = 0; j < g[i].ntests; j++) {
			struct pgr_test	*t = &g[i].tests[j];

			total++;
			if (t->passed)
				continue;
			if (t->ignored)
				ignored++;
			else
				failed++;
			if (diffs != NULL && t->diff != NULL)
				fputs(t->diff, diffs);
			if (o->format == NULL && !t->ignored)
				show_failure(t);
			if (o->rewrite && t->expected != NULL &&
			    t->unsupported == NULL && t->timed_out == NULL)
				rewrite_expected(t);
		}
	if (diffs != NULL)
		fclose(diffs);
	line = summary_line(total, failed, ignored);
	pgr_status(o->format == NULL ? stdout : NULL, "\n%.*s\n%s\n%.*s\n\n",
	    (int)strlen(line), "================================"
	    "================================", line, (int)strlen(line),
	    "================================================================");
	free(line);
	if (status_log != NULL)
		fclose(status_log);
	status_log = NULL;
	if (failed + ignored == 0) {
		unlink(diffs_path);
		unlink(out_path);
	} else if (o->format == NULL)
		printf("The differences that caused some tests to fail can be "
		    "viewed in the\nfile \"%s\".  A copy of the test summary "
		    "that you see\nabove is saved in the file \"%s\".\n\n",
		    diffs_path, out_path);
	return failed == 0 ? SQLCHECK_EXIT_OK : SQLCHECK_EXIT_FAIL;
}

/* Run every group, then report each test. */
void
pgr_run_all(const struct pgr_opts *o, struct pgr_group *g, size_t ng,
    const char *out_path)
{
	struct totals	 tot;
	struct options	 ro;
	char		*cause = NULL, *path;
	size_t		 i, j, ntests = 0;
	int		 width;
	FILE		*live = o->format == NULL && !o->quiet ? stdout : NULL;

	status_log = fopen(out_path, "w");
	for (i = 0; i < ng; i++)
		for (j = 0; j < g[i].ntests; j++)
			ntests += !g[i].tests[j].setup;
	memset(&ro, 0, sizeof ro);
	memset(&tot, 0, sizeof tot);
	ro.format = o->format;
	ro.driver = "postgres";
	ro.engine = "postgres";
	ro.output = o->output;
	ro.shard_index = o->shard_index;
	ro.shard_count = o->shard_count;
	ro.files_total = o->tests_total;
	if (o->format != NULL && report_open(&ro, ntests, &cause) != 0)
		fatalx("%s", cause);
	pgr_status(live, "============== running regression test queries  "
	    "      ==============\n");
	for (i = 0; i < ng; i++) {
		width = g[i].ntests > 1 && o->nschedules == 0 ? o->jobs :
		    o->max_connections;
		pgr_run_group(o, &g[i], width, live);
		for (j = 0; j < g[i].ntests; j++) {
			mark_ignored(o, &g[i].tests[j]);
			status_line(live, &g[i].tests[j], g[i].ntests > 1);
			/* shard 1 reports the setup groups' tests, the
			 * others only a failure (sqlcheck --merge sees it) */
			if (o->format == NULL || (g[i].tests[j].setup &&
			    g[i].tests[j].passed))
				continue;
			path = pgr_test_path(o, &g[i].tests[j]);
			report_test(o, &g[i].tests[j], &tot, &path);
			free(path);
		}
	}
	if (o->format != NULL)
		report_end(&tot);
}
