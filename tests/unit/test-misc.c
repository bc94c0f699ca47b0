/*
 * test-misc.c: unit tests for the small parts: MD5 (RFC 1321 test
 * vectors), struct buf, the PCRE2 wrapper (match.c), condition matching
 * of engine errors, sqllogictest value rendering (slt_render), the
 * string helpers and the password hiding of --dsn (dsn-hide.c).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* MD5 of len bytes of data, fed to md5_update in pieces of step bytes. */
static void
md5_of(const void *data, size_t len, size_t step, char out[33])
{
	const unsigned char	*p = data;
	struct md5		 m;
	size_t			 n;

	md5_init(&m);
	while (len > 0) {
		n = len < step ? len : step;
		md5_update(&m, p, n);
		p += n;
		len -= n;
	}
	md5_hex(&m, out);
}

static void
test_md5(void)
{
	static const struct {
		const char	*text;
		const char	*md5;
	} rfc[] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "abcdefghijklmnopqrstuvwxyz",
		    "c3fcd3d76192e4007dfb496cca67e13b" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789", "d174ab98d277d9f5a5611c2c9f419d9f" },
		{ "1234567890123456789012345678901234567890"
		    "1234567890123456789012345678901234567890",
		    "57edf4a22be3c955ac49da2e2107b67a" },
	};
	/* Lengths around the 64-byte block and the 56-byte padding edge. */
	static const struct {
		size_t		 n;
		const char	*md5;
	} edges[] = {
		{ 55, "ef1772b6dff9a122358552954ad0df65" },
		{ 56, "3b0c8ac703f828b04c6c197006d17218" },
		{ 63, "b06521f39153d618550606be297466d5" },
		{ 64, "014842d480b571495a4a0363793f7367" },
		{ 65, "c743a45e0d2e6a95cb859adae0248435" },
		{ 119, "8a7bd0732ed6a28ce75f6dabc90e1613" },
		{ 120, "5f61c0ccad4cac44c75ff505e1f1e537" },
	};
	char	 out[33], desc[80], *a;
	size_t	 i;

	for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		md5_of(rfc[i].text, strlen(rfc[i].text), 1000, out);
		snprintf(desc, sizeof desc, "md5: RFC 1321 vector %zu", i + 1);
		is_str(out, rfc[i].md5, desc);
	}
	md5_of(rfc[6].text, strlen(rfc[6].text), 1, out);
	is_str(out, rfc[6].md5, "md5: one byte at a time");
	md5_of(rfc[6].text, strlen(rfc[6].text), 7, out);
	is_str(out, rfc[6].md5, "md5: seven bytes at a time");
	a = malloc(1000000);
	memset(a, 'a', 1000000);
	for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		md5_of(a, edges[i].n, 1000, out);
		snprintf(desc, sizeof desc, "md5: %zu bytes", edges[i].n);
		is_str(out, edges[i].md5, desc);
	}
	md5_of(a, 1000000, 4096, out);
	is_str(out, "7707d6ae4e027c70eea2a935c2296f21",
	    "md5: a million a's");
	free(a);
	md5_of("\0\377\200", 3, 1, out);
	is_str(out, "4fd64cb80c3f86e1e9d0f559af8b370f",
	    "md5: NUL and high bytes");
}

/*
 * Result values live in chunks: many small values, one larger than a
 * chunk, NULLs, --max-rows truncation and clearing must keep every value
 * intact.
 */
static void
test_result_values(void)
{
	struct result	 r;
	char		 want[32], *big;
	size_t		 i, bigsize = 3 * 1024 * 1024;
	int		 same = 1;

	big = xmalloc(bigsize);
	memset(big, 'b', bigsize);
	result_init(&r);
	result_set_columns(&r, 2);
	for (i = 0; i < 20000; i++) {
		snprintf(want, sizeof want, "value %zu", i);
		result_add_value(&r, want, strlen(want));
		if (i == 5000)
			result_add_value(&r, big, bigsize);
		else
			result_add_null(&r);
	}
	ok(r.nrows == 20000 && r.ncells == 40000, "result: 20000 rows of "
	    "2 cells (got %zu rows, %zu cells)", r.nrows, r.ncells);
	for (i = 0; i < 20000 && same; i++) {
		snprintf(want, sizeof want, "value %zu", i);
		same = strcmp(r.cells[2 * i], want) == 0 &&
		    (i == 5000 ? r.cells[2 * i + 1] != NULL &&
		    strlen(r.cells[2 * i + 1]) == bigsize :
		    r.cells[2 * i + 1] == NULL);
	}
	if (!same)
		diag("result: row %zu differs", i - 1);
	ok(same, "result: every value kept, a 3 MiB one among them, NULLs "
	    "as NULL");
	result_nulls_as_text(&r);
	ok(strcmp(r.cells[1], "NULL") == 0 && strcmp(r.cells[0], "value 0")
	    == 0, "result_nulls_as_text renders NULL, keeps values");
	result_clear(&r);
	ok(r.ncells == 0 && r.cells == NULL && r.chunks == NULL,
	    "result_clear empties the result");
	r.max_rows = 3;
	result_set_columns(&r, 1);
	for (i = 0; i < 10; i++)
		result_add_value(&r, "x", 1);
	ok(r.nrows == 3 && r.truncated, "result: max_rows 3 keeps 3 rows "
	    "and marks the result truncated (%zu rows)", r.nrows);
	result_clear(&r);
	ok(r.max_rows == 3, "result_clear keeps max_rows");
	free(big);
}

/* Add n rows of ncols cells "x" (a NULL every third cell) to r. */
static void
add_rows(struct result *r, size_t n, int ncols)
{
	size_t	i;
	int	j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++) {
			if ((i + (size_t)j) % 3 == 0)
				result_add_null(r);
			else
				result_add_value(r, "x", 1);
		}
	}
}

/* Start r empty, bounded by e, with a row set of ncols columns. */
static void
bounded(struct result *r, const struct expect *e, int ncols)
{
	result_init(r);
	expect_bound(e, r);
	result_set_columns(r, ncols);
}

/* What an expectation bound keeps and counts (expect_bound, result.c). */
static void
test_result_bounds(void)
{
	struct expect	 e;
	struct exp_row	 rows[3];
	struct result	 r;

	memset(&e, 0, sizeof e);
	memset(rows, 0, sizeof rows);
	rows[0].ncells = rows[1].ncells = rows[2].ncells = 2;
	e.mode = EXPECT_ROWS;
	e.rows = rows;
	e.nrows = 3;
	bounded(&r, &e, 2);
	add_rows(&r, 1000, 2);
	ok(r.nrows == 4 && r.ncells == 8 && r.more_cells == 1992 &&
	    result_rows(&r) == 1000 && !r.truncated, "bound: 3 rows of 2 "
	    "expected, 1000 come: 4 kept, 996 counted (kept %zu, rows %zu)",
	    r.nrows, result_rows(&r));
	ok(expect_exceeded(&e, &r), "bound: the expectation is exceeded");
	result_clear(&r);
	ok(r.keep_cells == 7 && r.more_cells == 0, "result_clear keeps the "
	    "bound, forgets the count");
	result_set_columns(&r, 2);
	add_rows(&r, 3, 2);
	ok(r.nrows == 3 && r.more_cells == 0 && !expect_exceeded(&e, &r),
	    "bound: as many rows as expected are all kept");
	result_clear(&r);
	result_set_columns(&r, 3);
	add_rows(&r, 5, 3);
	ok(r.nrows == 3 && r.more_cells == 6 && result_rows(&r) == 5,
	    "bound: wider rows are kept whole up to the expected cells and "
	    "one row (kept %zu)", r.nrows);
	result_clear(&r);
	r.max_rows = 100;
	result_set_columns(&r, 2);
	add_rows(&r, 1000, 2);
	ok(r.truncated && result_rows(&r) == 100 && r.nrows == 4,
	    "bound: --max-rows counts the rows not kept too (%zu rows)",
	    result_rows(&r));
	result_clear(&r);

	e.mode = EXPECT_COUNT;
	e.count = 2;
	bounded(&r, &e, 1);
	add_rows(&r, 50, 1);
	ok(r.nrows == 0 && result_rows(&r) == 50 && expect_exceeded(&e, &r),
	    "bound: a row count keeps no value and counts 50 rows");
	result_clear(&r);
	result_set_columns(&r, 1);
	add_rows(&r, 2, 1);
	ok(result_rows(&r) == 2 && !expect_exceeded(&e, &r),
	    "bound: the expected count is not exceeded");
	result_clear(&r);

	e.mode = EXPECT_HASH;
	e.sort = SORT_ROW;
	e.count = 6;
	bounded(&r, &e, 2);
	add_rows(&r, 3, 2);
	ok(r.ncells == 6 && r.more_cells == 0, "bound: a hash of 6 values "
	    "keeps 6");
	add_rows(&r, 3, 2);
	ok(r.ncells == 8 && r.more_cells == 4 && expect_exceeded(&e, &r),
	    "bound: ... and one row more, the rest counted");
	result_clear(&r);

	e.mode = EXPECT_OK;
	bounded(&r, &e, 1);
	add_rows(&r, 500, 1);
	ok(r.nrows == 500 && r.more_cells == 0, "bound: none for -- expect "
	    "ok");
	result_clear(&r);
}

/* A hash in result order: hashed as the values come, none kept. */
static void
test_result_hash_stream(void)
{
	struct expect	 e;
	struct result	 r, kept;
	struct md5	 m;
	char		 want[33], got[33], **vals;

	memset(&e, 0, sizeof e);
	e.mode = EXPECT_HASH;
	e.sort = SORT_NONE;
	e.count = 6;
	bounded(&r, &e, 2);
	add_rows(&r, 3, 2);
	result_init(&kept);
	result_set_columns(&kept, 2);
	add_rows(&kept, 3, 2);
	vals = result_sorted_values(&kept, SORT_NONE);
	hash_values(vals, kept.ncells, want);
	free(vals);
	result_clear(&kept);
	m = r.md5;
	md5_hex(&m, got);
	ok(r.ncells == 0 && r.hashed == 6 && result_rows(&r) == 3 &&
	    strcmp(want, got) == 0, "bound: a hash in result order keeps "
	    "nothing and hashes as hash_values does, NULLs too (%s)", got);
	result_clear(&r);
	ok(r.hash_stream && r.hashed == 0, "result_clear keeps hashing, "
	    "from the start");
	r.max_rows = 2;
	result_set_columns(&r, 2);
	add_rows(&r, 3, 2);
	ok(r.truncated && r.hashed == 4, "bound: --max-rows stops a hashed "
	    "result too");
	result_clear(&r);
}

/* What a statement means for transactions (txnstmt.c). */
static void
test_txn_classify(void)
{
	static const struct {
		const char	*sql;
		enum txn_kind	 kind;
		int		 savepoint;
	} cases[] = {
		{ "SELECT 1", TXN_NONE, 0 },
		{ "  begin", TXN_BEGIN, 1 },
		{ "BEGIN TRANSACTION", TXN_BEGIN, 1 },
		{ "START TRANSACTION READ ONLY", TXN_BEGIN, 1 },
		{ "START SLAVE", TXN_NONE, 0 },
		{ "COMMIT", TXN_COMMIT, 1 },
		{ "end", TXN_COMMIT, 1 },
		{ "COMMIT PREPARED 'x'", TXN_REFUSED, 0 },
		{ "ROLLBACK", TXN_ROLLBACK, 1 },
		{ "abort", TXN_ROLLBACK, 1 },
		{ "ROLLBACK TO SAVEPOINT a", TXN_NONE, 1 },
		{ "ROLLBACK WORK TO a", TXN_NONE, 1 },
		{ "ROLLBACK PREPARED 'x'", TXN_REFUSED, 1 },
		{ "SAVEPOINT a", TXN_NONE, 1 },
		{ "RELEASE SAVEPOINT a", TXN_NONE, 1 },
		{ "VACUUM", TXN_REFUSED, 0 },
		{ "CREATE DATABASE d", TXN_REFUSED, 0 },
		{ "drop tablespace t", TXN_REFUSED, 0 },
		{ "CREATE INDEX CONCURRENTLY i ON t (a)", TXN_REFUSED, 0 },
		{ "CREATE INDEX i ON t (a)", TXN_NONE, 0 },
		{ "CREATE TABLE databases (a int)", TXN_NONE, 0 },
		{ "SET autocommit = 0", TXN_REFUSED, 0 },
		{ "SET @@autocommit = 0", TXN_REFUSED, 0 },
		{ "SET search_path = x", TXN_NONE, 0 },
		{ "ALTER SYSTEM SET work_mem = '1MB'", TXN_REFUSED, 0 },
		{ "PREPARE TRANSACTION 'x'", TXN_REFUSED, 0 },
		{ "PREPARE q AS SELECT 1", TXN_NONE, 0 },
		{ "PRAGMA foreign_keys = OFF", TXN_REFUSED, 0 },
		{ "PRAGMA foreign_keys", TXN_NONE, 0 },
		{ "REINDEX DATABASE d", TXN_REFUSED, 0 },
		{ "REINDEX TABLE t", TXN_NONE, 0 },
		{ "(SELECT 1)", TXN_NONE, 0 },
		{ "ROLLBACK /* to */ TO a", TXN_NONE, 1 },
		{ "-- lead\nCOMMIT", TXN_COMMIT, 1 },
		{ "'BEGIN'", TXN_NONE, 0 },
		{ "ROLLBACK WORK\nTO a", TXN_NONE, 1 },
		{ "ROLLBACK WORK -- not TO a", TXN_ROLLBACK, 1 },
		{ "CREATE INDEX i ON t (a) -- not CONCURRENTLY", TXN_NONE, 0 },
		{ "CREATE INDEX \"concurrently\" ON t (a)", TXN_NONE, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ok(txn_classify(cases[i].sql) == cases[i].kind &&
		    txn_is_savepoint_stmt(cases[i].sql) == cases[i].savepoint,
		    "txn_classify: %s (%d, savepoint %d)", cases[i].sql,
		    (int)cases[i].kind, cases[i].savepoint);
	}
}

/* buf_add_int64 writes what "%lld" writes, at the edges too. */
static void
test_buf_int64(void)
{
	static const int64_t	 values[] = { 0, 7, -7, 10, -10, 99, 100,
	    1234567890123LL, -1234567890123LL, INT64_MAX, INT64_MIN };
	struct buf		 b;
	char			 want[32];
	size_t			 i;
	int			 same = 1;

	buf_init(&b);
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		buf_reset(&b);
		buf_adds(&b, "x");
		buf_add_int64(&b, values[i]);
		snprintf(want, sizeof want, "x%lld", (long long)values[i]);
		if (strcmp(b.data, want) != 0) {
			diag("buf_add_int64: got %s, want %s", b.data, want);
			same = 0;
		}
	}
	ok(same, "buf_add_int64 writes what %%lld writes (0, +-7, +-10, "
	    "99, 100, 13 digits, INT64_MAX, INT64_MIN)");
	buf_free(&b);
}

static void
test_buf(void)
{
	struct buf	 b;
	char		*s;
	int		 i, okay;

	buf_init(&b);
	ok(b.data != NULL && b.len == 0 && b.data[0] == '\0',
	    "buf_init: empty, NUL-terminated");
	buf_adds(&b, "abc");
	buf_addc(&b, '-');
	buf_add(&b, "xyz", 2);
	buf_printf(&b, "%d/%s", 42, "q");
	is_str(b.data, "abc-xy42/q", "buf_adds, buf_addc, buf_add, buf_printf");
	is_int((long long)b.len, 10, "buf: length");
	buf_reset(&b);
	ok(b.len == 0 && b.data[0] == '\0', "buf_reset empties");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%04d", i % 10000);
	is_int((long long)b.len, 40000, "buf grows past its first size");
	okay = strncmp(b.data, "000000010002", 12) == 0 &&
	    strcmp(b.data + 39996, "9999") == 0;
	ok(okay, "buf keeps what was added while growing");
	buf_reset(&b);
	buf_add(&b, "a\0b", 3);
	ok(b.len == 3 && memcmp(b.data, "a\0b", 4) == 0,
	    "buf_add copies NUL bytes and terminates");
	buf_reset(&b);
	buf_printf(&b, "%s", "");
	ok(b.len == 0 && b.data[0] == '\0', "buf_printf of nothing");
	buf_printf(&b, "%0300d", 7);
	ok(b.len == 300 && b.data[299] == '7' && b.data[300] == '\0',
	    "buf_printf longer than the buffer");
	s = buf_detach(&b);
	ok(b.data == NULL && b.len == 0 && strlen(s) == 300,
	    "buf_detach hands the string over");
	free(s);
	buf_free(&b);
	buf_init(&b);
	buf_free(&b);
	ok(b.data == NULL, "buf_free");
	buf_free(&b);
	ok(b.data == NULL && b.len == 0 && b.cap == 0,
	    "buf_free twice leaves the buffer empty");
	test_buf_int64();
}

static void
test_regex(void)
{
	struct regex	*re;
	char		*cause = NULL;

	re = regex_compile("^a[0-9]+z$", &cause);
	ok(re != NULL && cause == NULL, "regex_compile: a good pattern");
	is_int(regex_match(re, "a123z", 5), 1, "regex_match: matches");
	is_int(regex_match(re, "a12xz", 5), 0, "regex_match: does not match");
	is_int(regex_match(re, "a123z", 3), 0,
	    "regex_match: only len bytes are the subject");
	regex_free(re);
	regex_free(NULL);	/* a no-op: a crash would end the test */

	re = regex_compile("(", &cause);
	ok(re == NULL, "regex_compile: a bad pattern");
	is_str(cause, "bad regex /(/ at offset 1: missing closing parenthesis",
	    "regex_compile: the message names the pattern and the offset");
	free(cause);

	is_int(regex_matches("b", "abc", &cause), 1,
	    "regex_matches: unanchored");
	is_int(regex_matches("^b", "abc", &cause), 0,
	    "regex_matches: anchored");
	is_int(regex_matches("(?i)ABC", "xabcx", &cause), 1,
	    "regex_matches: inline options");
	is_int(regex_matches("^\\d{4}-\\d{2}$", "2024-05", &cause), 1,
	    "regex_matches: Perl classes");
	is_int(regex_matches("^.{3}$", "日本語", &cause), 1,
	    "regex_matches: UTF-8 characters");
	is_int(regex_matches("x", "\xff\xfex", &cause), 1,
	    "regex_matches: invalid UTF-8 in the subject does not fail");
	is_int(regex_matches("unique|duplicate", "Duplicate entry", &cause), 0,
	    "regex_matches: case-sensitive by default");
	cause = NULL;
	is_int(regex_matches("[a", "a", &cause), -1,
	    "regex_matches: -1 for a bad pattern");
	ok(cause != NULL && strstr(cause, "bad regex /[a/") == cause,
	    "regex_matches: the cause for a bad pattern");
	free(cause);
	cause = NULL;
	is_int(regex_check("a+b", &cause), 0, "regex_check: good");
	is_int(regex_check("a{2,1}", &cause), -1, "regex_check: bad");
	ok(cause != NULL, "regex_check: the cause");
	free(cause);
}

/* An error as a driver would fill it. */
static void
error_of(struct dberror *e, const char *sqlstate, const char *native,
    const char *condition, const char *message)
{
	dberror_init(e);
	dberror_set(e, sqlstate, native, condition, message);
}

static void
test_conditions(void)
{
	struct dberror	e;

	/* SQLite: a unique violation, SQLSTATE filled from the condition. */
	error_of(&e, NULL, "SQLITE_CONSTRAINT_UNIQUE", "unique_violation",
	    "UNIQUE constraint failed: t.a\n");
	is_str(e.sqlstate, "23505", "dberror_set: SQLSTATE from the condition");
	is_str(e.message, "UNIQUE constraint failed: t.a",
	    "dberror_set: trailing white space dropped");
	ok(condition_matches("unique_violation", &e, "sqlite"),
	    "unique_violation matches");
	ok(condition_matches("UNIQUE_VIOLATION", &e, "sqlite"),
	    "condition names ignore case");
	ok(condition_matches("integrity_constraint_violation", &e, "sqlite"),
	    "integrity_constraint_violation covers it");
	ok(!condition_matches("foreign_key_violation", &e, "sqlite"),
	    "foreign_key_violation does not match");
	ok(!condition_matches("check_violation", &e, "sqlite"),
	    "check_violation does not match");
	ok(condition_matches("23505", &e, "sqlite"), "SQLSTATE 23505 matches");
	ok(condition_matches("23000", &e, "sqlite"),
	    "SQLSTATE class 23000 matches");
	ok(!condition_matches("23503", &e, "sqlite"),
	    "another SQLSTATE does not");
	ok(!condition_matches("22000", &e, "sqlite"),
	    "another class does not");
	ok(condition_matches("sqlite:SQLITE_CONSTRAINT_UNIQUE", &e, "sqlite"),
	    "engine:native matches on that engine");
	ok(condition_matches("SQLite:sqlite_constraint_unique", &e, "sqlite"),
	    "engine:native ignores case");
	ok(!condition_matches("sqlite:SQLITE_CONSTRAINT", &e, "sqlite"),
	    "engine:native is the whole native code");
	ok(!condition_matches("mysql:1062", &e, "sqlite"),
	    "another engine's native code does not match");
	ok(!condition_matches("no_such_condition", &e, "sqlite"),
	    "an unknown name matches nothing");
	ok(!condition_matches("2350", &e, "sqlite"),
	    "four characters are no SQLSTATE");
	dberror_clear(&e);

	/* MySQL: native 1062 with its SQLSTATE 23000 and a condition. */
	error_of(&e, "23000", "1062", "unique_violation",
	    "Duplicate entry '1' for key 'PRIMARY'");
	ok(condition_matches("mysql:1062", &e, "mysql"), "mysql:1062");
	ok(!condition_matches("mysql:1452", &e, "mysql"), "mysql:1452 not");
	ok(condition_matches("mariadb:1062", &e, "mysql"),
	    "ENGINE:NATIVE takes engine aliases");
	ok(condition_matches("unique_violation", &e, "mysql"),
	    "a driver's condition wins over a generic SQLSTATE");
	ok(condition_matches("23505", &e, "mysql"),
	    "the SQLSTATE of the condition matches");
	ok(condition_matches("23000", &e, "mysql"), "the class matches");
	dberror_clear(&e);

}

static void
test_conditions_pg(void)
{
	struct dberror	e;

	/* PostgreSQL: the condition comes from the SQLSTATE. */
	error_of(&e, "23503", NULL, NULL, "insert or update violates FK");
	is_str(e.condition, "foreign_key_violation",
	    "dberror_set: condition from the SQLSTATE");
	ok(condition_matches("foreign_key_violation", &e, "postgres"),
	    "foreign_key_violation from 23503");
	ok(condition_matches("integrity_constraint_violation", &e, "postgres"),
	    "integrity_constraint_violation from 23503");
	dberror_clear(&e);

	error_of(&e, "42601", NULL, NULL, "syntax error at or near \"x\"");
	ok(condition_matches("syntax_error", &e, "postgres"), "syntax_error");
	ok(!condition_matches("integrity_constraint_violation", &e,
	    "postgres"), "a syntax error is no integrity violation");
	ok(condition_matches("42000", &e, "postgres"), "class 42000");
	dberror_clear(&e);

	/* A constraint error without a finer name: only the class. */
	error_of(&e, "23000", "SQLITE_CONSTRAINT_TRIGGER", NULL,
	    "constraint failed");
	ok(condition_matches("integrity_constraint_violation", &e, "sqlite"),
	    "generic constraint: integrity_constraint_violation");
	ok(!condition_matches("unique_violation", &e, "sqlite"),
	    "generic constraint: not unique_violation");
	dberror_clear(&e);

	error_of(&e, NULL, "SQLITE_ERROR", "undefined_table",
	    "no such table: nope");
	ok(condition_matches("undefined_table", &e, "sqlite"),
	    "undefined_table");
	ok(condition_matches("42P01", &e, "sqlite"), "42P01 from the name");
	ok(!condition_matches("undefined_column", &e, "sqlite"),
	    "not undefined_column");
	dberror_clear(&e);

}

static void
test_condition_names(void)
{
	is_str(condition_sqlstate("division_by_zero"), "22012",
	    "condition_sqlstate");
	is_str(condition_sqlstate("nope"), NULL, "condition_sqlstate: unknown");
	is_str(condition_from_sqlstate("40001"), "serialization_failure",
	    "condition_from_sqlstate");
	is_str(condition_from_sqlstate(""), NULL,
	    "condition_from_sqlstate: empty");
	ok(condition_known("deadlock_detected") &&
	    condition_known("query_canceled") &&
	    condition_known("string_data_right_truncation") &&
	    condition_known("numeric_value_out_of_range") &&
	    condition_known("invalid_text_representation") &&
	    condition_known("not_null_violation") &&
	    condition_known("check_violation") &&
	    condition_known("undefined_column"),
	    "condition_known: the names of the contract");
	ok(!condition_known("unique"), "condition_known: not a prefix");
	ok(condition_valid("unique_violation") && condition_valid("23505") &&
	    condition_valid("HY000") && condition_valid("pg:23505") &&
	    condition_valid("sqlite:SQLITE_CONSTRAINT_UNIQUE"),
	    "condition_valid: names, SQLSTATEs, ENGINE:CODE");
	ok(!condition_valid("unique") && !condition_valid("2350") &&
	    !condition_valid("235050") && !condition_valid("oracle:1") &&
	    !condition_valid("mysql:") && !condition_valid(""),
	    "condition_valid: not other words, lengths or engines");
}

/* One check: slt_render of a value for a type. */
static void
render(char type, const char *text, const char *want, const char *desc)
{
	struct buf	b;

	buf_init(&b);
	slt_render(type, text, &b);
	is_str(b.data, want, desc);
	buf_free(&b);
}

static void
test_slt_render(void)
{
	render('I', "42", "42", "I: an integer");
	render('I', "-7", "-7", "I: a negative integer");
	render('I', "3.7", "3", "I: a real is truncated");
	render('I', "-3.7", "-3", "I: towards zero");
	render('I', "1e3", "1000", "I: exponent notation");
	render('I', "abc", "0", "I: text is 0");
	render('I', "9223372036854775807", "9223372036854775807",
	    "I: the largest integer");
	render('I', "1e30", "9223372036854775807", "I: clamped");
	render('I', NULL, "NULL", "I: NULL");
	render('R', "1", "1.000", "R: three decimals");
	render('R', "2.5", "2.500", "R: 2.5");
	render('R', "-1.23456", "-1.235", "R: rounded");
	render('R', "abc", "0.000", "R: text is 0");
	render('R', NULL, "NULL", "R: NULL");
	render('T', "hello world", "hello world", "T: text");
	render('T', "", "(empty)", "T: the empty string is (empty)");
	render('T', NULL, "NULL", "T: NULL");
	render('T', "a\tb\nc\001d", "a@b@c@d", "T: control characters are @");
	render('T', "x\177y", "x@y", "T: DEL is @");
	render('T', "é", "@@", "T: bytes above ~ are @");
	render('T', "~ !", "~ !", "T: printable ASCII stays");
	render('T', "12", "12", "T: a number as text");
}

static void
test_strutil(void)
{
	char	 s[] = "  \t padded\n ";
	char	**list = NULL;
	size_t	 n = 0;

	is_str(str_trim(s), "padded", "str_trim");
	is_int(str_iprefix("Expect rows", "expect"), 6, "str_iprefix");
	is_int(str_iprefix("exp", "expect"), 0, "str_iprefix: too short");
	is_int(str_split_list(" a, b ,,c ,", &list, &n), 3,
	    "str_split_list: trimmed, empty items dropped");
	ok(n == 3 && strcmp(list[1], "b") == 0 && strcmp(list[2], "c") == 0,
	    "str_split_list: the items");
	ok(str_list_has(list, n, "B"), "str_list_has ignores case");
	ok(!str_list_has(list, n, "d"), "str_list_has: absent");
	str_list_free(list, n);
	is_str(driver_canonical("PostgreSQL"), "postgres",
	    "driver_canonical: alias");
	is_str(driver_canonical("mariadb"), "mysql",
	    "driver_canonical: mariadb");
	is_str(driver_canonical("oracle"), NULL, "driver_canonical: unknown");
	ok(driver_find("sqlite3") != NULL, "driver_find: sqlite is built in");
}

/* dsn_hide_password(dsn) gives want. */
static void
hides(const char *dsn, const char *want, const char *desc)
{
	char	*s = xstrdup(dsn);

	dsn_hide_password(s);
	is_str(s, want, desc);
	free(s);
}

static void
test_dsn_hide(void)
{
	hides("mysql://u:s3cret@localhost/db?socket=/tmp/x.sock",
	    "mysql://u:******@localhost/db?socket=/tmp/x.sock",
	    "dsn_hide_password: mysql URL");
	hides("mariadb://u:p@ss:w/rd@h:3306/db",
	    "mariadb://u:*********@h:3306/db",
	    "dsn_hide_password: raw @ : / in the password, up to the last @");
	hides("postgresql://u:p%40ss@/db?host=/tmp/s&password=x1&sslmode=off",
	    "postgresql://u:******@/db?host=/tmp/s&password=**&sslmode=off",
	    "dsn_hide_password: URI userinfo and password parameter");
	hides("postgres:///db?pass%77ord=abc", "postgres:///db?pass%77ord=***",
	    "dsn_hide_password: percent-encoded parameter name");
	hides("postgresql://u@h/db", "postgresql://u@h/db",
	    "dsn_hide_password: URI without a password");
	hides("host=/tmp user=u password=s3cret dbname=d",
	    "host=/tmp user=u password=****** dbname=d",
	    "dsn_hide_password: conninfo");
	hides("password = 'a b\\'c' dbname=d",
	    "password = '******' dbname=d",
	    "dsn_hide_password: quoted conninfo value with an escape");
	hides("dbname='password=x' user=u", "dbname='password=x' user=u",
	    "dsn_hide_password: password= inside another value stays");
	hides("host=h password='unclosed", "host=h password='********",
	    "dsn_hide_password: unterminated quote hidden to the end");
	hides("tests/db.sqlite", "tests/db.sqlite",
	    "dsn_hide_password: a SQLite path is left alone");
	hides("", "", "dsn_hide_password: empty");
	dsn_hide_password(NULL);
	ok(1, "dsn_hide_password: NULL is a no-op");
}

/* str_command_line: is(argv as one line) and free it. */
static void
is_command_line(int argc, char *const *argv, const char *want,
    const char *desc)
{
	char	*got = str_command_line(argc, argv);

	is_str(got, want, desc);
	free(got);
}

static void
test_command_line(void)
{
	char	*plain[] = { "sqlcheck", "-d", "postgres", "sql-tests/" };
	char	*url[] = { "sqlcheck", "--dsn",
	    "mysql://me:s3cret@db/test?socket=/run/x.sock" };
	char	*conninfo[] = { "sqlcheck",
	    "--dsn=host=db password=s3cret dbname=t" };
	char	*quoted[] = { "sqlcheck", "--dsn",
	    "host=db password='s3 \\'cret' dbname=t" };
	char	*query[] = { "sqlcheck", "--dsn",
	    "postgresql://db/t?user=me&password=s3cret&sslmode=off" };
	char	*quote[] = { "sqlcheck", "-k", "it's" };

	is_command_line(4, plain, "sqlcheck -d postgres sql-tests/",
	    "command line: plain words as they are");
	is_command_line(3, url, "sqlcheck --dsn "
	    "'mysql://me:******@db/test?socket=/run/x.sock'",
	    "command line: a URL's password hidden");
	is_command_line(2, conninfo,
	    "sqlcheck '--dsn=host=db password=****** dbname=t'",
	    "command line: a password= value hidden, the word quoted");
	is_command_line(3, quoted,
	    "sqlcheck --dsn 'host=db password='\\''*********'\\'' dbname=t'",
	    "command line: a quoted password= value hidden whole");
	is_command_line(3, query, "sqlcheck --dsn "
	    "'postgresql://db/t?user=me&password=******&sslmode=off'",
	    "command line: a URL query's password hidden");
	is_command_line(3, quote, "sqlcheck -k 'it'\\''s'",
	    "command line: a quote survives the shell's quoting");
}

int
main(void)
{
	test_md5();
	test_buf();
	test_regex();
	test_conditions();
	test_conditions_pg();
	test_condition_names();
	test_slt_render();
	test_strutil();
	test_result_values();
	test_result_bounds();
	test_result_hash_stream();
	test_txn_classify();
	test_dsn_hide();
	test_command_line();
	return done_testing();
}
