#!/bin/sh
# safety-sqlite.sh: nothing survives a test file on SQLite, on the paths
# of issue 15 that concern it, checked by sqlite3 .dump of the --dsn file
# (exit status and a non-empty dump):
#  3. a test's open BEGIN (one whose statement failed, one that inserted)
#     is rolled back at the end of the test in every isolation: the next
#     test sees no row of it;
#  5. an unwritable -o, --log or --coverage-json exits 2 before any file
#     runs, and writes no report;
#  2. --help says that --allow-server-changes lets changes persist.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
# shellcheck source=tests/safety-lib.sh
. "$top_srcdir/tests/safety-lib.sh"

require_engines sqlite
command -v sqlite3 >/dev/null 2>&1 || skip_all_missing "no sqlite3 command"

DB=$WORK/app.db
cat >"$WORK/schema.sql" <<'SQL'
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL
sqlite3 "$DB" <"$WORK/schema.sql"
dump_ok "before" "$WORK/before.sql" sqlite3 "$DB" .dump

unchanged()
{
	dump_ok "$1" "$WORK/after.sql" sqlite3 "$DB" .dump
	same_dump "$1" "$WORK/before.sql" "$WORK/after.sql"
}

# --- 3. an open BEGIN ends with its test ------------------------------
cat >"$WORK/begin.sqltest" <<'EOF2'
-- test: an open BEGIN whose statement fails
BEGIN;
INSERT INTO app_payments VALUES (8, 80);
INSERT INTO app_payments VALUES (7, 1);
-- expect error unique_violation

-- test: an open BEGIN that inserts
BEGIN;
INSERT INTO app_payments VALUES (9, 90);
-- expect ok

-- test: the next test sees neither insert
SELECT count(*) FROM app_payments;
-- expect:
1
EOF2
for iso in auto transaction database; do
	run_sqlcheck --dsn "$DB" --isolation "$iso" "$WORK/begin.sqltest"
	is_status "3: isolation $iso: a later test sees no row of an open BEGIN" 0
	[ "$STATUS" = 0 ] || show_run
	unchanged "3: isolation $iso"
	run_sqlcheck --isolation "$iso" --schema "$WORK/schema.sql" \
	    "$WORK/begin.sqltest"
	is_status "3: isolation $iso, in memory: the same" 0
done

# --- 5. outputs are checked before anything starts ---------------------
for opt in -o --log --coverage-json; do
	run_sqlcheck -v --dsn "$DB" --coverage "$opt" \
	    "$WORK/no/such/dir/out.xml" "$WORK/begin.sqltest"
	is_status "5: an unwritable $opt exits 2" 2
	contains "5: $opt: the message names the path and that nothing ran" \
	    "$ERR" "$WORK/no/such/dir/out.xml\": No such file or directory (nothing was started)"
	lacks "5: $opt: no file ran" "$ERR" "isolation:"
done
run_sqlcheck --dsn "$DB" --log "$WORK/run.log" -o "$WORK" \
    "$WORK/begin.sqltest"
is_status "5: -o naming a directory exits 2" 2
contains "5: ... saying it is a directory" "$ERR" "it is a directory"
check "5: ... and the --log given beside it was not created" \
    test ! -e "$WORK/run.log"
unchanged "5: unwritable outputs"

# --- 2. the option that lets server changes through says they persist --
run_sqlcheck --help
contains "2: --help describes --allow-server-changes" "$OUT" \
    "--allow-server-changes"
contains "2: ... and says such changes persist" "$OUT" "PERSIST after the run"

done_testing
