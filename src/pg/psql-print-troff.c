/*
 * psql-print-troff.c: \pset format troff-ms, as psql 15 writes it: the
 * title in a centred display, a tbl table (.TS ... .TE, "box" under
 * \pset border 2, column rules under border 1 and 2), italic headers
 * over a "_" rule, tab-separated cells with backslashes as "\(rs", and
 * the footers in a left display; under \x a "Record N" line over each
 * record, with tbl's ".T&" format changes.
 */
#include <stdio.h>

#include "psql.h"

/* s with each backslash as troff's "\(rs". */
static void
troff_escaped(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\(rs", f);
		else
			fputc(*s, f);
	}
}

/* The title's centred display, then ".TS" and the table's options. */
static void
troff_start(struct psql *ps, FILE *f, const char *title, int border)
{
	if (title != NULL && !ps->popt.tuples_only) {
		fputs(".LP\n.DS C\n", f);
		troff_escaped(f, title);
		fputs("\n.DE\n", f);
	}
	fputs(border == 2 ? ".LP\n.TS\ncenter box;\n" : ".LP\n.TS\ncenter;\n",
	    f);
}

/*
 * ".TE", then the footers (with_default: "(N rows)" when the table has
 * none) in a left display.
 */
static void
troff_end(struct psql *ps, FILE *f, const struct psql_table *t,
    int with_default)
{
	struct psql_footers	fo;
	size_t			i;

	fputs(".TE\n.DS L\n", f);
	psql_footers_of(ps, t, with_default, &fo);
	for (i = 0; i < fo.n; i++) {
		troff_escaped(f, fo.line[i]);
		fputc('\n', f);
	}
	fputs(".DE\n", f);
}

/* The table: the column formats, the headers, a row a line. */
static void
troff_rows(struct psql *ps, const struct psql_table *t, const char *title)
{
	FILE		*f = psql_qfout(ps);
	int		 border = ps->popt.border > 2 ? 2 : ps->popt.border, j;
	size_t		 i;

	if (!t->more_before) {
		troff_start(ps, f, title, border);
		for (j = 0; j < t->ncols; j++) {
			fputc(t->aligns[j] == 'r' ? 'r' : 'l', f);
			if (border > 0 && j + 1 < t->ncols)
				fputs(" | ", f);
		}
		fputs(".\n", f);
		for (j = 0; j < t->ncols && !ps->popt.tuples_only; j++) {
			fputs(j > 0 ? "\t\\fI" : "\\fI", f);
			troff_escaped(f, t->headers[j]);
			fputs(j + 1 < t->ncols ? "\\fP" : "\\fP\n_\n", f);
		}
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			troff_escaped(f, psql_cell_text(ps, t, i, j));
			fputc(j + 1 < t->ncols ? '\t' : '\n', f);
		}
	}
	if (!t->more_after)
		troff_end(ps, f, t, 1);
}

/*
 * tbl's format for what comes next: "c s." for a record's title line,
 * "c l." (border 1: "c | l.") for its columns; ".T&" changes it after
 * the first.  *current is 0 at first, then 1 or 2.
 */
static void
troff_format(FILE *f, int *current, int want, int border)
{
	if (*current == want)
		return;
	if (*current != 0)
		fputs(".T&\n", f);
	fputs(want == 1 ? "c s.\n" : border == 1 ? "c | l.\n" : "c l.\n", f);
	*current = want;
}

/* \x: "Record N" over each record, then "header<TAB>value" lines. */
static void
troff_records(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE		*f = psql_qfout(ps);
	int		 border = ps->popt.border > 2 ? 2 : ps->popt.border, j;
	int		 current = 0;
	size_t		 i;

	if (!t->more_before) {
		troff_start(ps, f, title, border);
		if (ps->popt.tuples_only)
			fputs("c l;\n", f);
	} else
		current = 2;
	for (i = 0; i < t->nrows; i++) {
		if (!ps->popt.tuples_only) {
			if (current != 1 && border == 2 && t->prior + i > 0)
				fputs("_\n", f);
			troff_format(f, &current, 1, border);
			fprintf(f, "\\fIRecord %zu\\fP\n", t->prior + i + 1);
		}
		if (border >= 1)
			fputs("_\n", f);
		for (j = 0; j < t->ncols; j++) {
			if (!ps->popt.tuples_only)
				troff_format(f, &current, 2, border);
			troff_escaped(f, t->headers[j]);
			fputc('\t', f);
			troff_escaped(f, psql_cell_text(ps, t, i, j));
			fputc('\n', f);
		}
	}
	if (!t->more_after)
		troff_end(ps, f, t, 0);
}

/* Print t in the troff-ms format under title (NULL: none). */
void
psql_print_troff(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (psql_expanded(ps, t))
		troff_records(ps, t, title);
	else
		troff_rows(ps, t, title);
}
