/*
 * test-tap.c: unit tests for the TAP reader (tap.c) -- test points with
 * and without numbers and descriptions, SKIP and TODO directives, escaped
 * hashes, plans, diagnostics, "Bail out!", subtest indentation, and the
 * plan checks at the end of a stream -- and for the pgTAP file reader
 * (parse-pgtap.c): recognising a file, statements around psql
 * meta-commands and dollar quotes, and the exact FILE:LINE message of a
 * refused meta-command.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* Read one line; returns the kind. */
static enum tap_kind
read_line(const char *s, struct tap_line *t)
{
	tap_read_line(s, strlen(s), t);
	return t->kind;
}

static int
text_is(const char *p, size_t n, const char *want)
{
	return p != NULL && strlen(want) == n && memcmp(p, want, n) == 0;
}

static void
test_points(void)
{
	struct tap_line	t;
	char		*d;

	ok(read_line("ok 1 - Table t should exist", &t) == TAP_TEST && t.ok &&
	    t.number == 1 && text_is(t.text, t.text_len,
	    "Table t should exist") && t.directive == TAP_DIR_NONE,
	    "ok N - description");
	ok(read_line("not ok 12 - math", &t) == TAP_TEST && !t.ok &&
	    t.number == 12 && text_is(t.text, t.text_len, "math"),
	    "not ok N - description");
	ok(read_line("ok 3 # SKIP no reason", &t) == TAP_TEST &&
	    t.directive == TAP_DIR_SKIP && t.text_len == 0 &&
	    text_is(t.reason, t.reason_len, "no reason"),
	    "a skip without description");
	ok(read_line("not ok 4 - todo thing # TODO later", &t) == TAP_TEST &&
	    t.directive == TAP_DIR_TODO && text_is(t.text, t.text_len,
	    "todo thing") && text_is(t.reason, t.reason_len, "later"),
	    "a TODO with description and reason");
	ok(read_line("ok 5 - a \\# hash", &t) == TAP_TEST &&
	    t.directive == TAP_DIR_NONE, "an escaped hash is no directive");
	d = tap_unescape(t.text, t.text_len);
	is_str(d, "a # hash", "the escaped hash unescaped");
	free(d);
	ok(read_line("ok 6 - c# is a language", &t) == TAP_TEST &&
	    t.directive == TAP_DIR_NONE && text_is(t.text, t.text_len,
	    "c# is a language"), "a hash not followed by a directive");
	ok(read_line("ok", &t) == TAP_TEST && t.number == 0 && t.text_len == 0,
	    "a bare ok");
	ok(read_line("okay then", &t) == TAP_OTHER, "okay is not ok");
	ok(read_line("    not ok 3 - two", &t) == TAP_TEST && t.indent == 4,
	    "an indented (subtest) point");
}

static void
test_other_lines(void)
{
	struct tap_line	t;

	ok(read_line("1..4", &t) == TAP_PLAN && t.plan == 4, "a plan");
	ok(read_line("1..0 # SKIP no database", &t) == TAP_PLAN &&
	    t.plan == 0 && t.directive == TAP_DIR_SKIP, "a skip-all plan");
	ok(read_line("1..4x", &t) == TAP_OTHER, "not a plan");
	ok(read_line("# Failed test 2: \"math\"", &t) == TAP_DIAG &&
	    text_is(t.text, t.text_len, "Failed test 2: \"math\""),
	    "a diagnostic");
	ok(read_line("Bail out! no server", &t) == TAP_BAIL &&
	    text_is(t.text, t.text_len, "no server"), "bail out");
	ok(read_line("42", &t) == TAP_OTHER, "anything else");
}

/* Feed lines to a fresh state and return what finish says (or NULL). */
static char *
stream(const char *const *lines)
{
	struct tap_state	st;
	struct tap_line		t;
	char			*r;

	tap_state_init(&st);
	for (; *lines != NULL; lines++) {
		tap_read_line(*lines, strlen(*lines), &t);
		tap_state_line(&st, &t);
	}
	r = tap_state_finish(&st);
	tap_state_free(&st);
	return r;
}

static void
test_plans(void)
{
	static const char *const first[] = { "1..2", "ok 1", "not ok 2", NULL };
	static const char *const last[] = { "ok 1", "ok 2", "1..2", NULL };
	static const char *const few[] = { "1..3", "ok 1", NULL };
	static const char *const none[] = { "ok 1", NULL };
	static const char *const middle[] = { "ok 1", "1..2", "ok 2", NULL };
	static const char *const twice[] = { "1..1", "ok 1", "1..1", NULL };
	static const char *const sub[] = { "1..1", "    ok 1", "    1..1",
	    "ok 1", NULL };
	char	*r;

	ok((r = stream(first)) == NULL, "a plan first holds");
	free(r);
	ok((r = stream(last)) == NULL, "a plan last holds");
	free(r);
	is_str(r = stream(few), "bad plan: planned 3 tests but ran 1",
	    "too few tests");
	free(r);
	ok((r = stream(none)) != NULL && strncmp(r, "no plan", 7) == 0,
	    "no plan");
	free(r);
	ok((r = stream(middle)) != NULL && strstr(r, "middle") != NULL,
	    "a plan in the middle");
	free(r);
	is_str(r = stream(twice), "more than one plan in the TAP output",
	    "two plans");
	free(r);
	ok((r = stream(sub)) == NULL, "subtest lines are not counted");
	free(r);
}

/* Parse text as t.pg; NULL with the cause in *cause. */
static struct test_file *
pgtap(const char *text, char **cause)
{
	*cause = NULL;
	return parse_pgtap("t.pg", text, strlen(text), cause);
}

static void
test_reader(void)
{
	struct test_file	*tf;
	char			*cause;

	ok(pgtap_is_pgtap("a.pg", "", 0, 0), "*.pg is pgTAP");
	ok(pgtap_is_pgtap("a.sql", "-- x\n-- format: pgtap\nSELECT 1;", 29, 0),
	    "-- format: pgtap in the leading comments");
	ok(!pgtap_is_pgtap("a.sql", "SELECT 1;\n-- format: pgtap\n", 27, 0),
	    "not after the first statement");
	ok(pgtap_is_pgtap("a.sql", "", 0, 1) && !pgtap_is_pgtap("a.sqltest",
	    "", 0, 1), "--pgtap: any name but the test files'");
	tf = pgtap("\\set ECHO none\n\\pset format unaligned\nBEGIN;\n"
	    "SELECT plan(1);\nCREATE FUNCTION f() RETURNS int AS $$\n"
	    "SELECT 1; \\not a command\n$$ LANGUAGE sql;\n\\t\n"
	    "SELECT 'a\\b';\nROLLBACK;\n", &cause);
	if (!ok(tf != NULL && tf->nrecords == 1, "output meta-commands "
	    "accepted") || tf == NULL) {
		diag("%s", cause != NULL ? cause : "records");
		free(cause);
		test_file_free(tf);
		return;
	}
	is_int((int)tf->records[0].nstmts, 5, "five statements");
	is_int(tf->records[0].stmts[1].line, 4, "at their lines");
	ok(strstr(tf->records[0].stmts[2].sql, "\\not a command") != NULL,
	    "a backslash inside dollar quotes is SQL");
	is_str(tf->records[0].stmts[3].sql, "SELECT 'a\\b'",
	    "a backslash inside a string is SQL");
	ok(tf->pgtap && tf->nengines == 1, "a pgTAP file, for postgres");
	test_file_free(tf);
	tf = pgtap("SELECT plan(1);\n\n\\copy t FROM 'x'\n", &cause);
	ok(tf == NULL && cause != NULL && strncmp(cause, "t.pg:3: psql "
	    "meta-command \\copy is not supported", 40) == 0,
	    "an unsupported meta-command: FILE:LINE");
	free(cause);
	test_file_free(tf);
	tf = pgtap("\\set ON_ERROR_STOP 0\n", &cause);
	ok(tf == NULL && cause != NULL && strncmp(cause, "t.pg:1: \\set "
	    "ON_ERROR_STOP:", 22) == 0, "ON_ERROR_STOP off is refused");
	free(cause);
	test_file_free(tf);
	tf = pgtap("\\i /nonexistent/x.sql\n", &cause);
	ok(tf == NULL && cause != NULL && strncmp(cause, "t.pg:1: \\i: ",
	    12) == 0, "a missing include: FILE:LINE");
	free(cause);
	test_file_free(tf);
	tf = pgtap("-- tags: a, b\n-- isolation: database\nSELECT 1;\n",
	    &cause);
	ok(tf != NULL && tf->ntags == 2 && tf->isolation ==
	    ISOLATION_DATABASE, "-- tags: and -- isolation:");
	test_file_free(tf);
	free(cause);
}

int
main(void)
{
	test_points();
	test_other_lines();
	test_plans();
	test_reader();
	return done_testing();
}
