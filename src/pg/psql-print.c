/*
 * psql-print.c: tables as psql prints them.  Cells are broken into
 * display lines here (widths in the client encoding, as libpq measures
 * them for psql; control characters shown as psql shows them);
 * psql-print-aligned.c prints the aligned format with them.
 * Unaligned: fields joined by the field separator; unaligned expanded
 * (\x): "header|value" lines.
 * psql-print-expanded.c prints the aligned expanded format.  \pset
 * tuples_only, \pset null and \pset numericlocale (psql-print-locale.c)
 * apply to all.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Type OIDs psql right-aligns (column_type_alignment in print.c). */
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_OID		26
#define OID_XID		28
#define OID_CID		29
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_MONEY	790
#define OID_NUMERIC	1700
#define OID_XID8	5069

/* Where query results go: the \o file, else psql's standard output. */
FILE *
psql_qfout(const struct psql *ps)
{
	return ps->qout != NULL ? ps->qout : ps->out;
}

/* 'r' for the numeric types psql right-aligns, else 'l'. */
char
psql_type_align(Oid type)
{
	switch (type) {
	case OID_INT2: case OID_INT4: case OID_INT8: case OID_FLOAT4:
	case OID_FLOAT8: case OID_NUMERIC: case OID_OID: case OID_XID:
	case OID_XID8: case OID_CID: case OID_MONEY:
		return 'r';
	}
	return 'l';
}

/*
 * The client encoding psql formats with (its pset.encoding): the
 * connection's, UTF-8 without one.
 */
int
psql_encoding(const struct psql *ps)
{
	int	enc = ps->conn != NULL ? PQclientEncoding(ps->conn) : -1;

	return enc >= 0 ? enc : PSQL_ENCODING_UTF8;
}

/* A code point from the UTF-8 character of n bytes at s (n > 1). */
static unsigned int
utf8_code(const unsigned char *s, int n)
{
	unsigned int	c;
	int		i;

	c = *s & (0xff >> (n + 1));
	for (i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3f);
	return c;
}

/*
 * Format a cell as psql's pg_wcsformat does, character by character in
 * the client encoding (libpq's PQmblen and PQdsplen, the functions and
 * tables psql uses): lines split at newlines, tabs expanded to 8
 * columns, \r and other control characters written out; a character
 * cut short at the end is dropped.  Fills *cl; free with
 * psql_cell_lines_free().
 */
void
psql_cell_format(const char *s, int encoding, struct psql_cell_lines *cl)
{
	struct buf		 b;
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i, start;
	int			 n, w, lw = 0;
	size_t			 cap = 4;
	size_t			*offs;

	buf_init(&b);
	offs = xreallocarray(NULL, cap, sizeof *offs);
	cl->width = xreallocarray(NULL, cap, sizeof *cl->width);
	offs[0] = 0;
	cl->nlines = 1;
	while (len > 0) {
		n = PQmblen((const char *)p, encoding);
		if (n < 1)
			n = 1;
		if (len < (size_t)n)
			break;
		w = PQdsplen((const char *)p, encoding);
		if (n == 1 && *p == '\n') {
			buf_addc(&b, '\0');
			cl->width[cl->nlines - 1] = lw;
			lw = 0;
			if (cl->nlines == cap) {
				cap *= 2;
				offs = xreallocarray(offs, cap, sizeof *offs);
				cl->width = xreallocarray(cl->width, cap,
				    sizeof *cl->width);
			}
			offs[cl->nlines++] = b.len;
		} else if (n == 1 && *p == '\r') {
			buf_adds(&b, "\\r");
			lw += 2;
		} else if (n == 1 && *p == '\t') {
			do {
				buf_addc(&b, ' ');
				lw++;
			} while (lw % 8 != 0);
		} else if (w < 0 && n == 1) {
			buf_printf(&b, "\\x%02X", *p);
			lw += 4;
		} else if (w < 0) {
			if (encoding == PSQL_ENCODING_UTF8)
				buf_printf(&b, "\\u%04X", utf8_code(p, n));
			else
				buf_adds(&b, "\\u????");
			lw += 6;
		} else {
			buf_add(&b, (const char *)p, (size_t)n);
			lw += w;
		}
		p += n;
		len -= (size_t)n;
	}
	cl->width[cl->nlines - 1] = lw;
	cl->text = buf_detach(&b);
	cl->line = xreallocarray(NULL, cl->nlines, sizeof *cl->line);
	for (i = 0; i < cl->nlines; i++) {
		start = offs[i];
		cl->line[i] = cl->text + start;
	}
	free(offs);
}

void
psql_cell_lines_free(struct psql_cell_lines *cl)
{
	free(cl->text);
	free(cl->line);
	free(cl->width);
}

/* The display width of s (its widest line) in the client encoding. */
int
psql_text_width(const char *s, size_t n, int encoding)
{
	struct psql_cell_lines	 cl;
	char			*copy = xstrndup(s, n);
	int			 w = 0;
	size_t			 i;

	psql_cell_format(copy, encoding, &cl);
	for (i = 0; i < cl.nlines; i++)
		if (cl.width[i] > w)
			w = cl.width[i];
	psql_cell_lines_free(&cl);
	free(copy);
	return w;
}

/*
 * The footer lines under t into *fo, as psql 15 chooses them: none under
 * tuples only; else the table's own footers, or, when it has none and
 * with_default is set (not under \x), "(N rows)" unless \pset footer is
 * off.  fo->line points into t or fo.
 */
void
psql_footers_of(const struct psql *ps, const struct psql_table *t,
    int with_default, struct psql_footers *fo)
{
	size_t	n = t->prior + t->nrows;

	fo->line = NULL;
	fo->n = 0;
	if (ps->popt.tuples_only)
		return;
	if (t->footers != NULL) {
		fo->line = (const char *const *)t->footers;
		fo->n = t->nfooters;
	} else if (with_default && ps->popt.footer) {
		snprintf(fo->rows, sizeof fo->rows, "(%zu row%s)", n,
		    n == 1 ? "" : "s");
		fo->one = fo->rows;
		fo->line = &fo->one;
		fo->n = 1;
	}
}

/* The cell of t at row, col as printed: a NULL as \pset null says. */
const char *
psql_cell_text(const struct psql *ps, const struct psql_table *t,
    size_t row, int col)
{
	const char	*v = t->cells[row * (size_t)t->ncols + (size_t)col];

	return v != NULL ? v : ps->popt.null;
}

/* 1 if s holds only spaces and tabs (html and asciidoc mark such cells). */
int
psql_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* \pset fieldsep or recordsep: its string, or a zero byte (_zero). */
static void
put_sep(FILE *f, const char *sep, int zero)
{
	if (zero)
		fputc('\0', f);
	else
		fputs(sep, f);
}

/* The record separator. */
static void
put_rs(struct psql *ps, FILE *f)
{
	put_sep(f, ps->popt.recordsep, ps->popt.recordsep_zero);
}

/* The end of the last record: a new line, or a zero byte. */
static void
put_end(struct psql *ps, FILE *f)
{
	fputc(ps->popt.recordsep_zero ? '\0' : '\n', f);
}

/*
 * Unaligned: the title, the headers and each row, one record each, then
 * the footers; fields and records end in \pset fieldsep and recordsep,
 * the last record in a new line.
 */
static void
print_unaligned(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE			*f = psql_qfout(ps);
	struct psql_footers	 fo;
	int			 need_rs = 0, j;
	size_t			 i, n = t->nrows * (size_t)t->ncols;

	if (t->more_before)
		need_rs = 1;	/* the batch before left its last row open */
	else if (!ps->popt.tuples_only) {
		if (title != NULL && title[0] != '\0') {
			fputs(title, f);
			put_rs(ps, f);
		}
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				put_sep(f, ps->popt.fieldsep,
				    ps->popt.fieldsep_zero);
			fputs(t->headers[j], f);
		}
		need_rs = 1;
	}
	for (i = 0; i < n; i++) {
		if (need_rs) {
			put_rs(ps, f);
			need_rs = 0;
		}
		fputs(t->cells[i] != NULL ? t->cells[i] : ps->popt.null, f);
		if ((i + 1) % (size_t)t->ncols != 0)
			put_sep(f, ps->popt.fieldsep, ps->popt.fieldsep_zero);
		else
			need_rs = 1;
	}
	if (t->more_after)
		return;
	psql_footers_of(ps, t, 1, &fo);
	for (i = 0; i < fo.n; i++) {
		if (need_rs)
			put_rs(ps, f);
		fputs(fo.line[i], f);
		need_rs = 1;
	}
	if (need_rs)
		put_end(ps, f);
}

/*
 * Unaligned \x: the title, then "header|value" records, a field each,
 * two record separators between records, then the table's own footers
 * after a blank record; the last ends in a new line.
 */
static void
print_unaligned_expanded(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE			*f = psql_qfout(ps);
	struct psql_footers	 fo;
	int			 need_rs = 0, j;
	size_t			 i;

	if (t->more_before)
		need_rs = 1;
	else if (title != NULL && title[0] != '\0' && !ps->popt.tuples_only) {
		fputs(title, f);
		need_rs = 1;
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (need_rs)
				put_rs(ps, f);
			if (need_rs && j == 0)
				put_rs(ps, f);
			fputs(t->headers[j], f);
			put_sep(f, ps->popt.fieldsep, ps->popt.fieldsep_zero);
			fputs(psql_cell_text(ps, t, i, j), f);
			need_rs = 1;
		}
	}
	if (t->more_after)
		return;
	/* the table's own footers (\d's), after a record separator */
	psql_footers_of(ps, t, 0, &fo);
	if (fo.n > 0)
		put_rs(ps, f);
	for (i = 0; i < fo.n; i++) {
		put_rs(ps, f);
		fputs(fo.line[i], f);
	}
	if (need_rs)
		put_end(ps, f);
}

/* Whether t prints expanded: \x on, unless psql never expands it. */
int
psql_expanded(const struct psql *ps, const struct psql_table *t)
{
	return ps->popt.expanded == 1 && !t->not_expanded;
}

/* Print a table in the current \pset format. */
void
psql_print_table(struct psql *ps, const struct psql_table *t)
{
	const char	*title = t->title != NULL ? t->title : ps->popt.title;
	int		 x = psql_expanded(ps, t);

	switch (ps->popt.format) {
	case PSQL_FMT_CSV:
		psql_print_csv(ps, t);
		break;
	case PSQL_FMT_HTML:
		psql_print_html(ps, t, title);
		break;
	case PSQL_FMT_ASCIIDOC:
		psql_print_asciidoc(ps, t, title);
		break;
	case PSQL_FMT_LATEX:
		psql_print_latex(ps, t, title);
		break;
	case PSQL_FMT_LATEX_LONGTABLE:
		psql_print_latex_longtable(ps, t, title);
		break;
	case PSQL_FMT_TROFF:
		psql_print_troff(ps, t, title);
		break;
	case PSQL_FMT_UNALIGNED:
		if (x)
			print_unaligned_expanded(ps, t, title);
		else
			print_unaligned(ps, t, title);
		break;
	case PSQL_FMT_ALIGNED:
	case PSQL_FMT_WRAPPED:
		if (x || (ps->popt.expanded == 2 && t->paged) ||
		    psql_auto_expanded(ps, t))
			psql_print_expanded(ps, t, title);
		else
			psql_print_aligned(ps, t, title);
		break;
	}
}

/* Print a query's rows as psql does. */
void
psql_print_result(struct psql *ps, const PGresult *res)
{
	psql_print_titled(ps, res, NULL, 0);
}

/*
 * Print res under title with footers (NULL: psql's "(N rows)"); with
 * null_empty, NULLs as empty cells whatever \pset null says.
 */
static void
print_res(struct psql *ps, const PGresult *res, const char *title,
    int null_empty, char **footers, size_t nfooters,
    const struct psql_table *batch)
{
	struct psql_table	 t;
	size_t			 i;
	int			 j;

	memset(&t, 0, sizeof t);
	if (batch != NULL) {
		t.more_before = batch->more_before;
		t.more_after = batch->more_after;
		t.prior = batch->prior;
		t.paged = batch->paged;
	}
	t.ncols = PQnfields(res);
	t.nrows = (size_t)PQntuples(res);
	t.headers = xcalloc((size_t)t.ncols + 1, sizeof *t.headers);
	t.aligns = xcalloc((size_t)t.ncols + 1, 1);
	t.cells = xcalloc(t.nrows * (size_t)t.ncols + 1, sizeof *t.cells);
	for (j = 0; j < t.ncols; j++) {
		t.headers[j] = PQfname(res, j);
		t.aligns[j] = psql_type_align(PQftype(res, j));
	}
	for (i = 0; i < t.nrows; i++)
		for (j = 0; j < t.ncols; j++)
			t.cells[i * (size_t)t.ncols + (size_t)j] =
			    PQgetisnull(res, (int)i, j) && !null_empty ? NULL :
			    PQgetvalue(res, (int)i, j);
	t.title = title;
	t.footers = footers;
	t.nfooters = nfooters;
	if (ps->popt.numericlocale)
		psql_numeric_locale(&t);
	psql_print_table(ps, &t);
	free(t.headers);
	if (ps->popt.numericlocale)
		psql_numeric_locale_free(&t);
	else
		free(t.cells);
	free(t.aligns);
}

/*
 * Print a query's rows under title (NULL: the \pset title); with
 * null_empty, NULLs as empty cells (psql's catalog lists, \dt and the
 * like, print them so).
 */
void
psql_print_titled(struct psql *ps, const PGresult *res, const char *title,
    int null_empty)
{
	print_res(ps, res, title, null_empty, NULL, 0, NULL);
}

/*
 * One FETCH_COUNT batch of a query's rows: prior rows came before it;
 * the first has the title and header, the last the footer and the
 * blank line, as psql's start_table and stop_table.
 */
void
psql_print_batch(struct psql *ps, const PGresult *res, size_t prior,
    int first, int last, int paged)
{
	struct psql_table	batch;

	memset(&batch, 0, sizeof batch);
	batch.more_before = !first;
	batch.more_after = !last;
	batch.prior = prior;
	batch.paged = paged;
	print_res(ps, res, NULL, 0, NULL, 0, &batch);
}

/*
 * Print a catalog query's rows under title without the row count, with
 * footer (NULL: none) under them, as \d on a sequence.
 */
void
psql_print_footed(struct psql *ps, const PGresult *res, const char *title,
    char *footer)
{
	char	*none = NULL;

	print_res(ps, res, title, 1, footer != NULL ? &footer : &none,
	    footer != NULL, NULL);
}

/*
 * Print a catalog query's rows under title with the n footers (owned
 * by the caller) instead of the row count, as \dn with publications.
 */
void
psql_print_footers(struct psql *ps, const PGresult *res, const char *title,
    char **footers, size_t n)
{
	char	*none = NULL;

	print_res(ps, res, title, 1, n > 0 ? footers : &none, n, NULL);
}
