/*
 * sortvalues.c: a result's values in the order of a sort mode, for
 * comparing and hashing (rowsort: whole rows; valuesort: single values;
 * both by bytes, SQL NULL first).  The values are not moved: the sorted
 * array holds pointers to them.  Sorting is on the path of every
 * sqllogictest query with a sorted result, so a result of one column
 * (most of them) is sorted by the bytes of its values (a radix sort),
 * and rows of several columns by a merge sort that compares in place.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* Below this many values, a bucket of the radix sort is merge sorted. */
#define RADIX_MIN	32
/* Values sharing a longer prefix than this are merge sorted too. */
#define RADIX_DEPTH	16

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
 * Sort n non-NULL values that share their first depth bytes, by their
 * bytes from there on (MSD radix sort: a counting pass and a
 * distribution pass per byte position; tmp holds n pointers).  Values
 * that end at depth are equal and come first.
 */
static void
radix_values(char ***v, char ***tmp, size_t n, size_t depth)
{
	size_t	count[256], at[256], i, b;

	if (n < RADIX_MIN || depth > RADIX_DEPTH) {
		sort_rows(v, tmp, n, 1);
		return;
	}
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		count[(unsigned char)(*v[i])[depth]]++;
	if (count[0] == n)
		return;
	for (b = 0, i = 0; b < 256; b++) {
		at[b] = i;
		i += count[b];
	}
	for (i = 0; i < n; i++)
		tmp[at[(unsigned char)(*v[i])[depth]]++] = v[i];
	memcpy(v, tmp, n * sizeof *v);
	for (b = 1, i = count[0]; b < 256; i += count[b++]) {
		if (count[b] > 1)
			radix_values(v + i, tmp, count[b], depth + 1);
	}
}

/* Sort n values (one-cell rows): NULL first, then by bytes. */
static void
sort_values(char ***v, char ***tmp, size_t n)
{
	size_t	i, k = 0, nulls;

	for (i = 0; i < n; i++) {
		if (*v[i] == NULL)
			tmp[k++] = v[i];
	}
	nulls = k;
	for (i = 0; i < n && nulls > 0; i++) {
		if (*v[i] != NULL)
			tmp[k++] = v[i];
	}
	if (nulls > 0)
		memcpy(v, tmp, n * sizeof *v);
	radix_values(v + nulls, tmp, n - nulls, 0);
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
	if (width == 1)
		sort_values(rows, rows + n, n);
	else
		sort_rows(rows, rows + n, n, width);
	for (i = 0; i < n; i++)
		memcpy(v + i * (size_t)width, rows[i], (size_t)width * sizeof *v);
	free(rows);
	return v;
}
