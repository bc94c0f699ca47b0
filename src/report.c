/*
 * report.c: everything sqlcheck prints about tests, in one place.  One
 * line a file, then each failure with FILE:LINE, the test's name, its SQL
 * and a diff in the cell syntax of the test file; the summary line last.
 * Colour only when asked for (main decides: a terminal and no NO_COLOR).
 * A file_report owns its strings and is freed with file_report_free().
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define C_RED		"\033[31m"
#define C_GREEN		"\033[32m"
#define C_YELLOW	"\033[33m"
#define C_BOLD		"\033[1m"
#define C_RESET		"\033[0m"

static const struct options	*report_opts;

/* Remember the options that shape the output. */
void
report_init(const struct options *o)
{
	report_opts = o;
}

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

	fr->tests = xreallocarray(fr->tests, fr->ntests + 1,
	    sizeof *fr->tests);
	tr = &fr->tests[fr->ntests++];
	memset(tr, 0, sizeof *tr);
	tr->outcome = outcome;
	tr->path = path;
	tr->line = line;
	tr->name = name != NULL ? xstrdup(name) : NULL;
	return tr;
}

/* Count the outcomes of a file's tests into its report. */
void
file_report_count(struct file_report *fr)
{
	size_t	i;

	fr->passed = fr->failed = fr->skipped = 0;
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
	}
	free(fr->tests);
	free(fr->message);
	free(fr->isolation);
	memset(fr, 0, sizeof *fr);
}

/* Print text with every line indented. */
static void
print_indented(const char *text, const char *indent)
{
	const char	*nl;

	while (*text != '\0') {
		nl = strchr(text, '\n');
		if (nl == NULL)
			nl = text + strlen(text);
		printf("%s%.*s\n", indent, (int)(nl - text), text);
		text = *nl == '\0' ? nl : nl + 1;
	}
}

static void
print_diff(const char *diff)
{
	const char	*nl, *c;

	printf("    expected (-) / actual (+):\n");
	while (*diff != '\0') {
		nl = strchr(diff, '\n');
		if (nl == NULL)
			nl = diff + strlen(diff);
		c = *diff == '-' ? color(C_RED) : *diff == '+' ?
		    color(C_GREEN) : "";
		printf("    %s%.*s%s\n", c, (int)(nl - diff), diff,
		    *c != '\0' ? color(C_RESET) : "");
		diff = *nl == '\0' ? nl : nl + 1;
	}
}

static void
print_failure(const struct test_report *tr)
{
	printf("  %s%s:%d:%s %s\n", color(C_BOLD), tr->path, tr->line,
	    color(C_RESET), tr->name != NULL ? tr->name : "");
	if (tr->sql != NULL)
		print_indented(tr->sql, "    | ");
	if (tr->message != NULL)
		print_indented(tr->message, "    ");
	if (tr->diff != NULL)
		print_diff(tr->diff);
}

static void
print_file_line(const struct file_report *fr)
{
	int	ms = (int)(fr->seconds * 1000 + 0.5);

	switch (fr->outcome) {
	case OUTCOME_SKIP:
		printf("%sskip%s %s  (%s)\n", color(C_YELLOW), color(C_RESET),
		    fr->path, fr->message != NULL ? fr->message : "skipped");
		return;
	case OUTCOME_ERROR:
		printf("%sERROR%s %s\n", color(C_RED), color(C_RESET),
		    fr->path);
		return;
	default:
		break;
	}
	if (fr->failed > 0 || fr->outcome == OUTCOME_FAIL)
		printf("%sFAIL%s %s  (%d of %d failed", color(C_RED),
		    color(C_RESET), fr->path, fr->failed,
		    fr->passed + fr->failed);
	else
		printf("%sok%s   %s  (%d test%s", color(C_GREEN),
		    color(C_RESET), fr->path, fr->passed,
		    fr->passed == 1 ? "" : "s");
	if (fr->skipped > 0)
		printf(", %d skipped", fr->skipped);
	printf(", %d ms)\n", ms);
}

/* Print what became of one file. */
void
report_file(const struct file_report *fr)
{
	size_t	i;
	int	bad;

	bad = fr->failed > 0 || fr->outcome == OUTCOME_FAIL ||
	    fr->outcome == OUTCOME_ERROR;
	if (!report_opts->quiet || bad)
		print_file_line(fr);
	if (report_opts->verbose && fr->isolation != NULL)
		printf("  isolation: %s\n", fr->isolation);
	if (fr->message != NULL && fr->outcome != OUTCOME_SKIP)
		print_indented(fr->message, "  ");
	for (i = 0; i < fr->ntests; i++) {
		if (fr->tests[i].outcome == OUTCOME_FAIL ||
		    fr->tests[i].outcome == OUTCOME_ERROR)
			print_failure(&fr->tests[i]);
	}
	fflush(stdout);
}

/* Print the closing line: "N passed, N failed, N skipped". */
void
report_summary(int passed, int failed, int skipped)
{
	printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	fflush(stdout);
}
