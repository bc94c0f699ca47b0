/*
 * test-parse.c: unit tests for the .sqltest reader (parse.c) and the
 * sqllogictest reader (parse-slt.c) on in-memory text: every expect form
 * of the contract, cells, file and test settings, include, and the exact
 * "FILE:LINE: message" of each malformed input.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

#define X64	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define Y64	"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy" \
		"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
#define UNKNOWN_ENGINE_HINT \
	"(expected one of: sqlite, postgres (postgresql, pg), mysql (mariadb))"

/* Parse text as t.sqltest; on failure diag the cause and return NULL. */
static struct test_file *
parse(const char *text)
{
	struct test_file	*tf;
	char			*cause = NULL;

	tf = parse_sqltest("t.sqltest", text, strlen(text), &cause);
	if (tf == NULL) {
		diag("unexpected parse error: %s", cause);
		free(cause);
	}
	return tf;
}

/* One check: text fails to parse with exactly this message. */
static void
parse_fails(const char *text, const char *want, const char *desc)
{
	struct test_file	*tf;
	char			*cause = NULL;

	tf = parse_sqltest("t.sqltest", text, strlen(text), &cause);
	if (tf != NULL) {
		ok(0, "%s", desc);
		diag("parsed, but expected: %s", want);
		test_file_free(tf);
		return;
	}
	is_str(cause, want, desc);
	free(cause);
}

/* The first expectation of a file whose one test is text's only test. */
static const struct expect *
first_expect(struct test_file *tf)
{
	size_t	i;

	for (i = 0; tf != NULL && i < tf->nrecords; i++) {
		if (tf->records[i].kind == RECORD_TEST &&
		    tf->records[i].nexpects > 0)
			return &tf->records[i].expects[0];
	}
	return NULL;
}

/* Parse "-- test: t / SELECT 1; / EXPECT_LINE" and return the file. */
static struct test_file *
parse_expect_line(const char *expect_line)
{
	struct test_file	*tf;
	char			*text;

	text = xprintf("-- test: t\nSELECT 1;\n%s\n", expect_line);
	tf = parse(text);
	free(text);
	return tf;
}

/* Render the expected rows of e as "a|b;c|d" with N for NULL, ~x~ regex. */
static char *
render_rows(const struct expect *e)
{
	struct buf	b;
	size_t		i;
	int		j;

	buf_init(&b);
	for (i = 0; i < e->nrows; i++) {
		if (i > 0)
			buf_addc(&b, ';');
		for (j = 0; j < e->rows[i].ncells; j++) {
			const struct cell *c = &e->rows[i].cells[j];

			if (j > 0)
				buf_addc(&b, '|');
			if (c->kind == CELL_NULL)
				buf_adds(&b, "N");
			else if (c->kind == CELL_REGEX)
				buf_printf(&b, "~%s~", c->text);
			else
				buf_printf(&b, "<%s>", c->text);
		}
	}
	return buf_detach(&b);
}

static void
test_structure(void)
{
	struct test_file	*tf;
	const struct record	*r;

	tf = parse("-- engines: sqlite, postgres\n"
	    "-- tags: fast, shop\n"
	    "\n"
	    "-- A comment line; not a directive.\n"
	    "-- setup\n"
	    "CREATE TABLE t (a int);\n"
	    "INSERT INTO t VALUES (1), (2);\n"
	    "\n"
	    "-- test: two rows\n"
	    "-- a comment inside the test\n"
	    "INSERT INTO t VALUES (3);\n"
	    "SELECT a\n"
	    "FROM t ORDER BY a;\n"
	    "-- expect:\n"
	    "1\n"
	    "2\n"
	    "3\n"
	    "\n"
	    "-- setup\n"
	    "DELETE FROM t;\n"
	    "-- test: empty now\n"
	    "SELECT count(*) FROM t\n"
	    "-- expect:\n"
	    "0\n");
	if (!ok(tf != NULL, "a complete file parses")) {
		return;
	}
	is_str(tf->path, "t.sqltest", "the file keeps its path");
	is_int((long long)tf->nengines, 2, "engines: two");
	is_str(tf->nengines == 2 ? tf->engines[1] : NULL, "postgres",
	    "engines: second is postgres");
	is_int((long long)tf->ntags, 2, "tags: two");
	is_str(tf->ntags == 2 ? tf->tags[0] : NULL, "fast", "tags: fast");
	is_int(tf->isolation, ISOLATION_AUTO, "isolation: auto by default");
	is_int((long long)tf->nrecords, 4, "setup, test, setup, test");
	if (tf->nrecords == 4) {
		r = &tf->records[0];
		is_int(r->kind, RECORD_SETUP, "record 1 is a setup");
		is_int(r->line, 5, "setup at its directive's line");
		is_int((long long)r->nstmts, 2, "setup has two statements");
		is_str(r->nstmts == 2 ? r->stmts[1].sql : NULL,
		    "INSERT INTO t VALUES (1), (2)", "setup statement 2");
		is_int(r->nstmts == 2 ? r->stmts[1].line : 0, 7,
		    "setup statement 2 is on line 7");
		r = &tf->records[1];
		is_int(r->kind, RECORD_TEST, "record 2 is a test");
		is_str(r->name, "two rows", "test name");
		is_int(r->line, 9, "test at its directive's line");
		is_int((long long)r->nstmts, 2, "test has two statements");
		is_str(r->nstmts == 2 ? r->stmts[1].sql : NULL,
		    "SELECT a\nFROM t ORDER BY a", "a multi-line statement");
		is_int(r->nstmts == 2 ? r->stmts[0].line : 0, 11,
		    "test statement 1 on line 11 (after the comment)");
		is_int(r->nstmts == 2 ? r->stmts[1].line : 0, 12,
		    "test statement 2 on line 12");
		is_int((long long)r->nexpects, 1, "one expectation");
		is_int(r->expects[0].line, 14, "expectation on line 14");
		is_int((long long)r->expects[0].nrows, 3, "three rows");
		is_int(r->expects[0].nrows == 3 ? r->expects[0].rows[2].line :
		    0, 17, "third row on line 17");
		is_str(tf->records[3].nstmts == 1 ?
		    tf->records[3].stmts[0].sql : NULL,
		    "SELECT count(*) FROM t",
		    "a statement without ';' before the expect line");
		is_int((long long)tf->records[3].expects[0].nrows, 1,
		    "rows run to the end of the file");
	}
	test_file_free(tf);
}

static void
test_line_forms(void)
{
	struct test_file	*tf;

	tf = parse("-- test: crlf\r\nSELECT 1;\r\n-- expect:\r\n1\r\n");
	ok(tf != NULL && strcmp(tf->records[0].stmts[0].sql, "SELECT 1") == 0
	    && strcmp(tf->records[0].expects[0].rows[0].cells[0].text,
	    "1") == 0, "CRLF line ends");
	test_file_free(tf);
	tf = parse("-- test: no final newline\nSELECT 1;\n-- expect ok");
	ok(tf != NULL && tf->records[0].expects[0].mode == EXPECT_OK,
	    "no new line at the end of the file");
	test_file_free(tf);
	tf = parse("--  test:   spaced name  \nSELECT 1;\n--   expect ok\n");
	is_str(tf != NULL ? tf->records[0].name : NULL, "spaced name",
	    "extra spaces around directive words and names");
	test_file_free(tf);
	tf = parse("-- TEST: upper\nSELECT 1;\n-- EXPECT OK\n");
	ok(tf != NULL && tf->records[0].expects[0].mode == EXPECT_OK,
	    "directive words in capitals");
	test_file_free(tf);
	tf = parse("-- test: t\nSELECT 1;\n-- expected result below\n"
	    "--expect: not a directive either\n-- expect ok\n");
	ok(tf != NULL && tf->records[0].nexpects == 1 &&
	    tf->records[0].nstmts == 1, "\"-- expected\" and \"--expect\" "
	    "are comments, not directives");
	test_file_free(tf);
	tf = parse("-- test: t\nSELECT 1; SELECT 2;\n-- expect ok\n"
	    "\n-- test: u\nSELECT 3;\n-- expect ok\n");
	ok(tf != NULL && tf->records[0].nstmts == 2 &&
	    tf->records[1].nstmts == 1, "statements are split per test");
	test_file_free(tf);
}

/* Check the mode fields of one expect line. */
static void
expect_mode(const char *line, enum expect_mode mode, enum sort_mode sort,
    long long count, const char *desc)
{
	struct test_file	*tf;
	const struct expect	*e;

	tf = parse_expect_line(line);
	e = first_expect(tf);
	ok(e != NULL && e->mode == mode && e->sort == sort &&
	    e->count == count, "%s", desc);
	if (e != NULL && !(e->mode == mode && e->sort == sort &&
	    e->count == count))
		diag("mode %d sort %d count %lld", e->mode, e->sort,
		    (long long)e->count);
	test_file_free(tf);
}

/* Check the condition and regex of an expect error line. */
static void
expect_error(const char *line, const char *condition, const char *regex,
    const char *desc)
{
	struct test_file	*tf;
	const struct expect	*e;
	char			*d;

	tf = parse_expect_line(line);
	e = first_expect(tf);
	ok(e != NULL && e->mode == EXPECT_ERROR, "%s: error mode", desc);
	d = xprintf("%s: condition", desc);
	is_str(e != NULL ? e->condition : NULL, condition, d);
	free(d);
	d = xprintf("%s: regex", desc);
	is_str(e != NULL ? e->regex : NULL, regex, d);
	free(d);
	test_file_free(tf);
}

static void
test_expect_forms(void)
{
	expect_mode("-- expect:\n1", EXPECT_ROWS, SORT_NONE, 0,
	    "-- expect: is ordered rows");
	expect_mode("-- expect rowsort:\n1", EXPECT_ROWS, SORT_ROW, 0,
	    "-- expect rowsort:");
	expect_mode("-- expect valuesort:\n1", EXPECT_ROWS, SORT_VALUE, 0,
	    "-- expect valuesort:");
	expect_mode("-- expect nosort:\n1", EXPECT_ROWS, SORT_NONE, 0,
	    "-- expect nosort:");
	expect_mode("-- expect ok", EXPECT_OK, SORT_NONE, 0, "-- expect ok");
	expect_mode("-- expect 3 rows", EXPECT_COUNT, SORT_NONE, 3,
	    "-- expect 3 rows");
	expect_mode("-- expect 1 row", EXPECT_COUNT, SORT_NONE, 1,
	    "-- expect 1 row");
	expect_mode("-- expect 0 rows", EXPECT_COUNT, SORT_NONE, 0,
	    "-- expect 0 rows");
	expect_mode("-- expect 12345678901 rows", EXPECT_COUNT, SORT_NONE,
	    12345678901LL, "-- expect N rows beyond 32 bits");
	expect_mode("-- expect error", EXPECT_ERROR, SORT_NONE, 0,
	    "-- expect error");
	expect_error("-- expect error", NULL, NULL, "any error");
	expect_error("-- expect error: unique_violation", "unique_violation",
	    NULL, "error: CONDITION");
	expect_error("-- expect error: check_violation /CHECK.*failed/",
	    "check_violation", "CHECK.*failed", "error: CONDITION /REGEX/");
	expect_error("-- expect error: not_null_violation /a / b/",
	    "not_null_violation", "a / b", "a regex holding a slash");
	expect_error("-- expect error: 23505", "23505", NULL,
	    "error: SQLSTATE");
	expect_error("-- expect error: mysql:1062", "mysql:1062", NULL,
	    "error: mysql:NATIVE");
	expect_error("-- expect error: mariadb:1062", "mariadb:1062", NULL,
	    "error: ENGINE:NATIVE with an engine alias");
	expect_error("-- expect error: 22P02", "22P02", NULL,
	    "error: a SQLSTATE with letters");
	expect_error("-- expect error: sqlite:SQLITE_CONSTRAINT_UNIQUE",
	    "sqlite:SQLITE_CONSTRAINT_UNIQUE", NULL, "error: sqlite:NATIVE");
	expect_error("-- expect error: /no such table/", NULL,
	    "no such table", "error: /REGEX/ without a condition");
	expect_error("-- expect error /syntax/", NULL, "syntax",
	    "error /REGEX/ without the colon");

}

static void
test_expect_options(void)
{
	struct test_file	*tf;
	const struct expect	*e;
	char			*rows;

	tf = parse_expect_line("-- expect hash: 3 values "
	    "0123456789abcdef0123456789ABCDEF");
	e = first_expect(tf);
	ok(e != NULL && e->mode == EXPECT_HASH && e->count == 3,
	    "-- expect hash: N values MD5");
	is_str(e != NULL ? e->hash : NULL, "0123456789abcdef0123456789ABCDEF",
	    "hash: the digest is kept");
	test_file_free(tf);

	tf = parse_expect_line("-- expect rowsort (tolerance 1e-9):\n0.5");
	e = first_expect(tf);
	ok(e != NULL && e->sort == SORT_ROW && e->has_tolerance &&
	    e->tolerance == 1e-9, "rowsort (tolerance 1e-9):");
	test_file_free(tf);
	tf = parse_expect_line("-- expect (tolerance 0.01):\n0.5");
	e = first_expect(tf);
	ok(e != NULL && e->sort == SORT_NONE && e->has_tolerance &&
	    e->tolerance == 0.01, "ordered with (tolerance 0.01):");
	test_file_free(tf);
	tf = parse_expect_line("-- expect valuesort ( tolerance 0 ) :\n0.5");
	e = first_expect(tf);
	ok(e != NULL && e->sort == SORT_VALUE && e->has_tolerance &&
	    e->tolerance == 0, "spaces inside and after the options");
	test_file_free(tf);
	tf = parse_expect_line("-- expect:\n1");
	e = first_expect(tf);
	ok(e != NULL && !e->has_tolerance, "no tolerance by default");
	test_file_free(tf);

	/* Rows end at a blank line or at the next directive. */
	tf = parse("-- test: a\nSELECT 1;\n-- expect:\n1\n2\n\n"
	    "-- test: b\nSELECT 2;\n-- expect rowsort:\nx | y\n"
	    "-- test: c\nSELECT 3;\n-- expect ok\n");
	ok(tf != NULL && tf->nrecords == 3, "rows end at a blank line or "
	    "the next directive");
	if (tf != NULL && tf->nrecords == 3) {
		rows = render_rows(&tf->records[1].expects[0]);
		is_str(rows, "<x>|<y>", "rows before the next directive");
		free(rows);
	}
	test_file_free(tf);
	tf = parse("-- test: a\nSELECT 1;\n-- expect:\n1\n  -- not a "
	    "directive\n");
	e = first_expect(tf);
	rows = e != NULL ? render_rows(e) : NULL;
	is_str(rows, "<1>;<-- not a directive>",
	    "a comment-like line inside rows is a row");
	free(rows);
	test_file_free(tf);
	tf = parse("-- test: empty result\nSELECT 1 WHERE 0;\n-- expect:\n\n");
	e = first_expect(tf);
	ok(e != NULL && e->mode == EXPECT_ROWS && e->nrows == 0,
	    "-- expect: with no rows is an empty result");
	test_file_free(tf);
}

static void
test_engine_expects(void)
{
	struct test_file	*tf;
	const struct record	*r;

	tf = parse("-- test: t\nSELECT 7 / 2;\n"
	    "-- expect[mysql]:\n3.5000\n\n"
	    "-- expect[postgresql] error: division_by_zero\n"
	    "-- expect[sqlite] rowsort:\n3\n"
	    "-- expect:\n3\n");
	if (!ok(tf != NULL, "engine-specific expectations parse"))
		return;
	r = &tf->records[0];
	is_int((long long)r->nexpects, 4, "four expectations");
	if (r->nexpects == 4) {
		is_str(r->expects[0].engine, "mysql", "first is for mysql");
		is_int(r->expects[0].mode, EXPECT_ROWS, "mysql: rows");
		is_int((long long)r->expects[0].nrows, 1, "mysql: one row");
		is_str(r->expects[1].engine, "postgresql",
		    "second is for postgresql (an alias)");
		is_int(r->expects[1].mode, EXPECT_ERROR, "postgres: error");
		is_str(r->expects[1].condition, "division_by_zero",
		    "postgres: condition");
		is_str(r->expects[2].engine, "sqlite", "third is for sqlite");
		is_int(r->expects[2].sort, SORT_ROW, "sqlite: rowsort");
		is_str(r->expects[3].engine, NULL,
		    "the plain expect serves the others");
		is_int(r->expects[3].line, 9, "plain expect on line 9");
	}
	test_file_free(tf);
}

/* One check: a row line parses into these cells (render_rows syntax). */
static void
cells(const char *row, const char *want, const char *desc)
{
	struct test_file	*tf;
	const struct expect	*e;
	char			*text, *got;

	text = xprintf("-- test: t\nSELECT 1;\n-- expect:\n%s\n", row);
	tf = parse(text);
	free(text);
	e = first_expect(tf);
	got = e != NULL ? render_rows(e) : NULL;
	is_str(got, want, desc);
	free(got);
	test_file_free(tf);
}

static void
test_cells(void)
{
	cells("1 | a |b|  c d  ", "<1>|<a>|<b>|<c d>",
	    "cells are split on | and trimmed");
	cells("NULL", "N", "NULL is SQL NULL");
	cells("'NULL'", "<NULL>", "'NULL' is the four-letter string");
	cells("null", "<null>", "lower-case null is text");
	cells("''", "<>", "'' is the empty string");
	cells("' padded '", "< padded >", "' padded ' keeps its spaces");
	cells("'a | b'", "<a | b>", "'a | b' holds a bar");
	cells("'it''s'", "<it's>", "'it''s' holds a quote");
	cells("it's", "<it's>", "a quote inside an unquoted cell is text");
	cells("''''", "<'>", "'''' is one quote");
	cells("NULL | 'NULL' | '' | x", "N|<NULL>|<>|<x>",
	    "mixed cells on one row");
	cells("  'a'  |  NULL  ", "<a>|N", "spaces around quoted cells");
	cells("~/re|gex/", "~re|gex~", "~/re|gex/ holds a bar");
	cells("~/^[0-9]+$/ | x", "~^[0-9]+$~|<x>", "a regex cell and another");
	cells("~/a\\/b/", "~a\\/b~", "an escaped slash in a regex cell");
	cells("~/a/b/", "~a/b~", "a slash not before | or the end");
	cells("x~/y/", "<x~/y/>", "~/ inside a plain cell is text");
	cells("Zoë | 日本語", "<Zoë>|<日本語>", "UTF-8 cells");
}

static void
test_settings(void)
{
	struct test_file	*tf;
	const struct record	*r;

	tf = parse("-- isolation: database\n-- test: t\nVACUUM;\n"
	    "-- expect ok\n");
	is_int(tf != NULL ? (int)tf->isolation : -1, ISOLATION_DATABASE,
	    "-- isolation: database");
	test_file_free(tf);
	tf = parse("-- isolation: transaction\n-- test: t\nSELECT 1;\n"
	    "-- expect ok\n");
	is_int(tf != NULL ? (int)tf->isolation : -1, ISOLATION_TRANSACTION,
	    "-- isolation: transaction");
	test_file_free(tf);
	tf = parse("-- test: a\n-- only: sqlite\nSELECT 1;\n-- expect ok\n"
	    "-- test: b\n-- skip: mysql, pg\nSELECT 1;\n-- expect ok\n"
	    "-- test: c\nSELECT 1;\n-- only: postgres\n-- expect ok\n");
	if (ok(tf != NULL && tf->nrecords == 3, "only/skip parse")) {
		r = &tf->records[0];
		ok(r->nonly == 1 && strcmp(r->only[0], "sqlite") == 0 &&
		    r->nskip == 0, "-- only: sqlite");
		r = &tf->records[1];
		ok(r->nskip == 2 && strcmp(r->skip[0], "mysql") == 0 &&
		    strcmp(r->skip[1], "pg") == 0 && r->nonly == 0,
		    "-- skip: mysql, pg");
		r = &tf->records[2];
		ok(r->nonly == 1 && strcmp(r->only[0], "postgres") == 0,
		    "-- only: after the test's SQL, before its expect");
	}
	test_file_free(tf);
	tf = parse("-- engines: mariadb, SQLite3\n-- test: t\nSELECT 1;\n"
	    "-- expect ok\n");
	ok(tf != NULL && tf->nengines == 2, "engine aliases, any case");
	test_file_free(tf);
}

/* Write text to path; 0 on success. */
static int
write_file(const char *path, const char *text)
{
	FILE	*f;

	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void
test_include(void)
{
	struct test_file	*tf;
	const struct record	*r;
	char			*dir, *sub, *inc, *inc2, *main_path, *text;
	char			*want, *cause = NULL;
	const char		*missing, *tmp;

	tmp = getenv("TMPDIR");
	dir = xprintf("%s/test-parse.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp %s", dir);
		free(dir);
		return;
	}
	sub = xprintf("%s/schemas", dir);
	inc = xprintf("%s/schemas/schema.sql", dir);
	inc2 = xprintf("%s/data.sql", dir);
	main_path = xprintf("%s/main.sqltest", dir);
	mkdir(sub, 0700);
	write_file(inc, "-- the schema\nCREATE TABLE t (a int);\n\n"
	    "CREATE TABLE u (b int);\n");
	write_file(inc2, "INSERT INTO t VALUES (1)");
	text = xstrdup("-- include: schemas/schema.sql\n"
	    "-- include: data.sql\n"
	    "-- test: t\nSELECT a FROM t;\n-- expect:\n1\n");
	write_file(main_path, text);
	tf = parse_file(main_path, 0, &cause);
	if (ok(tf != NULL, "a file with includes parses")) {
		is_int((long long)tf->nrecords, 3, "two includes and a test");
		r = &tf->records[0];
		is_int(r->kind, RECORD_SETUP, "an include is a setup");
		is_str(r->path, inc, "include path relative to the "
		    "including file");
		is_int((long long)r->nstmts, 2, "included statements");
		is_int(r->nstmts == 2 ? r->stmts[1].line : 0, 4,
		    "included statement lines are the included file's");
		is_str(tf->records[1].nstmts == 1 ?
		    tf->records[1].stmts[0].sql : NULL,
		    "INSERT INTO t VALUES (1)", "second include");
		is_int((long long)tf->nincludes, 2, "the file lists its "
		    "includes");
	} else {
		diag("%s", cause);
		free(cause);
	}
	test_file_free(tf);

	cause = NULL;
	missing = "-- test: t\nSELECT 1;\n-- expect ok\n-- include: nope.sql\n";
	tf = parse_sqltest(main_path, missing, strlen(missing), &cause);
	want = xprintf("%s:4: cannot include \"nope.sql\": cannot open: No "
	    "such file or directory", main_path);
	ok(tf == NULL, "a missing include is an error");
	is_str(cause, want, "missing include: the message");
	free(want);
	free(cause);
	test_file_free(tf);

	cause = NULL;
	tf = parse_sqltest(main_path, "-- include:\n", 12, &cause);
	want = xprintf("%s:1: \"-- include:\" needs a path", main_path);
	is_str(cause, want, "include without a path");
	free(want);
	free(cause);
	test_file_free(tf);

	unlink(inc);
	unlink(inc2);
	unlink(main_path);
	rmdir(sub);
	rmdir(dir);
	free(dir);
	free(sub);
	free(inc);
	free(inc2);
	free(main_path);
	free(text);
}

/* Malformed text, the exact message, and what the case is about. */
static const struct bad_case {
	const char	*text;
	const char	*message;
	const char	*desc;
} bad_cases[] = {
	{ "-- test: unfinished\nSELECT 1;\n",
	    "t.sqltest:1: test \"unfinished\" has no \"-- expect\" line",
	    "a test without an expect at the end of the file" },
	{ "-- test: a\nSELECT 1;\n\n-- test: b\nSELECT 2;\n"
	    "-- expect ok\n",
	    "t.sqltest:1: test \"a\" has no \"-- expect\" line",
	    "a test without an expect before the next test" },
	{ "-- test: a\nSELECT 1;\n-- setup\nSELECT 2;\n",
	    "t.sqltest:1: test \"a\" has no \"-- expect\" line",
	    "a test without an expect before a setup" },
	{ "-- test: a\nSELECT 1;\n-- expect sorted:\n1\n",
	    "t.sqltest:3: unknown expect mode \"sorted\": expected \":\", "
	    "\"rowsort:\", \"valuesort:\", \"ok\", \"N rows\", \"error\" or "
	    "\"hash:\"", "unknown expect mode" },
	{ "-- test: a\nSELECT 1;\n-- expect rowsorted:\n1\n",
	    "t.sqltest:3: unknown expect mode \"rowsorted\" (did you mean "
	    "\"rowsort:\"?): expected \":\", \"rowsort:\", \"valuesort:\", "
	    "\"ok\", \"N rows\", \"error\" or \"hash:\"",
	    "a mode with letters after a valid one: the whole word, a hint" },
	{ "-- test: a\nSELECT 1/0;\n-- expect errors\n",
	    "t.sqltest:3: unknown expect mode \"errors\" (did you mean "
	    "\"error\"?): expected \":\", \"rowsort:\", \"valuesort:\", "
	    "\"ok\", \"N rows\", \"error\" or \"hash:\"",
	    "errors is not error" },
	{ "-- test: a\nSELECT 1;\n-- expect valuesrot (tolerance 1e-9):\n1\n",
	    "t.sqltest:3: unknown expect mode \"valuesrot\" (did you mean "
	    "\"valuesort:\"?): expected \":\", \"rowsort:\", \"valuesort:\", "
	    "\"ok\", \"N rows\", \"error\" or \"hash:\"",
	    "a transposition before options" },
	{ "-- test: a\nSELECT 1;\n-- expect\n",
	    "t.sqltest:3: \"-- expect\" needs a \":\" at the end of the "
	    "line, before the rows: write \"-- expect:\"",
	    "an expect line without a mode" },
	{ "-- test: a\nSELECT 1;\n-- expect rowsort\n1\n",
	    "t.sqltest:3: \"-- expect rowsort\" needs a \":\" at the end of "
	    "the line, before the rows: write \"-- expect rowsort:\"",
	    "rowsort without its colon" },
	{ "-- test: a\nSELECT 1;\n-- expect valuesort (tolerance 1e-9)\n1\n",
	    "t.sqltest:3: \"-- expect valuesort (tolerance 1e-9)\" needs a "
	    "\":\" at the end of the line, before the rows: write \"-- expect "
	    "valuesort (tolerance 1e-9):\"",
	    "options without the colon" },
	{ "-- test: a\nSELECT 1;\n-- expect: 1\n",
	    "t.sqltest:3: unexpected \": 1\" in \"-- expect\": write "
	    "\"-- expect:\" and the rows on the lines below",
	    "a row on the expect line" },
	{ "-- test: a\nSELECT 1;\n-- expect ok please\n",
	    "t.sqltest:3: unexpected \"please\" after \"-- expect ok\"",
	    "words after ok" },
	{ "-- test: a\nSELECT 1;\n-- expect 2 rowz\n",
	    "t.sqltest:3: bad row count: write \"-- expect N rows\"",
	    "bad row count" },
	{ "-- test: a\nSELECT 1;\n-- expect error: syntax_error /(/\n",
	    "t.sqltest:3: bad regex /(/ at offset 1: missing closing "
	    "parenthesis", "bad regex in expect error" },
	{ "-- test: a\nSELECT 1;\n-- expect error: 42601 /abc\n",
	    "t.sqltest:3: unterminated regex in \"-- expect error\": write "
	    "/REGEX/", "unterminated regex in expect error" },
	{ "-- test: a\nSELECT 1;\n-- expect error: sqlite:1 b\n",
	    "t.sqltest:3: unexpected \"b\" in \"-- expect error\": write "
	    "\"-- expect error: CONDITION /REGEX/\"",
	    "two words after expect error" },
	{ "-- test: a\nSELECT 1;\n-- expect error: unique\n",
	    "t.sqltest:3: unknown error condition \"unique\" (did you mean "
	    "\"unique_violation\"?): use a name such as unique_violation, a "
	    "SQLSTATE such as 23505, or ENGINE:CODE such as mysql:1062",
	    "an unknown condition name: the nearest one is suggested" },
	{ "-- test: a\nSELECT 1;\n-- expect error: divison_by_zero\n",
	    "t.sqltest:3: unknown error condition \"divison_by_zero\" (did "
	    "you mean \"division_by_zero\"?): use a name such as "
	    "unique_violation, a SQLSTATE such as 23505, or ENGINE:CODE such "
	    "as mysql:1062", "a condition with a letter missing" },
	{ "-- test: a\nSELECT 1;\n-- expect error: banana\n",
	    "t.sqltest:3: unknown error condition \"banana\": use a name "
	    "such as unique_violation, a SQLSTATE such as 23505, or "
	    "ENGINE:CODE such as mysql:1062",
	    "no suggestion when no name is near" },
	{ "-- test: a\nSELECT 1;\n-- expect error: oracle:1\n",
	    "t.sqltest:3: unknown error condition \"oracle:1\": use a name "
	    "such as unique_violation, a SQLSTATE such as 23505, or "
	    "ENGINE:CODE such as mysql:1062", "ENGINE:CODE of an unknown "
	    "engine" },
	{ "-- test: a\nSELECT 1;\n-- expect error: 2350\n",
	    "t.sqltest:3: unknown error condition \"2350\": use a name such "
	    "as unique_violation, a SQLSTATE such as 23505, or ENGINE:CODE "
	    "such as mysql:1062", "four characters are no SQLSTATE" },
	{ "-- test: a\nSELECT 1;\n-- expect hash: 3 values xyz\n",
	    "t.sqltest:3: bad hash expectation: write \"-- expect hash: N "
	    "values MD5HEX\"", "bad hash" },
	{ "-- test: a\nSELECT 1;\n-- expect hash: 3 values "
	    "0123456789abcdef0123456789abcdef extra\n",
	    "t.sqltest:3: bad hash expectation: write \"-- expect hash: N "
	    "values MD5HEX\"", "words after the hash" },
	{ "-- test: a\nSELECT 1;\n-- expect hash: 3 values "
	    "0123456789abcdef0123456789abcdeg\n",
	    "t.sqltest:3: bad hash expectation: write \"-- expect hash: N "
	    "values MD5HEX\"", "a hash with a non-hex digit" },
	{ "-- setup\nCREATE TABLE t (a int);\n-- expect ok\n",
	    "t.sqltest:3: \"-- expect\" outside a test: start the test with "
	    "\"-- test: NAME\" first", "expect in a setup block" },
	{ "-- expect ok\n",
	    "t.sqltest:1: \"-- expect\" outside a test: start the test with "
	    "\"-- test: NAME\" first", "expect before any block" },
	{ "\n-- a comment\nSELECT 1;\n-- test: a\nSELECT 1;\n"
	    "-- expect ok\n",
	    "t.sqltest:3: SQL outside a block: start it with \"-- setup\" "
	    "or \"-- test: NAME\"", "SQL outside a block" },
	{ "-- test: a\nSELECT 1;\n-- expect ok\nSELECT 2;\n",
	    "t.sqltest:4: SQL after the expectation of test \"a\": start a "
	    "new test with \"-- test: NAME\"", "SQL after an expect ok" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n1\n\nSELECT 2;\n",
	    "t.sqltest:6: SQL after the expectation of test \"a\": start a "
	    "new test with \"-- test: NAME\"", "SQL after expected rows" },
	{ "-- test: a\n-- expect ok\n",
	    "t.sqltest:2: test \"a\" has no SQL before its \"-- expect\"",
	    "a test without SQL" },
	{ "-- test: a\n-- only comments\n;\n-- expect ok\n",
	    "t.sqltest:4: test \"a\" has no SQL before its \"-- expect\"",
	    "a test with only comments and ';'" },
	{ "-- test:\nSELECT 1;\n-- expect ok\n",
	    "t.sqltest:1: \"-- test:\" needs a name", "a test without a name" },
	{ "-- test: a\nSELECT 1;\n-- expect ok\n\n-- test: a\n"
	    "SELECT 2;\n-- expect ok\n",
	    "t.sqltest:5: duplicate test name \"a\" (first at line 1)",
	    "duplicate test name" },
	{ "-- engines: oracle\n-- test: a\nSELECT 1;\n-- expect ok\n",
	    "t.sqltest:1: unknown engine \"oracle\" " UNKNOWN_ENGINE_HINT,
	    "unknown engine in engines:" },
	{ "-- engines:\n-- test: a\nSELECT 1;\n-- expect ok\n",
	    "t.sqltest:1: \"-- engines:\" needs a list", "empty engines:" },
	{ "-- test: a\n-- only: db2\nSELECT 1;\n-- expect ok\n",
	    "t.sqltest:2: unknown engine \"db2\" " UNKNOWN_ENGINE_HINT,
	    "unknown engine in only:" },
	{ "-- test: a\n-- skip:\nSELECT 1;\n-- expect ok\n",
	    "t.sqltest:2: \"-- skip:\" needs an engine", "empty skip:" },
	{ "-- test: a\nSELECT 1;\n-- expect[oracle]:\n1\n",
	    "t.sqltest:3: unknown engine \"oracle\" " UNKNOWN_ENGINE_HINT,
	    "unknown engine in expect[ENGINE]" },
	{ "-- test: a\nSELECT 1;\n-- expect[sqlite:\n1\n",
	    "t.sqltest:3: unclosed \"[\" in \"-- expect[ENGINE]\"",
	    "unclosed [ in expect" },
	{ "-- test: a\nSELECT 1;\n-- expect[pg]:\n1\n\n"
	    "-- expect[postgres] ok\n",
	    "t.sqltest:6: second expectation for engine \"postgres\" in test "
	    "\"a\"", "two expectations for one engine (by alias)" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n1\n\n-- expect ok\n",
	    "t.sqltest:6: test \"a\" already has an expectation for every "
	    "engine (line 3); write \"-- expect[ENGINE]\" for one engine's own",
	    "two plain expectations for one test" },
	{ "-- test: a\nSELECT 1;\n-- expect ok\n-- engines: sqlite\n",
	    "t.sqltest:4: \"-- engines\" must come before the first block",
	    "engines: after a test" },
	{ "-- setup\nSELECT 1;\n-- tags: x\n",
	    "t.sqltest:3: \"-- tags\" must come before the first block",
	    "tags: inside a setup" },
	{ "-- isolation: serializable\n-- test: a\nSELECT 1;\n"
	    "-- expect ok\n",
	    "t.sqltest:1: unknown isolation \"serializable\" (expected "
	    "\"transaction\" or \"database\")", "unknown isolation" },
	{ "-- setup\n-- only: sqlite\nSELECT 1;\n",
	    "t.sqltest:2: \"-- only:\" belongs after \"-- test: NAME\", "
	    "before the test's expectation", "only: in a setup" },
	{ "-- test: a\nSELECT 1;\n-- expect ok\n-- skip: mysql\n",
	    "t.sqltest:4: \"-- skip:\" belongs after \"-- test: NAME\", "
	    "before the test's expectation", "skip: after the expect" },
	{ "-- test: a\nSELECT 1;\n-- expect (tolerance abc):\n1\n",
	    "t.sqltest:3: bad tolerance \"abc\": expected a number",
	    "bad tolerance" },
	{ "-- test: a\nSELECT 1;\n-- expect (tolerance -1):\n1\n",
	    "t.sqltest:3: bad tolerance \"-1\": expected a number",
	    "negative tolerance" },
	{ "-- test: a\nSELECT 1;\n-- expect (tolerance):\n1\n",
	    "t.sqltest:3: bad tolerance \"\": expected a number",
	    "tolerance without a number" },
	{ "-- test: a\nSELECT 1;\n-- expect (tolerance 1:\n1\n",
	    "t.sqltest:3: unclosed \"(\" in expect options",
	    "unclosed options" },
	{ "-- test: a\nSELECT 1;\n-- expect (epsilon 1):\n1\n",
	    "t.sqltest:3: unknown expect option \"epsilon 1\" (known: "
	    "tolerance)", "unknown expect option" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n'abc\n",
	    "t.sqltest:4: unterminated quoted cell: close it with ' (write "
	    "'' for a quote inside)", "unterminated quoted cell" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n1 | 'it's'\n",
	    "t.sqltest:4: text after a quoted cell: put a \"|\" between "
	    "cells", "text after a quoted cell" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n~/abc\n",
	    "t.sqltest:4: unterminated regex cell: write ~/REGEX/",
	    "unterminated regex cell" },
	{ "-- test: a\nSELECT 1;\n-- expect:\n1\n~/[a/\n",
	    "t.sqltest:5: bad regex /[a/ at offset 2: missing terminating ] "
	    "for character class", "bad regex in a cell" },
	{ "", "t.sqltest:1: no tests found: expected \"-- test: "
	    "NAME\"", "an empty file" },
	{ "-- just a comment\n\n", "t.sqltest:1: no tests found: "
	    "expected \"-- test: NAME\"", "a file of comments" },
};

static void
test_errors(void)
{
	size_t	i;

	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
		parse_fails(bad_cases[i].text, bad_cases[i].message,
		    bad_cases[i].desc);
}

/* NUL bytes and long lines need explicit lengths. */
static void
test_binary(void)
{
	static const char	 text[] =
	    "-- test: a\nSELECT 1;\n-- ex\0pect ok\n";
	struct test_file	*tf;
	struct buf		 b;
	char			*cause = NULL, *want;
	size_t			 i;

	tf = parse_sqltest("t.sqltest", text, sizeof text - 1, &cause);
	ok(tf == NULL, "a NUL byte in a directive is an error");
	is_str(cause, "t.sqltest:3: NUL byte in file (is it binary?)",
	    "NUL byte: file and line");
	free(cause);
	test_file_free(tf);

	/* A 10 MB line outside any block: one short message. */
	buf_init(&b);
	buf_adds(&b, "-- test: a\nSELECT 1;\n-- expect ok\n");
	for (i = 0; i < 10 * 1024 * 1024 / 64; i++)
		buf_adds(&b, X64);
	buf_adds(&b, "\n");
	cause = NULL;
	tf = parse_sqltest("t.sqltest", b.data, b.len, &cause);
	want = xstrdup("t.sqltest:4: SQL after the expectation of test \"a\": "
	    "start a new test with \"-- test: NAME\"");
	is_str(cause, want, "a 10 MB line: a short message");
	free(want);
	free(cause);
	test_file_free(tf);
	buf_free(&b);

	/* A 10 MB string literal in a test is just SQL. */
	buf_init(&b);
	buf_adds(&b, "-- test: big\nSELECT length('");
	for (i = 0; i < 10 * 1024 * 1024 / 64; i++)
		buf_adds(&b, Y64);
	buf_adds(&b, "');\n-- expect:\n10485760\n");
	cause = NULL;
	tf = parse_sqltest("t.sqltest", b.data, b.len, &cause);
	ok(tf != NULL && tf->records[0].nstmts == 1 &&
	    strlen(tf->records[0].stmts[0].sql) == 10 * 1024 * 1024 + 17,
	    "a 10 MB statement is one statement");
	free(cause);
	test_file_free(tf);
	buf_free(&b);
}

/* Parse sqllogictest text as t.test. */
static struct test_file *
parse_slt_str(const char *text, char **cause)
{
	*cause = NULL;
	return parse_slt("t.test", text, strlen(text), cause);
}

static void
test_slt(void)
{
	struct test_file	*tf;
	const struct record	*r;
	const struct expect	*e;
	char			*cause, *rows;

	tf = parse_slt_str("# a comment\n"
	    "hash-threshold 8\n"
	    "\n"
	    "statement ok\n"
	    "CREATE TABLE t(a INTEGER, b TEXT)\n"
	    "\n"
	    "statement error\n"
	    "INSERT INTO nope\n"
	    "VALUES (1)\n"
	    "\n"
	    "query IT rowsort label-1\n"
	    "SELECT a, b FROM t\n"
	    "----\n"
	    "1\n"
	    "x\n"
	    "2\n"
	    "NULL\n"
	    "\n"
	    "skipif mysql\n"
	    "onlyif sqlite\n"
	    "query I valuesort\n"
	    "SELECT a FROM t\n"
	    "----\n"
	    "30 values hashing to 0123456789abcdef0123456789abcdef\n"
	    "\n"
	    "query R nosort\n"
	    "SELECT 1.5\n"
	    "\n"
	    "halt\n"
	    "\n"
	    "statement ok\n"
	    "SELECT 'after halt'\n", &cause);
	if (!ok(tf != NULL, "sqllogictest: a file parses")) {
		diag("%s", cause);
		free(cause);
		return;
	}
	ok(tf->slt == 1, "the file is marked as sqllogictest");
	is_int((long long)tf->nrecords, 7, "six records and a halt "
	    "(hash-threshold is no record)");
	if (tf->nrecords != 7) {
		test_file_free(tf);
		return;
	}
	r = &tf->records[0];
	ok(r->kind == RECORD_TEST && r->slt && r->nexpects == 1 &&
	    r->expects[0].mode == EXPECT_OK, "statement ok");
	is_str(r->name, "statement ok", "statement ok: its name");
	is_int(r->line, 4, "statement ok: its line");
	is_str(r->stmts[0].sql, "CREATE TABLE t(a INTEGER, b TEXT)",
	    "statement ok: its SQL");
	is_int(r->stmts[0].line, 5, "statement ok: the SQL's line");
	r = &tf->records[1];
	ok(r->expects[0].mode == EXPECT_ERROR &&
	    r->expects[0].condition == NULL, "statement error: any error");
	is_str(r->stmts[0].sql, "INSERT INTO nope\nVALUES (1)",
	    "statement error: a two-line statement");
	r = &tf->records[2];
	e = &r->expects[0];
	is_str(r->types, "IT", "query: types");
	is_str(r->label, "label-1", "query: label");
	ok(e->mode == EXPECT_ROWS && e->sort == SORT_ROW && e->flat,
	    "query: rowsort, flat values");
	rows = render_rows(e);
	is_str(rows, "<1>|<x>;<2>|<NULL>",
	    "query: values grouped by the number of types; NULL is text");
	free(rows);
	r = &tf->records[3];
	e = &r->expects[0];
	ok(e->mode == EXPECT_HASH && e->count == 30 && e->sort == SORT_VALUE,
	    "query: N values hashing to MD5, valuesort");
	is_str(e->hash, "0123456789abcdef0123456789abcdef", "query: the hash");
	ok(r->nskip == 1 && strcmp(r->skip[0], "mysql") == 0,
	    "skipif mysql");
	ok(r->nonly == 1 && strcmp(r->only[0], "sqlite") == 0,
	    "onlyif sqlite");
	is_int(r->line, 21, "a guarded record's line is its query line");
	r = &tf->records[4];
	ok(r->expects[0].mode == EXPECT_ROWS && r->expects[0].nrows == 0 &&
	    r->expects[0].sort == SORT_NONE, "query without ---- expects "
	    "no rows");
	ok(tf->records[5].kind == RECORD_HALT, "halt");
	ok(tf->records[6].kind == RECORD_TEST, "records after halt are read");
	test_file_free(tf);

}

static void
test_slt_errors(void)
{
	struct test_file	*tf;
	char			*cause;

	tf = parse_slt_str("query X\nSELECT 1\n", &cause);
	ok(tf == NULL, "bad query types");
	is_str(cause, "t.test:1: bad query line: expected \"query TYPES "
	    "[nosort|rowsort|valuesort] [LABEL]\" with TYPES made of I, T "
	    "and R", "bad query types: the message");
	free(cause);
	tf = parse_slt_str("\nquery I sorted\nSELECT 1\n", &cause);
	is_str(cause, "t.test:2: unknown sort mode: expected nosort, rowsort "
	    "or valuesort", "unknown sort mode");
	free(cause);
	test_file_free(tf);
	tf = parse_slt_str("statement maybe\nSELECT 1\n", &cause);
	is_str(cause, "t.test:1: bad statement line: expected \"statement "
	    "ok\" or \"statement error\"", "bad statement line");
	free(cause);
	test_file_free(tf);
	tf = parse_slt_str("statement ok\n\n", &cause);
	is_str(cause, "t.test:1: record has no SQL", "a record without SQL");
	free(cause);
	test_file_free(tf);
	tf = parse_slt_str("select 1\n", &cause);
	is_str(cause, "t.test:1: unknown record: expected statement, query, "
	    "hash-threshold, halt, skipif or onlyif", "unknown record");
	free(cause);
	test_file_free(tf);
	tf = parse_slt_str("skipif mysql\n\nstatement ok\nSELECT 1\n", &cause);
	is_str(cause, "t.test:2: skipif/onlyif must be followed by a record",
	    "skipif without a record");
	free(cause);
	test_file_free(tf);
	tf = parse_slt_str("query I\nSELECT 1\n----\n1 values hashing to "
	    "0123456789abcdef0123456789abcdef\n1\n", &cause);
	is_str(cause, "t.test:5: values after a hash line",
	    "values after a hash line");
	free(cause);
	test_file_free(tf);
	cause = NULL;
	tf = parse_slt("t.test", "statement ok\nSELECT '\0'\n", 24, &cause);
	is_str(cause, "t.test:1: NUL byte in file (is it binary?)",
	    "sqllogictest: NUL byte");
	free(cause);
	test_file_free(tf);
}

int
main(void)
{
	test_structure();
	test_line_forms();
	test_expect_forms();
	test_expect_options();
	test_engine_expects();
	test_cells();
	test_settings();
	test_include();
	test_errors();
	test_binary();
	test_slt();
	test_slt_errors();
	return done_testing();
}
