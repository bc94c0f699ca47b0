/*
 * test-make.c: unit tests for the pure parts of "-- make:": the make
 * line's reader (parse-make.c), the CHECK reader (make-check.c) on the
 * texts each engine writes back, and values (make-value.c): within a
 * column's length, range and labels, distinct for a key, the same for
 * the same hash.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/make.h"
#include "tap.h"

/* The spec of arg, or NULL with the cause compared with want_cause. */
static struct make_spec *
spec(const char *arg, const char *want_cause)
{
	struct make_spec	*ms;
	char			*cause = NULL;

	ms = make_spec_parse(arg, &cause);
	if (want_cause != NULL) {
		ok(ms == NULL, "\"%s\" is refused", arg);
		is_str(cause != NULL ? cause : "(none)", want_cause, arg);
	}
	free(cause);
	return ms;
}

static void
test_parse(void)
{
	struct make_spec	*ms;

	ms = spec("orders", NULL);
	ok(ms != NULL && strcmp(ms->table, "orders") == 0 && ms->count == 1 &&
	    ms->ncols == 0, "TABLE: one row, no overrides");
	make_spec_free(ms);
	ms = spec("\"Order Lines\" 500", NULL);
	ok(ms != NULL && strcmp(ms->table, "\"Order Lines\"") == 0 &&
	    ms->count == 500, "a quoted TABLE and a count");
	make_spec_free(ms);
	ms = spec("shop.orders 3 (status = 'paid, or not', amount = "
	    "round(10.5, 0), note = 'a = b')", NULL);
	ok(ms != NULL && strcmp(ms->table, "shop.orders") == 0 &&
	    ms->count == 3 && ms->ncols == 3, "schema.table, count, 3 items");
	if (ms != NULL && ms->ncols == 3) {
		is_str(ms->cols[0], "status", "first column");
		is_str(ms->exprs[0], "'paid, or not'", "a comma in a literal");
		is_str(ms->exprs[1], "round(10.5, 0)", "a comma in a call");
		is_str(ms->exprs[2], "'a = b'", "an = in a literal");
	}
	make_spec_free(ms);
	spec("", "\"-- make:\" needs a table name: write \"-- make: TABLE "
	    "[N] [(column = value, ...)]\"");
	spec("t 0", "bad row count \"0\" in \"-- make:\": write a number "
	    "from 1 to 10000000 after the table name");
	spec("t -3", "bad row count \"-\" in \"-- make:\": write a number "
	    "from 1 to 10000000 after the table name");
	spec("t 2 (a == 1)", "\"a == 1\" in \"-- make:\" is not \"column = "
	    "value\": write \"-- make: TABLE [N] [(column = value, ...)]\"");
	spec("t (a = 1, b = 2", "unclosed \"(\" in \"-- make:\": write "
	    "\"-- make: TABLE [N] [(column = value, ...)]\"");
	spec("t (a = 1) 3", "nothing goes after the \")\" of \"-- make:\" "
	    "(found \"3\")");
	spec("t (a = 1, A = 2)", "column A is set twice in \"-- make:\"");
}

/* A table of three columns for the CHECK reader. */
static void
table_init(struct make_table *t, struct make_column *c)
{
	memset(t, 0, sizeof *t);
	memset(c, 0, 3 * sizeof *c);
	c[0].name = "size";
	c[1].name = "qty";
	c[2].name = "code";
	c[1].lo = -1000000;
	c[1].hi = 1000000;
	t->cols = c;
	t->ncols = 3;
}

static void
col_labels_free(struct make_column *c)
{
	str_list_free(c[0].labels, c[0].nlabels);
}

static void
test_checks(void)
{
	struct make_table	t;
	struct make_column	c[3];

	table_init(&t, c);
	ok(make_check_apply(&t, "((size)::text = ANY ((ARRAY['S'::character "
	    "varying, 'M'::character varying])::text[]))", LEX_POSTGRES),
	    "PostgreSQL's = ANY (ARRAY[...]) is read");
	ok(c[0].nlabels == 2 && strcmp(c[0].labels[1], "'M'") == 0,
	    "its labels");
	col_labels_free(c);
	table_init(&t, c);
	ok(make_check_apply(&t, "`size` in ('S','M','L')", LEX_MYSQL),
	    "MariaDB's IN list is read");
	is_int((long long)c[0].nlabels, 3, "three labels");
	col_labels_free(c);
	table_init(&t, c);
	ok(make_check_apply(&t, "((qty > 0) AND (qty <= 20))", LEX_POSTGRES),
	    "PostgreSQL's AND of comparisons is read");
	ok(c[1].lo == 1 && c[1].hi == 20, "qty from 1 to 20");
	table_init(&t, c);
	ok(make_check_apply(&t, "qty BETWEEN -5 AND 7.5", LEX_SQLITE), "BETWEEN is read");
	ok(c[1].lo == -5 && c[1].hi == 7, "qty from -5 to 7");
	table_init(&t, c);
	ok(make_check_apply(&t, "(length((code)::text) >= 12)", LEX_POSTGRES),
	    "length(col) >= n is read");
	is_int(c[2].minlen, 12, "at least 12 characters");
	table_init(&t, c);
	ok(make_check_apply(&t, "octet_length(`code`) <= 8 and `code` <> ''",
	    LEX_MYSQL),
	    "MariaDB's octet_length and <> '' are read");
	ok(c[2].len == 8 && c[2].minlen == 1, "1 to 8 characters");
	table_init(&t, c);
	ok(!make_check_apply(&t, "qty > 0 OR qty < -5", LEX_SQLITE), "OR is not read");
	ok(!make_check_apply(&t, "code LIKE 'C-%'", LEX_SQLITE), "LIKE is not read");
	ok(!make_check_apply(&t, "qty < size", LEX_SQLITE), "two columns are not read");
	table_init(&t, c);
	ok(make_check_apply(&t, "[qty] BETWEEN 2 AND 9", LEX_SQLITE),
	    "SQLite's [name] is a name");
	ok(c[1].lo == 2 && c[1].hi == 9, "qty from 2 to 9");
	table_init(&t, c);
	ok(!make_check_apply(&t, "[qty] BETWEEN 2 AND 9", LEX_POSTGRES),
	    "PostgreSQL has no [name]");
	table_init(&t, c);
	ok(make_check_apply(&t, "(size = ANY (ARRAY['S', 'M', 'L']))",
	    LEX_POSTGRES), "ARRAY[...] without casts is read");
	is_int((long long)c[0].nlabels, 3, "its three labels");
	col_labels_free(c);
}

static void
test_values(void)
{
	struct make_column	c;
	struct buf		a, b;
	int			i, same = 1, inside = 1;

	memset(&c, 0, sizeof c);
	c.name = "title";
	c.cls = MAKE_TEXT;
	c.len = 6;
	c.key = 1;
	buf_init(&a);
	make_value(&c, 42, 7, 12345, &a);
	is_str(a.data, "'t12345'", "a key cut to its length keeps its number");
	buf_reset(&a);
	c.key = 0;
	c.len = 0;
	c.minlen = 12;
	make_value(&c, 41, 7, 0, &a);
	is_str(a.data, "'title 42xxxx'", "padded to the fewest characters");
	memset(&c, 0, sizeof c);
	c.name = "email";
	c.named = make_name_kind("customer_email");
	c.cls = MAKE_TEXT;
	buf_reset(&a);
	make_value(&c, 0, 0, 3, &a);
	is_str(a.data, "'ann.smith1@example.com'", "an email by name");
	memset(&c, 0, sizeof c);
	c.name = "qty";
	c.cls = MAKE_INT;
	c.lo = 3;
	c.hi = 5;
	buf_init(&b);
	for (i = 0; i < 200; i++) {
		buf_reset(&a);
		buf_reset(&b);
		make_value(&c, make_hash(1, 9, (uint64_t)i), 0, 0, &a);
		make_value(&c, make_hash(1, 9, (uint64_t)i), 0, 0, &b);
		same &= strcmp(a.data, b.data) == 0;
		inside &= atoi(a.data) >= 3 && atoi(a.data) <= 5;
	}
	ok(same, "the same hash makes the same value");
	ok(inside, "integers stay in their range");
	ok(make_hash(1, 9, 1) != make_hash(1, 10, 1), "the seed counts");
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	test_parse();
	test_checks();
	test_values();
	return done_testing();
}
