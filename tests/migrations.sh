#!/bin/sh
# migrations.sh: --schema, --migrations, "-- migrate:", --check-migrations
# and "-- load:", on SQLite always and on PostgreSQL and MySQL/MariaDB when
# SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN are set.  On every engine: the
# example (sql-tests/migrations) passes, and so does --check-migrations on
# it; a down step that forgets to drop an index is caught and the report
# names the index; versions go in numeric, not lexical, order; every
# naming style (Flyway, .up/.down, dbmate, goose) works; --schema files
# and directories apply in name order with errors at the schema file's
# FILE:LINE; drift against a declared schema is found; CSV files load,
# a malformed one fails at the CSV's FILE:LINE and so does a row the
# engine refuses.  Engine-neutral checks (duplicate versions, unknown
# versions, directive syntax) run on SQLite.  Fixtures:
# tests/fixtures/migrations.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
F=$top_srcdir/tests/fixtures/migrations
EX=$top_srcdir/sql-tests/migrations

# The engines to test: sqlite, and each server engine at hand (a failure
# if SQLCHECK_REQUIRE_ENGINES names one that is not).
engines_at_hand "migrations"

for e in $engines; do
	# The example, as the README's test command runs it.
	run_on "$e" --color never "$EX"
	is_status "$e: the example sql-tests/migrations passes" 0
	matches "$e: the example ran its tests" "$(last_line "$OUT")" \
	    '^10 passed, 0 failed, 0 skipped$'

	run_on "$e" --color never --check-migrations "$EX"
	is_status "$e: --check-migrations on the example passes" 0
	contains "$e: --check-migrations checks three steps" "$OUT" \
	    "3 passed, 0 failed, 0 skipped"

	# A down step that forgets an index.
	run_on "$e" --color never --check-migrations "$F/forgot-index"
	is_status "$e: a forgotten index fails the check" 1
	contains "$e: the report names the index" "$OUT" \
	    "index orders_customer_idx on orders (customer_id) is still there after 0002 down"
	contains "$e: the report names the down file" "$OUT" \
	    "forgot-index/0002_index.down.sql:1: migration 0002"
	contains "$e: the step after it is not checked" "$OUT" \
	    "1 passed, 1 failed, 1 skipped"

	# Versions in numeric order: 2, 9, 10.
	run_on "$e" --color never -v --migrations "$F/numeric" \
	    "$F/numeric/numeric.sqltest"
	is_status "$e: versions 2, 9, 10 apply in numeric order" 0
	is "$e: the order of the steps" "$(printf '%s\n' "$ERR" |
	    sed -n 's/.*: migration \([0-9]*\) up .*/\1/p' | tr '\n' ' ')" \
	    "2 9 10 "

	# Every naming style, checked and migrated through.
	run_on "$e" --color never --check-migrations "$F/formats"
	is_status "$e: Flyway, .up/.down, dbmate and goose files check" 0
	contains "$e: four steps" "$OUT" "4 passed, 0 failed, 0 skipped"
	run_on "$e" --color never "$F/formats/steps.sqltest"
	is_status "$e: -- migrate: up and down through every style" 0

	# --schema: a directory in name order, and errors at FILE:LINE.
	run_on "$e" --color never --schema "$F/schema" "$F/schema.sqltest"
	is_status "$e: --schema DIR applies its files in name order" 0
	run_on "$e" --color never --schema "$F/schema-bad.sql" \
	    "$F/schema.sqltest"
	is_status "$e: a failing --schema file fails the test file" 1
	contains "$e: at the schema file's FILE:LINE" "$OUT" \
	    "schema-bad.sql:3: schema failed:"

	# Drift between the migrated and the declared schema.
	run_on "$e" --color never --check-migrations "$EX" \
	    --schema "$F/declared-same.sql"
	is_status "$e: no drift against the same schema declared" 0
	run_on "$e" --color never --check-migrations "$EX" \
	    --schema "$F/declared-drift.sql"
	is_status "$e: drift fails the check" 1
	matches "$e: drift names the changed column" "$OUT" \
	    '^    column orders\.total_cents is ".* not null" in the migrated schema, ".*" in the declared one$'
	contains "$e: drift names the index no migration makes" "$OUT" \
	    "index orders_status_idx on orders (status) is declared, but the migrations do not make it"

	# CSV files.
	run_on "$e" --color never "$F/csv/good.sqltest"
	is_status "$e: CSV quoting, NULL and the empty string load" 0
	run_on "$e" --color never "$F/csv/bad.sqltest"
	is_status "$e: a malformed CSV file is a file error" 2
	contains "$e: at the CSV's FILE:LINE" "$OUT" \
	    "csv/bad.csv:3: unterminated quoted field"
	run_on "$e" --color never "$F/csv/null-name.sqltest"
	is_status "$e: a row the engine refuses fails the file" 1
	contains "$e: at the CSV row's FILE:LINE" "$OUT" \
	    "csv/null-name.csv:3: cannot load this row into people:"
	contains "$e: with the engine's condition" "$OUT" "not_null_violation"
done

# SQLite builds --schema and --migrations once, as a template each file
# gets a copy of; --isolation transaction applies them in every file.
run_sqlcheck --color never -v --migrations "$F/numeric" \
    "$F/numeric/numeric.sqltest"
contains "sqlite: files start from a copy of the template" "$ERR" \
    "isolation: in-memory copy of the schema template + transaction (rolled back)"
run_sqlcheck --color never -v --isolation transaction \
    --migrations "$F/numeric" "$F/numeric/numeric.sqltest"
is_status "sqlite: --isolation transaction applies them per file" 0
contains "sqlite: --isolation transaction: no template" "$ERR" \
    "numeric.sqltest: migration 10 up"

# Engine-neutral: errors in the migrations and in the directives.
run_sqlcheck --migrations "$F/dup" "$F/schema.sqltest"
is_status "duplicate version: exit 2" 2
contains "duplicate version: both files named" "$ERR" \
    "duplicate migration version 2: $F/dup/0002_add_b.sql and $F/dup/2_add_c.sql"
run_sqlcheck --check-migrations "$F/dup"
is_status "duplicate version: --check-migrations exits 2" 2

run_sqlcheck --color never "$F/formats/unknown-version.sqltest"
is_status "unknown version: the file fails" 1
contains "unknown version: the versions are listed" "$OUT" \
    "unknown-version.sqltest:2: no migration has version 7 in $F/formats (versions: 1, 20240101120000, 20240202000000, 20240303000000)"
run_sqlcheck --color never "$F/no-migrations.sqltest"
is_status "-- migrate: without migrations: the file fails" 1
contains "-- migrate: without migrations: says how to give them" "$OUT" \
    "\"-- migrate:\" needs migrations: give --migrations DIR"

printf -- '-- migrate: two\n-- test: t\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/bad-version.sqltest"
run_sqlcheck "$WORK/bad-version.sqltest"
is_status "-- migrate: with a bad version is a parse error" 2
contains "bad version: FILE:LINE" "$OUT" \
    "bad-version.sqltest:1: bad version \"two\" in \"-- migrate:\""
printf -- '-- load: t FROM data.csv\n-- test: t\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/bad-load.sqltest"
run_sqlcheck "$WORK/bad-load.sqltest"
is_status "-- load: without quotes is a parse error" 2
contains "bad load: says how to write it" "$OUT" \
    "bad-load.sqltest:1: write \"-- load: TABLE FROM 'FILE.csv'\""
printf -- '-- load: t FROM '"'"'none.csv'"'"'\n-- test: t\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/no-csv.sqltest"
run_sqlcheck "$WORK/no-csv.sqltest"
is_status "-- load: of a missing file is a parse error" 2
contains "missing CSV: names it" "$OUT" "none.csv: cannot open"

mkdir "$WORK/noversion"
echo "SELECT 1;" >"$WORK/noversion/init.sql"
run_sqlcheck --migrations "$WORK/noversion" "$F/schema.sqltest"
is_status "a migration without a version: exit 2" 2
contains "a migration without a version: named" "$ERR" \
    "noversion/init.sql: no version at the start of the name"
run_sqlcheck --check-migrations "$EX" "$F/schema.sqltest"
is_status "--check-migrations takes no test paths" 2

# --check-migrations sends its statements the way the tests' are sent:
# --log records each one, and --timeout cancels a step that runs too
# long (a step that would never end: lib.sh runs sqlcheck under
# timeout(1), so a --timeout ignored fails with 124 instead of hanging).
for e in $engines; do
	rm -rf "$WORK/slowmig" && mkdir "$WORK/slowmig"
	echo "CREATE TABLE slowmig_t (x int);" >"$WORK/slowmig/0001_t.up.sql"
	echo "DROP TABLE slowmig_t;" >"$WORK/slowmig/0001_t.down.sql"
	run_on "$e" --log "$WORK/mig.log" --check-migrations "$WORK/slowmig"
	is_status "$e: --check-migrations --log: passes" 0
	matches "$e: --check-migrations --log: logs the up step" \
	    "$(cat "$WORK/mig.log" 2>/dev/null)" \
	    '0001_t\.up\.sql:1	[0-9.]+	ok	CREATE TABLE slowmig_t'
	matches "$e: --check-migrations --log: logs the down step" \
	    "$(cat "$WORK/mig.log" 2>/dev/null)" \
	    '0001_t\.down\.sql:1	[0-9.]+	ok	DROP TABLE slowmig_t'
	case $e in
	sqlite) slow="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;" ;;
	postgres) slow="SELECT pg_sleep(100000);" ;;
	*) continue ;;	# MySQL's SLEEP() returns 1 when killed: no error
	esac
	echo "$slow" >"$WORK/slowmig/0002_slow.up.sql"
	echo "SELECT 1;" >"$WORK/slowmig/0002_slow.down.sql"
	rm -f "$WORK/mig.log"
	run_on "$e" --timeout 1 \
	    --log "$WORK/mig.log" --check-migrations "$WORK/slowmig"
	is_status "$e: --check-migrations --timeout: the step fails" 1
	contains "$e: --check-migrations --timeout: says it timed out" "$OUT" \
	    "0002 up failed: timed out after 1 s"
	matches "$e: --check-migrations --timeout: logged as a timeout" \
	    "$(cat "$WORK/mig.log" 2>/dev/null)" '0002_slow\.up\.sql:1	[0-9.]+	timeout	'
done

done_testing
