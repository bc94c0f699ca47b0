/*
 * psql-print-latex.c: \pset format latex, as psql 15 writes it: the
 * title centred, a tabular environment whose column rules and \hline
 * lines follow \pset border (0 to 3), headers in italics, LaTeX's
 * special characters escaped, and the footers after \noindent; under \x
 * a two-column tabular with a "Record N" row before each record.  And
 * \pset format latex-longtable: a longtable with its heads repeated on
 * each page, the title as caption, \pset tableattr as the widths of
 * left-aligned columns, no footers (\x as latex).
 */
#include <stdio.h>
#include <string.h>

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
	struct psql_footers	fo;
	size_t			i;

	fputs("\\end{tabular}\n\n\\noindent ", f);
	psql_footers_of(ps, t, with_default, &fo);
	for (i = 0; i < fo.n; i++) {
		latex_escaped(f, fo.line[i]);
		fputs(" \\\\\n", f);
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
			latex_escaped(f, psql_cell_text(ps, t, i, j));
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
			latex_escaped(f, psql_cell_text(ps, t, i, j));
			fputs(" \\\\\n", f);
		}
	}
	if (t->more_after)
		return;
	if (border == 2)
		fputs("\\hline\n", f);
	latex_end(ps, f, t, 0);
}

/* Blanks between the widths of \pset tableattr (latex-longtable). */
#define LONGTABLE_BLANKS	" \t\n"

/*
 * A left-aligned column's specification: the next width of \pset
 * tableattr (*next moves past it, *last keeps it), else the last width
 * again, else "l".
 */
static void
longtable_width(FILE *f, const char **next, const char **last)
{
	*next += strspn(*next, LONGTABLE_BLANKS);
	if (**next != '\0') {
		*last = *next;
		*next += strcspn(*next, LONGTABLE_BLANKS);
	}
	if (*last == NULL) {
		fputc('l', f);
		return;
	}
	fprintf(f, "p{%.*s\\textwidth}", (int)strcspn(*last, LONGTABLE_BLANKS),
	    *last);
}

/* The longtable's column specification. */
static void
longtable_columns(struct psql *ps, FILE *f, const struct psql_table *t,
    int border)
{
	const char	*next = ps->popt.tableattr, *last = NULL;
	int		 j;

	fputs(border >= 2 ? "\\begin{longtable}{| " : "\\begin{longtable}{", f);
	for (j = 0; j < t->ncols; j++) {
		if (t->aligns[j] != 'r' && next != NULL)
			longtable_width(f, &next, &last);
		else
			fputc(t->aligns[j] == 'r' ? 'r' : 'l', f);
		if (border != 0 && j + 1 < t->ncols)
			fputs(" | ", f);
	}
	fputs(border >= 2 ? " |}\n" : "}\n", f);
}

/* The headers in bold italics, then " \\". */
static void
longtable_headers(FILE *f, const struct psql_table *t)
{
	int	j;

	for (j = 0; j < t->ncols; j++) {
		fputs(j > 0 ? " & \\small\\textbf{\\textit{" :
		    "\\small\\textbf{\\textit{", f);
		latex_escaped(f, t->headers[j]);
		fputs("}}", f);
	}
	fputs(" \\\\\n", f);
}

/*
 * The heads of the first and of the next pages, then the feet (a rule
 * under \pset border 2 and 3, the title as caption) of the pages before
 * the last and of the last.
 */
static void
longtable_heads(FILE *f, const struct psql_table *t, const char *title,
    int border)
{
	int	i;

	for (i = 0; i < 2; i++) {
		if (border >= 2)
			fputs("\\toprule\n", f);
		longtable_headers(f, t);
		if (i == 0 || border != 3)
			fputs("\\midrule\n", f);
		fputs(i == 0 ? "\\endfirsthead\n" : "\\endhead\n", f);
	}
	if (border < 2 && title == NULL)
		return;
	for (i = 0; i < 2; i++) {
		/* psql: border 3 has the rule only without a title */
		if (border == 2 || (border == 3 && title == NULL))
			fputs("\\bottomrule\n", f);
		if (title != NULL) {
			fputs("\\caption[", f);
			latex_escaped(f, title);
			fputs(i == 0 ? " (Continued)]{" : "]{", f);
			latex_escaped(f, title);
			fputs("}\n", f);
		}
		fputs(i == 0 ? "\\endfoot\n" : "\\endlastfoot\n", f);
	}
}

/* latex-longtable: the rows, each cell \raggedright, no footers. */
static void
longtable_rows(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE	*f = psql_qfout(ps);
	int	 border = ps->popt.border > 3 ? 3 : ps->popt.border, j;
	size_t	 i;

	if (!t->more_before) {
		longtable_columns(ps, f, t, border);
		if (!ps->popt.tuples_only)
			longtable_heads(f, t, title, border);
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			fputs(j > 0 ? "\n&\n\\raggedright{" :
			    "\\raggedright{", f);
			latex_escaped(f, psql_cell_text(ps, t, i, j));
			fputc('}', f);
		}
		fputs(" \\tabularnewline\n", f);
		if (border == 3)
			fputs(" \\hline\n", f);
	}
	if (!t->more_after)
		fputs("\\end{longtable}\n", f);
}

/* Print t in the latex-longtable format under title (NULL: none). */
void
psql_print_latex_longtable(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (psql_expanded(ps, t))
		latex_records(ps, t, title);
	else
		longtable_rows(ps, t, title);
}

/* Print t in the latex format under title (NULL: none). */
void
psql_print_latex(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (psql_expanded(ps, t))
		latex_records(ps, t, title);
	else
		latex_rows(ps, t, title);
}
