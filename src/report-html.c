/*
 * report-html.c: the HTML reporter (--format html, or -o FILE.html).
 * One self-contained page: the style sheet and the script are inline and
 * nothing is fetched, so the page opens from a CI artifact or a mail
 * attachment as it is.  In order: the summary (engine and its version,
 * counts, duration, the command line with DSN passwords hidden), a filter box
 * (text, status, tag; it works without a server, and reads its initial
 * values from the page's query string: ?q=TEXT&status=fail&tag=T), the
 * failures with FILE:LINE, SQL, message and diff, the slowest files as a
 * bar chart, every file with its tests (folded unless one failed), and
 * with --coverage the schema picture of report-html-schema.c.
 *
 * Files are spooled to temporary files as they arrive (the failures to
 * one, every file to another), so a run of 100 000 tests needs no more
 * memory than a run of ten.  Every text that comes from a test, a file
 * or the engine goes through html_text() or html_attr().
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"
#include "report-html.h"

#define HTML_SLOWEST	10	/* bars in the chart of slowest files */

struct html_slow {
	char	*path;
	double	 seconds;
};

static struct {
	const struct options	*opts;
	FILE			*failures;	/* spooled failure entries */
	FILE			*files;		/* spooled file sections */
	struct html_slow	 slowest[HTML_SLOWEST];
	size_t			 nslowest;
	char			**tags;		/* every tag seen */
	size_t			 ntags;
	size_t			 ntests;
	size_t			 nfailures;
} html;

/* Write text escaped for HTML (markup.c); NULL writes nothing. */
void
html_text(FILE *f, const char *text)
{
	markup_escape(f, text, MARKUP_HTML_TEXT);
}

/* An attribute value: the same escapes, tabs and new lines as spaces. */
void
html_attr(FILE *f, const char *text)
{
	markup_escape(f, text, MARKUP_HTML_ATTR);
}

/*
 * The id of the test at where ("FILE:LINE"): "t:" and where with every
 * byte but letters, digits and -_.:/~ percent-encoded.  The same text
 * after a "#" is a link to it (a browser matches the raw fragment first).
 */
static void
html_test_anchor(FILE *f, const char *where)
{
	const unsigned char	*s = (const unsigned char *)where;

	fputs("t:", f);
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-_.:/~", *s) != NULL)
			putc(*s, f);
		else
			fprintf(f, "%%%02X", *s);
	}
}

/* A link to the test at where, as an href value. */
void
html_test_href(FILE *f, const char *where)
{
	putc('#', f);
	html_test_anchor(f, where);
}

/* The id of a test of path at line. */
static void
html_test_id(FILE *f, const char *path, int line)
{
	char	*where = xprintf("%s:%d", path, line);

	html_test_anchor(f, where);
	free(where);
}

static int
test_failed(const struct test_report *tr)
{
	return tr->outcome == OUTCOME_FAIL || tr->outcome == OUTCOME_ERROR;
}

/* Remember a file's tags for the filter's list, each once. */
static void
remember_tags(const struct file_report *fr)
{
	size_t	i;

	for (i = 0; i < fr->ntags; i++) {
		if (str_list_has(html.tags, html.ntags, fr->tags[i]))
			continue;
		html.tags = xreallocarray(html.tags, html.ntags + 1,
		    sizeof *html.tags);
		html.tags[html.ntags++] = xstrdup(fr->tags[i]);
	}
}

/* Keep the file among the slowest, longest first. */
static void
remember_duration(const struct file_report *fr)
{
	size_t	i, n = html.nslowest;

	if (n == HTML_SLOWEST && fr->seconds <= html.slowest[n - 1].seconds)
		return;
	if (n == HTML_SLOWEST)
		free(html.slowest[--n].path);
	for (i = n; i > 0 && html.slowest[i - 1].seconds < fr->seconds; i--)
		html.slowest[i] = html.slowest[i - 1];
	html.slowest[i].path = xstrdup(fr->path);
	html.slowest[i].seconds = fr->seconds;
	html.nslowest = n + 1;
}

/* data-status and data-tags of an element, from its file. */
static void
data_attrs(FILE *f, const char *status, const struct file_report *fr)
{
	size_t	i;

	fprintf(f, " data-status=\"%s\" data-tags=\" ", status);
	for (i = 0; i < fr->ntags; i++) {
		html_attr(f, fr->tags[i]);
		putc(' ', f);
	}
	putc('"', f);
}

/* A diff, each line coloured by its first character. */
static void
write_diff(FILE *f, const char *diff)
{
	const char	*nl;
	char		*line;

	fputs("<pre class=\"diff\">", f);
	while (*diff != '\0') {
		nl = strchr(diff, '\n');
		if (nl == NULL)
			nl = diff + strlen(diff);
		line = xstrndup(diff, (size_t)(nl - diff));
		fprintf(f, "<span class=\"%s\">", *line == '-' ? "del" :
		    *line == '+' ? "add" : "ctx");
		html_text(f, line);
		fputs("</span>\n", f);
		free(line);
		diff = *nl == '\0' ? nl : nl + 1;
	}
	fputs("</pre>", f);
}

/* One failure in full, for the failures section. */
static void
write_failure(FILE *f, const struct file_report *fr,
    const struct test_report *tr)
{
	char	*where = xprintf("%s:%d", tr->path, tr->line);

	fputs("<div class=\"failure test\"", f);
	data_attrs(f, outcome_name(tr->outcome), fr);
	fputs("><div class=\"head\"><a class=\"where\" href=\"", f);
	html_test_href(f, where);
	fputs("\">", f);
	html_text(f, where);
	fputs("</a> <span class=\"name\">", f);
	html_text(f, tr->name);
	fputs("</span></div>\n", f);
	if (tr->sql != NULL) {
		fputs("<pre class=\"sql\">", f);
		html_text(f, tr->sql);
		fputs("</pre>", f);
	}
	if (tr->message != NULL) {
		fputs("<pre class=\"msg\">", f);
		html_text(f, tr->message);
		fputs("</pre>", f);
	}
	if (tr->diff != NULL)
		write_diff(f, tr->diff);
	fputs("</div>\n", f);
	free(where);
}

/* A file's own failure (setup, parse error, lost connection). */
static void
write_file_failure(FILE *f, const struct file_report *fr)
{
	fputs("<div class=\"failure test\"", f);
	data_attrs(f, file_outcome_name(fr), fr);
	fputs("><div class=\"head\"><span class=\"where\">", f);
	html_text(f, fr->path);
	if (fr->error_line > 0)
		fprintf(f, ":%d", fr->error_line);
	fputs("</span> <span class=\"name\">(the file)</span></div>\n"
	    "<pre class=\"msg\">", f);
	html_text(f, fr->message);
	fputs("</pre></div>\n", f);
}

/* One line of a file's test list. */
static void
write_test_item(FILE *f, const struct file_report *fr,
    const struct test_report *tr)
{
	const char	*status = outcome_name(tr->outcome);

	(void)fr;
	fprintf(f, "<li class=\"test s-%s\" id=\"", status);
	html_test_id(f, tr->path, tr->line);
	fprintf(f, "\" data-status=\"%s\"><span class=\"badge\">%s</span> ",
	    status, status);
	html_text(f, tr->name != NULL ? tr->name : "(unnamed)");
	fprintf(f, " <span class=\"line\">:%d</span>", tr->line);
	if (tr->outcome == OUTCOME_SKIP && tr->message != NULL) {
		fputs(" <span class=\"why\">", f);
		html_text(f, tr->message);
		fputs("</span>", f);
	}
	fputs("</li>\n", f);
}

/* The summary line of a file's section. */
static void
write_file_summary(FILE *f, const struct file_report *fr, const char *status)
{
	fprintf(f, "<summary><span class=\"badge\">%s</span> "
	    "<span class=\"path\">", status);
	html_text(f, fr->path);
	fprintf(f, "</span> <span class=\"counts\">%d passed, %d failed, "
	    "%d skipped, %.0f ms</span>", fr->passed, fr->failed,
	    fr->skipped, fr->seconds * 1000);
	if (fr->outcome == OUTCOME_SKIP && fr->message != NULL) {
		fputs(" <span class=\"why\">", f);
		html_text(f, fr->message);
		fputs("</span>", f);
	}
	fputs("</summary>\n", f);
}

/* One file's section: folded unless something in it failed. */
static void
write_file_section(FILE *f, const struct file_report *fr)
{
	const char	*status = file_outcome_name(fr);
	size_t		 i;

	fputs("<details class=\"file\"", f);
	data_attrs(f, status, fr);
	fputs(strcmp(status, "fail") == 0 || strcmp(status, "error") == 0 ?
	    " open>" : ">", f);
	write_file_summary(f, fr, status);
	if (fr->isolation != NULL) {
		fputs("<div class=\"iso\">isolation: ", f);
		html_text(f, fr->isolation);
		fputs("</div>\n", f);
	}
	if (fr->message != NULL && fr->outcome != OUTCOME_SKIP) {
		fputs("<pre class=\"msg\">", f);
		html_text(f, fr->message);
		fputs("</pre>\n", f);
	}
	if (fr->passes_forgotten > 0)
		fprintf(f, "<div class=\"iso\">%d passed tests not listed"
		    "</div>\n", fr->passes_forgotten);
	fputs("<ul>\n", f);
	for (i = 0; i < fr->ntests; i++)
		write_test_item(f, fr, &fr->tests[i]);
	fputs("</ul></details>\n", f);
}

static FILE *
spool_open(void)
{
	FILE	*f = tmpfile();

	if (f == NULL)
		fatal("cannot create a temporary file for the HTML report");
	return f;
}

static void
html_begin(FILE *f, const struct options *o, size_t nfiles)
{
	(void)f;
	(void)nfiles;
	memset(&html, 0, sizeof html);
	html.opts = o;
	html.failures = spool_open();
	html.files = spool_open();
}

static void
html_file(FILE *f, const struct file_report *fr)
{
	size_t	i;

	(void)f;
	remember_tags(fr);
	remember_duration(fr);
	html.ntests += fr->ntests;
	if (fr->message != NULL && (fr->setup_failed || fr->file_failed ||
	    fr->parse_error || fr->outcome == OUTCOME_ERROR)) {
		write_file_failure(html.failures, fr);
		html.nfailures++;
	}
	for (i = 0; i < fr->ntests; i++) {
		if (test_failed(&fr->tests[i])) {
			write_failure(html.failures, fr, &fr->tests[i]);
			html.nfailures++;
		}
	}
	write_file_section(html.files, fr);
}

/* Copy a spool to the page and close it. */
static void
spool_copy(FILE *f, FILE *spool)
{
	char	buf[8192];
	size_t	n;

	if (fflush(spool) != 0 || ferror(spool))
		fatal("cannot write the HTML report's temporary file");
	rewind(spool);
	while ((n = fread(buf, 1, sizeof buf, spool)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(spool))
		fatal("cannot read the HTML report's temporary file");
	fclose(spool);
}

static void
write_summary(FILE *f, const struct totals *t)
{
	const char	*engine = html.opts->engine;

	fprintf(f, "<header><h1>sqlcheck report</h1>\n<p class=\"verdict "
	    "%s\">%d passed, %d failed, %d skipped", t->failed > 0 ||
	    t->errors > 0 ? "bad" : "good", t->passed, t->failed, t->skipped);
	if (t->errors > 0)
		fprintf(f, ", %d errors", t->errors);
	fprintf(f, " &middot; %d files &middot; %.2f s</p>\n<dl>"
	    "<dt>engine</dt><dd id=\"engine\">", t->files, t->seconds);
	html_text(f, engine != NULL ? engine : html.opts->driver);
	if (html.opts->server_version != NULL) {
		fputs(" ", f);
		html_text(f, html.opts->server_version);
	}
	fputs("</dd><dt>command</dt><dd><code id=\"command\">", f);
	html_text(f, html.opts->command_line);
	fputs("</code></dd></dl></header>\n", f);
}

static void
write_filter(FILE *f)
{
	size_t	i;

	fputs("<form id=\"filter\" onsubmit=\"return false\">"
	    "<input id=\"q\" type=\"search\" placeholder=\"filter tests\" "
	    "aria-label=\"filter by text\"> <select id=\"status\" "
	    "aria-label=\"filter by status\"><option value=\"\">every status"
	    "</option><option>fail</option><option>error</option><option>"
	    "pass</option><option>skip</option></select> <select id=\"tag\" "
	    "aria-label=\"filter by tag\"><option value=\"\">every tag"
	    "</option>", f);
	for (i = 0; i < html.ntags; i++) {
		fputs("<option>", f);
		html_text(f, html.tags[i]);
		fputs("</option>", f);
	}
	fputs("</select> <span id=\"shown\"></span></form>\n", f);
}

/* The slowest files, as horizontal bars. */
static void
write_slowest(FILE *f)
{
	double	max;
	size_t	i;

	if (html.nslowest == 0)
		return;
	max = html.slowest[0].seconds > 0 ? html.slowest[0].seconds : 1;
	fprintf(f, "<h2>Slowest files</h2>\n<svg class=\"bars\" width=\"760\" "
	    "height=\"%zu\" role=\"img\" aria-label=\"slowest files\">\n",
	    html.nslowest * 22 + 4);
	for (i = 0; i < html.nslowest; i++) {
		fprintf(f, "<g class=\"bar\"><rect x=\"300\" y=\"%zu\" "
		    "width=\"%.1f\" height=\"16\"/><text x=\"294\" y=\"%zu\" "
		    "text-anchor=\"end\">", i * 22 + 2, 1 + 380 *
		    html.slowest[i].seconds / max, i * 22 + 14);
		html_text(f, html.slowest[i].path);
		fprintf(f, "</text><text x=\"%.1f\" y=\"%zu\">%.0f ms</text>"
		    "</g>\n", 306 + 380 * html.slowest[i].seconds / max,
		    i * 22 + 14, html.slowest[i].seconds * 1000);
	}
	fputs("</svg>\n", f);
}

static void
forget_all(void)
{
	size_t	i;

	for (i = 0; i < html.nslowest; i++)
		free(html.slowest[i].path);
	str_list_free(html.tags, html.ntags);
	memset(&html, 0, sizeof html);
}

static void
html_end(FILE *f, const struct totals *t)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8"
	    "\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>sqlcheck report</title>\n<style>", f);
	fputs(html_style, f);
	fputs("</style></head>\n<body>\n", f);
	write_summary(f, t);
	write_filter(f);
	fprintf(f, "<h2>Failures (<span id=\"nfailures\">%zu</span>)</h2>\n"
	    "<section id=\"failures\">\n", html.nfailures);
	spool_copy(f, html.failures);
	if (html.nfailures == 0)
		fputs("<p class=\"none\">No test failed.</p>\n", f);
	fputs("</section>\n", f);
	write_slowest(f);
	fprintf(f, "<h2>Files (%d)</h2>\n<section id=\"files\">\n", t->files);
	spool_copy(f, html.files);
	fputs("</section>\n", f);
	if (html.opts->coverage)
		html_schema_section(f, coverage_get());
	fputs("<script>", f);
	fputs(html_script, f);
	fputs("</script>\n</body></html>\n", f);
	fflush(f);
	forget_all();
}

const struct reporter report_html = {
	.name = "html",
	.begin = html_begin,
	.file = html_file,
	.end = html_end
};
