#!/bin/sh
# isolation-sqlite.sh: nothing a test does survives it.  A SQLite database
# file given with --dsn is the same, per "sqlite3 FILE .dump" and byte for
# byte, after runs of the whole sql-tests/ suite, of files whose tests
# COMMIT, ROLLBACK and BEGIN, of failing files, of a file whose setup
# fails, of "-- isolation: database" files and of an interrupted run; the
# user's rows are visible to the tests.  Fixtures: tests/fixtures/isolation.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
require_tools sqlite3

F=$top_srcdir/tests/fixtures/isolation
DB=$WORK/user.db

sqlite3 "$DB" <<'EOF' || { echo "Bail out! cannot create $DB"; exit 99; }
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL,
    email text UNIQUE);
INSERT INTO users VALUES (1, 'ann', 'ann@example.com'),
    (2, 'bob', 'bob@example.com');
CREATE INDEX users_name ON users (name);
CREATE VIEW user_names AS SELECT name FROM users;
CREATE TABLE audit (id integer PRIMARY KEY, what text);
CREATE TRIGGER users_audit AFTER UPDATE ON users BEGIN
    INSERT INTO audit (what) VALUES ('updated ' || new.id);
END;
PRAGMA user_version = 7;
EOF
dump_save db sqlite3 "$DB" .dump
BEFORE_SUM=$(cksum <"$DB")
cp "$DB" "$WORK/pristine.db"

# Start from the user's database as it was, whatever the last run did.
fresh()
{
	rm -f "$DB-journal" "$DB-wal" "$DB-shm"
	cp "$WORK/pristine.db" "$DB"
}

# unchanged DESC: the database is as it was (two checks).
unchanged()
{
	same_dump "$1: the database dump is unchanged" db sqlite3 "$DB" .dump
	is "$1: the database file is byte for byte the same" \
	    "$(cksum <"$DB")" "$BEFORE_SUM"
	if [ -e "$DB-journal" ] || [ -e "$DB-wal" ]; then
		fail "$1: no journal left behind"
	else
		pass "$1: no journal left behind"
	fi
}

is "setup: the database has the user's rows" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM users')" 2

# The whole example suite.
fresh
run_sqlcheck --dsn "$DB" "$top_srcdir/sql-tests"
is_status "sql-tests on the file: exit status 0" 0
matches "sql-tests on the file: nothing failed" "$(last_line "$OUT")" \
    '^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$'
unchanged "sql-tests"

# The user's rows are visible; the tests' changes stay in the file run.
fresh
run_sqlcheck --dsn "$DB" "$F/user-rows.sqltest"
is_status "user rows: the tests see them (exit status 0)" 0
is "user rows: every test passed" "$(last_line "$OUT")" \
    "5 passed, 0 failed, 0 skipped"
unchanged "user rows"

# Tests that COMMIT, ROLLBACK and BEGIN.
fresh
run_sqlcheck --dsn "$DB" "$F/commit.sqltest"
is_status "COMMIT/ROLLBACK/BEGIN: the tests pass" 0
is "COMMIT/ROLLBACK/BEGIN: summary" "$(last_line "$OUT")" \
    "7 passed, 0 failed, 0 skipped"
unchanged "COMMIT/ROLLBACK/BEGIN"
fresh
run_sqlcheck --dsn "$DB" --isolation transaction "$F/commit.sqltest"
is_status "--isolation transaction: the tests pass" 0
unchanged "--isolation transaction"

# A failing file and a file whose setup fails.
fresh
run_sqlcheck --dsn "$DB" "$F/failing.sqltest"
is_status "failing file: exit status 1" 1
is "failing file: summary" "$(last_line "$OUT")" \
    "0 passed, 3 failed, 0 skipped"
unchanged "failing file"
fresh
run_sqlcheck --dsn "$DB" "$F/setup-fails.sqltest"
is_status "failing setup: exit status 1" 1
contains "failing setup: the setup's failure" "$OUT" \
    "setup-fails.sqltest:7: setup failed"
unchanged "failing setup"

# A COMMIT that follows a comment holding "/*".
fresh
run_sqlcheck --dsn "$DB" "$F/hidden-commit.sqltest"
is_status "COMMIT after a comment holding /*: the test passes" 0
unchanged "COMMIT after a comment holding /*"

# VACUUM: refused inside the transaction, fine in a scratch database.
fresh
run_sqlcheck --dsn "$DB" "$F/vacuum.sqltest"
is_status "VACUUM in the file's transaction: exit status 1" 1
contains "VACUUM refused: the message names -- isolation: database" \
    "$OUT" '"-- isolation: database"'
matches "VACUUM refused: at the test's FILE:LINE" "$OUT" \
    'vacuum\.sqltest:4: vacuum$'
is "VACUUM refused: the file goes on" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 0 skipped"
unchanged "VACUUM refused"
fresh
run_sqlcheck --dsn "$DB" --isolation database "$F/vacuum.sqltest"
is_status "VACUUM with --isolation database: exit status 0" 0
unchanged "VACUUM with --isolation database"
fresh
run_sqlcheck --dsn "$DB" -v "$F/database.sqltest"
is_status "-- isolation: database: the tests pass" 0
is "-- isolation: database: summary" "$(last_line "$OUT")" \
    "5 passed, 0 failed, 0 skipped"
matches "-- isolation: database: shown by -v" "$OUT$ERR" \
    'isolation: scratch database'
unchanged "-- isolation: database"

# Every fixture at once, one after the other on one session.
fresh
run_sqlcheck --dsn "$DB" -j 1 "$F"
is "all fixtures in one run: exit status 1" "$STATUS" 1
unchanged "all fixtures in one run"

# Interrupted in the middle of a statement that would never end.
cat >"$WORK/interrupt.sqltest" <<'EOF'
-- test: change the user's rows
DELETE FROM users;
-- expect 2 rows

-- test: a statement that does not end by itself
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
SELECT count(*) FROM c;
-- expect:
0
EOF
fresh
"$SQLCHECK" --dsn "$DB" --log "$WORK/int.log" "$WORK/interrupt.sqltest" \
    >"$WORK/int.out" 2>"$WORK/int.err" </dev/null &
pid=$!
# The signal comes once the DELETE has run and the endless statement
# computes.
wait_for 60 logged "$WORK/int.log" '^[^	]*interrupt\.sqltest:2	' &&
    wait_busy 60 "$pid"
ok "interrupted: the DELETE ran, the endless statement runs" $?
kill -INT "$pid" 2>/dev/null
gone()
{
	! kill -0 "$1" 2>/dev/null
}
if wait_for 60 gone "$pid"; then
	pass "interrupted: sqlcheck stops after SIGINT"
else
	kill -KILL "$pid" 2>/dev/null
	fail "interrupted: sqlcheck stops after SIGINT (within 60 s)"
fi
wait "$pid"
is "interrupted: exit status 130" "$?" 130
contains "interrupted: the endless statement was cancelled" \
    "$(cat "$WORK/int.out")" "interrupted by SIGINT: the statement was cancelled"
matches "interrupted: the partial summary is the last line" \
    "$(tail -n 1 "$WORK/int.out")" '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'
unchanged "interrupted"

is "after an interrupted run: the user's rows" \
    "$(sqlite3 "$DB" 'SELECT id, name FROM users ORDER BY id')" "1|ann
2|bob"

done_testing
