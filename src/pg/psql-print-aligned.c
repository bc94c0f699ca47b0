/*
 * psql-print-aligned.c: psql's aligned format under \pset border 0, 1
 * or 2 and \pset linestyle ascii, old-ascii or unicode (single lines):
 * the title centred over the table, headers centred, the rules, cells
 * aligned by display width, the marks of multi-line cells and headers
 * ("+" at the right in ascii, ":" and ";" dividers and "+" at the left
 * of header lines in old-ascii, "↵" in unicode), the footers and a blank
 * line, as psql 15's print_aligned_text writes them.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

#define H	"\342\224\200"	/* U+2500 horizontal */
#define V	"\342\224\202"	/* U+2502 vertical */
#define NL	"\342\206\265"	/* U+21B5 carriage return arrow */

static const struct psql_text_format formats[] = {
	[PSQL_LINE_ASCII] = {
		{ { "-", "+", "+", "+" }, { "-", "+", "+", "+" },
		  { "-", "+", "+", "+" }, { "", "|", "|", "|" } },
		"|", "|", "|", " ", "+", " ", "+", 1
	},
	[PSQL_LINE_OLD_ASCII] = {
		{ { "-", "+", "+", "+" }, { "-", "+", "+", "+" },
		  { "-", "+", "+", "+" }, { "", "|", "|", "|" } },
		":", ";", " ", "+", " ", " ", " ", 0
	},
	[PSQL_LINE_UNICODE] = {	/* U+2500 box drawing, U+21B5 for newlines */
		{ { H, "\342\224\214", "\342\224\254", "\342\224\220" },
		  { H, "\342\224\234", "\342\224\274", "\342\224\244" },
		  { H, "\342\224\224", "\342\224\264", "\342\224\230" },
		  { "", V, V, V } },
		V, V, V, " ", NL, " ", NL, 1
	},
};

/*
 * Box drawing characters for \pset unicode_*_linestyle, [0] single and
 * [1] double; two-index tables are [this line][the line it meets].
 */
static const char *const horizontal[2] = { H, "\342\225\220" };
static const char *const vertical[2] = { V, "\342\225\221" };
static const char *const down_and_right[2] = { "\342\224\214",
    "\342\225\224" };
static const char *const down_and_left[2] = { "\342\224\220",
    "\342\225\227" };
static const char *const up_and_right[2] = { "\342\224\224",
    "\342\225\232" };
static const char *const up_and_left[2] = { "\342\224\230",
    "\342\225\235" };
/* [the header rule][the border] */
static const char *const vertical_and_right[2][2] = {
	{ "\342\224\234", "\342\225\237" },
	{ "\342\225\236", "\342\225\240" } };
static const char *const vertical_and_left[2][2] = {
	{ "\342\224\244", "\342\225\242" },
	{ "\342\225\241", "\342\225\243" } };
/* [the column rule][the header rule or border it crosses] */
static const char *const vertical_and_horizontal[2][2] = {
	{ "\342\224\274", "\342\225\252" },
	{ "\342\225\253", "\342\225\254" } };
static const char *const down_and_horizontal[2][2] = {
	{ "\342\224\254", "\342\225\244" },
	{ "\342\225\245", "\342\225\246" } };
static const char *const up_and_horizontal[2][2] = {
	{ "\342\224\264", "\342\225\247" },
	{ "\342\225\250", "\342\225\251" } };

/*
 * The unicode line style with \pset unicode_border_linestyle (b),
 * unicode_column_linestyle (c) and unicode_header_linestyle (h), each 0
 * single or 1 double, into *f.
 */
static void
unicode_format(struct psql_text_format *f, int b, int c, int h)
{
	*f = formats[PSQL_LINE_UNICODE];
	f->rule[PSQL_RULE_TOP] = (struct psql_line_rule){ horizontal[b],
	    down_and_right[b], down_and_horizontal[c][b], down_and_left[b] };
	f->rule[PSQL_RULE_MIDDLE] = (struct psql_line_rule){ horizontal[h],
	    vertical_and_right[h][b], vertical_and_horizontal[c][h],
	    vertical_and_left[h][b] };
	f->rule[PSQL_RULE_BOTTOM] = (struct psql_line_rule){ horizontal[b],
	    up_and_right[b], up_and_horizontal[c][b], up_and_left[b] };
	f->rule[PSQL_RULE_DATA] = (struct psql_line_rule){ "", vertical[b],
	    vertical[c], vertical[b] };
	f->midvrule_nl = f->midvrule_wrap = f->midvrule_blank = vertical[c];
}

/*
 * The rules and marks of the session's line style (the unicode one is
 * made in ps->line_format, after its three \pset unicode_* settings;
 * psql_free() frees it).
 */
const struct psql_text_format *
psql_line_format(struct psql *ps)
{
	if (ps->popt.linestyle != PSQL_LINE_UNICODE)
		return &formats[ps->popt.linestyle];
	if (ps->line_format == NULL)
		ps->line_format = xmalloc(sizeof *ps->line_format);
	unicode_format(ps->line_format, ps->popt.unicode_border,
	    ps->popt.unicode_column, ps->popt.unicode_header);
	return ps->line_format;
}

/* What one table's printing needs. */
struct aligned {
	FILE			*f;
	const struct psql_text_format *fmt;
	int			 border;
	int			 ncols;
	const int		*width;
	const char		*aligns;
};

static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* A horizontal rule (psql's _print_horizontal_line). */
static void
print_rule(const struct aligned *a, int pos)
{
	const struct psql_line_rule	*r = &a->fmt->rule[pos];
	int			 j, i;

	if (a->border == 1)
		fputs(r->hrule, a->f);
	else if (a->border == 2)
		fprintf(a->f, "%s%s", r->left, r->hrule);
	for (j = 0; j < a->ncols; j++) {
		for (i = 0; i < a->width[j]; i++)
			fputs(r->hrule, a->f);
		if (j < a->ncols - 1) {
			if (a->border == 0)
				fputc(' ', a->f);
			else
				fprintf(a->f, "%s%s%s", r->hrule, r->mid,
				    r->hrule);
		}
	}
	if (a->border == 2)
		fprintf(a->f, "%s%s", r->hrule, r->right);
	else if (a->border == 1)
		fputs(r->hrule, a->f);
	fputc('\n', a->f);
}

/* The header lines, each column centred. */
static void
print_header(const struct aligned *a, struct psql_cell_lines *hl)
{
	const struct psql_text_format *fmt = a->fmt;
	size_t	k, most = 0;
	int	j, sp, done;

	for (j = 0; j < a->ncols; j++)
		if (hl[j].nlines > most)
			most = hl[j].nlines;
	for (k = 0; k < most; k++) {
		if (a->border == 2)
			fputs(fmt->rule[PSQL_RULE_DATA].left, a->f);
		for (j = 0; j < a->ncols; j++) {
			if (a->border != 0 || (!fmt->wrap_right_border && j > 0))
				fputs(k > 0 ? fmt->header_nl_left : " ", a->f);
			done = k >= hl[j].nlines;
			if (!done) {
				sp = a->width[j] - hl[j].width[k];
				pad(a->f, sp / 2);
				fputs(hl[j].line[k], a->f);
				pad(a->f, (sp + 1) / 2);
				done = k + 1 >= hl[j].nlines;
			} else
				pad(a->f, a->width[j]);
			if (a->border != 0 || fmt->wrap_right_border)
				fputs(!done ? fmt->header_nl_right : " ", a->f);
			if (a->border != 0 && j < a->ncols - 1)
				fputs(fmt->rule[PSQL_RULE_DATA].mid, a->f);
		}
		if (a->border == 2)
			fputs(fmt->rule[PSQL_RULE_DATA].right, a->f);
		fputc('\n', a->f);
	}
}

/* The divider after column j on display line k of a row. */
static void
print_divider(const struct aligned *a, struct psql_cell_lines *cl, int j,
    size_t k)
{
	if (a->border == 0 || j >= a->ncols - 1)
		return;
	if (k > 0 && k < cl[j + 1].nlines)
		fputs(a->fmt->midvrule_nl, a->f);
	else if (k >= cl[j + 1].nlines)
		fputs(a->fmt->midvrule_blank, a->f);
	else
		fputs(a->fmt->rule[PSQL_RULE_DATA].mid, a->f);
}

/* Display line k of column j of a row. */
static void
print_cell_line(const struct aligned *a, struct psql_cell_lines *c, int j,
    size_t k)
{
	int	last = j == a->ncols - 1;
	int	final = a->border == 2 || !last;
	int	more = k + 1 < c->nlines;

	if (a->border != 0)
		fputs(k > 0 && k < c->nlines ? a->fmt->nl_left : " ", a->f);
	if (k >= c->nlines) {
		if (final)
			pad(a->f, a->width[j]);
	} else if (a->aligns[j] == 'r') {
		pad(a->f, a->width[j] - c->width[k]);
		fputs(c->line[k], a->f);
	} else {
		fputs(c->line[k], a->f);
		if (final || more)
			pad(a->f, a->width[j] - c->width[k]);
	}
	if (more)
		fputs(a->fmt->nl_right, a->f);
	else if (final)
		fputc(' ', a->f);
}

/* One row of the table, display line by display line. */
static void
print_row(const struct aligned *a, struct psql_cell_lines *cl)
{
	size_t	k, most = 0;
	int	j;

	for (j = 0; j < a->ncols; j++)
		if (cl[j].nlines > most)
			most = cl[j].nlines;
	for (k = 0; k < most; k++) {
		if (a->border == 2)
			fputs(a->fmt->rule[PSQL_RULE_DATA].left, a->f);
		for (j = 0; j < a->ncols; j++) {
			print_cell_line(a, &cl[j], j, k);
			print_divider(a, cl, j, k);
		}
		if (a->border == 2)
			fputs(a->fmt->rule[PSQL_RULE_DATA].right, a->f);
		fputc('\n', a->f);
	}
}

/* The title, centred over the table when it is narrower. */
static void
print_title(struct psql *ps, const struct aligned *a, const char *title)
{
	int	total, j, w;

	if (title == NULL || title[0] == '\0' || ps->popt.tuples_only)
		return;
	total = a->border == 0 ? a->ncols : a->border == 1 ? a->ncols * 3 -
	    (a->ncols > 0) : a->ncols * 3 + 1;
	for (j = 0; j < a->ncols; j++)
		total += a->width[j];
	w = psql_text_width(title, strlen(title), psql_encoding(ps));
	if (w < total)
		pad(a->f, (total - w) / 2);
	fprintf(a->f, "%s\n", title);
}

static void
print_footers(struct psql *ps, const struct psql_table *t)
{
	size_t	i;

	if (ps->popt.tuples_only)
		return;
	for (i = 0; i < t->nfooters; i++)
		fprintf(psql_qfout(ps), "%s\n", t->footers[i]);
	if (t->footers != NULL || !ps->popt.footer)
		return;
	fprintf(psql_qfout(ps), "(%zu row%s)\n", t->prior + t->nrows,
	    t->prior + t->nrows == 1 ? "" : "s");
}

/* Every header and cell broken into lines, and the column widths. */
static void
format_cells(struct psql *ps, const struct psql_table *t,
    struct psql_cell_lines *hl, struct psql_cell_lines *cl, int *width)
{
	size_t		 i, k, n = t->nrows * (size_t)t->ncols;
	const char	*v;
	int		 j, enc = psql_encoding(ps);

	for (j = 0; j < t->ncols; j++) {
		psql_cell_format(t->headers[j], enc, &hl[j]);
		for (k = 0; k < hl[j].nlines; k++)
			if (hl[j].width[k] > width[j])
				width[j] = hl[j].width[k];
	}
	for (i = 0; i < n; i++) {
		v = t->cells[i] != NULL ? t->cells[i] : ps->popt.null;
		psql_cell_format(v, enc, &cl[i]);
		j = (int)(i % (size_t)t->ncols);
		for (k = 0; k < cl[i].nlines; k++)
			if (cl[i].width[k] > width[j])
				width[j] = cl[i].width[k];
	}
}

/* Print t in the aligned format; title as psql's print_aligned_text. */
void
psql_print_aligned(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	struct psql_cell_lines	*hl, *cl;
	struct aligned		 a;
	int			*width, j;
	size_t			 i, n = t->nrows * (size_t)t->ncols;

	width = xcalloc((size_t)t->ncols + 1, sizeof *width);
	hl = xcalloc((size_t)t->ncols + 1, sizeof *hl);
	cl = xcalloc(n + 1, sizeof *cl);
	format_cells(ps, t, hl, cl, width);
	a.f = psql_qfout(ps);
	a.fmt = psql_line_format(ps);
	a.border = ps->popt.border < 0 || ps->popt.border > 2 ? 2 :
	    ps->popt.border;
	a.ncols = t->ncols;
	a.width = width;
	a.aligns = t->aligns;
	if (!t->more_before)
		print_title(ps, &a, title);
	if (!t->more_before && !ps->popt.tuples_only) {
		if (a.border == 2)
			print_rule(&a, PSQL_RULE_TOP);
		print_header(&a, hl);
		print_rule(&a, PSQL_RULE_MIDDLE);
	}
	for (i = 0; i < t->nrows; i++)
		print_row(&a, cl + i * (size_t)t->ncols);
	if (!t->more_after) {
		if (a.border == 2)
			print_rule(&a, PSQL_RULE_BOTTOM);
		print_footers(ps, t);
		fputc('\n', a.f);
	}
	for (j = 0; j < t->ncols; j++)
		psql_cell_lines_free(&hl[j]);
	for (i = 0; i < n; i++)
		psql_cell_lines_free(&cl[i]);
	free(hl);
	free(cl);
	free(width);
}
