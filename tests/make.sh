#!/bin/sh
# make.sh: "-- make: TABLE [N] [(col = expr, ...)]" on every engine at
# hand (SQLite always, PostgreSQL and MariaDB when SQLCHECK_PG_DSN and
# SQLCHECK_MYSQL_DSN are set).  tests/make/shop.sqltest fills a schema with
# every constraint kind, composite keys, a four-level foreign key chain, a
# self-reference and enums, and checks the rows (counts, distinct keys,
# references, overrides) against expectations written once for all
# engines: the same rows on every engine and every run.  --seed changes
# them; a CHECK that make cannot read and its values break fails the file
# at the make line naming the constraint; a cycle of NOT NULL foreign keys
# is an error naming it; malformed make lines are errors at FILE:LINE.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite

cd "$top_srcdir" || exit 99
D=tests/make

engines_at_hand "-- make:"

for e in $engines; do
	run_on "$e" "$D/shop.sqltest" "$D/cycle.sqltest" \
	    "$D/override-check.sqltest"
	is_status "$e: every table filled, rows as expected" 0
	contains "$e: all tests ran" "$OUT" "11 passed, 0 failed, 0 skipped"
	[ "$STATUS" = 0 ] || diag "$OUT$ERR"

	# Another seed, other rows: the expectations of the made rows fail,
	# those on counts, keys and references still hold; a second run
	# with that seed makes the same rows again.
	run_on "$e" --seed 2 --rewrite --diff "$D/shop.sqltest"
	is_status "$e: --seed 2 makes other rows" 1
	contains "$e: --seed 2 still fills every table" "$OUT" \
	    "3 passed, 4 failed"
	first=$OUT
	run_on "$e" --seed 2 --rewrite --diff "$D/shop.sqltest"
	is "$e: a second run with --seed 2 makes the same rows" \
	    "$(printf '%s\n' "$OUT" | sed -n '/^---/,$p')" \
	    "$(printf '%s\n' "$first" | sed -n '/^---/,$p')"

	run_on "$e" "$D/unreadable-check.sqltest"
	is_status "$e: an unreadable CHECK the values break fails" 1
	matches "$e: the error is at the make line and names the CHECK" \
	    "$OUT" "^  $D/unreadable-check.sqltest:11: -- make: coupons: CHECK constraint code_prefix .* cannot read it: set its column in the make line, e\\.g\\. \"-- make: coupons \\(code = \\.\\.\\.\\)\""
	contains "$e: the error shows the row" "$OUT" \
	    "row: (code, id) = ('code 410', 1)"
done

# Rows in several chunks (the next made while one loads): the same rows
# on every engine; a row the engine refuses in a later chunk is named.
for e in $engines; do
	run_on "$e" "$D/chunks.sqltest"
	is_status "$e: 25 001 rows in three chunks, as expected" 0
	contains "$e: chunks: all tests ran" "$OUT" "3 passed, 0 failed"
	run_on "$e" "$D/chunk-refused.sqltest"
	is_status "$e: a row refused in the second chunk fails the file" 1
	contains "$e: the refused row of the second chunk is shown" "$OUT" \
	    "row: (code, id) = ('code 15002', 115001)"
	contains "$e: at the make line" "$OUT" \
	    "$D/chunk-refused.sqltest:6: -- make: u: the engine refused"
done

case " $engines " in
*" mysql "*)
	run_on mysql "$D/backslash-mysql.sqltest"
	is_status "mysql: a backslash in a parent key and an override" 0
	[ "$STATUS" = 0 ] || diag "$OUT$ERR"
	;;
esac

for e in $engines; do
	case $e in sqlite) continue ;; esac
	run_on "$e" "$D/types.sqltest"
	is_status "$e: uuid, json, time, numeric, enum, identity" 0
	[ "$STATUS" = 0 ] || diag "$OUT$ERR"
done

run_sqlcheck "$D/cycle-not-null.sqltest"
is_status "a cycle of NOT NULL foreign keys fails" 1
contains "the error names the cycle at the make line" "$OUT" \
    "$D/cycle-not-null.sqltest:13: -- make: wives: the foreign keys form a cycle that no NULL can break: husbands -> wives -> husbands"

# bad NAME LINE EXPECTED: a file whose make line is LINE fails to parse
# (exit 2) with EXPECTED after "FILE:2: ".
bad()
{
	printf -- '-- setup\nCREATE TABLE t (a int);\n%s\n-- test: x\nSELECT 1;\n-- expect:\n1\n' \
	    "$2" >"$WORK/$1.sqltest"
	run_sqlcheck "$WORK/$1.sqltest"
	is_status "$1: exit 2" 2
	contains "$1: the error at FILE:LINE" "$OUT$ERR" \
	    "$WORK/$1.sqltest:3: $3"
}
bad no-table '-- make:' '"-- make:" needs a table name'
bad zero '-- make: t 0' 'bad row count "0" in "-- make:": write a number from 1 to 10000000'
bad word '-- make: t many' 'bad row count "many"'
bad huge '-- make: t 99999999999' 'bad row count "99999999999"'
bad no-eq '-- make: t 2 (a 1)' '"a 1" in "-- make:" is not "column = value"'
bad unclosed '-- make: t 2 (a = 1' 'unclosed "(" in "-- make:"'
bad twice '-- make: t (a = 1, A = 2)' 'column A is set twice in "-- make:"'
bad empty-value '-- make: t (a = )' 'column a in "-- make:" has no value'
bad after '-- make: t (a = 1) x' 'nothing goes after the ")" of "-- make:"'

printf -- '-- setup\nCREATE TABLE t (a int);\n-- test: x\nSELECT 1;\n-- make: t\n-- expect:\n1\n' \
    >"$WORK/late.sqltest"
run_sqlcheck "$WORK/late.sqltest"
is_status "make after a test's SQL: exit 2" 2
contains "make after a test's SQL: the error says where it goes" "$OUT$ERR" \
    "$WORK/late.sqltest:5: \"-- make:\" after the SQL of test \"x\""

# Errors the catalog shows: at the make line, the file fails (exit 1).
printf -- '-- setup\nCREATE TABLE t (a int);\n-- make: nosuch 2\n-- test: x\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/table.sqltest"
run_sqlcheck "$WORK/table.sqltest"
is_status "unknown table: the file fails" 1
contains "unknown table: named, with the tables there" "$OUT" \
    "$WORK/table.sqltest:3: -- make: no table nosuch here (tables: t)"
printf -- '-- setup\nCREATE TABLE t (a int);\n-- make: t 2 (b = 1)\n-- test: x\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/column.sqltest"
run_sqlcheck "$WORK/column.sqltest"
is_status "unknown column: the file fails" 1
contains "unknown column: named, with the table's columns" "$OUT" \
    "$WORK/column.sqltest:3: -- make: table t has no column b (its columns: a)"

# A failing test shows the rows made before it.
printf -- '-- setup\nCREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL);\n-- make: t 3\n-- test: x\nSELECT count(*) FROM t;\n-- expect:\n4\n' \
    >"$WORK/shown.sqltest"
run_sqlcheck "$WORK/shown.sqltest"
is_status "a failing test after a make line fails" 1
contains "the failure shows the rows made" "$OUT" "    rows made before this test:
      $WORK/shown.sqltest:3: t: 3 rows, the first (id, name) = (1, 'Hiro Nguyen')"

done_testing
