/*
 * report-junit.c: the JUnit XML reporter (--format junit), the report CI
 * systems render.  One <testsuite> per file, one <testcase> per test; a
 * failure carries the test's SQL, message and diff as element text, a
 * skip its reason; a file whose setup failed, or that could not be parsed
 * or run, is one more testcase holding an <error>.
 *
 * The totals go on the <testsuites> element at the top, and are known
 * only at the end: the suites are spooled to a temporary file meanwhile,
 * so that a report of millions of tests needs no memory for them.
 *
 * Text is escaped for XML 1.0 by markup.c: the five markup characters,
 * new lines and tabs in attributes as character references, and every
 * byte that XML cannot carry (control characters other than tab, new
 * line and carriage return; bytes that are not UTF-8; U+FFFE and U+FFFF)
 * as U+FFFD.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

struct junit_count {
	int	tests;
	int	failures;
	int	errors;
	int	skipped;
};

static FILE			*junit_spool;	/* until the end */
static struct junit_count	 junit_sum;
static const char		*junit_engine;	/* borrowed */

/*
 * Write text escaped for XML (markup.c): element text, or (attr) an
 * attribute's value.
 */
static void
junit_escape(FILE *f, const char *text, int attr)
{
	markup_escape(f, text, attr ? MARKUP_XML_ATTR : MARKUP_XML_TEXT);
}

/* Write ' name="value"', the value escaped. */
static void
junit_attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	junit_escape(f, value, 1);
	putc('"', f);
}

/*
 * The classname of a file's tests: its path without leading "/", "./"
 * and "../" and without its extension, '/' replaced by '.', so that CI
 * systems show directories as packages and the file as the class (with
 * the extension, every file would be a class "sqltest").  Caller frees.
 */
static char *
junit_classname(const char *path)
{
	char	*name, *dot, *slash, *p;

	while (*path == '/' || strncmp(path, "./", 2) == 0 ||
	    strncmp(path, "../", 3) == 0)
		path += strspn(path, ".") + 1;
	name = xstrdup(*path != '\0' ? path : "sqlcheck");
	dot = strrchr(name, '.');
	slash = strrchr(name, '/');
	if (dot != NULL && dot != name && (slash == NULL || dot > slash + 1))
		*dot = '\0';
	for (p = name; *p != '\0'; p++) {
		if (*p == '/')
			*p = '.';
	}
	return name;
}

/* Start the report: a spool for the suites, and zero totals. */
static void
junit_begin(FILE *f, const struct options *o, size_t nfiles)
{
	(void)f;
	(void)nfiles;
	memset(&junit_sum, 0, sizeof junit_sum);
	junit_engine = o->engine;
	junit_spool = tmpfile();
	if (junit_spool == NULL)
		fatal("cannot create a temporary file for the JUnit report");
}

/* What a failure or error element holds: where, the SQL, message, diff. */
static void
junit_details(FILE *f, const char *path, int line, const char *name,
    const char *sql, const char *message, const char *diff)
{
	struct buf	b;
	const char	*nl;

	buf_init(&b);
	buf_printf(&b, "%s:%d: %s\n", path, line, name != NULL ? name : "");
	while (sql != NULL && *sql != '\0') {
		nl = strchr(sql, '\n');
		if (nl == NULL)
			nl = sql + strlen(sql);
		buf_printf(&b, "    | %.*s\n", (int)(nl - sql), sql);
		sql = *nl == '\0' ? nl : nl + 1;
	}
	if (message != NULL)
		buf_printf(&b, "%s\n", message);
	if (diff != NULL) {
		buf_printf(&b, "expected (-) / actual (+):\n%s", diff);
		if (*diff != '\0' && diff[strlen(diff) - 1] != '\n')
			buf_addc(&b, '\n');
	}
	junit_escape(f, b.data, 0);
	buf_free(&b);
}

/*
 * One test of a file; reason is why the whole file was skipped.  A test
 * skipped for no other reason was not meant for this engine.
 */
static void
junit_testcase(FILE *f, const char *classname, const struct test_report *tr,
    const char *reason)
{
	const char	*elem;
	char		 line[16];

	fputs("    <testcase", f);
	junit_attr(f, "name", tr->name != NULL ? tr->name : "");
	junit_attr(f, "classname", classname);
	junit_attr(f, "file", tr->path);
	snprintf(line, sizeof line, "%d", tr->line);
	junit_attr(f, "line", line);
	if (tr->outcome == OUTCOME_PASS) {
		fputs("/>\n", f);
		return;
	}
	if (tr->outcome == OUTCOME_SKIP) {
		fputs(">\n      <skipped message=\"", f);
		if (tr->message != NULL || reason != NULL)
			junit_escape(f, tr->message != NULL ? tr->message :
			    reason, 1);
		else {
			fputs("not for ", f);
			junit_escape(f, junit_engine, 1);
		}
		fputs("\"/>\n    </testcase>\n", f);
		return;
	}
	elem = tr->outcome == OUTCOME_ERROR ? "error" : "failure";
	fprintf(f, ">\n      <%s", elem);
	junit_attr(f, "message", tr->message != NULL ? tr->message : elem);
	putc('>', f);
	junit_details(f, tr->path, tr->line, tr->name, tr->sql, tr->message,
	    tr->diff);
	fprintf(f, "</%s>\n    </testcase>\n", elem);
}

/* Did the file fail as a whole (setup, parse, could not run)? */
static int
junit_file_failed(const struct file_report *fr)
{
	return fr->setup_failed || fr->file_failed || fr->parse_error ||
	    fr->outcome == OUTCOME_ERROR;
}

/*
 * The testcase of a file that failed as a whole: "(setup)" at the failing
 * setup statement, or "(file)" when it could not be parsed or run.
 */
static void
junit_file_error(FILE *f, const char *classname,
    const struct file_report *fr)
{
	const char	*message;
	char		 line[16];

	message = fr->message != NULL ? fr->message : "the file could not run";
	fputs("    <testcase", f);
	junit_attr(f, "name", fr->setup_failed ? "(setup)" : "(file)");
	junit_attr(f, "classname", classname);
	junit_attr(f, "file", fr->path);
	if (fr->error_line > 0) {
		snprintf(line, sizeof line, "%d", fr->error_line);
		junit_attr(f, "line", line);
	}
	fputs(">\n      <error", f);
	junit_attr(f, "message", message);
	putc('>', f);
	junit_escape(f, message, 0);
	fputs("</error>\n    </testcase>\n", f);
}

/* The suite's properties: how the file was isolated, why it was skipped. */
static void
junit_properties(FILE *f, const struct file_report *fr)
{
	int	skipped = fr->outcome == OUTCOME_SKIP && fr->message != NULL;

	if (fr->isolation == NULL && !skipped)
		return;
	fputs("    <properties>\n", f);
	if (fr->isolation != NULL) {
		fputs("      <property name=\"isolation\"", f);
		junit_attr(f, "value", fr->isolation);
		fputs("/>\n", f);
	}
	if (skipped) {
		fputs("      <property name=\"skipped\"", f);
		junit_attr(f, "value", fr->message);
		fputs("/>\n", f);
	}
	fputs("    </properties>\n", f);
}

/* Count a file's testcases by what they hold, into c and the totals. */
static void
junit_count(const struct file_report *fr, struct junit_count *c)
{
	size_t	i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < fr->ntests; i++) {
		if (fr->tests[i].outcome == OUTCOME_SKIP)
			c->skipped++;
		else if (fr->tests[i].outcome == OUTCOME_FAIL)
			c->failures++;
		else if (fr->tests[i].outcome == OUTCOME_ERROR)
			c->errors++;
	}
	c->tests = (int)fr->ntests;
	if (junit_file_failed(fr)) {
		c->tests++;
		c->errors++;
	}
	junit_sum.tests += c->tests;
	junit_sum.failures += c->failures;
	junit_sum.errors += c->errors;
	junit_sum.skipped += c->skipped;
}

/* One file as a <testsuite>, appended to the spool. */
static void
junit_file(FILE *f, const struct file_report *fr)
{
	struct junit_count	 c;
	FILE			*sp = junit_spool;
	const char		*reason;
	char			*classname;
	size_t			 i;

	(void)f;
	junit_count(fr, &c);
	fputs("  <testsuite", sp);
	junit_attr(sp, "name", fr->path);
	fprintf(sp, " tests=\"%d\" failures=\"%d\" errors=\"%d\" "
	    "skipped=\"%d\" time=\"%.3f\">\n", c.tests, c.failures, c.errors,
	    c.skipped, fr->seconds);
	junit_properties(sp, fr);
	classname = junit_classname(fr->path);
	reason = fr->outcome == OUTCOME_SKIP ? fr->message : NULL;
	for (i = 0; i < fr->ntests; i++)
		junit_testcase(sp, classname, &fr->tests[i], reason);
	if (junit_file_failed(fr))
		junit_file_error(sp, classname, fr);
	free(classname);
	fputs("  </testsuite>\n", sp);
}

/* The document: the totals, then the spooled suites. */
static void
junit_end(FILE *f, const struct totals *t)
{
	char	buf[8192];
	size_t	n;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuites name=\"sqlcheck\" tests=\"%d\" "
	    "failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
	    junit_sum.tests, junit_sum.failures, junit_sum.errors,
	    junit_sum.skipped, t->seconds);
	if (fflush(junit_spool) != 0 || ferror(junit_spool))
		fatal("cannot write the JUnit report's temporary file");
	rewind(junit_spool);
	while ((n = fread(buf, 1, sizeof buf, junit_spool)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(junit_spool))
		fatal("cannot read the JUnit report's temporary file");
	fclose(junit_spool);
	junit_spool = NULL;
	fputs("</testsuites>\n", f);
	fflush(f);
}

const struct reporter report_junit = {
	.name = "junit",
	.begin = junit_begin,
	.file = junit_file,
	.end = junit_end
};
