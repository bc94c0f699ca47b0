/*
 * psql-print-html.c: \pset format html (\H), as psql 15 writes it: a
 * <table> with \pset border and \pset tableattr (\T), the title as its
 * caption, centred headers, cells aligned right for numbers and left
 * otherwise, text escaped for HTML, a cell of only blanks as "&nbsp; ",
 * the footers in a paragraph; under \x one "Record N" row before each
 * record's header and value rows.
 */
#include <stdio.h>
#include <string.h>

#include "psql.h"

/*
 * s escaped for HTML: & < > " as entities, a new line as "<br />" and
 * a new line, and spaces before the first other byte as "&nbsp;" (psql
 * keeps the indentation of EXPLAIN lines and of footers that way).
 */
static void
html_escaped(FILE *f, const char *s)
{
	int	leading = 1;

	for (; *s != '\0'; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if (*s == '\n')
			fputs("<br />\n", f);
		else if (*s == ' ')
			fputs(leading ? "&nbsp;" : " ", f);
		else
			fputc(*s, f);
		if (*s != ' ')
			leading = 0;
	}
}

/* One cell's value (psql_cell_text); blanks only are "&nbsp; ". */
static void
html_cell(FILE *f, const char *v, char align)
{
	fprintf(f, "    <td align=\"%s\">", align == 'r' ? "right" : "left");
	if (psql_blank(v))
		fputs("&nbsp; ", f);
	else
		html_escaped(f, v);
	fputs("</td>\n", f);
}

/* "<table border=N [attributes]>" and the caption. */
static void
html_table_start(struct psql *ps, FILE *f, const char *title)
{
	fprintf(f, "<table border=\"%d\"", ps->popt.border);
	if (ps->popt.tableattr != NULL)
		fprintf(f, " %s", ps->popt.tableattr);
	fputs(">\n", f);
	if (title != NULL && !ps->popt.tuples_only) {
		fputs("  <caption>", f);
		html_escaped(f, title);
		fputs("</caption>\n", f);
	}
}

/*
 * "</table>", then the footers, each followed by "<br />", in a
 * paragraph (with_default: "(N rows)" when the table has none), and a
 * new line.
 */
static void
html_table_end(struct psql *ps, FILE *f, const struct psql_table *t,
    int with_default)
{
	struct psql_footers	fo;
	size_t			i;

	fputs("</table>\n", f);
	psql_footers_of(ps, t, with_default, &fo);
	if (fo.n > 0) {
		fputs("<p>", f);
		for (i = 0; i < fo.n; i++) {
			html_escaped(f, fo.line[i]);
			fputs("<br />\n", f);
		}
		fputs("</p>", f);
	}
	fputc('\n', f);
}

/* The table, one <tr> of headers and one per row. */
static void
html_rows(struct psql *ps, const struct psql_table *t, const char *title)
{
	FILE	*f = psql_qfout(ps);
	size_t	 i;
	int	 j;

	if (!t->more_before) {
		html_table_start(ps, f, title);
		if (!ps->popt.tuples_only) {
			fputs("  <tr>\n", f);
			for (j = 0; j < t->ncols; j++) {
				fputs("    <th align=\"center\">", f);
				html_escaped(f, t->headers[j]);
				fputs("</th>\n", f);
			}
			fputs("  </tr>\n", f);
		}
	}
	for (i = 0; i < t->nrows; i++) {
		fputs("  <tr valign=\"top\">\n", f);
		for (j = 0; j < t->ncols; j++)
			html_cell(f, psql_cell_text(ps, t, i, j), t->aligns[j]);
		fputs("  </tr>\n", f);
	}
	if (!t->more_after)
		html_table_end(ps, f, t, 1);
}

/* \x: a "Record N" row, then a header and value row per column. */
static void
html_records(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE	*f = psql_qfout(ps);
	size_t	 i;
	int	 j;

	if (!t->more_before)
		html_table_start(ps, f, title);
	for (i = 0; i < t->nrows; i++) {
		if (ps->popt.tuples_only)
			fputs("\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n",
			    f);
		else
			fprintf(f, "\n  <tr><td colspan=\"2\" align=\"center\">"
			    "Record %zu</td></tr>\n", t->prior + i + 1);
		for (j = 0; j < t->ncols; j++) {
			fputs("  <tr valign=\"top\">\n    <th>", f);
			html_escaped(f, t->headers[j]);
			fputs("</th>\n", f);
			html_cell(f, psql_cell_text(ps, t, i, j), t->aligns[j]);
			fputs("  </tr>\n", f);
		}
	}
	if (!t->more_after)
		html_table_end(ps, f, t, 0);
}

/* Print t in the html format under title (NULL: none). */
void
psql_print_html(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (psql_expanded(ps, t))
		html_records(ps, t, title);
	else
		html_rows(ps, t, title);
}
