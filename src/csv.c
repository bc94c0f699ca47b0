/*
 * csv.c: the CSV reader behind "-- load: TABLE FROM 'FILE.csv'".  RFC
 * 4180: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, quotes (written "") and line breaks.
 * The first record is the header and names the columns.  An empty
 * unquoted field is SQL NULL, a quoted empty field ("") the empty string,
 * as in PostgreSQL's COPY ... CSV.  A UTF-8 byte order mark is skipped,
 * and so are blank lines at the end of the file.
 *
 * Strict on purpose, so that a malformed file is an error at its
 * FILE:LINE rather than data loaded wrongly: a quote inside an unquoted
 * field, text after a closing quote, an unterminated quote, a record
 * whose field count differs from the header's, an empty or duplicate
 * column name, a NUL byte.
 *
 * All text lives in one allocation; cells point into it.  Reads files,
 * never prints.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define CSV_NULL	SIZE_MAX	/* offset standing for SQL NULL */

/* The state of one parse. */
struct csv_parser {
	const char	*path;
	const char	*text;
	size_t		 len;
	size_t		 pos;
	int		 line;		/* of text[pos] */
	struct buf	 store;		/* every field, NUL-terminated */
	size_t		*offs;		/* of each field; CSV_NULL for NULL */
	size_t		 noffs;
	size_t		 cap;
	int		*lines;		/* where each record starts */
	size_t		 nrecords;
	char		*cause;
};

static int	csv_error(struct csv_parser *, int, const char *, ...)
		    printflike(3, 4);

/* Record an error at line; returns -1. */
static int
csv_error(struct csv_parser *cp, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (cp->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	cp->cause = xprintf("%s:%d: %s", cp->path, line, msg);
	free(msg);
	return -1;
}

static void
csv_add_off(struct csv_parser *cp, size_t off)
{
	if (cp->noffs == cp->cap) {
		cp->cap = cp->cap == 0 ? 256 : cp->cap * 2;
		cp->offs = xreallocarray(cp->offs, cp->cap, sizeof *cp->offs);
	}
	cp->offs[cp->noffs++] = off;
}

/* 1 at the end of a record: CRLF, LF or the end of the text. */
static int
csv_at_eol(const struct csv_parser *cp)
{
	const char	*t = cp->text + cp->pos;

	return cp->pos >= cp->len || *t == '\n' ||
	    (*t == '\r' && cp->pos + 1 < cp->len && t[1] == '\n');
}

/* A quoted field; pos is at its opening quote. */
static int
csv_quoted(struct csv_parser *cp)
{
	int	opened = cp->line;
	char	c;

	cp->pos++;
	for (;;) {
		if (cp->pos >= cp->len)
			return csv_error(cp, opened, "unterminated quoted field "
			    "(it opens on this line; close it with \")");
		c = cp->text[cp->pos++];
		if (c == '"') {
			if (cp->pos < cp->len && cp->text[cp->pos] == '"') {
				buf_addc(&cp->store, '"');
				cp->pos++;
				continue;
			}
			break;
		}
		if (c == '\n')
			cp->line++;
		buf_addc(&cp->store, c);
	}
	if (!csv_at_eol(cp) && cp->text[cp->pos] != ',')
		return csv_error(cp, cp->line, "text after the closing quote "
		    "of a field (write a quote inside a quoted field as \"\")");
	return 0;
}

/* An unquoted field; empty is NULL (*null set). */
static int
csv_plain(struct csv_parser *cp, int *null)
{
	size_t	start = cp->pos;
	char	c;

	while (!csv_at_eol(cp) && (c = cp->text[cp->pos]) != ',') {
		if (c == '"')
			return csv_error(cp, cp->line, "quote in an unquoted "
			    "field: put the whole field in quotes and write "
			    "the quote as \"\"");
		buf_addc(&cp->store, c);
		cp->pos++;
	}
	*null = cp->pos == start;
	return 0;
}

/* One record; returns its field count, or -1. */
static int
csv_record(struct csv_parser *cp)
{
	size_t	off;
	int	n = 0, null;

	for (;;) {
		off = cp->store.len;
		null = 0;
		if (cp->pos < cp->len && cp->text[cp->pos] == '"') {
			if (csv_quoted(cp) != 0)
				return -1;
		} else if (csv_plain(cp, &null) != 0)
			return -1;
		buf_addc(&cp->store, '\0');
		csv_add_off(cp, null ? CSV_NULL : off);
		n++;
		if (cp->pos < cp->len && cp->text[cp->pos] == ',') {
			cp->pos++;
			continue;
		}
		break;
	}
	if (cp->pos < cp->len) {
		cp->pos += cp->text[cp->pos] == '\r' ? 2 : 1;
		cp->line++;
	}
	return n;
}

/* 1 if only line breaks (blank lines) are left. */
static int
csv_only_blank(const struct csv_parser *cp)
{
	size_t	i;

	for (i = cp->pos; i < cp->len; i++) {
		if (cp->text[i] != '\n' && cp->text[i] != '\r')
			return 0;
	}
	return 1;
}

/* Check the header: names present and distinct. */
static int
csv_check_header(struct csv_parser *cp, int ncols)
{
	const char	*a, *b;
	int		 i, j;

	for (i = 0; i < ncols; i++) {
		if (cp->offs[i] == CSV_NULL || cp->store.data[cp->offs[i]] ==
		    '\0')
			return csv_error(cp, 1, "empty column name in the "
			    "header row");
		a = cp->store.data + cp->offs[i];
		for (j = 0; j < i; j++) {
			b = cp->store.data + cp->offs[j];
			if (strcmp(a, b) == 0)
				return csv_error(cp, 1, "column \"%s\" twice in "
				    "the header row", a);
		}
	}
	return 0;
}

/* Refuse a NUL byte, at its line. */
static int
csv_check_nul(struct csv_parser *cp)
{
	const char	*nul, *s;
	int		 line = 1;

	nul = memchr(cp->text, '\0', cp->len);
	if (nul == NULL)
		return 0;
	for (s = cp->text; s < nul; s++) {
		if (*s == '\n')
			line++;
	}
	return csv_error(cp, line, "NUL byte in the file (is it binary?)");
}

/* Read every record; 0, or -1 with cp->cause. */
static int
csv_records(struct csv_parser *cp)
{
	int	n, ncols = -1, line;

	if (cp->len >= 3 && memcmp(cp->text, "\xef\xbb\xbf", 3) == 0)
		cp->pos = 3;
	if (csv_check_nul(cp) != 0)
		return -1;
	while (cp->pos < cp->len && !(ncols > 0 && csv_only_blank(cp))) {
		line = cp->line;
		n = csv_record(cp);
		if (n < 0)
			return -1;
		if (ncols < 0) {
			ncols = n;
			if (csv_check_header(cp, ncols) != 0)
				return -1;
			continue;
		}
		if (n != ncols)
			return csv_error(cp, line, "%d field%s in this row, but "
			    "%d column%s in the header row", n, n == 1 ? "" :
			    "s", ncols, ncols == 1 ? "" : "s");
		cp->lines = xreallocarray(cp->lines, cp->nrecords + 1,
		    sizeof *cp->lines);
		cp->lines[cp->nrecords++] = line;
	}
	if (ncols < 0)
		return csv_error(cp, 1, "empty file: the first row must name "
		    "the columns");
	return 0;
}

/*
 * Parse CSV text read from path (used in messages).  Returns the table,
 * or NULL with *cause set to "PATH:LINE: message".
 */
struct csv *
csv_parse(const char *path, const char *text, size_t len, char **cause)
{
	struct csv_parser	 cp;
	struct csv		*csv;
	size_t			 i;

	memset(&cp, 0, sizeof cp);
	cp.path = path;
	cp.text = text;
	cp.len = len;
	cp.line = 1;
	buf_init(&cp.store);
	if (csv_records(&cp) != 0) {
		*cause = cp.cause;
		buf_free(&cp.store);
		free(cp.offs);
		free(cp.lines);
		return NULL;
	}
	csv = xcalloc(1, sizeof *csv);
	csv->path = xstrdup(path);
	csv->ncols = (int)(cp.noffs / (cp.nrecords + 1));
	csv->nrows = cp.nrecords;
	csv->lines = cp.lines;
	csv->store = buf_detach(&cp.store);
	csv->cells = xcalloc(cp.noffs + 1, sizeof *csv->cells);
	for (i = 0; i < cp.noffs; i++)
		csv->cells[i] = cp.offs[i] == CSV_NULL ? NULL :
		    csv->store + cp.offs[i];
	csv->header = csv->cells;
	csv->cells += csv->ncols;
	free(cp.offs);
	return csv;
}

/* Read and parse a CSV file; NULL with *cause ("PATH:LINE: ..."). */
struct csv *
csv_read(const char *path, char **cause)
{
	struct csv	*csv;
	char		*text;
	size_t		 len;

	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		return NULL;
	csv = csv_parse(path, text, len, cause);
	free(text);
	return csv;
}

/* Free a table; NULL is a no-op. */
void
csv_free(struct csv *csv)
{
	if (csv == NULL)
		return;
	free(csv->header);
	free(csv->lines);
	free(csv->store);
	free(csv->path);
	free(csv);
}
