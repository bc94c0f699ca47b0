/*
 * test-csv.c: unit tests for the CSV reader (csv.c) on in-memory text:
 * RFC 4180 quoting, NULL and the empty string, line endings, the byte
 * order mark, blank lines at the end, and the exact "FILE:LINE: message"
 * of each malformed input.  Also migration versions (migrate.c) and the
 * SQL normaliser of the schema fingerprints (strutil.c).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* Parse text as d.csv; on failure diag the cause and return NULL. */
static struct csv *
parse(const char *text)
{
	struct csv	*csv;
	char		*cause = NULL;

	csv = csv_parse("d.csv", text, strlen(text), &cause);
	if (csv == NULL) {
		diag("unexpected error: %s", cause);
		free(cause);
	}
	return csv;
}

/* One check: text fails with exactly this message. */
static void
fails(const char *text, const char *want, const char *desc)
{
	struct csv	*csv;
	char		*cause = NULL;

	csv = csv_parse("d.csv", text, strlen(text), &cause);
	if (csv != NULL) {
		ok(0, "%s", desc);
		diag("parsed, but expected: %s", want);
		csv_free(csv);
		return;
	}
	is_str(cause, want, desc);
	free(cause);
}

/* Cell (row, col), or "(null)" for NULL. */
static const char *
cell(const struct csv *csv, size_t row, int col)
{
	const char	*s = csv->cells[row * (size_t)csv->ncols + (size_t)col];

	return s != NULL ? s : "(null)";
}

static void
test_plain(void)
{
	struct csv	*csv;

	csv = parse("id,email,amount\n1,ann@example.com,20\n2,bob,12\n");
	if (!ok(csv != NULL, "plain: parses"))
		return;
	is_int(csv->ncols, 3, "plain: three columns");
	is_str(csv->header[1], "email", "plain: header names the columns");
	is_int((long long)csv->nrows, 2, "plain: two rows");
	is_str(cell(csv, 1, 1), "bob", "plain: a cell");
	is_int(csv->lines[1], 3, "plain: the line of the second row");
	csv_free(csv);
}

static void
test_quoting(void)
{
	struct csv	*csv;

	csv = parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
	    "\"\",,last\r\n");
	if (!ok(csv != NULL, "quoting: parses"))
		return;
	is_str(cell(csv, 0, 0), "x, y", "quoting: comma inside quotes");
	is_str(cell(csv, 0, 1), "say \"hi\"", "quoting: doubled quote");
	is_str(cell(csv, 0, 2), "two\nlines", "quoting: line break inside");
	is_str(cell(csv, 1, 0), "", "quoting: \"\" is the empty string");
	is_str(cell(csv, 1, 1), "(null)", "quoting: empty unquoted is NULL");
	is_int(csv->lines[1], 4, "quoting: a row after a quoted line break "
	    "starts on its real line");
	csv_free(csv);
}

static void
test_edges(void)
{
	struct csv	*csv;

	csv = parse("\xef\xbb\xbfn\n1\n2");
	if (ok(csv != NULL, "edges: BOM, no final line break")) {
		is_str(csv->header[0], "n", "edges: the BOM is skipped");
		is_int((long long)csv->nrows, 2, "edges: last row without "
		    "a line break");
		csv_free(csv);
	}
	csv = parse("a,b\n1,2\n\n\n");
	if (ok(csv != NULL, "edges: blank lines at the end")) {
		is_int((long long)csv->nrows, 1, "edges: blank lines at the "
		    "end are ignored");
		csv_free(csv);
	}
	csv = parse("a,b\n");
	if (ok(csv != NULL, "edges: header only")) {
		is_int((long long)csv->nrows, 0, "edges: no rows");
		csv_free(csv);
	}
	csv = parse("a,b\n,\n");
	if (ok(csv != NULL, "edges: a row of NULLs")) {
		is_str(cell(csv, 0, 1), "(null)", "edges: trailing empty "
		    "field is NULL");
		csv_free(csv);
	}
}

static void
test_errors(void)
{
	fails("", "d.csv:1: empty file: the first row must name the columns",
	    "error: empty file");
	fails("a,b\n1,2\n3\n", "d.csv:3: 1 field in this row, but 2 columns "
	    "in the header row", "error: too few fields, at the row's line");
	fails("a\n1\n2,3\n", "d.csv:3: 2 fields in this row, but 1 column in "
	    "the header row", "error: too many fields");
	fails("a,b\n1,\"open\n\n2,3\n", "d.csv:2: unterminated quoted field "
	    "(it opens on this line; close it with \")",
	    "error: unterminated quote, at the line it opens on");
	fails("a,b\n1,\"x\"y\n", "d.csv:2: text after the closing quote of a "
	    "field (write a quote inside a quoted field as \"\")",
	    "error: text after a closing quote");
	fails("a,b\n1,x\"y\n", "d.csv:2: quote in an unquoted field: put the "
	    "whole field in quotes and write the quote as \"\"",
	    "error: quote inside an unquoted field");
	fails("a,,c\n", "d.csv:1: empty column name in the header row",
	    "error: empty column name");
	fails("a,b,a\n", "d.csv:1: column \"a\" twice in the header row",
	    "error: duplicate column name");
	fails("a,b\n1,2\n3,\"4\n5\"\n6,7\n8\n", "d.csv:6: 1 field in this row, "
	    "but 2 columns in the header row",
	    "error: line numbers count line breaks inside quotes");
}

static void
test_nul(void)
{
	static const char	 text[] = "a\n1\n2\0\n";
	char			*cause = NULL;

	ok(csv_parse("d.csv", text, sizeof text - 1, &cause) == NULL,
	    "error: NUL byte");
	is_str(cause, "d.csv:3: NUL byte in the file (is it binary?)",
	    "error: NUL byte, at its line");
	free(cause);
}

static void
test_versions(void)
{
	ok(version_cmp("9", "10") < 0, "version: 9 < 10 (numeric, not "
	    "lexical)");
	ok(version_cmp("0002", "2") == 0, "version: 0002 == 2");
	ok(version_cmp("1.9", "1.10") < 0, "version: 1.9 < 1.10");
	ok(version_cmp("1", "1.0") == 0, "version: 1 == 1.0");
	ok(version_cmp("1_1", "1.1") == 0, "version: Flyway 1_1 == 1.1");
	ok(version_cmp("20240101120000", "20231231235959") > 0,
	    "version: timestamps");
	ok(version_cmp("99999999999999999999999", "100000000000000000000000")
	    < 0, "version: longer than 64 bits");
	ok(version_valid("0001") && version_valid("1.2") &&
	    version_valid("1_2"), "version_valid: versions");
	ok(!version_valid("") && !version_valid("v1") &&
	    !version_valid("1.") && !version_valid("1..2"),
	    "version_valid: not versions");
}

static void
test_normalize(void)
{
	char	*s;

	s = str_sql_normalize("CREATE  INDEX i ON t ( a ,b )\n  WHERE x  "
	    "= 'A  B' -- note\n");
	is_str(s, "create index i on t(a, b) where x = 'A  B'",
	    "normalize: space, case, comments; quotes kept");
	free(s);
	s = str_sql_normalize("CHECK (\"Amount\" > 0 /* c */)");
	is_str(s, "check(\"Amount\" > 0)", "normalize: quoted identifier "
	    "kept, block comment dropped");
	free(s);
	ok(str_is_identifier("customer_id") && !str_is_identifier("1a") &&
	    !str_is_identifier("a b") && !str_is_identifier(""),
	    "str_is_identifier");
}

int
main(void)
{
	test_plain();
	test_quoting();
	test_edges();
	test_errors();
	test_nul();
	test_versions();
	test_normalize();
	return done_testing();
}
