#!/bin/bash
# faults-pg.sh: sqlcheck when things go wrong around a PostgreSQL server
# of the test's own (started with tests/servers.sh, so that killing it
# hurts no other test).  The server is killed in the middle of a file;
# it is stopped between two files; connections are refused; a statement
# waits for a lock another session holds (--timeout cancels it); sqlcheck
# gets SIGINT, SIGTERM and SIGKILL while statements run, in a transaction
# and in a scratch database.  Each time: what the user reads, the exit
# status, that sqlcheck returns in bounded time and leaves no process, and
# that the user's database "faultdb" is the same per pg_dump, with no
# database left behind (after SIGKILL, sqlcheck --clean removes the
# scratch database; while a run uses one, --clean keeps it).
# Fixtures: tests/fixtures/faults.  Prints a summary table as diagnostics.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres
command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" != 0 ] ||
    skip_all "no setpriv to start a PostgreSQL server as postgres"
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
for b in initdb postgres psql pg_dump pg_isready; do
	[ -x "$PGBIN/$b" ] || skip_all "no PostgreSQL server binaries to" \
	    "start a server of the test's own"
done
# shellcheck source=tests/faults-lib.sh
. "$top_srcdir/tests/faults-lib.sh"
fl_pg_start || {
	echo "Bail out! cannot start a PostgreSQL server"
	cat "$WORK/server-start.log" >&2
	exit 99
}

F=$top_srcdir/tests/fixtures/faults
USERDSN="$FL_DSN dbname=faultdb"
TABLE=$WORK/table

# The server runs with synchronous_commit=off (tests/servers.sh), which
# loses the last commits when it is killed: the test's own sessions commit
# synchronously, so that the user's data survives a crash.
psql_q()
{
	PGOPTIONS='-c client_min_messages=warning -c synchronous_commit=on' \
	    "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

psql_q "$FL_DSN" -c "CREATE DATABASE faultdb" >/dev/null
psql_q "$USERDSN" >/dev/null <<'SQL'
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL

# pg_dump 15.14 and later write a random \restrict key: leave it out.
snapshot()
{
	"$PGBIN/pg_dump" "$USERDSN" | grep -v '^\\\(un\)\{0,1\}restrict '
	psql_q "$FL_DSN" -c "SELECT datname FROM pg_database ORDER BY 1"
}
snapshot >"$WORK/before"

# unchanged DESC: the dump and the database list are as before.
unchanged()
{
	snapshot >"$WORK/after"
	if cmp -s "$WORK/before" "$WORK/after"; then
		pass "$1: pg_dump and the database list are unchanged"
		LOST=none
	else
		fail "$1: pg_dump and the database list are unchanged"
		diag "$(diff "$WORK/before" "$WORK/after" | head -n 30)"
		LOST="see diff"
	fi
}

# active ALIAS N: N statements marked "AS ALIAS" are running.
active()
{
	[ "$(psql_q "$FL_DSN" -c "SELECT count(*) FROM pg_stat_activity
	    WHERE state = 'active' AND query LIKE '%AS $1%'
	    AND pid <> pg_backend_pid()")" = "$2" ]
}

# row FAULT WHAT-THE-USER-SAW: a line of the summary table.
row()
{
	printf '| %s | postgres | %s | %s | %s | %s |\n' "$1" "$2" "$STATUS" \
	    "$FL_SECS" "$LOST" >>"$TABLE"
}

# 1. The server is killed (SIGKILL, postmaster and backends) while the
# second statement of a file runs.
fl_sqlcheck_bg -j 1 -d postgres --dsn "$USERDSN" "$F/middle.sqltest" \
    "$F/next.sqltest"
fl_wait_for "killed: the long statement starts" 30 active mid_file 1
fl_kill_server
fl_wait_sqlcheck "killed mid-file" 15
is "killed mid-file: exit status 2" "$STATUS" 2
contains "killed mid-file: the file says the connection was lost" "$OUT" \
    "middle.sqltest: connection to the database lost: server closed the connection unexpectedly"
contains "killed mid-file: how many tests did not run" "$OUT" \
    "1 test did not run; the server rolls back the file's transaction"
contains "killed mid-file: the test that was running failed" "$OUT" \
    "statement failed: connection to server lost"
contains "killed mid-file: the next file says why it did not run" "$OUT" \
    "next.sqltest: not run: no connection to the database (reconnecting failed: cannot connect to PostgreSQL"
matches "killed mid-file: the summary is the last line" \
    "$(last_line "$OUT")" '^1 passed, 3 failed, 1 skipped$'
fl_pg_run || fail "killed mid-file: the server starts again"
unchanged "killed mid-file"
row "server killed (SIGKILL) mid-file" "file ERROR \"connection to the database lost: server closed the connection unexpectedly ... 1 test did not run\"; next file \"not run: no connection (reconnecting failed: ... Connection refused)\""

# 2. The server is stopped (fast shutdown) between two files: sqlcheck
# is frozen while the last statement of the first file runs, the server
# is stopped once that statement is done, and sqlcheck goes on.
fl_sqlcheck_bg -j 1 -d postgres --dsn "$USERDSN" "$F/between.sqltest" \
    "$F/next.sqltest"
fl_wait_for "stopped: the last statement starts" 30 active between_files 1
kill -STOP "$FL_SQ_PID"
fl_wait_for "stopped: the last statement ends" 10 active between_files 0
fl_stop_server
kill -CONT "$FL_SQ_PID"
fl_wait_sqlcheck "stopped between files" 15
is "stopped between files: exit status 2" "$STATUS" 2
contains "stopped between files: the first file's tests had all run" \
    "$OUT" "after the file's last test; the server rolls back the file's transaction"
contains "stopped between files: the next file says why it did not run" \
    "$OUT" "next.sqltest: not run: no connection to the database (reconnecting failed:"
contains "stopped between files: libpq's reason" "$OUT" \
    "No such file or directory"
# The file's last record (a mysql-only test, skipped) may be counted or
# not, depending on whether the lost session shows before it or after.
matches "stopped between files: the summary is the last line" \
    "$(last_line "$OUT")" '^2 passed, 2 failed, [12] skipped$'
fl_pg_run || fail "stopped between files: the server starts again"
unchanged "stopped between files"
row "server stopped (fast shutdown) between files" "first file ERROR \"connection to the database lost ... after the file's last test\"; next file \"not run: no connection (reconnecting failed: ... No such file or directory)\""

# 3. Refused connections: a server that is gone (its socket file left by
# SIGKILL: connection refused), and a database that takes none.
fl_kill_server
fl_sqlcheck_bg -d postgres --dsn "$USERDSN" "$F/next.sqltest"
fl_wait_sqlcheck "refused" 10
is "refused: exit status 2" "$STATUS" 2
contains "refused: libpq's message with the target" "$ERR" \
    "cannot connect to PostgreSQL at host \"$PG_DIR\" port 5432 database \"faultdb\": connection to server on socket \"$PG_DIR/.s.PGSQL.5432\" failed: Connection refused"
is "refused: nothing on standard output" "$OUT" ""
LOST=none
row "connection refused (server down)" "stderr \"cannot connect to PostgreSQL at host ... database \\\"faultdb\\\": ... Connection refused\""
fl_pg_run || fail "refused: the server starts again"
psql_q "$FL_DSN" -c "ALTER DATABASE faultdb ALLOW_CONNECTIONS false"
fl_sqlcheck_bg -d postgres --dsn "$USERDSN" "$F/next.sqltest"
fl_wait_sqlcheck "database refuses" 10
is "database refuses: exit status 2" "$STATUS" 2
contains "database refuses: the server's reason" "$ERR" \
    'database "faultdb" is not currently accepting connections'
psql_q "$FL_DSN" -c "ALTER DATABASE faultdb ALLOW_CONNECTIONS true"
unchanged "refused"
row "connection refused (database not accepting connections)" "stderr \"cannot connect ...: FATAL: database \\\"faultdb\\\" is not currently accepting connections\""

# 4. Another session holds a lock the test's statement waits for.
psql_q "$USERDSN" -c "BEGIN" \
    -c "LOCK TABLE app_users IN ACCESS EXCLUSIVE MODE" \
    -c "SELECT pg_sleep(60) AS lock_holder" >/dev/null 2>&1 &
holder=$!
fl_wait_for "lock: the other session holds it" 20 active lock_holder 1
fl_sqlcheck_bg -d postgres --dsn "$USERDSN" --timeout 2 "$F/lock.sqltest"
fl_wait_sqlcheck "lock wait" 10
is "lock wait: exit status 1" "$STATUS" 1
contains "lock wait: the test says it timed out" "$OUT" \
    "lock.sqltest:4: blocked by another session's lock"
contains "lock wait: ... and was cancelled" "$OUT" \
    "timed out after 2 s (the statement was cancelled)"
is "lock wait: the file goes on" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 1 skipped"
ok "lock wait: returned in ${FL_SECS} s (under 5 s)" \
    "$(awk -v s="$FL_SECS" 'BEGIN { print (s < 5) ? 0 : 1 }')"
psql_q "$FL_DSN" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE query LIKE '%AS lock_holder%' AND pid <> pg_backend_pid()" \
    >/dev/null
wait "$holder" 2>/dev/null
unchanged "lock wait"
row "statement blocked by another session's lock (--timeout 2)" "FAIL \"timed out after 2 s (the statement was cancelled)\"; the next test runs"

# 5. SIGINT and SIGTERM while two files run their minute-long statement,
# one in a transaction, one in a scratch database.
for sig in INT TERM; do
	fl_sqlcheck_bg -j 2 -d postgres --dsn "$USERDSN" "$F/signal.sqltest" \
	    "$F/signal-scratch.sqltest"
	fl_wait_for "SIG$sig: both statements start" 30 active signalled 2
	fl_mark
	kill "-$sig" "$FL_SQ_PID"
	fl_wait_sqlcheck "SIG$sig" 10
	is "SIG$sig: exit status 130" "$STATUS" 130
	contains "SIG$sig: the running tests were cancelled" "$OUT" \
	    "a minute-long statement
    | SELECT 1 FROM (SELECT pg_sleep(60)) AS signalled
    interrupted by SIG$sig: the statement was cancelled"
	contains "SIG$sig: the file says what did not run" "$OUT" \
	    "signal.sqltest: interrupted by SIG$sig; 1 test did not run"
	matches "SIG$sig: the summary is the last line" \
	    "$(last_line "$OUT")" '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'
	unchanged "SIG$sig"
	row "SIG$sig to sqlcheck during a statement (transaction + scratch database)" "the test FAILs \"interrupted by SIG$sig: the statement was cancelled\", the file says \"1 test did not run\"; summary; scratch database dropped"
done

# 6. SIGKILL: the server rolls back; the scratch database stays until
# sqlcheck --clean, which keeps one a running sqlcheck uses.
fl_sqlcheck_bg -j 2 -d postgres --dsn "$USERDSN" "$F/signal.sqltest" \
    "$F/signal-scratch.sqltest"
fl_wait_for "SIGKILL: both statements start" 30 active signalled 2
fl_mark
kill -KILL "$FL_SQ_PID"
fl_wait_sqlcheck "SIGKILL" 5
is "SIGKILL: exit status 137" "$STATUS" 137
kill_status=$STATUS
kill_secs=$FL_SECS
start=$(fl_now)
fl_wait_for "SIGKILL: the server ends the orphaned statements" 10 \
    active signalled 0 &&
    pass "SIGKILL: the server ends the orphaned statements ($(fl_since "$start") s)"
snapshot >"$WORK/after"
if diff "$WORK/before" "$WORK/after" | grep -Eq '^> sqlcheck_[0-9a-f]{16}$'; then
	pass "SIGKILL: the scratch database is left"
else
	fail "SIGKILL: the scratch database is left"
fi
if diff "$WORK/before" "$WORK/after" | grep -v '^> sqlcheck_' |
    grep -q '^[<>]'; then
	fail "SIGKILL: nothing else changed"
	diag "$(diff "$WORK/before" "$WORK/after" | head -n 30)"
else
	pass "SIGKILL: nothing else changed"
fi
left=$(diff "$WORK/before" "$WORK/after" | sed -n 's/^> //p')
# A run that uses a scratch database of its own keeps it from --clean.
fl_sqlcheck_bg -d postgres --dsn "$USERDSN" "$F/signal-scratch.sqltest"
fl_wait_for "--clean: a run's statement starts" 30 active signalled 1
run_sqlcheck -d postgres --dsn "$USERDSN" --clean
is "--clean: exit status 0" "$STATUS" 0
contains "--clean: names the database it dropped" "$OUT" "dropped $left"
matches "--clean: keeps the running one" "$OUT" \
    '^kept sqlcheck_[0-9a-f]{16}: in use by 1 session$'
is "--clean: summary" "$(last_line "$OUT")" \
    "1 dropped, 1 kept (in use), 0 failed"
kill -INT "$FL_SQ_PID"
fl_wait_sqlcheck "--clean: the other run" 10
STATUS=$kill_status
FL_SECS=$kill_secs
unchanged "SIGKILL, then --clean"
row "kill -9 of sqlcheck during a statement, then sqlcheck --clean" "shell: Killed; server ends the orphaned statements within ~1 s; --clean: \"dropped sqlcheck_...\""

diag "| fault | engine | what the user saw | exit status | seconds | data lost |"
diag "$(cat "$TABLE")"
[ -n "${FAULTS_TABLE:-}" ] && cat "$TABLE" >>"$FAULTS_TABLE"
done_testing
