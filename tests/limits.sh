#!/bin/sh
# limits.sh: --max-rows and runaway queries, on SQLite and, where their
# servers are set (SQLCHECK_PG_DSN, SQLCHECK_MYSQL_DSN), on PostgreSQL and
# MySQL.  A result with more rows than --max-rows fails its test with a
# message naming the limit, and the file goes on; recursive queries
# without end end: one counting with --timeout, one returning rows at
# --max-rows, which stops the statement (peak memory, measured with GNU
# time when it is there, stays small).  A result larger than its
# expectation keeps only what the expectation could match, and one row
# more (a million rows of 200 bytes against one expected row, with no
# --max-rows), except for --rewrite; a hash in result order keeps no
# value (a million hashed).  Fixtures: tests/fixtures/limits.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
F=$top_srcdir/tests/fixtures/limits
TIME=
TIME_WHY=
# (Under Valgrind, GNU time would measure Valgrind's memory; under
# AddressSanitizer (make check-sanitize sets SQLCHECK_SANITIZED), its
# quarantine of freed memory, which grows with the time a query runs.)
if [ -n "${SQLCHECK_VALGRIND:-}" ]; then
	TIME_WHY="under Valgrind, which the peak would measure"
elif [ -n "${SQLCHECK_SANITIZED:-}" ]; then
	TIME_WHY="under AddressSanitizer, whose quarantine the peak would measure"
elif [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	TIME=/usr/bin/time
fi

run_sqlcheck --max-rows -1 "$F/rows.sqltest"
is_status "--max-rows -1: exit status 2" 2
contains "--max-rows -1: says what it takes" "$ERR" \
    'bad --max-rows "-1": give a number from 0 to'

# run_measured ARGS...: run_sqlcheck, and sqlcheck's peak memory in KB
# into RSS when GNU time can measure it (else RSS is empty).
run_measured()
{
	RSS=
	if [ -z "$TIME" ]; then
		run_sqlcheck "$@"
		return
	fi
	# shellcheck disable=SC2086
	$_tap_timeout $TIME -f %M -o "$WORK/rss" "$SQLCHECK" "$@" \
	    >"$WORK/out" 2>"$WORK/err" </dev/null
	STATUS=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
	RSS=$(tail -n 1 "$WORK/rss")
}

# peak_under DESCRIPTION KB: the last run_measured peaked under KB.
peak_under()
{
	if [ -n "$TIME_WHY" ]; then
		skip "$1: peak memory" "$TIME_WHY"
	elif [ -z "$TIME" ]; then
		missing "$1: peak memory" "no GNU time (/usr/bin/time -f %M)"
	else
		ok "$1: peak memory ${RSS:-unknown} KB (under $2 KB)" \
		    "$([ "${RSS:-x}" -lt "$2" ] 2>/dev/null; echo $?)"
	fi
}

# limits ENGINE DSN: the checks on one engine.
limits()
{
	run_sqlcheck -d "$1" --dsn "$2" --max-rows 10 "$F/rows.sqltest"
	is_status "$1: eleven rows with --max-rows 10: exit status 1" 1
	contains "$1: ... the test says why" "$OUT" \
	    "the result has more than 10 rows (--max-rows 10): the statement was stopped there"
	is "$1: ... ten rows pass, the file goes on" "$(last_line "$OUT")" \
	    "2 passed, 1 failed, 0 skipped"
	run_sqlcheck -d "$1" --dsn "$2" --max-rows 0 "$F/rows.sqltest"
	is_status "$1: --max-rows 0 is no limit" 0

	start=$(date +%s)
	run_measured -d "$1" --dsn "$2" --timeout 2 --max-rows 1000 \
	    "$F/runaway.sqltest"
	elapsed=$(($(date +%s) - start))
	is_status "$1: runaway queries with --timeout 2: exit status 1" 1
	contains "$1: ... the count times out" "$OUT" \
	    "timed out after 2 s (the statement was cancelled)"
	contains "$1: ... the rows stop at --max-rows" "$OUT" \
	    "the result has more than 1000 rows (--max-rows 1000), more than expected: the statement was stopped there"
	is "$1: ... the file goes on" "$(last_line "$OUT")" \
	    "1 passed, 2 failed, 2 skipped"
	ok "$1: ... returned in ${elapsed} s (cancelled: the queries have no end)" \
	    "$([ "$elapsed" -lt $((60 * SLOWDOWN)) ]; echo $?)"
	peak_under "$1: ... with --max-rows 1000" 153600
}

# beyond ENGINE DSN: results larger than their expectation, on one
# engine, with no --max-rows: what is kept follows the expectation.
beyond()
{
	run_measured -d "$1" --dsn "$2" --max-rows 0 "$F/expected.sqltest"
	is_status "$1: results larger than expected: exit status 1" 1
	contains "$1: ... ordered: the rows kept, how many came" "$OUT" \
	    "wrong result: 900 rows, more than expected (only the first 4 were kept, and are shown)"
	contains "$1: ... the first row too many is shown" "$OUT" "    + 4"
	contains "$1: ... any order: one row more than expected kept" "$OUT" \
	    "wrong result: 900 rows, more than expected (only the first 3 were kept, and are shown)"
	contains "$1: ... a row count counts every row" "$OUT" \
	    "expected 2 rows, got 900"
	contains "$1: ... a million rows: counted, two kept" "$OUT" \
	    "wrong result: 1000000 rows, more than expected (only the first 2 were kept, and are shown)"
	contains "$1: ... none expected: one row kept, said in the singular" \
	    "$OUT" "wrong result: 900 rows, more than expected (only the first was kept, and is shown)"
	is "$1: ... exact and empty results pass, the file goes on" \
	    "$(last_line "$OUT")" "3 passed, 5 failed, 2 skipped"
	peak_under "$1: ... a million rows of 200 bytes" 61440
	run_sqlcheck -d "$1" --dsn "$2" "$F/expected-hash.test"
	contains "$1: ... a hash in result order: every value hashed" \
	    "$OUT" "+ 5 values hashing to a7b1ac3a2b072f71a8e0d463bf4eb822"
	contains "$1: ... a sorted hash: the values are counted, not hashed" \
	    "$OUT" "+ 5 values (not hashed: more than expected)"
	is "$1: ... the hashes that match pass" "$(last_line "$OUT")" \
	    "4 passed, 2 failed, 0 skipped"
	mkdir -p "$WORK/rewrite-$1"
	cat >"$WORK/rewrite-$1/r.sqltest" <<-'EOT'
	-- test: three rows, one expected
	SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3) t
	ORDER BY x;
	-- expect:
	1
	EOT
	run_sqlcheck -d "$1" --dsn "$2" --rewrite --diff \
	    "$WORK/rewrite-$1/r.sqltest"
	contains "$1: ... --rewrite keeps every row to write" "$OUT" \
	    "$(printf '+1\n+2\n+3')"
}

limits sqlite ""
beyond sqlite ""
# A million values hashed in result order keep none (SQLite: a million
# levels of recursion are not portable).
run_measured "$F/hash-million.test"
is_status "sqlite: a hash of a million values in result order passes" 0
peak_under "sqlite: ... no value kept" 12288
for e in postgres mysql; do
	if [ "$e" = postgres ]; then
		dsn=${SQLCHECK_PG_DSN:-}
	else
		dsn=${SQLCHECK_MYSQL_DSN:-}
	fi
	if engine_missing "$e"; then
		skip_engine "$e" "$e"
	else
		limits "$e" "$dsn"
		beyond "$e" "$dsn"
	fi
done

done_testing
