/*
 * report-tap.c: the TAP version 13 reporter (--format tap), for prove and
 * Automake's TAP driver.  One test point per test, file by file in the
 * order the files are reported: "ok N - FILE:LINE NAME", "not ok ..."
 * followed by a YAML diagnostic block (message, sql, diff), skips as
 * "ok N - ... # SKIP reason".  A file that could not be parsed or run,
 * or whose setup failed, is one more "not ok" point named by the file.
 * The plan "1..N" comes last: -k, skips and --fail-fast decide the number
 * of tests while the run goes on.
 *
 * The YAML is the subset TAP::Parser's YAMLish reader accepts (it dies on
 * anything else, and prove with it): a "|" block for readable multi-line
 * text, a double-quoted line with escapes for text a block cannot carry.
 */
#include <string.h>

#include "sqlcheck.h"

static int		 tap_count;	/* test points written so far */
static const char	*tap_engine;	/* borrowed from the options */

/* Start the stream: the version line; the plan comes at the end. */
static void
tap_begin(FILE *f, const struct options *o, size_t nfiles)
{
	(void)nfiles;
	tap_count = 0;
	tap_engine = o->engine;
	fputs("TAP version 13\n", f);
	fflush(f);
}

/*
 * Write text for a description or a directive's reason: one line, with
 * control characters turned into spaces.  In a description '#' would
 * start a directive and '\' escapes, so both are escaped there.
 */
static void
tap_text(FILE *f, const char *s, int escape)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			putc(' ', f);
		else if (escape && (*s == '#' || *s == '\\')) {
			putc('\\', f);
			putc(*s, f);
		} else
			putc(*s, f);
	}
}

/* Start a test point: "ok N - " or "not ok N - ". */
static void
tap_point(FILE *f, int ok)
{
	fprintf(f, "%sok %d - ", ok ? "" : "not ", ++tap_count);
}

/*
 * Can text go in a YAML "|" block?  Not if it is empty, starts with white
 * space (the reader takes the first line's indent for the block's) or
 * holds control characters other than tab and new line.
 */
static int
tap_blockable(const char *s)
{
	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n')
		return 0;
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f)
			return 0;
	}
	return 1;
}

/* A YAML double-quoted scalar on one line. */
static void
tap_quoted(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, f);
	}
	putc('"', f);
}

/*
 * One "key: value" of the diagnostic block, indented under "  ---".
 * Every line of a block is written with its indent, empty ones too, so
 * that the reader does not take an empty line for the block's end.
 */
static void
tap_yaml(FILE *f, const char *key, const char *text)
{
	const char	*nl;

	if (text == NULL)
		return;
	fprintf(f, "  %s: ", key);
	if (!tap_blockable(text)) {
		tap_quoted(f, text);
		putc('\n', f);
		return;
	}
	fputs("|\n", f);
	while (*text != '\0') {
		nl = strchr(text, '\n');
		if (nl == NULL)
			nl = text + strlen(text);
		fprintf(f, "    %.*s\n", (int)(nl - text), text);
		text = *nl == '\0' ? nl : nl + 1;
	}
}

/*
 * One test of a file; file_reason is why the whole file was skipped.  A
 * test skipped for no other reason was not meant for this engine.
 */
static void
tap_test(FILE *f, const struct test_report *tr, const char *file_reason)
{
	const char	*reason;

	tap_point(f, tr->outcome == OUTCOME_PASS ||
	    tr->outcome == OUTCOME_SKIP);
	tap_text(f, tr->path, 1);
	fprintf(f, ":%d", tr->line);
	if (tr->name != NULL) {
		putc(' ', f);
		tap_text(f, tr->name, 1);
	}
	if (tr->outcome == OUTCOME_SKIP) {
		reason = tr->message != NULL ? tr->message : file_reason;
		fputs(" # SKIP ", f);
		if (reason != NULL)
			tap_text(f, reason, 0);
		else
			fprintf(f, "not for %s", tap_engine);
		putc('\n', f);
		return;
	}
	putc('\n', f);
	if (tr->outcome == OUTCOME_PASS)
		return;
	fputs("  ---\n", f);
	tap_yaml(f, "message", tr->message != NULL ? tr->message : "failed");
	tap_yaml(f, "sql", tr->sql);
	tap_yaml(f, "diff", tr->diff);
	fputs("  ...\n", f);
}

/*
 * The point of a file that failed as a whole: its setup failed, it could
 * not be parsed, or it could not run to its end.
 */
static void
tap_file_failure(FILE *f, const struct file_report *fr)
{
	tap_point(f, 0);
	tap_text(f, fr->path, 1);
	if (fr->setup_failed)
		fprintf(f, ":%d setup", fr->error_line);
	else if (fr->file_failed)
		fprintf(f, ":%d", fr->error_line);
	putc('\n', f);
	fputs("  ---\n", f);
	tap_yaml(f, "message", fr->message != NULL ? fr->message :
	    "the file could not run");
	fputs("  ...\n", f);
}

/* Every test of one file, then the file's own failure if it has one. */
static void
tap_file(FILE *f, const struct file_report *fr)
{
	const char	*reason = NULL;
	size_t		 i;

	if (fr->outcome == OUTCOME_SKIP) {
		reason = fr->message != NULL ? fr->message : "skipped";
		if (fr->ntests == 0) {
			fputs("# skip ", f);
			tap_text(f, fr->path, 0);
			fputs(": ", f);
			tap_text(f, reason, 0);
			putc('\n', f);
		}
	}
	for (i = 0; i < fr->ntests; i++)
		tap_test(f, &fr->tests[i], reason);
	if (fr->setup_failed || fr->file_failed || fr->parse_error ||
	    fr->outcome == OUTCOME_ERROR)
		tap_file_failure(f, fr);
	fflush(f);
}

/* The plan, now that the number of tests is known. */
static void
tap_end(FILE *f, const struct totals *t)
{
	(void)t;
	if (tap_count == 0)
		fputs("1..0 # SKIP no tests ran\n", f);
	else
		fprintf(f, "1..%d\n", tap_count);
	fflush(f);
}

const struct reporter report_tap = {
	.name = "tap",
	.begin = tap_begin,
	.file = tap_file,
	.end = tap_end
};
