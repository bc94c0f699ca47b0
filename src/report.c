/*
 * report.c: everything sqlcheck prints about tests goes through here.
 * The human reporter (one line a file, then each failure with FILE:LINE,
 * the test's name, its SQL and a diff in the cell syntax of the test file,
 * the summary line last; colour only when main says so) and dispatch to
 * the reporters of a run: the chosen --format on standard output or on
 * the -o file, and the human one on standard output beside a -o file.
 * A file_report owns its strings and is freed with file_report_free().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define C_RED		"\033[31m"
#define C_GREEN		"\033[32m"
#define C_YELLOW	"\033[33m"
#define C_BOLD		"\033[1m"
#define C_RESET		"\033[0m"

static const struct options	*report_opts;

/* The reporters of this run and their streams. */
static struct active {
	const struct reporter	*rep;
	FILE			*f;
	int			 own;	/* we opened f */
} active[3];
static int			 nactive;

static const struct reporter *const reporters[] = {
	&report_human, &report_tap, &report_junit, &report_json,
	&report_html, NULL
};

static const char *
color(const char *code)
{
	return report_opts != NULL && report_opts->color ? code : "";
}

/*
 * Add a test entry to a file report and return it; the pointer is valid
 * until the next call.  name may be NULL.
 */
struct test_report *
file_report_add(struct file_report *fr, enum outcome outcome,
    const char *path, int line, const char *name)
{
	struct test_report	*tr;

	if (fr->ntests == fr->tests_cap) {
		fr->tests_cap = fr->tests_cap == 0 ? 16 : fr->tests_cap * 2;
		fr->tests = xreallocarray(fr->tests, fr->tests_cap,
		    sizeof *fr->tests);
	}
	tr = &fr->tests[fr->ntests++];
	memset(tr, 0, sizeof *tr);
	tr->outcome = outcome;
	tr->path = path;
	tr->line = line;
	tr->name = name != NULL ? xstrdup(name) : NULL;
	return tr;
}

/*
 * 1 when an active reporter lists passed tests one by one (TAP, JUnit,
 * JSON); the human output shows only failures and counts.
 */
int
report_lists_passes(void)
{
	int	i;

	for (i = 0; i < nactive; i++) {
		if (active[i].rep != &report_human &&
		    active[i].rep != &report_durations)
			return 1;
	}
	return 0;
}

/*
 * Forget the last test of a report if it passed, keeping only its count
 * (the runner calls this unless a reporter lists passed tests, which
 * report_lists_passes() tells main): a sqllogictest file of 10 000 queries
 * would otherwise hold an entry and a copy of the SQL for each.
 */
void
file_report_forget_pass(struct file_report *fr)
{
	struct test_report	*tr;

	if (fr->ntests == 0)
		return;
	tr = &fr->tests[fr->ntests - 1];
	if (tr->outcome != OUTCOME_PASS || tr->rewrite != NULL)
		return;
	free(tr->name);
	free(tr->sql);
	free(tr->message);
	free(tr->diff);
	fr->ntests--;
	fr->passes_forgotten++;
}

/* Count the outcomes of a file's tests into its report. */
void
file_report_count(struct file_report *fr)
{
	size_t	i;

	fr->passed = fr->passes_forgotten;
	fr->failed = fr->skipped = 0;
	for (i = 0; i < fr->ntests; i++) {
		switch (fr->tests[i].outcome) {
		case OUTCOME_PASS:
			fr->passed++;
			break;
		case OUTCOME_SKIP:
			fr->skipped++;
			break;
		default:
			fr->failed++;
			break;
		}
	}
}

/* Add a reported file to the totals of a run (or of a --merge). */
void
totals_add(struct totals *t, const struct file_report *fr)
{
	t->files++;
	t->passed += fr->passed;
	t->failed += fr->failed;
	t->skipped += fr->skipped;
	t->selected += fr->selected;
	if (fr->setup_failed || fr->file_failed || fr->parse_error ||
	    fr->outcome == OUTCOME_ERROR)
		t->failed++;
	if (fr->parse_error || fr->outcome == OUTCOME_ERROR)
		t->errors++;
}

/* An outcome's name in the reports: pass, fail, skip or error. */
const char *
outcome_name(enum outcome o)
{
	switch (o) {
	case OUTCOME_PASS:
		return "pass";
	case OUTCOME_FAIL:
		return "fail";
	case OUTCOME_SKIP:
		return "skip";
	case OUTCOME_ERROR:
		break;
	}
	return "error";
}

/*
 * The outcome of a file as a whole: error when it could not be parsed or
 * run to its end, skip when it did not run here, fail when it failed as a
 * whole (its setup, say) or one of its tests failed, else pass.
 */
const char *
file_outcome_name(const struct file_report *fr)
{
	size_t	i;

	if (fr->parse_error || fr->outcome == OUTCOME_ERROR)
		return "error";
	if (fr->outcome == OUTCOME_SKIP)
		return "skip";
	if (fr->setup_failed || fr->file_failed || fr->outcome == OUTCOME_FAIL)
		return "fail";
	for (i = 0; i < fr->ntests; i++) {
		if (fr->tests[i].outcome == OUTCOME_FAIL ||
		    fr->tests[i].outcome == OUTCOME_ERROR)
			return "fail";
	}
	return "pass";
}

/* Free what a file report owns (not the struct itself). */
void
file_report_free(struct file_report *fr)
{
	size_t	i;

	for (i = 0; i < fr->ntests; i++) {
		free(fr->tests[i].name);
		free(fr->tests[i].sql);
		free(fr->tests[i].message);
		free(fr->tests[i].diff);
		free(fr->tests[i].rewrite);
	}
	free(fr->tests);
	free(fr->message);
	free(fr->isolation);
	free(fr->orphan_scratch);
	str_list_free(fr->tags, fr->ntags);
	memset(fr, 0, sizeof *fr);
}

/* Print text with every line indented. */
static void
print_indented(FILE *f, const char *text, const char *indent)
{
	const char	*nl;

	while (*text != '\0') {
		nl = strchr(text, '\n');
		if (nl == NULL)
			nl = text + strlen(text);
		fprintf(f, "%s%.*s\n", indent, (int)(nl - text), text);
		text = *nl == '\0' ? nl : nl + 1;
	}
}

static void
print_diff(FILE *f, const char *diff)
{
	const char	*nl, *c;

	fprintf(f, "    expected (-) / actual (+):\n");
	while (*diff != '\0') {
		nl = strchr(diff, '\n');
		if (nl == NULL)
			nl = diff + strlen(diff);
		c = *diff == '-' ? color(C_RED) : *diff == '+' ?
		    color(C_GREEN) : "";
		fprintf(f, "    %s%.*s%s\n", c, (int)(nl - diff), diff,
		    *c != '\0' ? color(C_RESET) : "");
		diff = *nl == '\0' ? nl : nl + 1;
	}
}

static void
print_failure(FILE *f, const struct test_report *tr)
{
	fprintf(f, "  %s%s:%d:%s %s\n", color(C_BOLD), tr->path, tr->line,
	    color(C_RESET), tr->name != NULL ? tr->name : "");
	if (tr->sql != NULL)
		print_indented(f, tr->sql, "    | ");
	if (tr->message != NULL)
		print_indented(f, tr->message, "    ");
	if (tr->diff != NULL)
		print_diff(f, tr->diff);
}

static void
print_file_line(FILE *f, const struct file_report *fr)
{
	int	ms = (int)(fr->seconds * 1000 + 0.5);

	switch (fr->outcome) {
	case OUTCOME_SKIP:
		fprintf(f, "%sskip%s %s  (%s)\n", color(C_YELLOW), color(C_RESET),
		    fr->path, fr->message != NULL ? fr->message : "skipped");
		return;
	case OUTCOME_ERROR:
		fprintf(f, "%sERROR%s %s\n", color(C_RED), color(C_RESET),
		    fr->path);
		return;
	default:
		break;
	}
	if (fr->setup_failed)
		fprintf(f, "%sFAIL%s %s  (setup failed, %d passed, %d failed",
		    color(C_RED), color(C_RESET), fr->path, fr->passed,
		    fr->failed);
	else if (fr->failed > 0 || fr->outcome == OUTCOME_FAIL)
		fprintf(f, "%sFAIL%s %s  (%d of %d failed", color(C_RED),
		    color(C_RESET), fr->path, fr->failed,
		    fr->passed + fr->failed);
	else
		fprintf(f, "%sok%s   %s  (%d test%s", color(C_GREEN),
		    color(C_RESET), fr->path, fr->passed,
		    fr->passed == 1 ? "" : "s");
	if (fr->skipped > 0)
		fprintf(f, ", %d skipped", fr->skipped);
	fprintf(f, ", %d ms)\n", ms);
}

/* Human output: what became of one file. */
static void
human_file(FILE *f, const struct file_report *fr)
{
	size_t	i;
	int	bad;

	bad = fr->failed > 0 || fr->outcome == OUTCOME_FAIL ||
	    fr->outcome == OUTCOME_ERROR;
	if (!report_opts->quiet || bad)
		print_file_line(f, fr);
	/* -q -v: the report is the quiet one; -v still echoes statements. */
	if (report_opts->verbose && !report_opts->quiet &&
	    fr->isolation != NULL)
		fprintf(f, "  isolation: %s\n", fr->isolation);
	if (fr->message != NULL && fr->outcome != OUTCOME_SKIP)
		print_indented(f, fr->message, "  ");
	for (i = 0; i < fr->ntests; i++) {
		if (fr->tests[i].outcome == OUTCOME_FAIL ||
		    fr->tests[i].outcome == OUTCOME_ERROR)
			print_failure(f, &fr->tests[i]);
	}
	fflush(f);
}

/* Human output: the closing line, "N passed, N failed, N skipped". */
static void
human_end(FILE *f, const struct totals *t)
{
	fprintf(f, "%d passed, %d failed, %d skipped\n", t->passed, t->failed,
	    t->skipped);
	fflush(f);
}

const struct reporter report_human = {
	.name = "human",
	.file = human_file,
	.end = human_end
};

/* The reporter for a --format name, or NULL. */
const struct reporter *
report_find(const char *name)
{
	size_t	i;

	for (i = 0; reporters[i] != NULL; i++) {
		if (strcmp(reporters[i]->name, name) == 0)
			return reporters[i];
	}
	return NULL;
}

/* The format an -o file's name suggests: junit, json, tap, html, human. */
const char *
report_format_for_path(const char *path)
{
	size_t	n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".xml") == 0)
		return "junit";
	if (n > 5 && strcmp(path + n - 5, ".json") == 0)
		return "json";
	if (n > 4 && strcmp(path + n - 4, ".tap") == 0)
		return "tap";
	if ((n > 5 && strcmp(path + n - 5, ".html") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".htm") == 0))
		return "html";
	return "human";
}

static void
report_activate(const struct reporter *rep, FILE *f, int own)
{
	active[nactive].rep = rep;
	active[nactive].f = f;
	active[nactive].own = own;
	nactive++;
}

/*
 * Choose the reporters for a run and begin them: --format on standard
 * output, or on the -o file with the human report on standard output.
 * Returns -1 with *cause if the -o file cannot be written.
 */
int
report_open(const struct options *o, size_t nfiles, char **cause)
{
	const struct reporter	*rep;
	const char		*format = o->format;
	FILE			*f;
	int			 i;

	report_opts = o;
	if (format == NULL)
		format = o->output != NULL ?
		    report_format_for_path(o->output) : "human";
	rep = report_find(format);
	if (o->output != NULL) {
		f = fopen(o->output, "w");
		if (f == NULL) {
			*cause = xprintf("cannot write \"%s\": %s", o->output,
			    strerror(errno));
			return -1;
		}
		report_activate(&report_human, stdout, 0);
		report_activate(rep, f, 1);
	} else
		report_activate(rep, stdout, 0);
	if (o->durations != NULL)
		report_activate(&report_durations, NULL, 0);
	for (i = 0; i < nactive; i++) {
		if (active[i].rep->begin != NULL)
			active[i].rep->begin(active[i].f, o, nfiles);
	}
	return 0;
}

/* Report one file to every active reporter. */
void
report_file(const struct file_report *fr)
{
	int	i;

	for (i = 0; i < nactive; i++)
		active[i].rep->file(active[i].f, fr);
}

/*
 * The live progress line on a terminal (standard output), rewritten in
 * place: files done of total, failures so far, seconds since the start.
 */
void
report_progress(size_t done, size_t total, int failed, double seconds)
{
	printf("\r\033[K[%zu/%zu files, %d failed, %.1f s]", done, total,
	    failed, seconds);
	fflush(stdout);
}

/* Erase the progress line, before a file's report or at the end. */
void
report_progress_clear(void)
{
	fputs("\r\033[K", stdout);
}

/* End every reporter and close the -o file. */
void
report_end(const struct totals *t)
{
	int	i;

	for (i = 0; i < nactive; i++) {
		if (active[i].rep->end != NULL)
			active[i].rep->end(active[i].f, t);
		if (active[i].own && fclose(active[i].f) != 0)
			log_warnx("cannot write \"%s\": %s",
			    report_opts->output, strerror(errno));
	}
	nactive = 0;
}
