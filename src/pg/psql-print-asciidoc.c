/*
 * psql-print-asciidoc.c: \pset format asciidoc, as psql 15 writes it: a
 * blank line, the title as ".TITLE", the table's attribute line (header
 * option, each column's alignment, frame and grid from \pset border),
 * the table between "|====" lines with '|' escaped in values, and the
 * footers in a "...." literal block; under \x a "Record N" row before
 * each record's header and value rows.
 */
#include <stdio.h>
#include <string.h>

#include "psql.h"

/* s with each '|' escaped as "\|". */
static void
asciidoc_escaped(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* frame and grid, as \pset border sets them, and the attribute line's end. */
static void
asciidoc_frame(struct psql *ps, FILE *f)
{
	fputs(ps->popt.border == 0 ? ",frame=\"none\",grid=\"none\"]\n" :
	    ps->popt.border == 1 ? ",frame=\"none\"]\n" :
	    ",frame=\"all\",grid=\"all\"]\n", f);
}

/* The blank line and title that open a table. */
static void
asciidoc_start(struct psql *ps, FILE *f, const char *title)
{
	fputc('\n', f);
	if (title != NULL && !ps->popt.tuples_only)
		fprintf(f, ".%s\n", title);
}

/*
 * The footers (with_default: "(N rows)" when the table has none) in a
 * literal block.
 */
static void
asciidoc_end(struct psql *ps, FILE *f, const struct psql_table *t,
    int with_default)
{
	struct psql_footers	fo;
	size_t			i;

	psql_footers_of(ps, t, with_default, &fo);
	if (fo.n == 0)
		return;
	fputs("\n....\n", f);
	for (i = 0; i < fo.n; i++)
		fprintf(f, "%s\n", fo.line[i]);
	fputs("....\n", f);
}

/* The table: a header row, then "|VALUE" cells, a row a line. */
static void
asciidoc_rows(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE		*f = psql_qfout(ps);
	const char	*v;
	size_t		 i;
	int		 j;

	if (!t->more_before) {
		asciidoc_start(ps, f, title);
		fputs(ps->popt.tuples_only ? "[cols=\"" :
		    "[options=\"header\",cols=\"", f);
		for (j = 0; j < t->ncols; j++)
			fprintf(f, "%s%cl", j > 0 ? "," : "",
			    t->aligns[j] == 'r' ? '>' : '<');
		fputc('"', f);
		asciidoc_frame(ps, f);
		fputs("|====\n", f);
		for (j = 0; j < t->ncols && !ps->popt.tuples_only; j++) {
			fputs("^l|", f);
			asciidoc_escaped(f, t->headers[j]);
			fputc(j + 1 < t->ncols ? ' ' : '\n', f);
		}
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			v = psql_cell_text(ps, t, i, j);
			fputc('|', f);
			if (!psql_blank(v))
				asciidoc_escaped(f, v);
			else if (j + 1 < t->ncols)
				fputc(' ', f);
			fputc(j + 1 < t->ncols ? ' ' : '\n', f);
		}
	}
	fputs("|====\n", f);	/* psql closes each FETCH_COUNT batch */
	if (!t->more_after)
		asciidoc_end(ps, f, t, 1);
}

/* \x: a "Record N" row, then a header and value line per column. */
static void
asciidoc_records(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	FILE		*f = psql_qfout(ps);
	const char	*v;
	size_t		 i;
	int		 j;

	if (!t->more_before) {
		asciidoc_start(ps, f, title);
		fputs("[cols=\"h,l\"", f);
		asciidoc_frame(ps, f);
		fputs("|====\n", f);
	}
	for (i = 0; i < t->nrows; i++) {
		if (ps->popt.tuples_only)
			fputs("2+|\n", f);
		else
			fprintf(f, "2+^|Record %zu\n", t->prior + i + 1);
		for (j = 0; j < t->ncols; j++) {
			v = psql_cell_text(ps, t, i, j);
			fputs("<l|", f);
			asciidoc_escaped(f, t->headers[j]);
			fprintf(f, " %cl|", t->aligns[j] == 'r' ? '>' : '<');
			if (psql_blank(v))
				fputc(' ', f);
			else
				asciidoc_escaped(f, v);
			fputc('\n', f);
		}
	}
	fputs("|====\n", f);
	if (!t->more_after)
		asciidoc_end(ps, f, t, 0);
}

/* Print t in the asciidoc format under title (NULL: none). */
void
psql_print_asciidoc(struct psql *ps, const struct psql_table *t,
    const char *title)
{
	if (psql_expanded(ps, t))
		asciidoc_records(ps, t, title);
	else
		asciidoc_rows(ps, t, title);
}
