/*
 * psql-crosstab.c: \crosstabview [colV [colH [colD [sortcolH]]]].  The
 * distinct values of colV make the rows and those of colH the columns,
 * each in order of first appearance (colH sorted by the integer
 * sortcolH when given); colD fills the cells.  Errors are psql's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* psql's limit on the distinct values of colH. */
#define CROSSTAB_MAX_COLUMNS 1600

/* One distinct value of colV or colH. */
struct pivot {
	const char	*name;		/* NULL for NULL */
	long		 sort;		/* sortcolH's value */
	size_t		 first;		/* order of appearance */
};

/*
 * psql's dequote_downcase_identifier: double quotes removed ("" gives
 * one), letters outside them in lower case.  In place.
 */
static void
dequote_downcase(char *s)
{
	char	*cp = s;
	int	 inquotes = 0;

	while (*cp != '\0') {
		if (*cp == '"') {
			if (inquotes && cp[1] == '"')
				cp++;
			else
				inquotes = !inquotes;
			memmove(cp, cp + 1, strlen(cp));
		} else {
			if (!inquotes)
				*cp = (char)tolower((unsigned char)*cp);
			cp++;
		}
	}
}

/*
 * The column an argument names, as psql's indexOfColumn: all digits, a
 * 1-based number; else a name, dequoted and downcased as a whole (so
 * "a b":x names the column "a b:x"), matched once; -1 with psql's error.
 */
static int
column_index(struct psql *ps, const PGresult *res, const char *arg)
{
	char	*name;
	int	 j, idx = -1;

	if (arg[0] != '\0' && strspn(arg, "0123456789") == strlen(arg)) {
		idx = atoi(arg) - 1;
		if (idx < 0 || idx >= PQnfields(res)) {
			psql_error(ps, "\\crosstabview: column number %d is out "
			    "of range 1..%d", idx + 1, PQnfields(res));
			return -1;
		}
		return idx;
	}
	name = xstrdup(arg);
	dequote_downcase(name);
	for (j = 0; j < PQnfields(res); j++) {
		if (strcmp(PQfname(res, j), name) != 0)
			continue;
		if (idx >= 0) {
			psql_error(ps, "\\crosstabview: ambiguous column name: "
			    "\"%s\"", name);
			free(name);
			return -1;
		}
		idx = j;
	}
	if (idx < 0)
		psql_error(ps, "\\crosstabview: column name not found: \"%s\"",
		    name);
	free(name);
	return idx;
}

static const char *
value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The index of v among the pivots, added when new. */
static size_t
pivot_find(struct pivot **pv, size_t *n, const char *v, long sort)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (same((*pv)[i].name, v))
			return i;
	*pv = xreallocarray(*pv, *n + 1, sizeof **pv);
	(*pv)[*n].name = v;
	(*pv)[*n].sort = sort;
	(*pv)[*n].first = *n;
	return (*n)++;
}

static int
pivot_cmp(const void *a, const void *b)
{
	const struct pivot	*x = a, *y = b;

	if (x->sort != y->sort)
		return x->sort < y->sort ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* colV, colH, colD, sortcolH from the arguments; -1 on an error. */
static int
pick_columns(struct psql *ps, const PGresult *res, int col[4])
{
	int	i, j;

	if (PQnfields(res) < 3) {
		psql_error(ps, "\\crosstabview: query must return at least "
		    "three columns");
		return -1;
	}
	col[0] = 0;
	col[1] = 1;
	col[2] = col[3] = -1;
	for (i = 0; i < 4; i++) {
		if (ps->crosstab_args[i] == NULL)
			continue;
		if ((col[i] = column_index(ps, res, ps->crosstab_args[i])) < 0)
			return -1;
	}
	if (col[0] == col[1]) {
		psql_error(ps, "\\crosstabview: vertical and horizontal "
		    "headers must be different columns");
		return -1;
	}
	if (col[2] < 0) {
		if (PQnfields(res) != 3) {
			psql_error(ps, "\\crosstabview: data column must be "
			    "specified when query returns more than three "
			    "columns");
			return -1;
		}
		for (j = 0; j < 3; j++)
			if (j != col[0] && j != col[1])
				col[2] = j;
	}
	return 0;
}

/* Fill the grid; -1 (psql's message printed) on a duplicate cell. */
static int
fill(struct psql *ps, const PGresult *res, const int col[4],
    struct psql_table *t, struct pivot *rows, size_t nrows,
    struct pivot *cols, size_t ncols, size_t *hpos)
{
	size_t	r, v, h, i;

	for (r = 0; r < (size_t)PQntuples(res); r++) {
		v = pivot_find(&rows, &nrows, value(res, (int)r, col[0]), 0);
		h = pivot_find(&cols, &ncols, value(res, (int)r, col[1]), 0);
		i = v * (size_t)t->ncols + 1 + hpos[h];
		if (t->cells[i] != NULL) {
			psql_error(ps, "\\crosstabview: query result contains "
			    "multiple data values for row \"%s\", column "
			    "\"%s\"", rows[v].name != NULL ? rows[v].name :
			    "(null)", cols[h].name != NULL ? cols[h].name :
			    "(null)");
			return -1;
		}
		t->cells[i] = PQgetisnull(res, (int)r, col[2]) ?
		    ps->popt.null : PQgetvalue(res, (int)r, col[2]);
	}
	return 0;
}

/* \crosstabview on a result; 0, or -1 with psql's message printed. */
int
psql_crosstab(struct psql *ps, const PGresult *res)
{
	struct psql_table	 t;
	struct pivot		*rows = NULL, *cols = NULL, *sorted;
	size_t			 nrows = 0, ncols = 0, r, h, *hpos;
	int			 col[4], rc = -1;
	const char		*s;

	if (pick_columns(ps, res, col) != 0)
		return -1;
	for (r = 0; r < (size_t)PQntuples(res); r++) {
		pivot_find(&rows, &nrows, value(res, (int)r, col[0]), 0);
		s = col[3] >= 0 ? value(res, (int)r, col[3]) : NULL;
		pivot_find(&cols, &ncols, value(res, (int)r, col[1]),
		    s != NULL ? strtol(s, NULL, 10) : 0);
	}
	if (ncols > CROSSTAB_MAX_COLUMNS) {
		psql_error(ps, "\\crosstabview: maximum number of columns (%d) "
		    "exceeded", CROSSTAB_MAX_COLUMNS);
		free(rows);
		free(cols);
		return -1;
	}
	sorted = xreallocarray(NULL, ncols + 1, sizeof *sorted);
	if (ncols > 0)
		memcpy(sorted, cols, ncols * sizeof *cols);
	if (col[3] >= 0)
		qsort(sorted, ncols, sizeof *sorted, pivot_cmp);
	hpos = xcalloc(ncols + 1, sizeof *hpos);
	memset(&t, 0, sizeof t);
	t.ncols = (int)ncols + 1;
	t.nrows = nrows;
	t.headers = xcalloc(ncols + 2, sizeof *t.headers);
	t.aligns = xcalloc(ncols + 2, 1);
	t.cells = xcalloc(nrows * (ncols + 1) + 1, sizeof *t.cells);
	t.headers[0] = PQfname(res, col[0]);
	t.aligns[0] = psql_type_align(PQftype(res, col[0]));
	for (h = 0; h < ncols; h++) {
		hpos[sorted[h].first] = h;
		t.headers[h + 1] = (char *)(sorted[h].name != NULL ?
		    sorted[h].name : ps->popt.null);
		t.aligns[h + 1] = psql_type_align(PQftype(res, col[2]));
	}
	for (r = 0; r < nrows; r++)
		t.cells[r * (ncols + 1)] = (char *)(rows[r].name != NULL ?
		    rows[r].name : ps->popt.null);
	if (fill(ps, res, col, &t, rows, nrows, cols, ncols, hpos) == 0) {
		for (r = 0; r < nrows * (ncols + 1); r++)
			if (t.cells[r] == NULL)
				t.cells[r] = (char *)"";
		psql_print_table(ps, &t);
		rc = 0;
	}
	free(rows);
	free(cols);
	free(sorted);
	free(hpos);
	free(t.headers);
	free(t.aligns);
	free(t.cells);
	return rc;
}
