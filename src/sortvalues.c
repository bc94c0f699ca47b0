/*
 * sortvalues.c: a result's values in the order of a sort mode, for
 * comparing and hashing (rowsort: whole rows; valuesort: single values;
 * both by bytes, SQL NULL first).  The values are not moved: the sorted
 * array holds pointers to them.  Sorting is on the path of every
 * sqllogictest query with a sorted result: rows are sorted by the bytes
 * of their cells (a radix sort, column after column), and what is left
 * in small groups by a merge sort that compares in place.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* Below this many values, a bucket of the radix sort is merge sorted. */
#define RADIX_MIN	32
/*
 * Past this many nested passes (bytes of one cell, or cells of a row),
 * a group is merge sorted too: each pass takes 4 KiB of stack.
 */
#define RADIX_LEVELS	32

/* Two rows of ncols cells: NULL first, then by bytes, cell by cell. */
static int
cmp_cells(char *const *a, char *const *b, int ncols)
{
	int	i, c;

	for (i = 0; i < ncols; i++) {
		if (a[i] == b[i])
			continue;
		if (a[i] == NULL || b[i] == NULL)
			return a[i] == NULL ? -1 : 1;
		/* Most values differ in their first byte: no call then. */
		if (a[i][0] != b[i][0])
			return (unsigned char)a[i][0] < (unsigned char)b[i][0] ?
			    -1 : 1;
		if ((c = strcmp(a[i], b[i])) != 0)
			return c;
	}
	return 0;
}

/*
 * Sort n rows given as pointers to their first cell (merge sort: the
 * pointers move, not the cells; tmp holds n / 2 pointers).  Two halves
 * already in order cost one comparison, so a result that came sorted
 * (ORDER BY) costs O(n).
 */
static void
sort_rows(char ***rows, char ***tmp, size_t n, int ncols)
{
	size_t	h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	sort_rows(rows, tmp, h, ncols);
	sort_rows(rows + h, tmp, n - h, ncols);
	if (cmp_cells(rows[h - 1], rows[h], ncols) <= 0)
		return;
	memcpy(tmp, rows, h * sizeof *rows);
	while (i < h && j < n)
		rows[k++] = cmp_cells(tmp[i], rows[j], ncols) <= 0 ?
		    tmp[i++] : rows[j++];
	while (i < h)
		rows[k++] = tmp[i++];
}

/*
 * Put the rows whose cell col is NULL first (tmp holds n pointers);
 * returns how many there are.
 */
static size_t
nulls_first(char ***rows, char ***tmp, size_t n, int col)
{
	size_t	i, k = 0, nulls;

	for (i = 0; i < n; i++) {
		if (rows[i][col] == NULL)
			tmp[k++] = rows[i];
	}
	nulls = k;
	for (i = 0; i < n && nulls > 0; i++) {
		if (rows[i][col] != NULL)
			tmp[k++] = rows[i];
	}
	if (nulls > 0)
		memcpy(rows, tmp, n * sizeof *rows);
	return nulls;
}

/*
 * Sort n rows of ncols cells that are equal before cell col and share
 * the first depth bytes of it (MSD radix sort: per byte position, a
 * counting pass and a distribution pass; tmp holds n pointers).  At
 * depth 0 the NULLs of the column come first; the rows whose cell ends
 * at depth come before the others and are ordered by the next column.
 * level counts the passes nested so far.
 */
static void
radix_rows(char ***rows, char ***tmp, size_t n, int ncols, int col,
    size_t depth, int level)
{
	size_t	count[256], at[256], i, b, nulls;

	if (n < RADIX_MIN || level > RADIX_LEVELS) {
		sort_rows(rows, tmp, n, ncols);
		return;
	}
	if (depth == 0 && (nulls = nulls_first(rows, tmp, n, col)) > 0) {
		if (col + 1 < ncols && nulls > 1)
			radix_rows(rows, tmp, nulls, ncols, col + 1, 0, level + 1);
		rows += nulls;
		n -= nulls;
	}
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		count[(unsigned char)rows[i][col][depth]]++;
	if (count[0] < n) {
		for (b = 0, i = 0; b < 256; b++) {
			at[b] = i;
			i += count[b];
		}
		for (i = 0; i < n; i++)
			tmp[at[(unsigned char)rows[i][col][depth]]++] = rows[i];
		memcpy(rows, tmp, n * sizeof *rows);
	}
	if (col + 1 < ncols && count[0] > 1)
		radix_rows(rows, tmp, count[0], ncols, col + 1, 0, level + 1);
	for (b = 1, i = count[0]; b < 256; i += count[b++]) {
		if (count[b] > 1)
			radix_rows(rows + i, tmp, count[b], ncols, col,
			    depth + 1, level + 1);
	}
}

/*
 * The values of a result in the order a sort mode gives, as an array of
 * borrowed pointers (caller frees the array, not the values).
 */
char **
result_sorted_values(const struct result *r, enum sort_mode sort)
{
	char	***rows, **v;
	size_t	   i, n;
	int	   width;

	v = xcalloc(r->ncells + 1, sizeof *v);
	width = sort == SORT_ROW ? r->ncols : 1;
	if (sort == SORT_NONE || width <= 0) {
		if (r->ncells > 0)
			memcpy(v, r->cells, r->ncells * sizeof *v);
		return v;
	}
	n = sort == SORT_ROW ? r->nrows : r->ncells;
	rows = xcalloc(2 * n + 1, sizeof *rows);
	for (i = 0; i < n; i++)
		rows[i] = r->cells + i * (size_t)width;
	radix_rows(rows, rows + n, n, width, 0, 0, 0);
	for (i = 0; i < n; i++)
		memcpy(v + i * (size_t)width, rows[i], (size_t)width * sizeof *v);
	free(rows);
	return v;
}
