/*
 * psql-print-latex.c: \pset format latex, as psql 15 writes it: the
 * title centred, a tabular environment whose column rules and \hline
 * lines follow \pset border (0 to 3), headers in italics, LaTeX's
 * special characters escaped, and the footers after \noindent; under \x
 * a two-column tabular with a "Record N" row before each record.
 */
#include <stdio.h>

#include "psql.h"

/* s with LaTeX's special characters escaped, a new line as "\\". */
static void
latex_escaped(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': case '%': case '$': case '_': case '{': case '}':
		case '#':
			fputc('\\', f);
			fputc(*s, f);
			break;
		case '^':
			fputs("\\^{}", f);
			break;
		case '~':
			fputs("\\~{}", f);
			break;
		case '\\':
			fputs("\\textbackslash{}", f);
			break;
		case '<':
			fputs("\\textless{}", f);
			break;
		case '>':
			fputs("\\textgreater{}", f);
			break;
		case '|':
			fputs("\\textbar{}", f);
			break;
		case '\n':
			fputs("\\\\", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* A cell's value, NULL as \pset null. */
static void
latex_cell(struct psql *ps, FILE *f, const char *v)
{
	latex_escaped(f, v != NULL ? v : ps->popt.null);
}

/* The title in a center environment, and a blank line. */
static void
latex_title(struct psql *ps, FILE *f, const char *title)
{
	if (title == NULL || ps->popt.tuples_only)
		return;
	fputs("\\begin{center}\n", f);
	latex_escaped(f, title);
	fputs("\n\\end{center}\n\n", f);
}

/*
 * The end of the tabular, then \noindent and the footers (with_default:
 * "(N rows)" when the table has none), each ending in "\\".
 */
static void
latex_end(struct psql *ps, FILE *f, const struct psql_table *t,
    int with_default)
{
	size_t	i, n;

	fputs("\\end{tabular}\n\n\\noindent ", f);
	if (!ps->popt.tuples_only && t->footers != NULL) {
		for (i = 0; i < t->nfooters; i++) {
			latex_escaped(f, t->footers[i]);
			fputs(" \\\\\n", f);
		}
	} else if (!ps->popt.tuples_only && with_default &&
	    ps->popt.footer) {
		n = t->prior + t->nrows;
		fprintf(f, "(%zu row%s) \\\\\n", n, n == 1 ? "" : "s");
	}
	fputc('\n', f);
}

/* The column specification and the italic headers. */
static void
latex_head(struct psql *ps, FILE *f, const struct psql_table *t, int border)
{
	int	j;

	fputs("\\begin{tabular}{", f);
	if (border >= 2)
		fputs("| ", f);
	for (j = 0; j < t->ncols; j++) {
		fputc(t->aligns[j] == 'r' ? 'r' : 'l', f);
		if (j + 1 < t->ncols)
			fputs(border != 0 ? " | " : "", f);
	}
	fputs(border >= 2 ? " |}\n" : "}\n", f);
	if (ps->popt.tuples_only)
		return;
	if (border >= 2)
		fputs("\\hline\n", f);
	for (j = 0; j < t->ncols; j++) {
		fputs(j > 0 ? " & \\textit{" : "\\textit{", f);
		latex_escaped(f, t->headers[j]);
		fputc('}', f);
	}
	fputs(" \\\\\n\\hline\n", f);
}

/* The table: a row a line, cells between " & ". */
static void
latex_rows(struct psql *ps, const struct psql_table *t, const char *title)
{
	FILE	*f = psql_qfout(ps);
	int	 border = ps->popt.border > 3 ? 3 : ps->popt.border, j;
	size_t	 i;

	if (!t->more_before) {
		latex_title(ps, f, title);
		latex_head(ps, f, t, border);
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				fputs(" & ", f);
			latex_cell(ps, f, t->cells[i * (size_t)t->ncols +
			    (size_t)j]);
		}
		fputs(" \\\\\n", f);
		if (border == 3)
			fputs("\\hline\n", f);
	}
	if (t->more_after)
		return;
	if (border == 2)
		fputs("\\hline\n", f);
	latex_end(ps, f, t, 1);
}

/* \x: "Record N" over each record, then "header & value" lines. */
static void
latex_records(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE	*f = psql_qfout(ps);
	int	 border = ps->popt.border > 2 ? 2 : ps->popt.border, j;
	size_t	 i;

	if (!t->more_before) {
		latex_title(ps, f, title);
		fprintf(f, "\\begin{tabular}{%s}\n", border == 0 ? "cl" :
		    border == 1 ? "c|l" : "|c|l|");
	}
	for (i = 0; i < t->nrows; i++) {
		if (!ps->popt.tuples_only) {
			if (border == 2)
				fputs("\\hline\n", f);
			fprintf(f, "\\multicolumn{2}{%s}{\\textit{Record %zu}} "
			    "\\\\\n", border == 2 ? "|c|" : "c",
			    t->prior + i + 1);
		}
		if (border >= 1)
			fputs("\\hline\n", f);
		for (j = 0; j < t->ncols; j++) {
			latex_escaped(f, t->headers[j]);
			fputs(" & ", f);
			latex_cell(ps, f, t->cells[i * (size_t)t->ncols +
			    (size_t)j]);
			fputs(" \\\\\n", f);
		}
	}
	if (t->more_after)
		return;
	if (border == 2)
		fputs("\\hline\n", f);
	latex_end(ps, f, t, 0);
}

/* Print t in the latex format under title (NULL: none). */
void
psql_print_latex(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (ps->popt.expanded == 1)
		latex_records(ps, t, title);
	else
		latex_rows(ps, t, title);
}
