/*
 * psql-print-locale.c: \pset numericlocale, as psql 15 formats the cells
 * of its right-aligned (numeric) columns: the integer digits grouped
 * with the thousands separator, the decimal point of the client's
 * LC_NUMERIC (from the environment, as psql's setlocale(LC_ALL, "")
 * takes it); without a separator in the locale, "," (or "." when the
 * decimal point is ","), groups of 3 unless the locale says 1 to 6.
 * A cell that does not look like a number is left as it is.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* The separators and group size of the client's LC_NUMERIC. */
struct numeric_locale {
	char	*decimal_point;
	char	*thousands_sep;
	int	 group;
};

/* Fill *nl from the environment's LC_NUMERIC (C when it has none). */
static void
numeric_locale_get(struct numeric_locale *nl)
{
	locale_t	 loc = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
	const char	*dp = ".", *ts = "", *grouping = "";

	if (loc != (locale_t)0) {
		dp = nl_langinfo_l(RADIXCHAR, loc);
		ts = nl_langinfo_l(THOUSEP, loc);
		grouping = nl_langinfo_l(GROUPING, loc);
	}
	nl->decimal_point = xstrdup(*dp != '\0' ? dp : ".");
	nl->group = grouping[0] > 0 && grouping[0] <= 6 ? grouping[0] : 3;
	if (*ts != '\0')
		nl->thousands_sep = xstrdup(ts);
	else
		nl->thousands_sep = xstrdup(strcmp(nl->decimal_point, ",") !=
		    0 ? "," : ".");
	if (loc != (locale_t)0)
		freelocale(loc);
}

/* A cell formatted as psql's format_numeric_locale(); caller frees. */
static char *
numeric_format(const struct numeric_locale *nl, const char *s)
{
	struct buf	 b;
	size_t		 digits, i, lead;

	if (strspn(s, "0123456789+-.eE") != strlen(s))
		return xstrdup(s);
	buf_init(&b);
	if (*s == '-' || *s == '+')
		buf_addc(&b, *s++);
	digits = strspn(s, "0123456789");
	lead = digits % (size_t)nl->group;
	if (lead == 0)
		lead = (size_t)nl->group;
	for (i = 0; i < digits; i++) {
		if (i > 0 && --lead == 0) {
			buf_adds(&b, nl->thousands_sep);
			lead = (size_t)nl->group;
		}
		buf_addc(&b, s[i]);
	}
	if (s[i] == '.') {
		buf_adds(&b, nl->decimal_point);
		i++;
	}
	buf_adds(&b, s + i);
	return buf_detach(&b);
}

/*
 * Replace t's cells (an array of borrowed strings, freed here) with
 * copies, those of its right-aligned columns formatted for
 * numericlocale; NULL cells stay NULL.  psql_numeric_locale_free()
 * frees the copies and the array.
 */
void
psql_numeric_locale(struct psql_table *t)
{
	struct numeric_locale	 nl;
	size_t			 n = t->nrows * (size_t)t->ncols, i;
	char			**cells = xcalloc(n + 1, sizeof *cells);

	numeric_locale_get(&nl);
	for (i = 0; i < n; i++) {
		if (t->cells[i] == NULL)
			cells[i] = NULL;
		else if (t->aligns[i % (size_t)t->ncols] == 'r')
			cells[i] = numeric_format(&nl, t->cells[i]);
		else
			cells[i] = xstrdup(t->cells[i]);
	}
	free(nl.decimal_point);
	free(nl.thousands_sep);
	free(t->cells);
	t->cells = cells;
}

/* Free the cells psql_numeric_locale() made, and their array. */
void
psql_numeric_locale_free(struct psql_table *t)
{
	size_t	n = t->nrows * (size_t)t->ncols, i;

	for (i = 0; i < n; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
}
