/*
 * test-compare.c: unit tests for the comparator (compare.c, and the
 * sorting of sortvalues.c against qsort on thousands of values): ordered,
 * rowsort and valuesort rows, NULL against 'NULL', regex cells, numeric
 * tolerance, row counts, hashes, sqllogictest value lists, and the diff
 * written in the cell syntax of .sqltest files.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* MD5 of "1\n2\n", as printf '1\n2\n' | md5sum prints it. */
#define MD5_1_2		"6ddb4095eb719e2a9f0a3f95677d24e0"
#define MD5_2_1		"cb0e93933b5e2202825f38da7587cf07"
#define MD5_NULL	"ca35c56c0c379f292f8fab68b3a19f61"
#define MD5_1A2B	"dcb405d9ab483907f29736a07728fa2d"
#define MD5_EMPTY	"d41d8cd98f00b204e9800998ecf8427e"

/* Fill a row set of ncols columns from n values (NULL is SQL NULL). */
static void
rows(struct result *r, int ncols, const char *const *vals, size_t n)
{
	size_t	i;

	result_init(r);
	result_set_columns(r, ncols);
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL)
			result_add_null(r);
		else
			result_add_value(r, vals[i], strlen(vals[i]));
	}
	r->affected = (int64_t)r->nrows;
}

/* A statement that returned no row set but changed n rows. */
static void
affected(struct result *r, int64_t n)
{
	result_init(r);
	r->affected = n;
}

/*
 * Compare a result with the expectation of a one-test .sqltest file made
 * of "-- test: t", "SELECT 1;" and expect_text.  Returns what
 * compare_result returns (or -1 if the text does not parse); *message
 * and *diff are set to what it gave, or NULL (caller frees).
 */
static int
compare_msg(const char *expect_text, const struct result *r, char **message,
    char **diff)
{
	struct test_file	*tf;
	char			*text, *cause = NULL;
	int			 rc;

	*message = *diff = NULL;
	text = xprintf("-- test: t\nSELECT 1;\n%s\n", expect_text);
	tf = parse_sqltest("t.sqltest", text, strlen(text), &cause);
	free(text);
	if (tf == NULL) {
		diag("parse error: %s", cause);
		free(cause);
		return -1;
	}
	rc = compare_result(&tf->records[0].expects[0], r, &tf->records[0],
	    message, diff);
	test_file_free(tf);
	return rc;
}

/* As compare_msg, without the message. */
static int
compare_with(const char *expect_text, const struct result *r, char **diff)
{
	char	*message;
	int	 rc;

	rc = compare_msg(expect_text, r, &message, diff);
	if ((rc == 0) != (message != NULL))
		diag("a message %s, but the comparison %s", message != NULL ?
		    "was given" : "is missing", rc == 1 ? "matched" : "failed");
	free(message);
	return rc;
}

/*
 * Two checks: the expectation matches the result or not, and the diff
 * is exactly want_diff (NULL when it matches).
 */
static void
check(const char *expect_text, const struct result *r, int want,
    const char *want_diff, const char *desc)
{
	char	*diff, *d;
	int	 rc;

	rc = compare_with(expect_text, r, &diff);
	d = xprintf("%s: %s", desc, want ? "matches" : "differs");
	is_int(rc, want, d);
	free(d);
	d = xprintf("%s: diff", desc);
	is_str(diff, want_diff, d);
	free(d);
	free(diff);
}

/*
 * Two checks: the expectation does not match, with exactly this message
 * and diff (NULL for none).
 */
static void
check_msg(const char *expect_text, const struct result *r,
    const char *want_message, const char *want_diff, const char *desc)
{
	char	*message, *diff, *d;
	int	 rc;

	rc = compare_msg(expect_text, r, &message, &diff);
	d = xprintf("%s: differs, message", desc);
	ok(rc == 0 && message != NULL && strcmp(message, want_message) == 0,
	    "%s", d);
	if (rc != 0 || message == NULL || strcmp(message, want_message) != 0)
		diag("rc %d, message %s", rc, message != NULL ? message :
		    "(null)");
	free(d);
	d = xprintf("%s: diff", desc);
	is_str(diff, want_diff, d);
	free(d);
	free(message);
	free(diff);
}

/* One check: only whether the expectation matches. */
static void
matches(const char *expect_text, const struct result *r, int want,
    const char *desc)
{
	char	*diff;

	is_int(compare_with(expect_text, r, &diff), want, desc);
	free(diff);
}

static void
test_ordered(void)
{
	struct result	r;

	rows(&r, 2, (const char *[]){ "1", "a", "2", "b" }, 4);
	check("-- expect:\n1 | a\n2 | b", &r, 1, NULL, "ordered rows");
	check("-- expect:\n2 | b\n1 | a", &r, 0,
	    "- 2 | b\n  1 | a\n+ 2 | b\n", "ordered rows, other order");
	check("-- expect:\n1 | a\n2 | b\n3 | c", &r, 0,
	    "  1 | a\n  2 | b\n- 3 | c\n", "one expected row too many");
	check("-- expect:\n1 | a", &r, 0, "  1 | a\n+ 2 | b\n",
	    "one actual row too many");
	check("-- expect:\n1\n2", &r, 0, "- 1\n- 2\n+ 1 | a\n+ 2 | b\n",
	    "too few columns");
	check("-- expect:\n1 | a | x\n2 | b", &r, 0,
	    "- 1 | a | x\n+ 1 | a\n  2 | b\n", "too many columns on a row");
	check("-- expect:\n1 | A\n2 | b", &r, 0, "- 1 | A\n+ 1 | a\n  2 | b\n",
	    "values are compared exactly (case)");
	check("-- expect:\n", &r, 0, "+ 1 | a\n+ 2 | b\n",
	    "an empty expectation against two rows");
	result_clear(&r);

	rows(&r, 1, NULL, 0);
	check("-- expect:\n", &r, 1, NULL, "no rows expected, none returned");
	check("-- expect:\n1", &r, 0, "- 1\n", "a row expected, none returned");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ " 1" }, 1);
	check("-- expect:\n1", &r, 0, "- 1\n+ ' 1'\n",
	    "white space in values is significant");
	check("-- expect:\n' 1'", &r, 1, NULL, "a quoted cell keeps it");
	result_clear(&r);
}

static void
test_sorted(void)
{
	struct result	r;

	rows(&r, 2, (const char *[]){ "2", "b", "1", "a", "3", NULL }, 6);
	check("-- expect rowsort:\n3 | NULL\n1 | a\n2 | b", &r, 1, NULL,
	    "rowsort: rows in any order");
	check("-- expect rowsort:\n1 | a\n2 | b\n4 | NULL", &r, 0,
	    "  1 | a\n  2 | b\n- 4 | NULL\n+ 3 | NULL\n",
	    "rowsort: the diff shows both sides sorted");
	check("-- expect:\n1 | a\n2 | b\n3 | NULL", &r, 0,
	    "- 1 | a\n  2 | b\n+ 1 | a\n  3 | NULL\n",
	    "ordered: the same rows in another order differ");
	check("-- expect valuesort:\n1 | 2 | 3\na | b | NULL", &r, 1, NULL,
	    "valuesort: the values in any rows and order");
	check("-- expect valuesort:\na\nb\nNULL\n3\n2\n1", &r, 1, NULL,
	    "valuesort: one value a line");
	check("-- expect valuesort:\n1 | 2 | 3\na | b | c", &r, 0,
	    "+ NULL\n  1\n  2\n  3\n  a\n  b\n- c\n",
	    "valuesort: NULL differs from a value; the diff is of values");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "10", "9", "1" }, 3);
	matches("-- expect rowsort:\n9\n10\n1", &r, 1,
	    "rowsort sorts both sides the same way (as text)");
	result_clear(&r);
}

static void
test_null_and_quotes(void)
{
	struct result	r;

	rows(&r, 1, (const char *[]){ NULL }, 1);
	check("-- expect:\nNULL", &r, 1, NULL, "NULL matches SQL NULL");
	check("-- expect:\n'NULL'", &r, 0, "- 'NULL'\n+ NULL\n",
	    "'NULL' does not match SQL NULL");
	check("-- expect:\n''", &r, 0, "- ''\n+ NULL\n",
	    "'' does not match SQL NULL");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "NULL" }, 1);
	check("-- expect:\n'NULL'", &r, 1, NULL,
	    "'NULL' matches the string NULL");
	check("-- expect:\nNULL", &r, 0, "- NULL\n+ 'NULL'\n",
	    "NULL does not match the string NULL");
	result_clear(&r);

	rows(&r, 4, (const char *[]){ "", " padded ", "a | b", "it's" }, 4);
	check("-- expect:\n'' | ' padded ' | 'a | b' | 'it''s'", &r, 1, NULL,
	    "quoted cells: '', ' padded ', 'a | b', 'it''s'");
	check("-- expect:\n'' | 'padded' | 'a | b' | it's", &r, 0,
	    "- '' | padded | 'a | b' | it's\n"
	    "+ '' | ' padded ' | 'a | b' | it's\n",
	    "the diff quotes only what needs quotes");
	result_clear(&r);
}

static void
test_regex(void)
{
	struct result	r;

	rows(&r, 2, (const char *[]){ "abc", "2024-05-01 10:00:00" }, 2);
	check("-- expect:\n~/^a.c$/ | ~/^[0-9]{4}-[0-9]{2}-/", &r, 1, NULL,
	    "regex cells match");
	check("-- expect:\n~/b/ | ~/10:00/", &r, 1, NULL,
	    "a regex matches anywhere unless anchored");
	check("-- expect:\n~/^a.c$/ | ~/^2023/", &r, 0,
	    "- ~/^a.c$/ | ~/^2023/\n+ abc | 2024-05-01 10:00:00\n",
	    "a regex that does not match; the diff shows the pattern");
	check("-- expect:\n~/a|z/ | ~/./", &r, 1, NULL,
	    "a regex cell holding a bar");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ NULL }, 1);
	matches("-- expect:\n~/.*/", &r, 0, "a regex never matches NULL");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "bcd", "abc" }, 2);
	matches("-- expect rowsort:\n~/^a/\nbcd", &r, 1,
	    "rowsort: a regex cell whose pattern sorts first");
	matches("-- expect rowsort:\n~/c$/\nbcd", &r, 1,
	    "rowsort: a regex cell matches the row it describes, wherever "
	    "its pattern sorts");
	matches("-- expect valuesort:\nbcd | ~/c$/", &r, 1,
	    "valuesort: a regex cell matches the value it describes");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "Zoë" }, 1);
	matches("-- expect:\n~/^Zo.$/", &r, 1, "regexes match UTF-8 "
	    "characters, not bytes");
	result_clear(&r);
}

static void
test_tolerance(void)
{
	struct result	r;

	rows(&r, 2, (const char *[]){ "0.3333333333333333", "x" }, 2);
	check("-- expect (tolerance 1e-9):\n0.333333333 | x", &r, 1, NULL,
	    "tolerance 1e-9");
	check("-- expect:\n0.333333333 | x", &r, 0,
	    "- 0.333333333 | x\n+ 0.3333333333333333 | x\n",
	    "without a tolerance numbers compare as text");
	matches("-- expect (tolerance 1e-12):\n0.333333333 | x", &r, 0,
	    "outside a small tolerance");
	matches("-- expect (tolerance 1e-9):\n0.333333333 | y", &r, 0,
	    "tolerance does not make text match");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "1000000.5" }, 1);
	matches("-- expect (tolerance 1e-6):\n1000000", &r, 1,
	    "tolerance is relative to large values");
	matches("-- expect (tolerance 1e-7):\n1000000", &r, 0,
	    "and still bounded");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "1" }, 1);
	matches("-- expect (tolerance 0):\n1.0", &r, 1,
	    "tolerance 0 compares numbers by value (1 = 1.0)");
	matches("-- expect (tolerance 0.5):\nNULL", &r, 0,
	    "tolerance: NULL is no number");
	matches("-- expect (tolerance 0.5):\n1abc", &r, 0,
	    "tolerance: a number followed by text is text");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ NULL }, 1);
	matches("-- expect (tolerance 0.5):\nNULL", &r, 1,
	    "tolerance: NULL still matches NULL");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "2", "1" }, 2);
	matches("-- expect rowsort (tolerance 0.01):\n1.001\n2.001", &r, 1,
	    "rowsort with a tolerance");
	result_clear(&r);
}

static void
test_counts(void)
{
	struct result	r;

	rows(&r, 1, (const char *[]){ "a", "b" }, 2);
	check("-- expect 2 rows", &r, 1, NULL, "2 rows returned");
	check_msg("-- expect 3 rows", &r, "expected 3 rows, got 2", NULL,
	    "3 rows expected, 2 returned");
	check_msg("-- expect 1 row", &r, "expected 1 row, got 2", NULL,
	    "1 row expected, 2 returned");
	check("-- expect ok", &r, 1, NULL, "expect ok ignores the rows");
	check_msg("-- expect error", &r,
	    "expected error, but the statement succeeded", NULL,
	    "an error expected, success");
	check_msg("-- expect error: unique_violation", &r,
	    "expected error unique_violation, but the statement succeeded",
	    NULL, "an error with a condition expected, success");
	result_clear(&r);

	rows(&r, 1, NULL, 0);
	check("-- expect 0 rows", &r, 1, NULL, "0 rows returned");
	result_clear(&r);

	affected(&r, 2);
	check("-- expect 2 rows", &r, 1, NULL, "2 rows affected");
	check_msg("-- expect 1 row", &r, "expected 1 row, got 2", NULL,
	    "1 row expected, 2 affected");
	check_msg("-- expect:\n", &r, "the statement returned no rows (it "
	    "affected 2); use \"-- expect ok\" or \"-- expect N rows\"", NULL,
	    "rows expected from a statement without a row set");
	check("-- expect ok", &r, 1, NULL, "expect ok on an UPDATE");
	result_clear(&r);

	affected(&r, 0);
	check_msg("-- expect 1 row", &r, "expected 1 row, got 0", NULL,
	    "1 row expected, none affected");
	check("-- expect 0 rows", &r, 1, NULL, "0 rows affected");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "x" }, 1);
	check_msg("-- expect:\ny", &r, "wrong result", "- y\n+ x\n",
	    "wrong rows: the message and the diff");
	check_msg("-- expect hash: 1 values " MD5_1_2, &r, "wrong result hash",
	    "- 1 values hashing to " MD5_1_2 "\n"
	    "+ 1 values hashing to 401b30e3b8b5d629635a5c613cdb7919\n",
	    "wrong hash: the message and the diff");
	result_clear(&r);
}

static void
test_hash(void)
{
	struct result	 r;
	char		 out[33], one[] = "1", two[] = "2";
	char		*vals[] = { one, two }, *nullv[] = { NULL };

	hash_values(vals, 2, out);
	is_str(out, MD5_1_2, "hash_values: MD5 of each value and a new line");
	hash_values(nullv, 1, out);
	is_str(out, MD5_NULL, "hash_values: NULL hashes as the text NULL");
	hash_values(NULL, 0, out);
	is_str(out, MD5_EMPTY, "hash_values: no values");

	rows(&r, 1, (const char *[]){ "1", "2" }, 2);
	check("-- expect hash: 2 values " MD5_1_2, &r, 1, NULL,
	    "hash: matches");
	check("-- expect hash: 2 values 6DDB4095EB719E2A9F0A3F95677D24E0", &r,
	    1, NULL, "hash: upper-case hex");
	check("-- expect hash: 3 values " MD5_1_2, &r, 0,
	    "- 3 values hashing to " MD5_1_2 "\n"
	    "+ 2 values hashing to " MD5_1_2 "\n", "hash: wrong count");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "2", "1" }, 2);
	check("-- expect hash: 2 values " MD5_1_2, &r, 0,
	    "- 2 values hashing to " MD5_1_2 "\n"
	    "+ 2 values hashing to " MD5_2_1 "\n",
	    "hash: the order of the rows counts");
	result_clear(&r);

	rows(&r, 2, (const char *[]){ "1", "a", "2", "b" }, 4);
	matches("-- expect hash: 4 values " MD5_1A2B, &r, 1,
	    "hash: every value of every row, row by row");
	result_clear(&r);

	affected(&r, 1);
	matches("-- expect hash: 0 values " MD5_EMPTY, &r, 1,
	    "hash: a statement without rows has no values");
	result_clear(&r);
}

/* Compare a result with the only record of an sqllogictest text. */
static int
compare_slt(const char *text, const struct result *r, char **message,
    char **diff)
{
	struct test_file	*tf;
	char			*cause = NULL;
	int			 rc;

	*message = *diff = NULL;
	tf = parse_slt("t.test", text, strlen(text), &cause);
	if (tf == NULL) {
		diag("parse error: %s", cause);
		free(cause);
		return -1;
	}
	rc = compare_result(&tf->records[0].expects[0], r, &tf->records[0],
	    message, diff);
	test_file_free(tf);
	return rc;
}

/* One check: an sqllogictest record against a result. */
static void
slt_matches(const char *text, const struct result *r, int want,
    const char *desc)
{
	char	*message, *diff;

	is_int(compare_slt(text, r, &message, &diff), want, desc);
	free(message);
	free(diff);
}

static void
test_slt(void)
{
	struct result	 r;
	char		*message, *diff;

	rows(&r, 1, (const char *[]){ "3", "1", "2" }, 3);
	slt_matches("query I rowsort\nSELECT x\n----\n1\n2\n3\n", &r, 1,
	    "sqllogictest rowsort: actual rows are sorted");
	slt_matches("query I rowsort\nSELECT x\n----\n3\n1\n2\n", &r, 0,
	    "sqllogictest: expected values are taken as written");
	slt_matches("query I nosort\nSELECT x\n----\n3\n1\n2\n", &r, 1,
	    "sqllogictest nosort");
	is_int(compare_slt("query II nosort\nSELECT x\n----\n3\n1\n2\n", &r,
	    &message, &diff), 0, "sqllogictest: wrong number of columns");
	is_str(message, "expected 2 columns (types II), got 1",
	    "sqllogictest: the column message");
	free(message);
	free(diff);
	slt_matches("query I nosort\nSELECT x\n----\n3 values hashing "
	    "to 3b1e3d4e1b2e2a8f1c7d7c0f0d3c6a8e\n", &r, 0,
	    "sqllogictest: a wrong hash");
	result_clear(&r);

	rows(&r, 2, (const char *[]){ "2", "b", "1", "a" }, 4);
	slt_matches("query IT rowsort\nSELECT x, y\n----\n1\na\n2\nb\n",
	    &r, 1, "sqllogictest: two columns, one value a line");
	slt_matches("query IT valuesort\nSELECT x, y\n----\n1\n2\na\nb\n",
	    &r, 1, "sqllogictest valuesort");
	slt_matches("query IT rowsort\nSELECT x, y\n----\n4 values "
	    "hashing to " MD5_1A2B "\n", &r, 1,
	    "sqllogictest: hash of the sorted rows");
	result_clear(&r);

	rows(&r, 1, (const char *[]){ "(empty)", "a b" }, 2);
	is_int(compare_slt("query T nosort\nSELECT x\n----\n(empty)\nab\n",
	    &r, &message, &diff), 0, "sqllogictest: a wrong value");
	is_str(diff, "  (empty)\n- ab\n+ a b\n",
	    "sqllogictest diffs show values as the file writes them");
	free(message);
	free(diff);
	result_clear(&r);

	affected(&r, 1);
	slt_matches("statement ok\nINSERT INTO t VALUES (1)\n", &r, 1,
	    "sqllogictest: statement ok");
	result_clear(&r);
}

static void
test_format_cell(void)
{
	static const struct {
		const char	*value;
		const char	*want;
		const char	*desc;
	} cases[] = {
		{ NULL, "NULL", "SQL NULL is NULL" },
		{ "abc", "abc", "plain text stays plain" },
		{ "a b", "a b", "inner spaces need no quotes" },
		{ "it's", "it's", "an inner quote needs no quotes" },
		{ "NULL", "'NULL'", "the string NULL is quoted" },
		{ "", "''", "the empty string is ''" },
		{ " a", "' a'", "a leading space is quoted" },
		{ "a ", "'a '", "a trailing space is quoted" },
		{ "\ta", "'\ta'", "a leading tab is quoted" },
		{ "a|b", "'a|b'", "a bar is quoted" },
		{ "'q'", "'''q'''", "leading quote: quoted, quotes doubled" },
		{ "~/x/", "'~/x/'", "text that looks like a regex is quoted" },
		{ "~x", "~x", "a tilde alone needs no quotes" },
		{ "null", "null", "lower-case null is plain text" },
		{ "日本語", "日本語", "UTF-8 text stays plain" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = format_cell(cases[i].value);
		is_str(got, cases[i].want, cases[i].desc);
		free(got);
	}
}

/*
 * The "+" lines of a diff, pasted back as the expected rows, match the
 * actual result: the diff is written in the file's own cell syntax.
 */
static void
test_paste_back(void)
{
	struct result	 r;
	struct buf	 b;
	char		*diff, *line, *next, *diff2;
	int		 rc;

	rows(&r, 4, (const char *[]){
	    "NULL", NULL, "", " x ",
	    "a | b", "'quoted'", "it's", "~/re/",
	    "plain", "tab\there", "|", "''" }, 12);
	rc = compare_with("-- expect:\nwrong", &r, &diff);
	ok(rc == 0 && diff != NULL, "a tricky result differs from one cell");
	buf_init(&b);
	buf_adds(&b, "-- expect:\n");
	for (line = diff; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line[0] == '+' && line[1] == ' ')
			buf_printf(&b, "%s\n", line + 2);
	}
	rc = compare_with(b.data, &r, &diff2);
	ok(rc == 1, "the diff's + lines paste back as a matching expectation");
	if (rc != 1)
		diag("%s", b.data);
	free(diff2);
	free(diff);
	buf_free(&b);
	result_clear(&r);
}

static void
test_long_diff(void)
{
	struct result	 r;
	const char	*vals[100];
	char		 num[100][8];
	char		*diff, *last;
	int		 i, n = 0;

	for (i = 0; i < 100; i++) {
		snprintf(num[i], sizeof num[i], "%d", i);
		vals[i] = num[i];
	}
	rows(&r, 1, vals, 100);
	compare_with("-- expect:\n", &r, &diff);
	for (last = diff; last != NULL && (last = strchr(last, '\n')) != NULL;
	    last++)
		n++;
	is_int(n, 61, "a long diff is cut to 60 lines and a note");
	ok(diff != NULL && strstr(diff, "+ 59\n... 40 more lines\n") != NULL,
	    "the note says how many lines were left out");
	free(diff);
	result_clear(&r);
}

static void
test_sorted_values(void)
{
	struct result	  r;
	char		**v;

	rows(&r, 2, (const char *[]){ "b", "2", NULL, "3", "a", "1" }, 6);
	v = result_sorted_values(&r, SORT_ROW);
	ok(v[0] == NULL && strcmp(v[1], "3") == 0 && strcmp(v[2], "a") == 0 &&
	    strcmp(v[5], "2") == 0, "SORT_ROW: rows sorted, NULL first");
	free(v);
	v = result_sorted_values(&r, SORT_VALUE);
	ok(v[0] == NULL && strcmp(v[1], "1") == 0 && strcmp(v[5], "b") == 0,
	    "SORT_VALUE: values sorted, NULL first");
	free(v);
	v = result_sorted_values(&r, SORT_NONE);
	ok(strcmp(v[0], "b") == 0 && v[2] == NULL && strcmp(v[5], "1") == 0,
	    "SORT_NONE: values as returned");
	free(v);
	result_clear(&r);
}

/* The reference order of the sort modes: NULL first, then strcmp. */
static int
ref_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b ? 0 : a == NULL ? -1 : 1;
	return strcmp(a, b);
}

static int
ref_cmp_value(const void *a, const void *b)
{
	return ref_cmp(*(char *const *)a, *(char *const *)b);
}

static int
ref_cmp_pair(const void *a, const void *b)
{
	char *const	*x = a, *const *y = b;
	int		 c = ref_cmp(x[0], y[0]);

	return c != 0 ? c : ref_cmp(x[1], y[1]);
}

/* 1 if two arrays of n values hold the same values in the same order. */
static int
same_values(char **a, char **b, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (ref_cmp(a[i], b[i]) != 0)
			return 0;
	}
	return 1;
}

/*
 * The i-th of many test values: NULLs, empty strings, numbers, values
 * with a prefix longer than the radix sort's depth, bytes above 0x7f,
 * repeated values (a linear congruential generator, the same every run).
 */
static const char *
many_value(unsigned *seed, char *buf, size_t size)
{
	unsigned	x;

	*seed = *seed * 1103515245u + 12345u;
	x = (*seed >> 8) % 1000;
	if (x < 30)
		return NULL;
	if (x < 60)
		return "";
	if (x < 300)
		snprintf(buf, size, "%u", x * 7919 % 100000);
	else if (x < 500)
		snprintf(buf, size, "a common prefix longer than sixteen %u",
		    x % 50);
	else if (x < 600)
		snprintf(buf, size, "\xc3\xa9t\xc3\xa9 %u", x % 7);
	else if (x < 700)
		snprintf(buf, size, "-%u", x);
	else
		snprintf(buf, size, "%c%u", 'A' + x % 50, x % 13);
	return buf;
}

static void
test_sorted_values_many(void)
{
	struct result	  r;
	char		**v, **want, buf[80];
	unsigned	  seed = 1;
	size_t		  i, n = 6000;

	result_init(&r);
	result_set_columns(&r, 2);
	for (i = 0; i < n; i++) {
		const char *s = many_value(&seed, buf, sizeof buf);

		if (s == NULL)
			result_add_null(&r);
		else
			result_add_value(&r, s, strlen(s));
	}
	want = xcalloc(n, sizeof *want);
	memcpy(want, r.cells, n * sizeof *want);
	qsort(want, n, sizeof *want, ref_cmp_value);
	v = result_sorted_values(&r, SORT_VALUE);
	ok(same_values(v, want, n), "SORT_VALUE of %zu values (NULLs, empty, "
	    "long common prefixes, bytes above 0x7f) in qsort's order", n);
	free(v);
	memcpy(want, r.cells, n * sizeof *want);
	qsort(want, n / 2, 2 * sizeof *want, ref_cmp_pair);
	v = result_sorted_values(&r, SORT_ROW);
	ok(same_values(v, want, n), "SORT_ROW of %zu rows of 2 in qsort's "
	    "order", n / 2);
	free(v);
	r.ncols = 1;		/* the same cells as rows of one column */
	r.nrows = n;
	memcpy(want, r.cells, n * sizeof *want);
	qsort(want, n, sizeof *want, ref_cmp_value);
	v = result_sorted_values(&r, SORT_ROW);
	ok(same_values(v, want, n), "SORT_ROW of %zu rows of 1 in qsort's "
	    "order", n);
	free(v);
	free(want);
	result_clear(&r);
}

int
main(void)
{
	test_ordered();
	test_sorted();
	test_null_and_quotes();
	test_regex();
	test_tolerance();
	test_counts();
	test_hash();
	test_slt();
	test_format_cell();
	test_paste_back();
	test_long_diff();
	test_sorted_values();
	test_sorted_values_many();
	return done_testing();
}
