#!/bin/bash
# faults-mysql.sh: sqlcheck when things go wrong around a MariaDB server
# of the test's own (started with tests/servers.sh, so that killing it
# hurts no other test).  The server is killed in the middle of a file;
# it is stopped between two files; connections are refused; a statement
# waits for a row lock another session holds (--timeout cancels it);
# sqlcheck gets SIGINT, SIGTERM and SIGKILL while statements run.  Each
# time: what the user reads, the exit status, that sqlcheck returns in
# bounded time and leaves no process, and that the user's database
# "faultdb" is the same per mysqldump, with no database left behind once
# sqlcheck --clean has dropped the scratch databases a dead server or a
# killed sqlcheck left (and kept the one a running sqlcheck uses).
# Fixtures: tests/fixtures/faults.  Prints a summary table as diagnostics.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines mysql
for b in mariadbd mariadb-install-db mariadb-admin mariadb mariadb-dump; do
	command -v "$b" >/dev/null 2>&1 ||
	    skip_all "no $b to run a MariaDB server of the test's own"
done
# shellcheck source=tests/faults-lib.sh
. "$top_srcdir/tests/faults-lib.sh"
fl_my_start || {
	echo "Bail out! cannot start a MariaDB server"
	cat "$WORK/server-start.log" >&2
	exit 99
}

F=$top_srcdir/tests/fixtures/faults
USERDSN="mysql://sqlcheck:sqlcheck@localhost/faultdb?socket=$MY_DIR/mysqld.sock"
TABLE=$WORK/table

my()
{
	mariadb --no-defaults -usqlcheck -psqlcheck -S "$MY_DIR/mysqld.sock" \
	    -N -B "$@"
}

# The server runs with innodb_flush_log_at_trx_commit=0 (servers.sh),
# which loses the last second of commits when it is killed: write the log
# at each commit, so that the user's data survives a crash.
durable()
{
	my -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
}

durable
my -e "CREATE DATABASE faultdb CHARACTER SET utf8mb4"
my faultdb <<'SQL'
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'zoë@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL

snapshot()
{
	mariadb-dump --no-defaults -usqlcheck -psqlcheck \
	    -S "$MY_DIR/mysqld.sock" --skip-dump-date faultdb
	my -e "SHOW DATABASES" | sort
}
snapshot >"$WORK/before"

# unchanged DESC: the dump and the database list are as before.
unchanged()
{
	snapshot >"$WORK/after"
	if cmp -s "$WORK/before" "$WORK/after"; then
		pass "$1: mysqldump and the database list are unchanged"
		LOST=none
	else
		fail "$1: mysqldump and the database list are unchanged"
		diag "$(diff "$WORK/before" "$WORK/after" | head -n 30)"
		LOST="see diff"
	fi
}

# scratch_left DESC N: N scratch databases more than before, nothing else.
scratch_left()
{
	snapshot >"$WORK/after"
	is "$1: $2 scratch database(s) left" \
	    "$(diff "$WORK/before" "$WORK/after" |
	    grep -Ec '^> sqlcheck_[0-9a-f]{16}$')" "$2"
}

# clean DESC N: sqlcheck --clean drops N scratch databases.
clean()
{
	local status=$STATUS
	run_sqlcheck -d mysql --dsn "$USERDSN" --clean
	is "$1: --clean exit status 0" "$STATUS" 0
	is "$1: --clean drops them" "$(last_line "$OUT")" \
	    "$2 dropped, 0 kept (in use), 0 failed"
	STATUS=$status
}

# active ALIAS N: N statements marked "AS ALIAS" are running.
active()
{
	[ "$(my -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST
	    WHERE INFO LIKE '%AS $1%' AND ID <> CONNECTION_ID()")" = "$2" ]
}

# row FAULT WHAT-THE-USER-SAW: a line of the summary table.
row()
{
	printf '| %s | mysql | %s | %s | %s | %s |\n' "$1" "$2" "$STATUS" \
	    "$FL_SECS" "$LOST" >>"$TABLE"
}

restart()
{
	if fl_my_run; then
		durable
	else
		fail "$1: the server starts again"
	fi
}

# 1. The server is killed (SIGKILL) while the second statement runs.
fl_sqlcheck_bg -j 1 -d mysql --dsn "$USERDSN" "$F/middle.sqltest" \
    "$F/next.sqltest"
fl_wait_for "killed: the long statement starts" 30 active mid_file 1
fl_kill_server
fl_wait_sqlcheck "killed mid-file" 15
is "killed mid-file: exit status 2" "$STATUS" 2
contains "killed mid-file: the file says the connection was lost" "$OUT" \
    "middle.sqltest: connection to the database lost: Lost connection to server during query"
matches "killed mid-file: how many tests did not run" "$OUT" \
    "^  1 test did not run; its scratch database sqlcheck_[0-9a-f]{16} is dropped on a new session"
contains "killed mid-file: the next file says why it did not run" "$OUT" \
    "next.sqltest: not run: no connection to the database (reconnecting failed: cannot connect to mysql"
matches "killed mid-file: the scratch database left is named" "$ERR" \
    '^sqlcheck: scratch database sqlcheck_[0-9a-f]{16} is left on the server: sqlcheck --clean drops it$'
matches "killed mid-file: the summary is the last line" \
    "$(last_line "$OUT")" '^1 passed, 3 failed, 2 skipped$'
restart "killed mid-file"
scratch_left "killed mid-file" 1
clean "killed mid-file" 1
unchanged "killed mid-file"
row "server killed (SIGKILL) mid-file" "file ERROR \"connection to the database lost: Lost connection to server during query; 1 test did not run\"; next file \"not run: no connection (reconnecting failed: ... (111))\"; stderr names the scratch database left, --clean drops it"

# 2. The server is stopped (SIGTERM, a normal shutdown) between two
# files: sqlcheck is frozen while the last statement of the first file
# runs, the server is stopped once that statement is done, and sqlcheck
# goes on.
fl_sqlcheck_bg -j 1 -d mysql --dsn "$USERDSN" "$F/between.sqltest" \
    "$F/next.sqltest"
fl_wait_for "stopped: the last statement starts" 30 active between_files 1
kill -STOP "$FL_SQ_PID"
fl_wait_for "stopped: the last statement ends" 10 active between_files 0
fl_stop_server
kill -CONT "$FL_SQ_PID"
fl_wait_sqlcheck "stopped between files" 15
is "stopped between files: exit status 2" "$STATUS" 2
contains "stopped between files: the first file's tests had all run" \
    "$OUT" "between.sqltest: connection to the database lost: Server has gone away
  after the file's last test"
contains "stopped between files: the next file says why it did not run" \
    "$OUT" "next.sqltest: not run: no connection to the database (reconnecting failed:"
matches "stopped between files: the summary is the last line" \
    "$(last_line "$OUT")" '^2 passed, 2 failed, 2 skipped$'
restart "stopped between files"
scratch_left "stopped between files" 1
clean "stopped between files" 1
unchanged "stopped between files"
row "server stopped (SIGTERM shutdown) between files" "first file ERROR \"connection to the database lost: Server has gone away / after the file's last test\"; next file \"not run: no connection (reconnecting failed: ...)\"; --clean drops the scratch database"

# 3. Refused connections: a server that is gone (its socket file left by
# SIGKILL), and a wrong password.
fl_kill_server
fl_sqlcheck_bg -d mysql --dsn "$USERDSN" "$F/next.sqltest"
fl_wait_sqlcheck "refused" 10
is "refused: exit status 2" "$STATUS" 2
contains "refused: the client's message with the target" "$ERR" \
    "cannot connect to mysql at localhost/faultdb (socket $MY_DIR/mysqld.sock): Can't connect to local server through socket '$MY_DIR/mysqld.sock' (111)"
is "refused: nothing on standard output" "$OUT" ""
LOST=none
row "connection refused (server down)" "stderr \"cannot connect to mysql at localhost/faultdb (socket ...): Can't connect to local server through socket '...' (111)\""
restart "refused"
fl_sqlcheck_bg -d mysql --dsn "mysql://sqlcheck:Wr0ngPw@localhost/faultdb?socket=$MY_DIR/mysqld.sock" \
    "$F/next.sqltest"
fl_wait_sqlcheck "wrong password" 10
is "wrong password: exit status 2" "$STATUS" 2
contains "wrong password: the server's reason" "$ERR" \
    "Access denied for user 'sqlcheck'@'localhost' (using password: YES)"
lacks "wrong password: the password is not shown" "$OUT$ERR" "Wr0ngPw"
unchanged "refused"
row "connection refused (wrong password)" "stderr \"cannot connect to mysql at localhost/faultdb (...): Access denied for user 'sqlcheck'@'localhost' (using password: YES)\""

# 4. Another session holds a row lock the test's update waits for.
my -e "START TRANSACTION;
    SELECT id FROM faultdb.app_users FOR UPDATE;
    SELECT SLEEP(60) AS lock_holder" >/dev/null 2>&1 &
holder=$!
fl_wait_for "lock: the other session holds it" 20 active lock_holder 1
fl_sqlcheck_bg -d mysql --dsn "$USERDSN" --timeout 2 "$F/lock.sqltest"
fl_wait_sqlcheck "lock wait" 10
is "lock wait: exit status 1" "$STATUS" 1
contains "lock wait: the test says it timed out" "$OUT" \
    "lock.sqltest:9: blocked by another session's lock on mysql"
contains "lock wait: ... and was cancelled" "$OUT" \
    "timed out after 2 s (the statement was cancelled)"
is "lock wait: the file goes on" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 1 skipped"
ok "lock wait: returned in ${FL_SECS} s (under 5 s)" \
    "$(awk -v s="$FL_SECS" 'BEGIN { print (s < 5) ? 0 : 1 }')"
for id in $(my -e "SELECT ID FROM information_schema.PROCESSLIST
    WHERE INFO LIKE '%AS lock_holder%' AND ID <> CONNECTION_ID()"); do
	my -e "KILL $id"
done
wait "$holder" 2>/dev/null
unchanged "lock wait"
row "statement blocked by another session's row lock (--timeout 2)" "FAIL \"timed out after 2 s (the statement was cancelled)\"; the next test runs"

# 5. SIGINT and SIGTERM while two files run their minute-long statement,
# each in a scratch database.
for sig in INT TERM; do
	fl_sqlcheck_bg -j 2 -d mysql --dsn "$USERDSN" "$F/signal.sqltest" \
	    "$F/signal-scratch.sqltest"
	fl_wait_for "SIG$sig: both statements start" 30 active signalled 2
	fl_mark
	kill "-$sig" "$FL_SQ_PID"
	fl_wait_sqlcheck "SIG$sig" 10
	is "SIG$sig: exit status 130" "$STATUS" 130
	contains "SIG$sig: the running tests were cancelled" "$OUT" \
	    "a minute-long statement on mysql
    | SELECT SLEEP(60) AS signalled
    interrupted by SIG$sig: the statement was cancelled"
	contains "SIG$sig: the file says what did not run" "$OUT" \
	    "signal.sqltest: interrupted by SIG$sig; 1 test did not run"
	matches "SIG$sig: the summary is the last line" \
	    "$(last_line "$OUT")" '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'
	unchanged "SIG$sig"
	row "SIG$sig to sqlcheck during a statement (two scratch databases)" "the test FAILs \"interrupted by SIG$sig: the statement was cancelled\", the file says \"1 test did not run\"; summary; scratch databases dropped"
done

# 6. SIGKILL: the server rolls back when it notices; the scratch
# databases stay until sqlcheck --clean, which keeps one a running
# sqlcheck uses.
fl_sqlcheck_bg -j 2 -d mysql --dsn "$USERDSN" "$F/signal.sqltest" \
    "$F/signal-scratch.sqltest"
fl_wait_for "SIGKILL: both statements start" 30 active signalled 2
fl_mark
kill -KILL "$FL_SQ_PID"
fl_wait_sqlcheck "SIGKILL" 5
is "SIGKILL: exit status 137" "$STATUS" 137
kill_status=$STATUS
kill_secs=$FL_SECS
start=$(fl_now)
fl_wait_for "SIGKILL: the server ends the orphaned statements" 15 \
    active signalled 0 &&
    pass "SIGKILL: the server ends the orphaned statements ($(fl_since "$start") s)"
scratch_left "SIGKILL" 2
fl_sqlcheck_bg -d mysql --dsn "$USERDSN" "$F/signal-scratch.sqltest"
fl_wait_for "--clean: a run's statement starts" 30 active signalled 1
run_sqlcheck -d mysql --dsn "$USERDSN" --clean
is "--clean: exit status 0" "$STATUS" 0
is "--clean: names the two it dropped" \
    "$(printf '%s\n' "$OUT" | grep -Ec '^dropped sqlcheck_[0-9a-f]{16}$')" 2
matches "--clean: keeps the running one" "$OUT" \
    '^kept sqlcheck_[0-9a-f]{16}: in use by 1 session$'
is "--clean: summary" "$(last_line "$OUT")" \
    "2 dropped, 1 kept (in use), 0 failed"
kill -INT "$FL_SQ_PID"
fl_wait_sqlcheck "--clean: the other run" 10
STATUS=$kill_status
FL_SECS=$kill_secs
unchanged "SIGKILL, then --clean"
row "kill -9 of sqlcheck during a statement, then sqlcheck --clean" "shell: Killed; the server ends the orphaned statements within ~5 s; --clean: \"dropped sqlcheck_...\" (twice)"

diag "| fault | engine | what the user saw | exit status | seconds | data lost |"
diag "$(cat "$TABLE")"
[ -n "${FAULTS_TABLE:-}" ] && cat "$TABLE" >>"$FAULTS_TABLE"
done_testing
