# shellcheck shell=bash
# tests/faults-lib.sh: helpers and scenarios for the fault tests
# (faults-pg.sh, faults-mysql.sh), sourced after tests/lib.sh by bash
# scripts.  Each script starts a PostgreSQL or MariaDB server of its own
# with tests/servers.sh, so that killing and stopping it hurts no other
# test, and restarts it on the same data directory:
#
#	fl_pg_start / fl_my_start	new server; sets FL_DSN, FL_PID
#	fl_pg_run / fl_my_run		start it again on its data directory
#	fl_kill_server			kill -9 the server and its children
#	fl_stop_server			normal shutdown (fast for PostgreSQL)
#	fl_sqlcheck_bg ARGS...		start sqlcheck in the background:
#					FL_SQ_PID, output in $WORK/bg.out/.err,
#					--log $WORK/bg.log
#	fl_mark				the fault happens now
#	fl_wait_sqlcheck DESC LIMIT	wait at most LIMIT s for it; sets
#					STATUS, OUT, ERR, FL_SECS (seconds
#					from the fault, else from its start)
#	fl_wait_for DESC LIMIT CMD...	poll CMD every 0.1 s until it exits 0
#	fl_scenarios			the faults, one after the other
#
# fl_scenarios runs the same faults on either engine.  The engine's
# script sets ENGINE (the -d name), USERDSN, F (tests/fixtures/faults),
# TABLE, and defines:
#
#	active ALIAS N		N statements marked "AS ALIAS" are running
#	snapshot		the dump of the user's database "faultdb"
#	dblist			the server's databases
#	sessions		the client sessions still on the server (not
#				the script's own)
#	restart DESC		start the stopped or killed server again
#	hold_lock		another session takes the lock lock.sqltest
#				waits for and runs "... AS lock_holder"
#	end_lock_holder		ends that session
#	refuse / accept		the user's database refuses connections, then
#				takes them again
#	after_killed, after_stopped, after_refused, after_sigkill
#				the engine's own checks after each fault
#	and the texts the engine's user reads (MSG_*, SUM_*, see below).
#
# After each fault the user's database is the same per the dump, the
# list of databases is as before, and no session is left on the server
# (unchanged).  A server started here is stopped and its directory
# removed on exit.

# shellcheck source=tests/servers.sh
. "$top_srcdir/tests/servers.sh"

# Only the server this script starts is ever stopped: forget any other.
PG_PID= PG_DIR= MY_PID= MY_DIR=
FL_PID=
FL_KIND=
FL_SQ_PID=
FL_SECS=0
FL_FAULT=

fl_cleanup()
{
	if [ -n "$FL_SQ_PID" ] && kill -0 "$FL_SQ_PID" 2>/dev/null; then
		kill -KILL "$FL_SQ_PID" 2>/dev/null
	fi
	servers_stop >/dev/null 2>&1
	rm -rf "$WORK"
}
trap fl_cleanup EXIT

fl_now()
{
	date +%s.%N
}

# The fault happens now: fl_wait_sqlcheck counts its seconds from here.
fl_mark()
{
	FL_FAULT=$(fl_now)
}

# Seconds since a fl_now() value, one decimal.
fl_since()
{
	awk -v a="$1" -v b="$(fl_now)" 'BEGIN { printf "%.1f", b - a }'
}

fl_pg_start()
{
	FL_KIND=pg
	servers_pg_start >"$WORK/server-start.log" 2>&1 || return 1
	FL_PID=$PG_PID
	FL_DSN=$SQLCHECK_PG_DSN
}

# The postgres command line of servers.sh, again on PG_DIR.
fl_pg_run()
{
	local run=() i
	[ "$(id -u)" = 0 ] &&
	    run=(setpriv --reuid=postgres --regid=postgres --init-groups)
	"${run[@]}" "$PGBIN/postgres" -D "$PG_DIR/data" -c listen_addresses= \
	    -k "$PG_DIR" -p 5432 -c fsync=off -c synchronous_commit=off \
	    -c full_page_writes=off -c max_connections=50 \
	    >>"$PG_DIR/server.log" 2>&1 </dev/null &
	PG_PID=$!
	FL_PID=$PG_PID
	for i in $(seq 1 300); do
		"$PGBIN/pg_isready" -q -h "$PG_DIR" -p 5432 && return 0
		kill -0 "$PG_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

fl_my_start()
{
	FL_KIND=my
	servers_mysql_start >"$WORK/server-start.log" 2>&1 || return 1
	FL_PID=$MY_PID
	FL_DSN=$SQLCHECK_MYSQL_DSN
}

# The mariadbd command line of servers.sh, again on MY_DIR.
fl_my_run()
{
	local user=() i
	[ "$(id -u)" = 0 ] && user=(--user=mysql)
	setsid mariadbd --no-defaults "${user[@]}" --datadir="$MY_DIR/data" \
	    --socket="$MY_DIR/mysqld.sock" --skip-networking \
	    --pid-file="$MY_DIR/mysqld.pid" --log-error="$MY_DIR/error.log" \
	    --skip-name-resolve --innodb-log-file-size=16M \
	    --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 \
	    --innodb-doublewrite=0 --skip-log-bin \
	    --innodb-flush-method=O_DIRECT_NO_FSYNC \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_general_ci \
	    </dev/null >/dev/null 2>&1 &
	MY_PID=$!
	FL_PID=$MY_PID
	for i in $(seq 1 300); do
		mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" \
		    -uroot ping >/dev/null 2>&1 && return 0
		kill -0 "$MY_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# Wait (at most 30 s) until every pid given has exited.
fl_wait_gone()
{
	local i p alive
	for i in $(seq 1 300); do
		alive=
		for p in "$@"; do
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && return 0
		sleep 0.1
	done
	return 1
}

# kill -9 the server: the postmaster and its children at once (a crash,
# or the OOM killer), or mariadbd.
fl_kill_server()
{
	local kids
	fl_mark
	kids=$(pgrep -P "$FL_PID" 2>/dev/null | tr '\n' ' ')
	# shellcheck disable=SC2086
	kill -KILL "$FL_PID" $kids 2>/dev/null
	wait "$FL_PID" 2>/dev/null
	# shellcheck disable=SC2086
	fl_wait_gone $kids
}

# Stop the server as an administrator would: PostgreSQL's fast shutdown
# (SIGINT: sessions are ended, open transactions rolled back), SIGTERM
# for mariadbd.
fl_stop_server()
{
	fl_mark
	if [ "$FL_KIND" = pg ]; then
		kill -INT "$FL_PID" 2>/dev/null
	else
		kill -TERM "$FL_PID" 2>/dev/null
	fi
	wait "$FL_PID" 2>/dev/null
}

fl_sqlcheck_bg()
{
	FL_FAULT=
	FL_SQ_START=$(fl_now)
	"$SQLCHECK" --log "$WORK/bg.log" "$@" >"$WORK/bg.out" \
	    2>"$WORK/bg.err" </dev/null &
	FL_SQ_PID=$!
}

# fl_wait_sqlcheck DESC LIMIT: wait for the background sqlcheck.  Passes
# if it ended within LIMIT seconds; a sqlcheck still running after LIMIT
# is killed and fails the check.  (What it could leave, sessions and
# databases on the server, unchanged checks.)
fl_wait_sqlcheck()
{
	local i n
	n=$(awk -v l="$2" 'BEGIN { print int(l * 10) }')
	for i in $(seq 1 "$n"); do
		kill -0 "$FL_SQ_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$FL_SQ_PID" 2>/dev/null; then
		fail "$1: sqlcheck returns within $2 s"
		kill -KILL "$FL_SQ_PID" 2>/dev/null
		wait "$FL_SQ_PID" 2>/dev/null
		STATUS=timeout
	else
		wait "$FL_SQ_PID" 2>/dev/null
		STATUS=$?
		FL_SECS=$(fl_since "${FL_FAULT:-$FL_SQ_START}")
		pass "$1: sqlcheck returns within $2 s (${FL_SECS} s)"
	fi
	FL_FAULT=
	OUT=$(cat "$WORK/bg.out")
	ERR=$(cat "$WORK/bg.err")
	FL_SQ_PID=
}

# fl_wait_for DESC LIMIT CMD...: poll CMD until it succeeds; 1 after
# LIMIT seconds (and a failed check DESC).
fl_wait_for()
{
	local desc=$1 limit=$2
	shift 2
	wait_for "$limit" "$@" && return 0
	fail "$desc"
	return 1
}

# unchanged DESC: the dump of the user's database and the list of
# databases are as before, and no session is left on the server.  LOST
# (for the table) is "none", or "see diff".
unchanged()
{
	if dump_same user snapshot && dump_same dbs dblist; then
		LOST=none
	else
		LOST="see diff"
	fi
	same_dump "$1: the dump of the user's database is unchanged" user \
	    snapshot
	same_dump "$1: the list of databases is unchanged" dbs dblist
	nothing_left "$1: no session left on the server" 60 sessions
}

# row FAULT WHAT-THE-USER-SAW: a line of the summary table.
row()
{
	printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$ENGINE" "$2" \
	    "$STATUS" "$FL_SECS" "$LOST" >>"$TABLE"
}

# The faults.  Texts the engine's script sets:
#	MSG_CONNECT	"cannot connect to ENGINE" as the run says it
#	MSG_KILLED	why the connection was lost when the server was killed
#	RE_KILLED_NOT_RUN	what is said of the test that did not run
#	SUM_KILLED, SUM_STOPPED	the summary lines (regexes)
#	MSG_STOPPED	what the first file says when the server stopped
#	MSG_REFUSED	the client library's message when the server is down
#	MSG_LOCK	the test blocked by the lock (FILE:LINE: NAME)
#	MSG_SIGNALLED	the minute-long test's name and SQL
#	SUM_CLEAN	--clean's summary after SIGKILL
#	ROW_*		the table's texts
fl_scenarios()
{
	fl_killed
	fl_stopped
	fl_refused
	fl_lock
	for sig in INT TERM; do
		fl_signalled "$sig"
	done
	fl_sigkill
	diag "| fault | engine | what the user saw | exit status | seconds | data lost |"
	diag "$(cat "$TABLE")"
	[ -n "${FAULTS_TABLE:-}" ] && cat "$TABLE" >>"$FAULTS_TABLE"
}

# 1. The server is killed (SIGKILL) while the second statement of a file
# runs.
fl_killed()
{
	fl_sqlcheck_bg -j 1 -d "$ENGINE" --dsn "$USERDSN" \
	    "$F/middle.sqltest" "$F/next.sqltest"
	fl_wait_for "killed: the long statement starts" 30 active mid_file 1
	fl_kill_server
	fl_wait_sqlcheck "killed mid-file" 60
	is "killed mid-file: exit status 2" "$STATUS" 2
	contains "killed mid-file: the file says the connection was lost" \
	    "$OUT" "middle.sqltest: connection to the database lost: $MSG_KILLED"
	matches "killed mid-file: how many tests did not run" "$OUT" \
	    "$RE_KILLED_NOT_RUN"
	contains "killed mid-file: the next file says why it did not run" \
	    "$OUT" "next.sqltest: not run: no connection to the database (reconnecting failed: $MSG_CONNECT"
	matches "killed mid-file: the summary is the last line" \
	    "$(last_line "$OUT")" "$SUM_KILLED"
	restart "killed mid-file"
	after_killed
	unchanged "killed mid-file"
	row "server killed (SIGKILL) mid-file" "$ROW_KILLED"
}

# 2. The server is stopped (a normal shutdown) between two files:
# sqlcheck is frozen while the last statement of the first file runs,
# the server is stopped once that statement is done, and sqlcheck goes
# on.
fl_stopped()
{
	fl_sqlcheck_bg -j 1 -d "$ENGINE" --dsn "$USERDSN" \
	    "$F/between.sqltest" "$F/next.sqltest"
	fl_wait_for "stopped: the last statement starts" 30 \
	    active between_files 1
	kill -STOP "$FL_SQ_PID"
	fl_wait_for "stopped: the last statement ends" 30 active between_files 0
	fl_stop_server
	kill -CONT "$FL_SQ_PID"
	fl_wait_sqlcheck "stopped between files" 60
	is "stopped between files: exit status 2" "$STATUS" 2
	contains "stopped between files: the first file's tests had all run" \
	    "$OUT" "$MSG_STOPPED"
	contains "stopped between files: the next file says why it did not run" \
	    "$OUT" "next.sqltest: not run: no connection to the database (reconnecting failed:"
	matches "stopped between files: the summary is the last line" \
	    "$(last_line "$OUT")" "$SUM_STOPPED"
	restart "stopped between files"
	after_stopped
	unchanged "stopped between files"
	row "$ROW_STOPPED_FAULT" "$ROW_STOPPED"
}

# 3. Refused connections: a server that is gone (its socket file left by
# SIGKILL), then the engine's own refusal (after_refused).
fl_refused()
{
	fl_kill_server
	fl_sqlcheck_bg -d "$ENGINE" --dsn "$USERDSN" "$F/next.sqltest"
	fl_wait_sqlcheck "refused" 60
	is "refused: exit status 2" "$STATUS" 2
	contains "refused: the client's message with the target" "$ERR" \
	    "$MSG_REFUSED"
	is "refused: nothing on standard output" "$OUT" ""
	LOST=none
	row "connection refused (server down)" "$ROW_REFUSED"
	restart "refused"
	after_refused
	unchanged "refused"
	row "$ROW_REFUSED2_FAULT" "$ROW_REFUSED2"
}

# 4. Another session holds a lock the test's statement waits for:
# --timeout cancels the statement while the lock is still held.
fl_lock()
{
	local holder
	hold_lock &
	holder=$!
	fl_wait_for "lock: the other session holds it" 30 active lock_holder 1
	fl_sqlcheck_bg -d "$ENGINE" --dsn "$USERDSN" --timeout 2 \
	    "$F/lock.sqltest"
	fl_wait_sqlcheck "lock wait" 60
	active lock_holder 1
	ok "lock wait: cancelled by --timeout while the lock was still held (${FL_SECS} s)" $?
	is "lock wait: exit status 1" "$STATUS" 1
	contains "lock wait: the test says it timed out" "$OUT" "$MSG_LOCK"
	contains "lock wait: ... and was cancelled" "$OUT" \
	    "timed out after 2 s (the statement was cancelled)"
	is "lock wait: the file goes on" "$(last_line "$OUT")" \
	    "1 passed, 1 failed, 1 skipped"
	end_lock_holder
	wait "$holder" 2>/dev/null
	unchanged "lock wait"
	row "$ROW_LOCK_FAULT" "FAIL \"timed out after 2 s (the statement was cancelled)\"; the next test runs"
}

# 5. SIGINT or SIGTERM while two files run their minute-long statement.
fl_signalled()
{
	local sig=$1
	fl_sqlcheck_bg -j 2 -d "$ENGINE" --dsn "$USERDSN" \
	    "$F/signal.sqltest" "$F/signal-scratch.sqltest"
	fl_wait_for "SIG$sig: both statements start" 30 active signalled 2
	fl_mark
	kill "-$sig" "$FL_SQ_PID"
	fl_wait_sqlcheck "SIG$sig" 60
	is "SIG$sig: exit status 130" "$STATUS" 130
	contains "SIG$sig: the running tests were cancelled" "$OUT" \
	    "$MSG_SIGNALLED
    interrupted by SIG$sig: the statement was cancelled"
	contains "SIG$sig: the file says what did not run" "$OUT" \
	    "signal.sqltest: interrupted by SIG$sig; 1 test did not run"
	matches "SIG$sig: the summary is the last line" \
	    "$(last_line "$OUT")" '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'
	unchanged "SIG$sig"
	row "SIG$sig to sqlcheck during a statement ($ROW_SIGNALLED_WHERE)" "the test FAILs \"interrupted by SIG$sig: the statement was cancelled\", the file says \"1 test did not run\"; summary; $ROW_SIGNALLED_DROPPED"
}

# 6. SIGKILL: the server rolls back when it notices; the scratch
# databases stay until sqlcheck --clean, which keeps one a running
# sqlcheck uses.
fl_sigkill()
{
	local kill_status kill_secs start
	fl_sqlcheck_bg -j 2 -d "$ENGINE" --dsn "$USERDSN" \
	    "$F/signal.sqltest" "$F/signal-scratch.sqltest"
	fl_wait_for "SIGKILL: both statements start" 30 active signalled 2
	fl_mark
	kill -KILL "$FL_SQ_PID"
	wait "$FL_SQ_PID" 2>/dev/null
	kill_status=$?
	kill_secs=$(fl_since "$FL_FAULT")
	FL_SQ_PID=
	start=$(fl_now)
	fl_wait_for "SIGKILL: the server ends the orphaned statements" 60 \
	    active signalled 0 &&
	    pass "SIGKILL: the server ends the orphaned statements ($(fl_since "$start") s)"
	after_sigkill
	# A run that uses a scratch database of its own keeps it from --clean.
	fl_sqlcheck_bg -d "$ENGINE" --dsn "$USERDSN" "$F/signal-scratch.sqltest"
	fl_wait_for "--clean: a run's statement starts" 30 active signalled 1
	run_sqlcheck -d "$ENGINE" --dsn "$USERDSN" --clean
	is "--clean: exit status 0" "$STATUS" 0
	clean_dropped
	matches "--clean: keeps the running one" "$OUT" \
	    '^kept sqlcheck_[0-9a-f]{16}: in use by 1 session(;|$)'
	is "--clean: summary" "$(last_line "$OUT")" "$SUM_CLEAN"
	kill -INT "$FL_SQ_PID"
	fl_wait_sqlcheck "--clean: the other run" 60
	STATUS=$kill_status
	FL_SECS=$kill_secs
	unchanged "SIGKILL, then --clean"
	row "kill -9 of sqlcheck during a statement, then sqlcheck --clean" "$ROW_SIGKILL"
}

# fl_no_secret DESC SECRET FRAGMENT ARGS...: run sqlcheck ARGS... with the
# fixtures of tests/fixtures/server (a failing file, a failing setup) and
# sql-tests/joins.sqltest, once for each output: human, -v, -q, --format
# tap, junit and json, -o FILE in each format, --log FILE, --rewrite
# --diff.  Passes when the run reached the database (exit status 1) and
# nothing written (standard output, standard error, files) holds SECRET
# or FRAGMENT (a piece of it, to catch an encoded or cut copy).
fl_no_secret()
{
	local desc=$1 secret=$2 frag=$3 out=$WORK/secret-out v status=ok rc
	local fx="$top_srcdir/tests/fixtures/server/failing.sqltest
$top_srcdir/tests/fixtures/server/setup-fails.sqltest
$top_srcdir/sql-tests/joins.sqltest"
	shift 3
	: >"$out"
	for v in "" -v -q "--format tap" "--format junit" "--format json" \
	    "-o $WORK/r.xml" "-o $WORK/r.json" "-o $WORK/r.tap" \
	    "-o $WORK/r.txt" "--log $WORK/q.log" "-v --rewrite --diff"; do
		rm -f "$WORK"/r.* "$WORK/q.log"
		# shellcheck disable=SC2086
		"$SQLCHECK" "$@" $v $fx >>"$out" 2>&1 </dev/null
		rc=$?
		[ $rc = 1 ] || status="exit status $rc with \"$v\""
		cat "$WORK"/r.* "$WORK/q.log" >>"$out" 2>/dev/null
	done
	if [ "$status" != ok ]; then
		fail "$desc: every output format ($status)"
		diag "$(tail -n 5 "$out")"
	elif grep -Fq -e "$secret" -e "$frag" "$out"; then
		fail "$desc: no output format shows the password"
		diag "$(grep -F -e "$secret" -e "$frag" "$out" | head -n 5)"
	else
		pass "$desc: no output format shows the password ($(wc -l <"$out" | tr -d ' ') lines)"
	fi
}

# fl_no_secret_fail DESC SECRET FRAGMENT ARGS...: a run that cannot
# connect (exit status 2) says why without SECRET or FRAGMENT, in every
# output format.
fl_no_secret_fail()
{
	local desc=$1 secret=$2 frag=$3 out=$WORK/secret-out v status=ok rc
	shift 3
	: >"$out"
	for v in "" -v "--format json" "-o $WORK/r.xml" "--log $WORK/q.log"; do
		rm -f "$WORK"/r.* "$WORK/q.log"
		# shellcheck disable=SC2086
		"$SQLCHECK" "$@" $v "$top_srcdir/sql-tests/joins.sqltest" \
		    >>"$out" 2>&1 </dev/null
		rc=$?
		[ $rc = 2 ] || status="exit status $rc with \"$v\""
		cat "$WORK"/r.* "$WORK/q.log" >>"$out" 2>/dev/null
	done
	if [ "$status" != ok ]; then
		fail "$desc: refused ($status)"
		diag "$(tail -n 5 "$out")"
	elif grep -Fq -e "$secret" -e "$frag" "$out"; then
		fail "$desc: the error does not show the password"
		diag "$(grep -F -e "$secret" -e "$frag" "$out" | head -n 5)"
	else
		pass "$desc: the error does not show the password"
		diag "$(grep -m 1 '^sqlcheck:' "$out")"
	fi
}
