#!/bin/sh
# survive-sqlite.sh: nothing survives on SQLite when a run is cut short.
# A database file given with --dsn, holding the user's data, is the same
# per "sqlite3 FILE .dump" after a file whose runaway statement --timeout
# cancels, after SIGTERM, and after kill -9 of sqlcheck in the middle of a
# transaction that deleted the user's rows; a run after that works.  isolation-sqlite.sh covers the suite,
# COMMIT, failing setups and SIGINT.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
require_tools sqlite3

DB=$WORK/user.db
sqlite3 "$DB" <<'EOF' || { echo "Bail out! cannot create $DB"; exit 99; }
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
CREATE TABLE audit (id integer PRIMARY KEY, what text);
INSERT INTO audit (what) VALUES ('created');
EOF
dump_save db sqlite3 "$DB" .dump

# The user's rows are deleted, then a query that never ends runs.
cat >"$WORK/runaway.sqltest" <<'EOF'
-- test: delete the user's rows
DELETE FROM users;
DELETE FROM audit;
-- expect 1 rows

-- test: a recursive query without end
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
SELECT count(*) FROM c;
-- expect:
0

-- test: after it
SELECT count(*) FROM users;
-- expect:
0
EOF

unchanged()
{
	same_dump "$1: the database dump is unchanged" db sqlite3 "$DB" .dump
	if [ -e "$DB-journal" ] || [ -e "$DB-wal" ]; then
		fail "$1: no journal left behind"
	else
		pass "$1: no journal left behind"
	fi
}

gone()
{
	! kill -0 "$1" 2>/dev/null
}

# bg_runaway LOG: sqlcheck runs runaway.sqltest in the background (pid),
# and is past the DELETEs (in LOG) and computing the endless query.
bg_runaway()
{
	"$SQLCHECK" --dsn "$DB" --log "$1" "$WORK/runaway.sqltest" \
	    >"$WORK/bg.out" 2>"$WORK/bg.err" </dev/null &
	pid=$!
	wait_for 60 logged "$1" '^[^	]*runaway\.sqltest:3	' &&
	    wait_busy 60 "$pid"
}

# --timeout ends the runaway query; the file goes on.
start=$(date +%s)
run_sqlcheck --dsn "$DB" --timeout 1 "$WORK/runaway.sqltest"
elapsed=$(($(date +%s) - start))
is_status "timeout: exit status 1" 1
contains "timeout: the query timed out" "$OUT" \
    "timed out after 1 s (the statement was cancelled)"
is "timeout: the file goes on" "$(last_line "$OUT")" \
    "2 passed, 1 failed, 0 skipped"
ok "timeout: returned in ${elapsed} s (cancelled: the query has no end)" \
    "$([ "$elapsed" -lt $((60 * SLOWDOWN)) ]; echo $?)"
unchanged "timeout"

# SIGTERM while the runaway query runs.
bg_runaway "$WORK/term.log"
ok "SIGTERM: sent while the runaway query runs" $?
kill -TERM "$pid"
if wait_for 60 gone "$pid"; then
	pass "SIGTERM: sqlcheck stops"
else
	fail "SIGTERM: sqlcheck stops (within 60 s)"
	kill -KILL "$pid"
fi
wait "$pid"
is "SIGTERM: exit status 130" "$?" 130
contains "SIGTERM: the test says so" "$(cat "$WORK/bg.out")" \
    "interrupted by SIGTERM: the statement was cancelled"
contains "SIGTERM: the file says what did not run" "$(cat "$WORK/bg.out")" \
    "runaway.sqltest: interrupted by SIGTERM; 1 test did not run"
unchanged "SIGTERM"

# kill -9 in the middle of the file's transaction: the deletion is in
# SQLite's page cache (or, had it spilled, in a hot journal the next
# connection rolls back); a journal left without a valid header is
# ignored and deleted by the next write.  The kill comes once the
# DELETEs have run (--log) and the endless query computes.
bg_runaway "$WORK/kill.log"
ok "kill -9: sent after the DELETEs ran" $?
kill -KILL "$pid"
wait "$pid" 2>/dev/null
same_dump "kill -9: the database dump is unchanged" db sqlite3 "$DB" .dump
run_sqlcheck --dsn "$DB" --timeout 1 "$WORK/runaway.sqltest"
is_status "kill -9: the next run on the file works" 1
is "kill -9: ... with the same results" "$(last_line "$OUT")" \
    "2 passed, 1 failed, 0 skipped"
unchanged "kill -9, then a run"
run_sqlcheck --dsn "$DB" --clean
is_status "kill -9: --clean on SQLite has nothing to do" 0
contains "kill -9: --clean says why" "$OUT" "nothing to clean"

done_testing
