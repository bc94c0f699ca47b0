/*
 * psql-print-csv.c: \pset format csv as psql 15 prints it (a header
 * line unless tuples_only, no title, no footer, LF line ends; \x gives
 * "column,value" lines), \pset csv_fieldsep, and the names \pset format
 * takes (a unique prefix of any of psql's formats).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/*
 * One field, quoted with its quotes doubled when it holds the
 * separator, a quote, CR or LF, is exactly "\." or when the separator
 * is a backslash or a dot (so that no line reads as COPY's end marker).
 */
static void
csv_field(FILE *f, const char *s, char sep)
{
	const char	*p;

	if (strchr(s, sep) == NULL && strpbrk(s, "\r\n\"") == NULL &&
	    strcmp(s, "\\.") != 0 && sep != '\\' && sep != '.') {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* A table in csv: rows of fields, or "column,value" lines under \x. */
void
psql_print_csv(struct psql *ps, const struct psql_table *t)
{
	FILE		*f = psql_qfout(ps);
	char		 sep = ps->popt.csv_fieldsep;
	size_t		 i, n = t->nrows * (size_t)t->ncols;
	const char	*v;
	int		 j;

	if (!psql_expanded(ps, t) && !ps->popt.tuples_only &&
	    !t->more_before) {
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				fputc(sep, f);
			csv_field(f, t->headers[j], sep);
		}
		fputc('\n', f);
	}
	for (i = 0; i < n; i++) {
		v = t->cells[i] != NULL ? t->cells[i] : ps->popt.null;
		if (psql_expanded(ps, t)) {
			csv_field(f, t->headers[i % (size_t)t->ncols], sep);
			fputc(sep, f);
			csv_field(f, v, sep);
			fputc('\n', f);
			continue;
		}
		csv_field(f, v, sep);
		fputc((i + 1) % (size_t)t->ncols != 0 ? sep : '\n', f);
	}
}

/*
 * psql's format names, in its order, for unique prefixes; latex-longtable
 * is apart, as "latex" is a prefix of it.
 */
static const struct {
	const char	*name;
	enum psql_format format;
} formats[] = {
	{ "aligned", PSQL_FMT_ALIGNED }, { "asciidoc", PSQL_FMT_ASCIIDOC },
	{ "csv", PSQL_FMT_CSV }, { "html", PSQL_FMT_HTML },
	{ "latex", PSQL_FMT_LATEX }, { "troff-ms", PSQL_FMT_TROFF },
	{ "unaligned", PSQL_FMT_UNALIGNED }, { "wrapped", PSQL_FMT_WRAPPED }
};

/* The name of a format, as \pset says it. */
const char *
psql_format_name(enum psql_format f)
{
	size_t	i;

	if (f == PSQL_FMT_LATEX_LONGTABLE)
		return "latex-longtable";
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i].format == f)
			return formats[i].name;
	return "aligned";
}

/*
 * \pset format [NAME]: a unique prefix of psql's names, or of
 * latex-longtable.  0, or -1 with psql's message.
 */
int
psql_pset_format(struct psql *ps, const char *val)
{
	size_t	i, n = val != NULL ? strlen(val) : 0;
	int	match = -1;

	for (i = 0; val != NULL && i < sizeof formats / sizeof formats[0];
	    i++) {
		if (strncasecmp(formats[i].name, val, n) != 0)
			continue;
		if (match >= 0) {
			psql_error(ps, "\\pset: ambiguous abbreviation \"%s\" "
			    "matches both \"%s\" and \"%s\"", val,
			    formats[match].name, formats[i].name);
			return -1;
		}
		match = (int)i;
	}
	if (val != NULL && match >= 0)
		ps->popt.format = formats[match].format;
	else if (val != NULL && strncasecmp("latex-longtable", val, n) == 0)
		ps->popt.format = PSQL_FMT_LATEX_LONGTABLE;
	else if (val != NULL) {
		psql_error(ps, "\\pset: allowed formats are aligned, asciidoc, "
		    "csv, html, latex, latex-longtable, troff-ms, unaligned, "
		    "wrapped");
		return -1;
	}
	if (!ps->quiet)
		fprintf(ps->out, "Output format is %s.\n",
		    psql_format_name(ps->popt.format));
	return 0;
}

/* \pset csv_fieldsep [C]: one byte, not a quote, CR or LF. */
int
psql_pset_csv_fieldsep(struct psql *ps, const char *val)
{
	if (val != NULL && strlen(val) != 1) {
		psql_error(ps, "\\pset: csv_fieldsep must be a single one-byte "
		    "character");
		return -1;
	}
	if (val != NULL && strchr("\"\n\r", val[0]) != NULL) {
		psql_error(ps, "\\pset: csv_fieldsep cannot be a double quote, "
		    "a newline, or a carriage return");
		return -1;
	}
	if (val != NULL)
		ps->popt.csv_fieldsep = val[0];
	if (!ps->quiet)
		fprintf(ps->out, "Field separator for CSV is \"%c\".\n",
		    ps->popt.csv_fieldsep);
	return 0;
}
