/*
 * pgregress-diff.c: unified diffs (three lines of context, as pg_regress
 * asks of diff -U3) between an expected file and a result, made in
 * process with Myers' algorithm.  A difference of more than
 * DIFF_MAX_EDITS lines is shown as the whole changed middle replaced.
 */
#include <stdlib.h>
#include <string.h>

#include "pgregress.h"

#define DIFF_MAX_EDITS	1000
#define DIFF_CONTEXT	3

/* Split text into lines (pointers into a copy); *n lines. */
static char **
split_lines(const char *text, size_t len, size_t *n, char **copy)
{
	char	**line = NULL, *p, *end;
	size_t	 cap = 0;

	*copy = xstrndup(text, len);
	*n = 0;
	for (p = *copy; *p != '\0'; p = end + 1) {
		end = strchr(p, '\n');
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			line = xreallocarray(line, cap, sizeof *line);
		}
		line[(*n)++] = p;
		if (end == NULL)
			break;
		*end = '\0';
	}
	return line;
}

/* An edit: '=' both, '-' a only, '+' b only. */
struct edit {
	char	op;
	size_t	a, b;
};

static void
edit_add(struct edit **e, size_t *n, size_t *cap, char op, size_t a,
    size_t b)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 256 : *cap * 2;
		*e = xreallocarray(*e, *cap, sizeof **e);
	}
	(*e)[*n].op = op;
	(*e)[*n].a = a;
	(*e)[*n].b = b;
	(*n)++;
}

/*
 * Myers' shortest edit script between a[0..na) and b[0..nb), appended
 * to *e in reverse order; -1 when it needs more than DIFF_MAX_EDITS.
 */
static int
myers(char **a, size_t na, char **b, size_t nb, size_t a0, size_t b0,
    struct edit **e, size_t *ne, size_t *cap)
{
	long	 max = (long)(na + nb), d, k, x, y, off;
	long	*v, **trace;
	int	 found = 0;

	if (max > DIFF_MAX_EDITS)
		max = DIFF_MAX_EDITS;	/* edits beyond: no script */
	off = max + 1;
	v = xcalloc((size_t)(2 * max + 3), sizeof *v);
	trace = xcalloc((size_t)max + 2, sizeof *trace);
	for (d = 0; d <= max && !found; d++) {
		trace[d] = xreallocarray(NULL, (size_t)(2 * max + 3),
		    sizeof **trace);
		memcpy(trace[d], v, (size_t)(2 * max + 3) * sizeof *v);
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] <
			    v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < (long)na && y < (long)nb &&
			    strcmp(a[x], b[y]) == 0)
				x++, y++;
			v[off + k] = x;
			if (x >= (long)na && y >= (long)nb) {
				found = 1;
				break;
			}
		}
	}
	if (found) {
		x = (long)na;
		y = (long)nb;
		for (d = d - 1; d >= 0; d--) {
			long	*pv = trace[d], pk, px, py;

			k = x - y;
			if (k == -d || (k != d && pv[off + k - 1] <
			    pv[off + k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = d == 0 ? 0 : pv[off + pk];
			py = px - pk;
			while (x > px && y > py && (x > 0 && y > 0)) {
				x--, y--;
				edit_add(e, ne, cap, '=', a0 + (size_t)x,
				    b0 + (size_t)y);
			}
			if (d > 0) {
				if (x == px)
					edit_add(e, ne, cap, '+', 0,
					    b0 + (size_t)--y);
				else
					edit_add(e, ne, cap, '-',
					    a0 + (size_t)--x, 0);
			}
		}
	}
	for (d = 0; d <= max + 1; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return found ? 0 : -1;
}

/* The edit script from a to b, in order; *n edits.  Caller frees. */
static struct edit *
diff_edits(char **a, size_t na, char **b, size_t nb, size_t *n)
{
	struct edit	*e = NULL, *mid = NULL, t;
	size_t		 cap = 0, ne = 0, nm = 0, mcap = 0, pre = 0, suf = 0;
	size_t		 i;

	while (pre < na && pre < nb && strcmp(a[pre], b[pre]) == 0)
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    strcmp(a[na - 1 - suf], b[nb - 1 - suf]) == 0)
		suf++;
	for (i = 0; i < pre; i++)
		edit_add(&e, &ne, &cap, '=', i, i);
	if (myers(a + pre, na - pre - suf, b + pre, nb - pre - suf, pre, pre,
	    &mid, &nm, &mcap) != 0) {
		nm = 0;
		for (i = nb - suf; i > pre; i--)
			edit_add(&mid, &nm, &mcap, '+', 0, i - 1);
		for (i = na - suf; i > pre; i--)
			edit_add(&mid, &nm, &mcap, '-', i - 1, 0);
	}
	for (i = 0; i < nm / 2; i++) {
		t = mid[i];
		mid[i] = mid[nm - 1 - i];
		mid[nm - 1 - i] = t;
	}
	for (i = 0; i < nm; i++)
		edit_add(&e, &ne, &cap, mid[i].op, mid[i].a, mid[i].b);
	for (i = 0; i < suf; i++)
		edit_add(&e, &ne, &cap, '=', na - suf + i, nb - suf + i);
	free(mid);
	*n = ne;
	return e;
}

static void
hunk_range(struct buf *out, char sign, size_t start, size_t count)
{
	if (count == 1)
		buf_printf(out, "%c%zu", sign, start + 1);
	else
		buf_printf(out, "%c%zu,%zu", sign, count == 0 ? start : start +
		    1, count);
}

/* Write the hunks of an edit script with their context. */
static void
write_hunks(struct buf *out, const struct edit *e, size_t ne, char **a,
    char **b)
{
	size_t	i = 0, j, start, end, na, nb, last;

	while (i < ne) {
		while (i < ne && e[i].op == '=')
			i++;
		if (i == ne)
			break;
		start = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0;
		end = i;
		last = i;
		for (j = i; j < ne; j++) {
			if (e[j].op != '=')
				last = j;
			else if (j - last > 2 * DIFF_CONTEXT)
				break;
		}
		end = last + DIFF_CONTEXT + 1 < ne ? last + DIFF_CONTEXT + 1 :
		    ne;
		for (na = nb = 0, j = start; j < end; j++) {
			na += e[j].op != '+';
			nb += e[j].op != '-';
		}
		buf_adds(out, "@@ ");
		hunk_range(out, '-', e[start].op == '+' ? (start > 0 ?
		    e[start - 1].a + 1 : 0) : e[start].a, na);
		buf_adds(out, " ");
		hunk_range(out, '+', e[start].op == '-' ? (start > 0 ?
		    e[start - 1].b + 1 : 0) : e[start].b, nb);
		buf_adds(out, " @@\n");
		for (j = start; j < end; j++)
			buf_printf(out, "%c%s\n", e[j].op == '=' ? ' ' : e[j].op,
			    e[j].op == '+' ? b[e[j].b] : a[e[j].a]);
		i = end;
	}
}

/*
 * A unified diff of expected (named from) and actual (named to), or
 * NULL when they are the same.  *first_line gets the 1-based line of
 * the actual text where the first difference is.  Caller frees.
 */
char *
pgr_diff(const char *from, const char *exp, size_t explen, const char *to,
    const char *act, size_t actlen, long *first_line)
{
	char		**a, **b, *ca, *cb;
	size_t		  na, nb, ne, i;
	struct edit	 *e;
	struct buf	  out;

	if (explen == actlen && memcmp(exp, act, explen) == 0)
		return NULL;
	a = split_lines(exp, explen, &na, &ca);
	b = split_lines(act, actlen, &nb, &cb);
	e = diff_edits(a, na, b, nb, &ne);
	*first_line = 1;
	for (i = 0; i < ne; i++)
		if (e[i].op != '=') {
			*first_line = e[i].op == '+' ? (long)e[i].b + 1 :
			    (i > 0 ? (long)e[i - 1].b + 2 : 1);
			break;
		}
	buf_init(&out);
	buf_printf(&out, "diff -U3 %s %s\n--- %s\n+++ %s\n", from, to, from,
	    to);
	write_hunks(&out, e, ne, a, b);
	free(e);
	free(a);
	free(b);
	free(ca);
	free(cb);
	return buf_detach(&out);
}
