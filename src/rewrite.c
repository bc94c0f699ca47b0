/*
 * rewrite.c: record mode (--rewrite).  For a failing test, the runner asks
 * rewrite_expectation() for the expectation that would have passed, in the
 * file's own syntax; after the file is reported, rewrite_file() replaces
 * just those lines (comments, blank lines and SQL untouched) through a
 * temporary file and rename(2), or prints the change as a unified diff.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlcheck.h"

/*
 * In a rewrite text, a line that is KEEP_LINE and a line number stands
 * for that line of the file, kept as the author wrote it: a directive the
 * outcome does not contradict, or an expected row the actual result still
 * holds.  rewrite_file() puts the line back.  No written cell starts with
 * a control character (format_cell quotes it), so no row line is taken
 * for one.
 */
#define KEEP_LINE	'\001'

static void
add_kept(struct buf *b, int line)
{
	buf_printf(b, "\n%c%d", KEEP_LINE, line);
}

static void
add_actual(struct buf *b, char **vals, int width)
{
	char	*row;

	row = format_row(vals, width);
	buf_printf(b, "\n%s", row);
	free(row);
}

/* 1 if the expected row holds the width values at vals. */
static int
row_holds(const struct expect *e, const struct exp_row *row, char **vals,
    int width)
{
	int	i;

	if (row->ncells != width)
		return 0;
	for (i = 0; i < width; i++) {
		if (!expect_cell_matches(e, &row->cells[i], vals[i]))
			return 0;
	}
	return 1;
}

/*
 * The values of r that used[] leaves (rows of width values, or single
 * values), after the kept ones, in the order of the sort mode.
 */
static void
add_unused(struct buf *b, const struct result *r, const char *used,
    int width, enum sort_mode sort)
{
	struct result	 rest;
	char		**vals;
	size_t		  i, n = r->ncells / (size_t)width;

	memset(&rest, 0, sizeof rest);
	rest.cells = xcalloc(r->ncells + 1, sizeof *rest.cells);
	rest.ncols = width;
	for (i = 0; i < n; i++) {
		if (used[i])
			continue;
		memcpy(rest.cells + rest.ncells, r->cells + i * (size_t)width,
		    (size_t)width * sizeof *rest.cells);
		rest.ncells += (size_t)width;
		rest.nrows++;
	}
	vals = result_sorted_values(&rest, sort);
	for (i = 0; i < rest.ncells; i += (size_t)width)
		add_actual(b, vals + i, width);
	free(vals);
	free(rest.cells);
}

/*
 * rowsort: each expected row that still matches an actual row (in the
 * author's order, each actual row used once) is kept as written; the
 * other actual rows follow, sorted.
 */
static void
rewrite_rowsort(struct buf *b, const struct expect *e, const struct result *r)
{
	char	*used;
	size_t	 i, j;

	used = xcalloc(r->nrows + 1, 1);
	for (j = 0; j < e->nrows; j++) {
		for (i = 0; i < r->nrows; i++) {
			if (!used[i] && row_holds(e, &e->rows[j],
			    r->cells + i * (size_t)r->ncols, r->ncols))
				break;
		}
		if (i < r->nrows) {
			used[i] = 1;
			add_kept(b, e->rows[j].line);
		}
	}
	add_unused(b, r, used, r->ncols, SORT_ROW);
	free(used);
}

/*
 * valuesort: an expected line whose values are all still in the result
 * (each actual value used once) is kept as written; the other values
 * follow, sorted, one a line.
 */
static void
rewrite_valuesort(struct buf *b, const struct expect *e,
    const struct result *r)
{
	char	*used, *taken;
	size_t	 i, j;
	int	 k, all;

	used = xcalloc(r->ncells + 1, 1);
	taken = xcalloc(r->ncells + 1, 1);
	for (j = 0; j < e->nrows; j++) {
		memcpy(taken, used, r->ncells);
		for (k = 0, all = 1; k < e->rows[j].ncells && all; k++) {
			for (i = 0; i < r->ncells; i++) {
				if (!taken[i] && expect_cell_matches(e,
				    &e->rows[j].cells[k], r->cells[i]))
					break;
			}
			if (i < r->ncells)
				taken[i] = 1;
			else
				all = 0;
		}
		if (all) {
			memcpy(used, taken, r->ncells);
			add_kept(b, e->rows[j].line);
		}
	}
	add_unused(b, r, used, 1, SORT_VALUE);
	free(taken);
	free(used);
}

/*
 * The rows of a rewritten rows expectation: where the author's rows still
 * hold (at the same place for an ordered one, anywhere for rowsort and
 * valuesort), they are kept as written, with their own spelling of each
 * value (5e-3 for 0.005 under a tolerance, a ~/regex/); the actual
 * values fill the rest.
 */
static void
rewrite_rows(struct buf *b, const struct expect *e, const struct result *r)
{
	size_t	i;
	int	width = r->ncols;

	if (width <= 0)
		return;
	if (e->sort == SORT_ROW) {
		rewrite_rowsort(b, e, r);
		return;
	}
	if (e->sort == SORT_VALUE) {
		rewrite_valuesort(b, e, r);
		return;
	}
	for (i = 0; i < r->nrows; i++) {
		if (i < e->nrows && row_holds(e, &e->rows[i],
		    r->cells + i * (size_t)width, width))
			add_kept(b, e->rows[i].line);
		else
			add_actual(b, r->cells + i * (size_t)width, width);
	}
}

/* 1 if engine (the tag to write) is the expectation's own tag. */
static int
same_tag(const struct expect *e, const char *engine)
{
	if (e->engine == NULL || engine == NULL)
		return e->engine == engine;
	return strcmp(driver_canonical(e->engine),
	    driver_canonical(engine)) == 0;
}

static void
rewrite_error(struct buf *b, const char *tag, const struct dberror *err,
    const char *engine)
{
	buf_printf(b, "-- expect%s error", tag);
	if (err->condition != NULL)
		buf_printf(b, ": %s", err->condition);
	else if (err->sqlstate[0] != '\0')
		buf_printf(b, ": %s", err->sqlstate);
	else if (err->native[0] != '\0')
		buf_printf(b, ": %s:%s", engine, err->native);
}

/* 1 if a value cannot be written as a cell: it holds a line break. */
static int
has_line_break(const struct result *r)
{
	size_t	i;

	for (i = 0; i < r->ncells; i++) {
		if (r->cells[i] != NULL && strpbrk(r->cells[i], "\r\n"))
			return 1;
	}
	return 0;
}

/*
 * The expectation lines (no final newline; caller frees) that the actual
 * outcome satisfies: rc and err for a failed statement, r for a result.
 * engine is NULL to keep the expectation shared, else the engine to tag
 * it with (-- expect[ENGINE]...).  NULL when rows hold a value with a
 * line break, which no cell can hold.
 */
char *
rewrite_expectation(const struct record *rec, const struct expect *e,
    const char *engine, int rc, const struct result *r,
    const struct dberror *err)
{
	struct buf	 b;
	char		*tag, hash[33], **vals;

	(void)rec;
	if (rc == 0 && r->has_rows && e->mode != EXPECT_HASH &&
	    e->mode != EXPECT_COUNT && has_line_break(r))
		return NULL;
	tag = engine != NULL ? xprintf("[%s]", engine) : xstrdup("");
	buf_init(&b);
	if (rc != 0)
		rewrite_error(&b, tag, err, engine != NULL ? engine : "");
	else if (e->mode == EXPECT_HASH) {
		vals = result_sorted_values(r, e->sort);
		hash_values(vals, r->ncells, hash);
		free(vals);
		buf_printf(&b, "-- expect%s hash: %zu values %s", tag, r->ncells,
		    hash);
	} else if (e->mode == EXPECT_COUNT || !r->has_rows) {
		if (r->has_rows || r->affected >= 0)
			buf_printf(&b, "-- expect%s %lld row%s", tag,
			    (long long)(r->has_rows ?
			    (int64_t)result_rows(r) : r->affected),
			    (r->has_rows ? result_rows(r) : (size_t)
			    r->affected) == 1 ? "" : "s");
		else
			buf_printf(&b, "-- expect%s ok", tag);
	} else if (e->mode == EXPECT_ROWS && same_tag(e, engine)) {
		/* Rows for rows: the directive line stays as written. */
		buf_printf(&b, "%c%d", KEEP_LINE, e->line);
		rewrite_rows(&b, e, r);
	} else {
		buf_printf(&b, "-- expect%s%s", tag, e->mode != EXPECT_ROWS ?
		    "" : e->sort == SORT_ROW ? " rowsort" :
		    e->sort == SORT_VALUE ? " valuesort" : "");
		if (e->mode == EXPECT_ROWS && e->has_tolerance)
			buf_printf(&b, " (tolerance %s)", e->tolerance_text);
		buf_adds(&b, ":");
		rewrite_rows(&b, e->mode == EXPECT_ROWS ? e :
		    &(struct expect){ .sort = SORT_NONE }, r);
	}
	free(tag);
	return buf_detach(&b);
}

static int
cmp_edit(const void *a, const void *b)
{
	const struct test_report	*x = *(const struct test_report *const *)a;
	const struct test_report	*y = *(const struct test_report *const *)b;

	return x->rewrite_to - y->rewrite_to;
}

/* Split text into lines (pointers into it, newlines replaced by NULs). */
static char **
split_lines(char *text, size_t len, size_t *n)
{
	char	**lines = NULL;
	size_t	  i, start = 0;

	*n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		lines = xreallocarray(lines, *n + 1, sizeof *lines);
		lines[(*n)++] = text + start;
		if (i < len)
			text[i] = '\0';
		start = i + 1;
	}
	return lines;
}

/* Append text's lines to out, each ending with eol. */
static void
add_lines(struct buf *out, const char *text, const char *eol)
{
	const char	*nl;

	for (;;) {
		nl = strchr(text, '\n');
		if (nl == NULL) {
			buf_printf(out, "%s%s", text, eol);
			return;
		}
		buf_add(out, text, (size_t)(nl - text));
		buf_adds(out, eol);
		text = nl + 1;
	}
}

/*
 * The text of an edit with each kept line (KEEP_LINE and a number) put
 * back from the file's lines, without a CR of its own (the file's line
 * end is added when it is written).  A new string.
 */
static char *
resolve_kept(const char *text, char **lines, size_t n)
{
	struct buf	 b;
	const char	*p, *nl;
	size_t		 len;
	long		 k;

	buf_init(&b);
	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (p != text)
			buf_addc(&b, '\n');
		k = *p == KEEP_LINE ? strtol(p + 1, NULL, 10) : 0;
		if (k < 1 || (size_t)k > n) {
			buf_add(&b, p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			continue;
		}
		len = strlen(lines[k - 1]);
		if (len > 0 && lines[k - 1][len - 1] == '\r')
			len--;
		buf_add(&b, lines[k - 1], len);
	}
	return buf_detach(&b);
}

/*
 * Apply the edits (sorted by line; texts[k] is the text of edits[k]) to
 * the lines, into out, and the change as a unified diff into diff.
 */
static void
apply_edits(char **lines, size_t n, struct test_report **edits,
    char **texts, size_t nedits, struct buf *out, struct buf *diff)
{
	size_t	line, k = 0, len;
	int	shift = 0, from, to, added;
	const char *p, *eol = "\n";

	/* A file with CRLF line ends gets CRLF in its new lines too. */
	len = n > 0 ? strlen(lines[0]) : 0;
	if (len > 0 && lines[0][len - 1] == '\r')
		eol = "\r\n";

	for (line = 1; line <= n; line++) {
		while (k < nedits && edits[k]->rewrite_from == 0 &&
		    (size_t)edits[k]->rewrite_to < line) {
			k++;	/* insertion point already passed */
		}
		if (k < nedits && edits[k]->rewrite_from == (int)line) {
			from = edits[k]->rewrite_from;
			to = edits[k]->rewrite_to;
			added = 1;
			for (p = texts[k]; *p != '\0'; p++)
				added += *p == '\n';
			buf_printf(diff, "@@ -%d,%d +%d,%d @@\n", from,
			    to - from + 1, from + shift, added);
			for (; (int)line <= to && line <= n; line++)
				buf_printf(diff, "-%s\n", lines[line - 1]);
			line--;
			add_lines(out, texts[k], eol);
			for (p = texts[k]; p != NULL;
			    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
				buf_printf(diff, "+%.*s%s", (int)strcspn(p, "\n"),
				    p, eol);
			shift += added - (to - from + 1);
			k++;
			continue;
		}
		buf_printf(out, "%s\n", lines[line - 1]);
		if (k < nedits && edits[k]->rewrite_from == 0 &&
		    edits[k]->rewrite_to == (int)line) {
			added = 1;
			for (p = texts[k]; *p != '\0'; p++)
				added += *p == '\n';
			buf_printf(diff, "@@ -%zu,0 +%zu,%d @@\n", line,
			    line + (size_t)shift + 1, added);
			add_lines(out, texts[k], eol);
			for (p = texts[k]; p != NULL;
			    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
				buf_printf(diff, "+%.*s%s", (int)strcspn(p, "\n"),
				    p, eol);
			shift += added;
			k++;
		}
	}
}

/*
 * Rewrite the failing expectations of a reported file (those with a
 * rewrite text), or with diff_only print the change as a unified diff.
 * Returns the number of expectations changed, or -1 with *cause.
 */
int
rewrite_file(const struct file_report *fr, int diff_only, char **cause)
{
	struct test_report	**edits = NULL;
	struct buf		  out, diff;
	char			 *text, **lines, **texts;
	size_t			  len, n, nedits = 0, i;
	int			  rc;

	for (i = 0; i < fr->ntests; i++) {
		if (fr->tests[i].rewrite != NULL &&
		    strcmp(fr->tests[i].path, fr->path) == 0) {
			edits = xreallocarray(edits, nedits + 1, sizeof *edits);
			edits[nedits++] = &fr->tests[i];
		}
	}
	if (nedits == 0)
		return 0;
	sort_array(edits, nedits, sizeof *edits, cmp_edit);
	text = read_whole_file(fr->path, &len, cause);
	if (text == NULL) {
		free(edits);
		return -1;
	}
	lines = split_lines(text, len, &n);
	texts = xcalloc(nedits, sizeof *texts);
	for (i = 0; i < nedits; i++)
		texts[i] = resolve_kept(edits[i]->rewrite, lines, n);
	buf_init(&out);
	buf_init(&diff);
	buf_printf(&diff, "--- %s\n+++ %s\n", fr->path, fr->path);
	apply_edits(lines, n, edits, texts, nedits, &out, &diff);
	rc = (int)nedits;
	if (diff_only) {
		fputs(diff.data, stdout);
		fflush(stdout);
	} else if (replace_file(fr->path, out.data, out.len, cause) != 0)
		rc = -1;
	buf_free(&out);
	buf_free(&diff);
	for (i = 0; i < nedits; i++)
		free(texts[i]);
	free(texts);
	free(lines);
	free(text);
	free(edits);
	return rc;
}

/*
 * After the file's report: with --rewrite, write (or with --diff print)
 * its new expectations, and say how many were rewritten.
 */
void
rewrite_reported(const struct file_report *fr, const struct options *o)
{
	char	*cause = NULL;
	int	 n;

	if (!o->rewrite)
		return;
	n = rewrite_file(fr, o->rewrite_diff, &cause);
	if (n < 0) {
		log_warnx("%s", cause);
		free(cause);
	} else if (n > 0 && !o->rewrite_diff)
		log_warnx("%s: rewrote %d expectation%s", fr->path, n,
		    n == 1 ? "" : "s");
}
