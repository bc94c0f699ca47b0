/*
 * psql-print-aligned.c: psql's aligned format under \pset border 0, 1
 * or 2 and \pset linestyle ascii, old-ascii or unicode (single lines):
 * the title centred over the table, headers centred, the rules, cells
 * aligned by display width, the marks of multi-line cells and headers
 * ("+" at the right in ascii, ":" and ";" dividers and "+" at the left
 * of header lines in old-ascii, "↵" in unicode), the footers and a blank
 * line, as psql 15's print_aligned_text writes them; the wrapped format
 * with \pset columns narrows columns and wraps their values as psql
 * does ("." marks in ascii, "…" in unicode).
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

#define H	"\342\224\200"	/* U+2500 horizontal */
#define V	"\342\224\202"	/* U+2502 vertical */
#define NL	"\342\206\265"	/* U+21B5 carriage return arrow */
#define ELLIPSIS "\342\200\246"	/* U+2026 horizontal ellipsis */

static const struct psql_text_format formats[] = {
	[PSQL_LINE_ASCII] = {
		{ { "-", "+", "+", "+" }, { "-", "+", "+", "+" },
		  { "-", "+", "+", "+" }, { "", "|", "|", "|" } },
		"|", "|", "|", " ", "+", " ", "+", 1, ".", "."
	},
	[PSQL_LINE_OLD_ASCII] = {
		{ { "-", "+", "+", "+" }, { "-", "+", "+", "+" },
		  { "-", "+", "+", "+" }, { "", "|", "|", "|" } },
		":", ";", " ", "+", " ", " ", " ", 0, " ", " "
	},
	[PSQL_LINE_UNICODE] = {	/* U+2500 box drawing, U+21B5 for newlines */
		{ { H, "\342\224\214", "\342\224\254", "\342\224\220" },
		  { H, "\342\224\234", "\342\224\274", "\342\224\244" },
		  { H, "\342\224\224", "\342\224\264", "\342\224\230" },
		  { "", V, V, V } },
		V, V, V, " ", NL, " ", NL, 1, ELLIPSIS, ELLIPSIS
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
	int			 enc;
	int			 wrapped;	/* \pset format wrapped with
						 * \pset columns */
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

/* What each column's value shows on the next display line (psql). */
enum wrap_mark { WRAP_NONE, WRAP_WRAP, WRAP_NEWLINE };

/*
 * How many bytes of s fit in *w display columns, at least one character
 * (psql's strlen_max_width); *w becomes their width.
 */
size_t
psql_fit_bytes(const char *s, int *w, int enc)
{
	size_t	n = 0, len = strlen(s);
	int	cur = 0, cw;

	while (n < len) {
		cw = PQdsplen(s + n, enc);
		if (cur + cw > *w && cur != 0)
			break;
		cur += cw;
		n += (size_t)PQmblen(s + n, enc);
		if (n > len)
			n = len;
	}
	*w = cur;
	return n;
}

/* The marks left of column j's next piece of a wrapped row. */
static void
print_left_mark(const struct aligned *a, enum wrap_mark m)
{
	if (a->border == 0)
		return;
	fputs(m == WRAP_WRAP ? a->fmt->wrap_left : m == WRAP_NEWLINE ?
	    a->fmt->nl_left : " ", a->f);
}

/*
 * One piece of column j's value on a display line of a wrapped row:
 * what fits in its width from where the line before stopped; advances
 * cur and bytes, sets *more when some is left.  Returns its width.
 */
static int
print_piece(const struct aligned *a, const struct psql_cell_lines *c,
    int j, size_t *cur, size_t *bytes, int *more)
{
	const char	*p;
	int		 chars = a->width[j];
	size_t		 nb;

	if (*cur >= c->nlines) {
		if (a->border == 2 || j < a->ncols - 1)
			pad(a->f, chars);
		return chars;
	}
	p = c->line[*cur] + *bytes;
	nb = psql_fit_bytes(p, &chars, a->enc);
	if (chars > a->width[j])
		chars = a->width[j];
	if (a->aligns[j] == 'r')
		pad(a->f, a->width[j] - chars);
	fwrite(p, 1, nb, a->f);
	*bytes += nb;
	if (c->line[*cur][*bytes] != '\0')
		*more = 1;
	else {
		(*cur)++;
		*bytes = 0;
		if (*cur < c->nlines)
			*more = 1;
	}
	return chars;
}

/*
 * One row of the wrapped format (\pset columns): values longer than
 * their column go on over more display lines, with psql's wrap marks
 * (print_aligned_text's loop).
 */
static void
print_row_wrapped(const struct aligned *a, struct psql_cell_lines *cl)
{
	size_t		*cur = xcalloc((size_t)a->ncols + 1, sizeof *cur);
	size_t		*bytes = xcalloc((size_t)a->ncols + 1, sizeof *bytes);
	enum wrap_mark	*wrap = xcalloc((size_t)a->ncols + 1, sizeof *wrap);
	int		 j, more, chars, final;

	do {
		more = 0;
		if (a->border == 2)
			fputs(a->fmt->rule[PSQL_RULE_DATA].left, a->f);
		for (j = 0; j < a->ncols; j++) {
			final = a->border == 2 || j < a->ncols - 1;
			print_left_mark(a, wrap[j]);
			chars = print_piece(a, &cl[j], j, &cur[j], &bytes[j],
			    &more);
			wrap[j] = WRAP_NONE;
			if (cur[j] < cl[j].nlines)
				wrap[j] = bytes[j] != 0 ? WRAP_WRAP : cur[j] != 0 ?
				    WRAP_NEWLINE : WRAP_NONE;
			if (a->aligns[j] != 'r' && (final || wrap[j] != WRAP_NONE))
				pad(a->f, a->width[j] - chars);
			if (wrap[j] == WRAP_WRAP)
				fputs(a->fmt->wrap_right, a->f);
			else if (wrap[j] == WRAP_NEWLINE)
				fputs(a->fmt->nl_right, a->f);
			else if (final)
				fputc(' ', a->f);
			if (a->border == 0 || j >= a->ncols - 1)
				continue;
			if (wrap[j + 1] == WRAP_WRAP)
				fputs(a->fmt->midvrule_wrap, a->f);
			else if (wrap[j + 1] == WRAP_NEWLINE)
				fputs(a->fmt->midvrule_nl, a->f);
			else if (cur[j + 1] >= cl[j + 1].nlines)
				fputs(a->fmt->midvrule_blank, a->f);
			else
				fputs(a->fmt->rule[PSQL_RULE_DATA].mid, a->f);
		}
		if (a->border == 2)
			fputs(a->fmt->rule[PSQL_RULE_DATA].right, a->f);
		fputc('\n', a->f);
	} while (more);
	free(cur);
	free(bytes);
	free(wrap);
}

/* The widest line of a header or cell. */
static int
widest_line(const struct psql_cell_lines *c)
{
	size_t	k;
	int	w = 0;

	for (k = 0; k < c->nlines; k++)
		if (c->width[k] > w)
			w = c->width[k];
	return w;
}

/*
 * The wrapped format's column widths for \pset columns (psql's
 * print_aligned_text): while the table is wider, the column whose width
 * is the highest over its average (wide ones a little more) loses one,
 * never below its header; nothing when the headers alone do not fit.
 */
static void
shrink_columns(const struct psql *ps, const struct psql_table *t,
    const struct psql_cell_lines *hl, const struct psql_cell_lines *cl,
    int border, int *width)
{
	int	*hw = xcalloc((size_t)t->ncols + 1, sizeof *hw);
	int	*max = xcalloc((size_t)t->ncols + 1, sizeof *max);
	long	*avg = xcalloc((size_t)t->ncols + 1, sizeof *avg);
	long	 total, header_total;
	double	 ratio, best;
	size_t	 i;
	int	 j, worst;

	total = border == 0 ? t->ncols : border == 1 ? t->ncols * 3 -
	    (t->ncols > 0) : t->ncols * 3 + 1;
	header_total = total;
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		avg[i % (size_t)t->ncols] += widest_line(&cl[i]);
	for (j = 0; j < t->ncols; j++) {
		hw[j] = widest_line(&hl[j]);
		max[j] = width[j];
		if (t->nrows > 0)
			avg[j] /= (long)t->nrows;
		total += width[j];
		header_total += hw[j];
	}
	while (ps->popt.columns >= header_total && total > ps->popt.columns) {
		best = 0;
		worst = -1;
		for (j = 0; j < t->ncols; j++) {
			if (avg[j] == 0 || width[j] <= hw[j])
				continue;
			ratio = (double)width[j] / (double)avg[j] +
			    max[j] * 0.01;
			if (ratio > best) {
				best = ratio;
				worst = j;
			}
		}
		if (worst < 0)
			break;
		width[worst]--;
		total--;
	}
	free(hw);
	free(max);
	free(avg);
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

/* A table's headers and cells broken into lines, and its column widths. */
struct formatted {
	struct psql_cell_lines	*hl, *cl;
	int			*width;
	size_t			 ncells;
	int			 ncols;
};

/*
 * Every header and cell of t broken into lines, and the column widths,
 * into f; the caller frees them with formatted_free().
 */
static void
format_cells(struct psql *ps, const struct psql_table *t,
    struct formatted *f)
{
	struct psql_cell_lines	*hl, *cl;
	size_t			 i, k, n = t->nrows * (size_t)t->ncols;
	const char		*v;
	int			 j, enc = psql_encoding(ps), *width;

	f->ncells = n;
	f->ncols = t->ncols;
	f->width = width = xcalloc((size_t)t->ncols + 1, sizeof *width);
	f->hl = hl = xcalloc((size_t)t->ncols + 1, sizeof *hl);
	f->cl = cl = xcalloc(n + 1, sizeof *cl);
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

/* Free what format_cells() put in f. */
static void
formatted_free(struct formatted *f)
{
	size_t	i;
	int	j;

	for (j = 0; j < f->ncols; j++)
		psql_cell_lines_free(&f->hl[j]);
	for (i = 0; i < f->ncells; i++)
		psql_cell_lines_free(&f->cl[i]);
	free(f->hl);
	free(f->cl);
	free(f->width);
}

/*
 * Whether \x auto prints t expanded (psql's print_aligned_text): with
 * \pset columns set, a table of more than one column whose headers, or
 * whole width (in the wrapped format once narrowed), are wider.
 */
int
psql_auto_expanded(struct psql *ps, const struct psql_table *t)
{
	struct formatted	 f;
	long			 total, header_total;
	int			 j, border, wide;

	if (ps->popt.expanded != 2 || ps->popt.columns <= 0 || t->ncols <= 1 ||
	    t->not_expanded)
		return 0;
	format_cells(ps, t, &f);
	border = ps->popt.border < 0 || ps->popt.border > 2 ? 2 :
	    ps->popt.border;
	if (ps->popt.format == PSQL_FMT_WRAPPED)
		shrink_columns(ps, t, f.hl, f.cl, border, f.width);
	total = border == 0 ? t->ncols : border == 1 ? t->ncols * 3 - 1 :
	    t->ncols * 3 + 1;
	header_total = total;
	for (j = 0; j < t->ncols; j++) {
		total += f.width[j];
		header_total += widest_line(&f.hl[j]);
	}
	wide = ps->popt.columns < header_total || ps->popt.columns < total;
	formatted_free(&f);
	return wide;
}

/* Print t in the aligned format; title as psql's print_aligned_text. */
void
psql_print_aligned(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	struct formatted	 f;
	struct aligned		 a;
	size_t			 i;

	format_cells(ps, t, &f);
	a.f = psql_qfout(ps);
	a.fmt = psql_line_format(ps);
	a.border = ps->popt.border < 0 || ps->popt.border > 2 ? 2 :
	    ps->popt.border;
	a.ncols = t->ncols;
	a.width = f.width;
	a.aligns = t->aligns;
	a.enc = psql_encoding(ps);
	a.wrapped = ps->popt.format == PSQL_FMT_WRAPPED && ps->popt.columns > 0;
	if (a.wrapped)
		shrink_columns(ps, t, f.hl, f.cl, a.border, f.width);
	if (!t->more_before)
		print_title(ps, &a, title);
	if (!t->more_before && !ps->popt.tuples_only) {
		if (a.border == 2)
			print_rule(&a, PSQL_RULE_TOP);
		print_header(&a, f.hl);
		print_rule(&a, PSQL_RULE_MIDDLE);
	}
	for (i = 0; i < t->nrows; i++) {
		if (a.wrapped)
			print_row_wrapped(&a, f.cl + i * (size_t)t->ncols);
		else
			print_row(&a, f.cl + i * (size_t)t->ncols);
	}
	if (!t->more_after) {
		if (a.border == 2)
			print_rule(&a, PSQL_RULE_BOTTOM);
		print_footers(ps, t);
		fputc('\n', a.f);
	}
	formatted_free(&f);
}
