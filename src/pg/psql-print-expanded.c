/*
 * psql-print-expanded.c: psql's expanded aligned format (\x), one
 * record per row and a field per line, under \pset border 0, 1 or 2 and
 * \pset linestyle ascii, old-ascii or unicode, as psql 15's
 * print_aligned_vertical writes it: the record lines ("-[ RECORD N ]",
 * "* Record N" with border 0), headers and values with their newline
 * marks, the data column widened to the record line, the bottom rule of
 * border 2, the title above and a blank line after; the wrapped format
 * with \pset columns narrows the values to it as psql does.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* What one table's printing needs. */
struct expanded {
	FILE			*f;
	const struct psql_text_format *fmt;
	int			 old;		/* old-ascii */
	int			 border;
	int			 hwidth, dwidth;
	int			 hmulti, dmulti; /* some header, value has lines */
	int			 wrapped;	/* \pset format wrapped with
						 * \pset columns */
	int			 enc;
};

static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* Write s n times. */
static void
repeat(FILE *f, const char *s, int n)
{
	while (n-- > 0)
		fputs(s, f);
}

/* A record line (psql's print_aligned_vertical_line); record 0: none. */
static void
print_vline(const struct expanded *e, size_t record, int hwidth, int pos)
{
	const struct psql_line_rule *r = &e->fmt->rule[pos];
	const char	*fill = e->border > 0 ? r->hrule : " ";
	int		 reclen = 0;

	if (e->border == 2)
		fprintf(e->f, "%s%s", r->left, r->hrule);
	else if (e->border == 1)
		fputs(r->hrule, e->f);
	if (record > 0)
		reclen = fprintf(e->f, e->border == 0 ? "* Record %zu" :
		    "[ RECORD %zu ]", record);
	if (e->border != 2)
		reclen++;
	repeat(e->f, fill, hwidth - reclen);
	reclen -= hwidth;
	if (e->border > 0) {
		if (reclen-- <= 0)
			fputs(r->hrule, e->f);
		if (reclen-- <= 0)
			fputs(r->mid, e->f);
		if (reclen-- <= 0)
			fputs(r->hrule, e->f);
	} else if (reclen-- <= 0)
		fputc(' ', e->f);
	repeat(e->f, fill, e->dwidth - (reclen < 0 ? 0 : reclen));
	if (e->border == 2)
		fprintf(e->f, "%s%s", r->hrule, r->right);
	fputc('\n', e->f);
}

/* Line k of the header h (or the blank in its place when it is done). */
static void
print_header_line(const struct expanded *e, const struct psql_cell_lines *h,
    size_t k)
{
	int	w;

	if (k >= h->nlines) {
		w = e->hwidth + e->border;
		if (e->border < 2 && e->hmulti && e->old)
			w++;
		if (e->border == 0 && !e->old && e->hmulti)
			w++;
		pad(e->f, w > 0 ? w : 1);
		return;
	}
	if (e->border == 2 || (e->hmulti && e->old))
		fputs(k > 0 ? e->fmt->header_nl_left : " ", e->f);
	fputs(h->line[k], e->f);
	pad(e->f, e->hwidth - h->width[k]);
	if (e->border > 0 || (e->hmulti && !e->old))
		fputs(k + 1 < h->nlines ? e->fmt->header_nl_right : " ", e->f);
}

/* Line k of the value v, its mark and the right border. */
static void
print_value_line(const struct expanded *e, const struct psql_cell_lines *v,
    size_t k)
{
	int	marks = e->border > 1 || (e->dmulti && !e->old);

	if (k >= v->nlines) {
		if (e->border < 2)
			fputc('\n', e->f);
		else
			fprintf(e->f, "%*s  %s\n", e->dwidth, "",
			    e->fmt->rule[PSQL_RULE_DATA].right);
		return;
	}
	fputc(' ', e->f);
	fputs(v->line[k], e->f);
	if (k + 1 < v->nlines && marks) {
		pad(e->f, e->dwidth - v->width[k]);
		fputs(e->fmt->nl_right, e->f);
	} else if (k + 1 >= v->nlines && e->border > 1) {
		pad(e->f, e->dwidth - v->width[k]);
		fputc(' ', e->f);
	}
	if (e->border == 2)
		fputs(e->fmt->rule[PSQL_RULE_DATA].right, e->f);
	fputc('\n', e->f);
}

/*
 * The divider before line k of the value: psql's follows the line it
 * printed last, "wrapped" past the end of a value whose last line is
 * not empty.
 */
static const char *
divider(const struct expanded *e, const struct psql_cell_lines *v, size_t k)
{
	size_t	last = v->nlines - 1;

	if (k > last && *v->line[last] != '\0')
		return e->fmt->midvrule_wrap;
	if ((k < last ? k : last) == 0)
		return e->fmt->rule[PSQL_RULE_DATA].mid;
	return e->fmt->midvrule_nl;
}

/*
 * One field of the wrapped format: values cut at the data width, with
 * psql's wrap marks (print_aligned_vertical's loop over header and
 * value lines, offset the bytes of the value's line already printed).
 */
static void
print_field_wrapped(const struct expanded *e,
    const struct psql_cell_lines *h, const struct psql_cell_lines *v)
{
	const struct psql_line_rule *data = &e->fmt->rule[PSQL_RULE_DATA];
	int	marks = e->border > 1 || (e->dmulti && !e->old);
	int	hdone = 0, ddone = 0, chars = v->width[0], w;
	size_t	hline = 0, dline = 0, offset = 0, nb;

	while (!ddone || !hdone) {
		if (e->border == 2)
			fputs(data->left, e->f);
		print_header_line(e, h, hdone ? h->nlines : hline);
		if (!hdone && ++hline >= h->nlines)
			hdone = 1;
		if (e->border > 0)
			fputs(offset ? e->fmt->midvrule_wrap : dline == 0 ?
			    data->mid : e->fmt->midvrule_nl, e->f);
		if (ddone) {
			if (e->border < 2)
				fputc('\n', e->f);
			else
				fprintf(e->f, "%*s  %s\n", e->dwidth, "",
				    data->right);
			continue;
		}
		fputs(offset == 0 ? " " : e->fmt->wrap_left, e->f);
		w = e->dwidth;
		nb = psql_fit_bytes(v->line[dline] + offset, &w, e->enc);
		fwrite(v->line[dline] + offset, 1, nb, e->f);
		chars -= w;
		offset += nb;
		if (chars != 0) {
			if (marks) {
				pad(e->f, e->dwidth - w);
				fputs(e->fmt->wrap_right, e->f);
			}
		} else if (dline + 1 < v->nlines) {
			if (marks) {
				pad(e->f, e->dwidth - w);
				fputs(e->fmt->nl_right, e->f);
			}
			dline++;
			offset = 0;
			chars = v->width[dline];
		} else {
			if (e->border > 1) {
				pad(e->f, e->dwidth - w);
				fputc(' ', e->f);
			}
			ddone = 1;
		}
		if (e->border == 2)
			fputs(data->right, e->f);
		fputc('\n', e->f);
	}
}

/* One field: header and value side by side, line by line. */
static void
print_field(const struct expanded *e, const struct psql_cell_lines *h,
    const struct psql_cell_lines *v)
{
	size_t	k, most = h->nlines > v->nlines ? h->nlines : v->nlines;

	for (k = 0; k < most; k++) {
		if (e->border == 2)
			fputs(e->fmt->rule[PSQL_RULE_DATA].left, e->f);
		print_header_line(e, h, k);
		if (e->border > 0)
			fputs(divider(e, v, k), e->f);
		print_value_line(e, v, k);
	}
}

/* The widest line of n formatted cells; *multi set if one has lines. */
static int
widest(const struct psql_cell_lines *cl, size_t n, int *multi)
{
	size_t	i, k;
	int	w = 0;

	for (i = 0; i < n; i++) {
		if (cl[i].nlines > 1)
			*multi = 1;
		for (k = 0; k < cl[i].nlines; k++)
			if (cl[i].width[k] > w)
				w = cl[i].width[k];
	}
	return w;
}

/*
 * psql widens the data column so that the record lines fit: its width
 * of "-[ RECORD N ]" for the last N, less the header column and the
 * separators.
 */
static void
widen_for_records(struct expanded *e, size_t nrows, int tuples_only)
{
	int	sep, rwidth = 0, n;

	if (tuples_only)
		return;
	sep = e->border == 0 ? 1 + e->hmulti : e->border == 1 ? 3 +
	    (e->hmulti && e->old) : 7;
	if (e->dmulti && e->border < 2 && !e->old)
		sep++;
	/* psql: 1 + log10(rows) digits, none for a batch without rows */
	for (n = nrows > 0; nrows >= 10; nrows /= 10)
		n++;
	rwidth = n + (e->border == 0 ? 9 : e->border == 1 ? 12 : 15);
	if (e->hwidth + sep + e->dwidth < rwidth)
		e->dwidth = rwidth - e->hwidth - sep;
}

/*
 * The wrapped format's data width for \pset columns (psql's
 * print_aligned_vertical): what the record lines and the values need
 * when that fits, else the columns left (at least 3), a column kept
 * for the wrap marks.
 */
static void
wrap_data_width(struct expanded *e, size_t nrows, int tuples_only,
    int columns)
{
	int	swidth, rwidth = 0, width, least, newd;

	swidth = e->border == 0 ? 1 + e->hmulti : e->border == 1 ? 3 +
	    (e->hmulti && e->old) : 7;
	if (e->dmulti && e->border < 2 && !e->old)
		swidth++;
	if (!tuples_only) {
		for (rwidth = nrows > 0; nrows >= 10; nrows /= 10)
			rwidth++;
		rwidth += e->border == 0 ? 9 : e->border == 1 ? 12 : 15;
	}
	for (;;) {
		width = e->hwidth + swidth + e->dwidth;
		if (width < rwidth)
			width = rwidth;
		least = e->hwidth + swidth + 3;
		if (least < rwidth)
			least = rwidth;
		newd = columns >= width ? width : columns < least ? least :
		    columns;
		newd -= e->hwidth + swidth;
		if (newd < e->dwidth && !e->dmulti && e->border < 2 &&
		    !e->old) {
			e->dmulti = 1;
			swidth++;
		} else
			break;
	}
	e->dwidth = newd;
}

/* The records of t (nothing but the footer when it has none). */
static void
print_records(struct psql *ps, struct expanded *e, const struct psql_table *t,
    const struct psql_cell_lines *hl, const struct psql_cell_lines *cl)
{
	size_t	i;
	int	j, lhwidth = e->hwidth;

	if (e->border < 2 && e->hmulti && e->old)
		lhwidth++;
	for (i = 0; i < t->nrows; i++) {
		if (!ps->popt.tuples_only)
			print_vline(e, t->prior + i + 1, lhwidth, i == 0 ?
			    PSQL_RULE_TOP : PSQL_RULE_MIDDLE);
		else if (i != 0 || t->more_before || e->border == 2)
			print_vline(e, 0, lhwidth, i == 0 ? PSQL_RULE_TOP :
			    PSQL_RULE_MIDDLE);
		for (j = 0; j < t->ncols; j++) {
			if (e->wrapped)
				print_field_wrapped(e, &hl[j],
				    &cl[i * (size_t)t->ncols + (size_t)j]);
			else
				print_field(e, &hl[j], &cl[i * (size_t)t->ncols +
				    (size_t)j]);
		}
	}
	if (e->border == 2 && !t->more_after)
		print_vline(e, 0, e->hwidth, PSQL_RULE_BOTTOM);
}

/*
 * The footers, or "(0 rows)" for a table without records (not for the
 * last, empty batch of FETCH_COUNT).
 */
static void
print_footers(struct psql *ps, const struct psql_table *t, int border)
{
	size_t	i;

	if (ps->popt.tuples_only)
		return;
	if ((t->nrows == 0 && !t->more_before) || t->ncols == 0) {
		for (i = 0; i < t->nfooters; i++)
			fprintf(psql_qfout(ps), "%s\n", t->footers[i]);
		if (t->footers == NULL && ps->popt.footer)
			fprintf(psql_qfout(ps), "(%zu row%s)\n", t->nrows,
			    t->nrows == 1 ? "" : "s");
		return;
	}
	if (t->nfooters > 0 && border < 2)
		fputc('\n', psql_qfout(ps));
	for (i = 0; i < t->nfooters; i++)
		fprintf(psql_qfout(ps), "%s\n", t->footers[i]);
}

/* Print t in the expanded aligned format, under title (or none). */
void
psql_print_expanded(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	struct psql_cell_lines	*hl, *cl;
	struct expanded		 e;
	size_t			 i, n = t->nrows * (size_t)t->ncols;

	memset(&e, 0, sizeof e);
	e.f = psql_qfout(ps);
	e.fmt = psql_line_format(ps);
	e.old = ps->popt.linestyle == PSQL_LINE_OLD_ASCII;
	e.border = ps->popt.border < 0 || ps->popt.border > 2 ? 2 :
	    ps->popt.border;
	e.wrapped = ps->popt.format == PSQL_FMT_WRAPPED && ps->popt.columns > 0;
	e.enc = psql_encoding(ps);
	hl = xcalloc((size_t)t->ncols + 1, sizeof *hl);
	cl = xcalloc(n + 1, sizeof *cl);
	for (i = 0; i < (size_t)t->ncols; i++)
		psql_cell_format(t->headers[i], psql_encoding(ps), &hl[i]);
	for (i = 0; i < n; i++)
		psql_cell_format(t->cells[i] != NULL ? t->cells[i] :
		    ps->popt.null, psql_encoding(ps), &cl[i]);
	/*
	 * FETCH_COUNT's batches are tables of their own (widths, the record
	 * line's), numbered on; only the first has the title, only the last
	 * the bottom rule, the footers and the blank line (psql's
	 * start_table and stop_table)
	 */
	if (n > 0 || t->more_before || t->more_after) {
		if (title != NULL && *title != '\0' &&
		    !ps->popt.tuples_only && !t->more_before)
			fprintf(e.f, "%s\n", title);
		e.hwidth = widest(hl, (size_t)t->ncols, &e.hmulti);
		e.dwidth = widest(cl, n, &e.dmulti);
		if (e.wrapped)
			wrap_data_width(&e, t->nrows, ps->popt.tuples_only,
			    ps->popt.columns);
		else
			widen_for_records(&e, t->nrows, ps->popt.tuples_only);
		print_records(ps, &e, t, hl, cl);
	}
	if (!t->more_after) {
		print_footers(ps, t, e.border);
		fputc('\n', e.f);
	}
	for (i = 0; i < (size_t)t->ncols; i++)
		psql_cell_lines_free(&hl[i]);
	for (i = 0; i < n; i++)
		psql_cell_lines_free(&cl[i]);
	free(hl);
	free(cl);
}
