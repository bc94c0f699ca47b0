/*
 * coverage-report.c: the constraint coverage reports, from the model
 * coverage.c merged once every file has run: the human table of
 * --coverage (grouped by table, with a percentage per table and in
 * total) and the JSON array of --coverage-json, one object a constraint:
 *
 *	{"table": "t", "definition": 1, "name": "t_pkey",
 *	 "kind": "primary_key", "columns": ["id"],
 *	 "violated_by": ["a.sqltest:12"], "inexact_by": [],
 *	 "attribution": "exact", "defined_in": ["a.sqltest"]}
 *
 * plus "references" for a foreign key and "expression" for a CHECK
 * whose text the engine gives.  A hit is inexact when the engine did not
 * name what was violated and sqlcheck inferred it from the statement.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* What a constraint's hits amount to: "exact", "inexact" or "none". */
static const char *
item_attribution(const struct cov_item *it)
{
	size_t	i;

	for (i = 0; i < it->nhits; i++) {
		if (!it->hits[i].inexact)
			return "exact";
	}
	return it->nhits > 0 ? "inexact" : "none";
}

/* The table's constraints with at least one hit. */
static size_t
table_covered(const struct cov_table *t)
{
	size_t	i, n = 0;

	for (i = 0; i < t->nitems; i++) {
		if (t->items[i].nhits > 0)
			n++;
	}
	return n;
}

/*
 * Constraints violated by a test (*covered) of all (*total), over every
 * definition of every table.  Returns 0 when there is none at all.
 */
int
coverage_total(size_t *covered, size_t *total)
{
	const struct coverage	*m = coverage_get();
	size_t			 i;

	*covered = *total = 0;
	for (i = 0; i < m->ntables; i++) {
		*covered += table_covered(&m->tables[i]);
		*total += m->tables[i].nitems;
	}
	return *total > 0;
}

static double
percent(size_t part, size_t whole)
{
	return whole == 0 ? 0.0 : 100.0 * (double)part / (double)whole;
}

/* The columns of a constraint as "a, b" ("-" for none); caller frees. */
static char *
item_columns(const struct constraint *c)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < c->ncolumns; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", c->columns[i]);
	if (c->ncolumns == 0)
		buf_adds(&b, "-");
	return buf_detach(&b);
}

/* Which definition of its name table i is (*n: how many there are). */
static int
definition_number(const struct coverage *m, size_t i, int *n)
{
	size_t	j;
	int	k = 0;

	*n = 0;
	for (j = 0; j < m->ntables; j++) {
		if (strcmp(m->tables[j].name, m->tables[i].name) != 0)
			continue;
		(*n)++;
		if (j <= i)
			k++;
	}
	return k;
}

/* The heading of a table: name, definition, covered of all. */
static void
human_heading(FILE *f, const struct coverage *m, size_t i)
{
	const struct cov_table	*t = &m->tables[i];
	size_t			 j, covered = table_covered(t);
	int			 k, n;

	fprintf(f, "\n%s", t->name);
	k = definition_number(m, i, &n);
	if (n > 1) {
		fprintf(f, " (definition %d of %d, in", k, n);
		for (j = 0; j < t->nfiles; j++)
			fprintf(f, "%s %s", j > 0 ? "," : "", t->files[j]);
		fputc(')', f);
	}
	fprintf(f, ": %zu of %zu covered (%.1f %%)\n", covered, t->nitems,
	    percent(covered, t->nitems));
}

/* One row of a table: name, kind, columns, covered by. */
static void
human_item(FILE *f, const struct cov_item *it, int wname, int wcols,
    int *inexact)
{
	char	*cols = item_columns(&it->c);
	size_t	 i;

	fprintf(f, "  %-*s  %-11s  %-*s  ", wname, it->c.name,
	    constraint_kind_name(it->c.kind), wcols, cols);
	for (i = 0; i < it->nhits; i++) {
		fprintf(f, "%s%s%s", i > 0 ? ", " : "", it->hits[i].where,
		    it->hits[i].inexact ? "*" : "");
		if (it->hits[i].inexact)
			*inexact = 1;
	}
	fputs(it->nhits == 0 ? "-\n" : "\n", f);
	free(cols);
}

/* One table: heading, column titles, a row per constraint. */
static void
human_table(FILE *f, const struct coverage *m, size_t i, int *inexact)
{
	const struct cov_table	*t = &m->tables[i];
	char			*cols;
	size_t			 j, len;
	int			 wname = 10, wcols = 7;

	for (j = 0; j < t->nitems; j++) {
		len = strlen(t->items[j].c.name);
		if (len > (size_t)wname)
			wname = (int)len;
		cols = item_columns(&t->items[j].c);
		if (strlen(cols) > (size_t)wcols)
			wcols = (int)strlen(cols);
		free(cols);
	}
	human_heading(f, m, i);
	fprintf(f, "  %-*s  %-11s  %-*s  %s\n", wname, "constraint", "kind",
	    wcols, "columns", "covered by");
	for (j = 0; j < t->nitems; j++)
		human_item(f, &t->items[j], wname, wcols, inexact);
}

/* What could not be counted: unread schemas, unattributed errors. */
static void
human_notes(FILE *f, const struct coverage *m, int inexact)
{
	size_t	i;

	if (inexact)
		fputs("* inexact: the engine did not name the violated "
		    "constraint's table (or\n  the constraint); sqlcheck took "
		    "it from the statement, see sqlcheck(1)\n", f);
	for (i = 0; i < m->nfailures; i++)
		fprintf(f, "not measured: %s\n", m->failures[i]);
	if (m->nnotes > 0)
		fprintf(f, "not attributed: %zu expected constraint error%s "
		    "named no constraint of the schema:\n", m->nnotes,
		    m->nnotes == 1 ? "" : "s");
	for (i = 0; i < m->nnotes; i++)
		fprintf(f, "  %s: %s\n", m->notes[i].where, m->notes[i].why);
}

/*
 * Print the human coverage report: a section per table definition, the
 * total, then notes on inexact attributions and on what could not be
 * measured.
 */
void
coverage_report(FILE *f)
{
	const struct coverage	*m = coverage_get();
	size_t			 i, covered, total;
	int			 inexact = 0;

	fprintf(f, "\nconstraint coverage (%s)\n", m->engine != NULL ?
	    m->engine : "?");
	for (i = 0; i < m->ntables; i++)
		human_table(f, m, i, &inexact);
	coverage_total(&covered, &total);
	fprintf(f, "\ntotal: %zu of %zu constraints covered (%.1f %%)\n",
	    covered, total, percent(covered, total));
	human_notes(f, m, inexact);
	fflush(f);
}

/* A JSON array of strings; with only_inexact, the inexact hits. */
static void
json_hits(FILE *f, const struct cov_item *it, int only_inexact)
{
	size_t	i;
	int	n = 0;

	fputc('[', f);
	for (i = 0; i < it->nhits; i++) {
		if (only_inexact && !it->hits[i].inexact)
			continue;
		fputs(n++ > 0 ? ", " : "", f);
		json_write_string(f, it->hits[i].where);
	}
	fputc(']', f);
}

static void
json_list(FILE *f, char *const *list, size_t n)
{
	size_t	i;

	fputc('[', f);
	for (i = 0; i < n; i++) {
		fputs(i > 0 ? ", " : "", f);
		json_write_string(f, list[i]);
	}
	fputc(']', f);
}

/* One constraint as a JSON object on a line of its own. */
static void
json_item(FILE *f, const struct coverage *m, size_t ti,
    const struct cov_item *it)
{
	const struct cov_table	*t = &m->tables[ti];
	int			 n;

	fputs("{\"table\": ", f);
	json_write_string(f, t->name);
	fprintf(f, ", \"definition\": %d, \"name\": ",
	    definition_number(m, ti, &n));
	json_write_string(f, it->c.name);
	fprintf(f, ", \"kind\": \"%s\", \"columns\": ",
	    constraint_kind_name(it->c.kind));
	json_list(f, it->c.columns, it->c.ncolumns);
	if (it->c.ref_table != NULL) {
		fputs(", \"references\": ", f);
		json_write_string(f, it->c.ref_table);
	}
	if (it->c.expr != NULL) {
		fputs(", \"expression\": ", f);
		json_write_string(f, it->c.expr);
	}
	fputs(", \"violated_by\": ", f);
	json_hits(f, it, 0);
	fputs(", \"inexact_by\": ", f);
	json_hits(f, it, 1);
	fprintf(f, ", \"attribution\": \"%s\", \"defined_in\": ",
	    item_attribution(it));
	json_list(f, t->files, t->nfiles);
	fputc('}', f);
}

/* Write the JSON report to path.  0, or -1 with *cause. */
int
coverage_write_json(const char *path, char **cause)
{
	const struct coverage	*m = coverage_get();
	FILE			*f;
	size_t			 i, j;
	int			 n = 0;

	f = fopen(path, "w");
	if (f == NULL) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	fputc('[', f);
	for (i = 0; i < m->ntables; i++) {
		for (j = 0; j < m->tables[i].nitems; j++) {
			fputs(n++ > 0 ? ",\n " : "\n ", f);
			json_item(f, m, i, &m->tables[i].items[j]);
		}
	}
	fputs(n > 0 ? "\n]\n" : "]\n", f);
	if (fclose(f) != 0) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}
