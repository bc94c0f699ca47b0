/*
 * compare.c: expected results against actual ones.  Sorting (rowsort,
 * valuesort), NULL and quoted cells, ~/regex/ cells, numeric tolerance,
 * sqllogictest value lists and MD5 hashes.  A failed comparison yields a
 * diff written in the cell syntax of the test file (caller frees).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define DIFF_MAX_LINES	60
#define LCS_MAX_CELLS	4000000

/*
 * A row of actual values; rows carry their width and their order (by
 * value for numbers when the expectation has a tolerance) for the
 * comparator.
 */
struct arow {
	char	**cells;
	int	  ncols;
	int	  numeric;
};

/* A row of expected cells, as parsed, with the same order flag. */
struct erow {
	const struct cell	*cells;
	int			 ncells;
	int			 numeric;
};

/* 1 and the value if s is a whole decimal number ("1.0e-05", "-3"). */
static int
as_number(const char *s, double *x)
{
	char	*end;

	if (s == NULL || strchr("+-.0123456789", *s) == NULL || *s == '\0')
		return 0;
	*x = strtod(s, &end);
	return end != s && *end == '\0' && !isnan(*x);
}

/*
 * NULL first, then (when numeric) numbers by value, then text by bytes.
 * Numbers of the same value keep a stable order by their text.
 */
static int
cmp_value(const char *a, const char *b, int numeric)
{
	double	x, y;
	int	na, nb;

	if (a == NULL)
		return b == NULL ? 0 : -1;
	if (b == NULL)
		return 1;
	if (numeric) {
		na = as_number(a, &x);
		nb = as_number(b, &y);
		if (na != nb)
			return na ? -1 : 1;
		if (na && x != y)
			return x < y ? -1 : 1;
	}
	return strcmp(a, b);
}

static int
cmp_arow(const void *va, const void *vb)
{
	const struct arow	*a = va, *b = vb;
	int			 i, c;

	for (i = 0; i < a->ncols && i < b->ncols; i++) {
		c = cmp_value(a->cells[i], b->cells[i], a->numeric);
		if (c != 0)
			return c;
	}
	return a->ncols - b->ncols;
}

static const char *
cell_key(const struct cell *c)
{
	return c->kind == CELL_NULL ? NULL : c->text;
}

static int
cmp_erow(const void *va, const void *vb)
{
	const struct erow	*a = va, *b = vb;
	int			 i, c;

	for (i = 0; i < a->ncells && i < b->ncells; i++) {
		c = cmp_value(cell_key(&a->cells[i]), cell_key(&b->cells[i]),
		    a->numeric);
		if (c != 0)
			return c;
	}
	return a->ncells - b->ncells;
}

static int
cmp_pcell(const void *va, const void *vb)
{
	return cmp_value(cell_key(*(const struct cell *const *)va),
	    cell_key(*(const struct cell *const *)vb), 0);
}

/*
 * MD5 of values, each followed by a newline (the sqllogictest rule).
 * Short values are gathered into a block first: one MD5 update per block
 * instead of two per value.
 */
void
hash_values(char **values, size_t n, char out[33])
{
	struct md5	m;
	char		block[4096];
	size_t		i, used = 0, len;
	const char	*s;

	md5_init(&m);
	for (i = 0; i < n; i++) {
		s = values[i] == NULL ? "NULL" : values[i];
		len = strlen(s);
		if (used + len + 1 > sizeof block) {
			md5_update(&m, block, used);
			used = 0;
		}
		if (len + 1 > sizeof block) {
			md5_update(&m, s, len);
			md5_update(&m, "\n", 1);
			continue;
		}
		memcpy(block + used, s, len);
		block[used + len] = '\n';
		used += len + 1;
	}
	md5_update(&m, block, used);
	md5_hex(&m, out);
}

/* 1 if a value must be quoted to be read back as itself. */
static int
needs_quotes(const char *v)
{
	size_t	len = strlen(v);

	/* A control character first: quoted (--rewrite marks kept lines so). */
	if (len == 0 || strcmp(v, "NULL") == 0 || v[0] == '\'' ||
	    iscntrl((unsigned char)v[0]) ||
	    (v[0] == '~' && v[1] == '/') || strncmp(v, "--", 2) == 0)
		return 1;
	if (isspace((unsigned char)v[0]) || isspace((unsigned char)v[len - 1]))
		return 1;
	return strchr(v, '|') != NULL;
}

/* Write a value in the cell syntax of .sqltest files (caller frees). */
char *
format_cell(const char *v)
{
	struct buf	b;

	if (v == NULL)
		return xstrdup("NULL");
	if (!needs_quotes(v))
		return xstrdup(v);
	buf_init(&b);
	buf_addc(&b, '\'');
	for (; *v != '\0'; v++) {
		if (*v == '\'')
			buf_addc(&b, '\'');
		buf_addc(&b, *v);
	}
	buf_addc(&b, '\'');
	return buf_detach(&b);
}

static char *
format_arow(char **cells, int ncols, int raw)
{
	struct buf	 b;
	char		*c;
	int		 i;

	buf_init(&b);
	for (i = 0; i < ncols; i++) {
		c = raw ? xstrdup(cells[i] != NULL ? cells[i] : "NULL") :
		    format_cell(cells[i]);
		buf_printf(&b, "%s%s", i == 0 ? "" : " | ", c);
		free(c);
	}
	return buf_detach(&b);
}

static char *
format_erow(const struct cell *cells, int ncells, int raw)
{
	struct buf	 b;
	char		*c;
	int		 i;

	buf_init(&b);
	for (i = 0; i < ncells; i++) {
		if (i > 0)
			buf_adds(&b, " | ");
		if (cells[i].kind == CELL_REGEX)
			buf_printf(&b, "~/%s/", cells[i].text);
		else if (raw)
			buf_adds(&b, cells[i].text != NULL ? cells[i].text :
			    "NULL");
		else {
			c = format_cell(cell_key(&cells[i]));
			buf_adds(&b, c);
			free(c);
		}
	}
	return buf_detach(&b);
}

/* A row in the cell syntax of .sqltest files (caller frees). */
char *
format_row(char **cells, int ncols)
{
	return format_arow(cells, ncols, 0);
}

static int
numbers_close(const char *a, const char *b, double tolerance)
{
	char	*end;
	double	 x, y;

	x = strtod(a, &end);
	if (end == a || *end != '\0')
		return 0;
	y = strtod(b, &end);
	if (end == b || *end != '\0')
		return 0;
	if (x == y)
		return 1;
	return fabs(x - y) <= tolerance * fmax(1.0, fmax(fabs(x), fabs(y)));
}

/* Does an actual value satisfy an expected cell? */
static int
cell_matches(const struct expect *e, const struct cell *c, const char *v)
{
	char	*cause = NULL;
	int	 rc;

	if (c->kind == CELL_NULL)
		return v == NULL;
	if (v == NULL)
		return 0;
	if (c->kind == CELL_REGEX) {
		rc = regex_matches(c->text, v, &cause);
		free(cause);
		return rc == 1;
	}
	if (strcmp(c->text, v) == 0)
		return 1;
	return e->has_tolerance && numbers_close(c->text, v, e->tolerance);
}

/* 1 if the actual value v (NULL for SQL NULL) satisfies expected cell c. */
int
expect_cell_matches(const struct expect *e, const struct cell *c,
    const char *v)
{
	return cell_matches(e, c, v);
}

static int
row_matches(const struct expect *e, const struct erow *er,
    const struct arow *ar)
{
	int	i;

	if (er->ncells != ar->ncols)
		return 0;
	for (i = 0; i < ar->ncols; i++) {
		if (!cell_matches(e, &er->cells[i], ar->cells[i]))
			return 0;
	}
	return 1;
}

struct difflines {
	struct buf	 b;
	int		 lines;
	int		 dropped;
};

static void
diff_line(struct difflines *d, char mark, char *text)
{
	if (d->lines < DIFF_MAX_LINES)
		buf_printf(&d->b, "%c %s\n", mark, text);
	else
		d->dropped++;
	d->lines++;
	free(text);
}

/*
 * A line diff of expected rows against actual ones: "-" only expected,
 * "+" only actual, " " both.  Longest common subsequence when small
 * enough, else the two lists one after the other.
 */
static char *
diff_rows(const struct expect *e, const struct erow *er, size_t ne,
    const struct arow *ar, size_t na)
{
	struct difflines	 d;
	unsigned		*lcs;
	size_t			 i, j, w = na + 1;

	memset(&d, 0, sizeof d);
	buf_init(&d.b);
	if ((ne + 1) * (na + 1) > LCS_MAX_CELLS) {
		for (i = 0; i < ne; i++)
			diff_line(&d, '-', format_erow(er[i].cells,
			    er[i].ncells, e->flat));
		for (j = 0; j < na; j++)
			diff_line(&d, '+', format_arow(ar[j].cells,
			    ar[j].ncols, e->flat));
	} else {
		lcs = xcalloc((ne + 1) * w, sizeof *lcs);
		for (i = ne; i-- > 0;) {
			for (j = na; j-- > 0;) {
				if (row_matches(e, &er[i], &ar[j]))
					lcs[i * w + j] = lcs[(i + 1) * w + j + 1] + 1;
				else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
					lcs[i * w + j] = lcs[(i + 1) * w + j];
				else
					lcs[i * w + j] = lcs[i * w + j + 1];
			}
		}
		for (i = 0, j = 0; i < ne || j < na;) {
			if (i < ne && j < na && row_matches(e, &er[i], &ar[j])) {
				diff_line(&d, ' ', format_arow(ar[j].cells,
			    ar[j].ncols, e->flat));
				i++;
				j++;
			} else if (i < ne && (j == na ||
			    lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
				diff_line(&d, '-', format_erow(er[i].cells,
			    er[i].ncells, e->flat));
				i++;
			} else {
				diff_line(&d, '+', format_arow(ar[j].cells,
			    ar[j].ncols, e->flat));
				j++;
			}
		}
		free(lcs);
	}
	if (d.dropped > 0)
		buf_printf(&d.b, "... %d more lines\n", d.dropped);
	return buf_detach(&d.b);
}

/*
 * Build the actual rows, in the order the expectation's sort gives
 * (numbers by value when it has a tolerance: "1.0e-05" before "0.5").
 */
static struct arow *
actual_rows(const struct expect *e, const struct result *r, char ***vals,
    size_t *n)
{
	struct arow	*rows;
	size_t		 i;
	int		 numeric = e->has_tolerance;

	*vals = result_sorted_values(r, e->sort == SORT_VALUE && !numeric ?
	    SORT_VALUE : SORT_NONE);
	if (e->sort == SORT_VALUE) {
		/* One value a row: the sorted list is what is compared. */
		*n = r->ncells;
		rows = xcalloc(*n + 1, sizeof *rows);
		for (i = 0; i < *n; i++) {
			rows[i].cells = *vals + i;
			rows[i].ncols = 1;
			rows[i].numeric = numeric;
		}
		if (numeric)
			qsort(rows, *n, sizeof *rows, cmp_arow);
		return rows;
	}
	*n = r->nrows;
	rows = xcalloc(*n + 1, sizeof *rows);
	for (i = 0; i < *n; i++) {
		rows[i].cells = *vals + i * (size_t)r->ncols;
		rows[i].ncols = r->ncols;
		rows[i].numeric = numeric;
	}
	if (e->sort == SORT_ROW)
		qsort(rows, *n, sizeof *rows, cmp_arow);
	return rows;
}

/* Build the expected rows, sorted as the actual ones are. */
static struct erow *
expected_rows(const struct expect *e, const struct cell ***cellp, size_t *n)
{
	struct erow		 *rows;
	const struct cell	**cells;
	size_t			  i, k, total = 0;
	int			  j, numeric = e->has_tolerance;

	*cellp = NULL;
	if (e->sort != SORT_VALUE) {
		*n = e->nrows;
		rows = xcalloc(*n + 1, sizeof *rows);
		for (i = 0; i < *n; i++) {
			rows[i].cells = e->rows[i].cells;
			rows[i].ncells = e->rows[i].ncells;
			rows[i].numeric = numeric;
		}
		if (e->sort == SORT_ROW && e->sort_expected)
			qsort(rows, *n, sizeof *rows, cmp_erow);
		return rows;
	}
	for (i = 0; i < e->nrows; i++)
		total += (size_t)e->rows[i].ncells;
	cells = xcalloc(total + 1, sizeof *cells);
	for (i = 0, k = 0; i < e->nrows; i++) {
		for (j = 0; j < e->rows[i].ncells; j++)
			cells[k++] = &e->rows[i].cells[j];
	}
	if (e->sort_expected && !numeric)
		qsort(cells, total, sizeof *cells, cmp_pcell);
	rows = xcalloc(total + 1, sizeof *rows);
	for (k = 0; k < total; k++) {
		rows[k].cells = cells[k];
		rows[k].ncells = 1;
		rows[k].numeric = numeric;
	}
	if (e->sort_expected && numeric)
		qsort(rows, total, sizeof *rows, cmp_erow);
	*n = total;
	*cellp = cells;
	return rows;
}

static int
erow_has_regex(const struct erow *er)
{
	int	i;

	for (i = 0; i < er->ncells; i++) {
		if (er->cells[i].kind == CELL_REGEX)
			return 1;
	}
	return 0;
}

/*
 * Rows in any order when expected cells are patterns (sorting cannot pair
 * a pattern with its value): each expected row takes the first unused
 * actual row it matches, rows without patterns first.
 */
static int
match_unordered(const struct expect *e, const struct erow *er, size_t ne,
    const struct arow *ar, size_t na)
{
	char	*used;
	size_t	 i, j;
	int	 pass, ok = ne == na;

	used = xcalloc(na + 1, 1);
	for (pass = 0; pass < 2 && ok; pass++) {
		for (i = 0; i < ne && ok; i++) {
			if (erow_has_regex(&er[i]) != pass)
				continue;
			for (j = 0; j < na; j++) {
				if (!used[j] && row_matches(e, &er[i], &ar[j]))
					break;
			}
			if (j == na)
				ok = 0;
			else
				used[j] = 1;
		}
	}
	free(used);
	return ok;
}

static int
any_regex(const struct erow *er, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (erow_has_regex(&er[i]))
			return 1;
	}
	return 0;
}

static int
compare_rows(const struct expect *e, const struct result *r, char **diff)
{
	struct arow		 *ar;
	struct erow		 *er;
	const struct cell	**ecells;
	char			**vals;
	size_t			  na, ne, i;
	int			  same;

	ar = actual_rows(e, r, &vals, &na);
	er = expected_rows(e, &ecells, &ne);
	if (e->sort != SORT_NONE && any_regex(er, ne))
		same = match_unordered(e, er, ne, ar, na);
	else {
		same = na == ne;
		for (i = 0; same && i < na; i++)
			same = row_matches(e, &er[i], &ar[i]);
	}
	if (!same)
		*diff = diff_rows(e, er, ne, ar, na);
	free(ar);
	free(er);
	free(ecells);
	free(vals);
	return same;
}

/*
 * sqllogictest comparison: the actual values (already rendered by type)
 * sorted by the sort mode, against the expected values in file order.
 */
static int
compare_flat(const struct expect *e, const struct result *r, char **diff)
{
	struct expect	 copy = *e;

	copy.sort_expected = 0;
	return compare_rows(&copy, r, diff);
}

static int
compare_hash(const struct expect *e, const struct result *r, char **diff)
{
	struct md5	 m;
	char		**vals, hash[33];
	size_t		  n;

	if (r->more_cells > 0) {
		*diff = xprintf("- %lld values hashing to %s\n+ %zu values "
		    "(not hashed: more than expected)\n", (long long)e->count,
		    e->hash, r->ncells + r->more_cells);
		return 0;
	}
	if (r->hash_stream) {
		m = r->md5;
		md5_hex(&m, hash);
		n = r->hashed;
	} else {
		vals = result_sorted_values(r, e->sort);
		hash_values(vals, r->ncells, hash);
		free(vals);
		n = r->ncells;
	}
	if ((int64_t)n == e->count && strcasecmp(hash, e->hash) == 0)
		return 1;
	*diff = xprintf("- %lld values hashing to %s\n+ %zu values hashing "
	    "to %s\n", (long long)e->count, e->hash, n, hash);
	return 0;
}

/*
 * Bound what r keeps of a statement's rows by what expectation e can
 * match, so that a result far larger than expected takes no more memory
 * than the expectation: for rows and sorted hashes, as many cells as
 * expected and one row more (enough to show the first row too many); for
 * a hash in result order, no values (they are hashed as they come); for
 * a row count, no values (the rows are counted).  The driver still
 * reads every row, up to --max-rows: stopping a statement early could
 * cancel the next one on a server.
 */
void
expect_bound(const struct expect *e, struct result *r)
{
	size_t	i, cells = 0;

	switch (e->mode) {
	case EXPECT_ROWS:
		for (i = 0; i < e->nrows; i++)
			cells += (size_t)e->rows[i].ncells;
		r->keep_cells = cells + 1;
		break;
	case EXPECT_HASH:
		if (e->sort == SORT_NONE)
			result_hash_stream(r);
		else if (e->count >= 0)
			r->keep_cells = (size_t)e->count + 1;
		break;
	case EXPECT_COUNT:
		r->keep_rows = 0;
		break;
	default:
		break;
	}
}

/*
 * 1 if r has more rows than expectation e could match, whatever their
 * values (for rows and hashes: rows were counted past expect_bound's
 * bound).
 */
int
expect_exceeded(const struct expect *e, const struct result *r)
{
	switch (e->mode) {
	case EXPECT_ROWS:
		return r->more_cells > 0;
	case EXPECT_HASH:
		return r->more_cells > 0 || (r->hash_stream && e->count >= 0 &&
		    r->hashed > (size_t)e->count);
	case EXPECT_COUNT:
		return r->has_rows && e->count >= 0 &&
		    result_rows(r) > (size_t)e->count;
	default:
		return 0;
	}
}

/*
 * Compare a successful statement's result with an expectation (not an
 * error one).  Returns 1 when it matches; else 0 with *message set to
 * what is wrong and, for rows and hashes, *diff to the lines that differ
 * (both freed by the caller).
 */
int
compare_result(const struct expect *e, const struct result *r,
    const struct record *rec, char **message, char **diff)
{
	int64_t	n;

	*message = *diff = NULL;
	switch (e->mode) {
	case EXPECT_OK:
		return 1;
	case EXPECT_COUNT:
		n = r->has_rows ? (int64_t)result_rows(r) : r->affected;
		if (n == e->count)
			return 1;
		*message = xprintf("expected %lld row%s, got %lld",
		    (long long)e->count, e->count == 1 ? "" : "s",
		    (long long)n);
		return 0;
	case EXPECT_HASH:
		if (compare_hash(e, r, diff))
			return 1;
		*message = xstrdup("wrong result hash");
		return 0;
	case EXPECT_ROWS:
		if (!r->has_rows) {
			*message = xprintf("the statement returned no rows (it "
			    "affected %lld); use \"-- expect ok\" or \"-- "
			    "expect N rows\"", (long long)r->affected);
			return 0;
		}
		if (rec->types != NULL && r->ncols != (int)strlen(rec->types)) {
			*message = xprintf("expected %zu columns (types %s), "
			    "got %d", strlen(rec->types), rec->types, r->ncols);
			return 0;
		}
		if (e->flat ? compare_flat(e, r, diff) : compare_rows(e, r, diff))
			return 1;
		if (r->more_cells > 0 && r->nrows == 1)
			*message = xprintf("wrong result: %zu rows, more than "
			    "expected (only the first was kept, and is shown)",
			    result_rows(r));
		else if (r->more_cells > 0)
			*message = xprintf("wrong result: %zu rows, more than "
			    "expected (only the first %zu were kept, and are "
			    "shown)", result_rows(r), r->nrows);
		else
			*message = xstrdup("wrong result");
		return 0;
	case EXPECT_ERROR:
		break;
	}
	*message = xprintf("expected error%s%s, but the statement succeeded",
	    e->condition != NULL ? " " : "",
	    e->condition != NULL ? e->condition : "");
	return 0;
}
