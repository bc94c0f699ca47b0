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
command -v sqlite3 >/dev/null 2>&1 ||
    skip_all "no sqlite3 command to dump the database"

DB=$WORK/user.db
sqlite3 "$DB" <<'EOF'
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
CREATE TABLE audit (id integer PRIMARY KEY, what text);
INSERT INTO audit (what) VALUES ('created');
EOF
sqlite3 "$DB" .dump >"$WORK/before.dump"

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
	sqlite3 "$DB" .dump >"$WORK/after.dump"
	if cmp -s "$WORK/before.dump" "$WORK/after.dump"; then
		pass "$1: the database dump is unchanged"
	else
		fail "$1: the database dump is unchanged"
		diag "$(diff "$WORK/before.dump" "$WORK/after.dump" | head -n 20)"
	fi
	if [ -e "$DB-journal" ] || [ -e "$DB-wal" ]; then
		fail "$1: no journal left behind"
	else
		pass "$1: no journal left behind"
	fi
}

# wait_gone PID LIMIT: 0 if PID ended within LIMIT seconds.
wait_gone()
{
	_i=0
	while kill -0 "$1" 2>/dev/null && [ "$_i" -lt $(($2 * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	! kill -0 "$1" 2>/dev/null
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
ok "timeout: returned in ${elapsed} s (under $((4 * SLOWDOWN)) s)" \
    "$([ "$elapsed" -lt $((4 * SLOWDOWN)) ]; echo $?)"
unchanged "timeout"

# SIGTERM while the runaway query runs.
"$SQLCHECK" --dsn "$DB" "$WORK/runaway.sqltest" >"$WORK/term.out" \
    2>"$WORK/term.err" </dev/null &
pid=$!
sleep "$SLOWDOWN"
kill -TERM "$pid"
if wait_gone "$pid" $((5 * SLOWDOWN)); then
	pass "SIGTERM: sqlcheck stops within $((5 * SLOWDOWN)) s"
else
	fail "SIGTERM: sqlcheck stops within $((5 * SLOWDOWN)) s"
	kill -KILL "$pid"
fi
wait "$pid"
is "SIGTERM: exit status 130" "$?" 130
contains "SIGTERM: the test says so" "$(cat "$WORK/term.out")" \
    "interrupted by SIGTERM: the statement was cancelled"
contains "SIGTERM: the file says what did not run" "$(cat "$WORK/term.out")" \
    "runaway.sqltest: interrupted by SIGTERM; 1 test did not run"
unchanged "SIGTERM"

# kill -9 in the middle of the file's transaction: the deletion is in
# SQLite's page cache (or, had it spilled, in a hot journal the next
# connection rolls back); a journal left without a valid header is
# ignored and deleted by the next write.
"$SQLCHECK" --dsn "$DB" "$WORK/runaway.sqltest" >/dev/null 2>&1 </dev/null &
pid=$!
sleep "$SLOWDOWN"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
sqlite3 "$DB" .dump >"$WORK/after.dump"
if cmp -s "$WORK/before.dump" "$WORK/after.dump"; then
	pass "kill -9: the database dump is unchanged"
else
	fail "kill -9: the database dump is unchanged"
	diag "$(diff "$WORK/before.dump" "$WORK/after.dump" | head -n 20)"
fi
run_sqlcheck --dsn "$DB" --timeout 1 "$WORK/runaway.sqltest"
is_status "kill -9: the next run on the file works" 1
is "kill -9: ... with the same results" "$(last_line "$OUT")" \
    "2 passed, 1 failed, 0 skipped"
unchanged "kill -9, then a run"
run_sqlcheck --dsn "$DB" --clean
is_status "kill -9: --clean on SQLite has nothing to do" 0
contains "kill -9: --clean says why" "$OUT" "nothing to clean"

done_testing
