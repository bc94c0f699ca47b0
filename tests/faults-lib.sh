# shellcheck shell=bash
# tests/faults-lib.sh: helpers for the fault tests (faults-pg.sh,
# faults-mysql.sh), sourced after tests/lib.sh by bash scripts.  Each
# script starts a PostgreSQL or MariaDB server of its own with
# tests/servers.sh, so that killing and stopping it hurts no other test,
# and restarts it on the same data directory:
#
#	fl_pg_start / fl_my_start	new server; sets FL_DSN, FL_PID
#	fl_pg_run / fl_my_run		start it again on its data directory
#	fl_kill_server			kill -9 the server and its children
#	fl_stop_server			normal shutdown (fast for PostgreSQL)
#	fl_sqlcheck_bg ARGS...		start sqlcheck in the background:
#					FL_SQ_PID, output in $WORK/bg.out/.err,
#					--log $WORK/bg.log (which also marks
#					its process for pgrep)
#	fl_mark				the fault happens now
#	fl_wait_sqlcheck DESC LIMIT	wait at most LIMIT s for it; sets
#					STATUS, OUT, ERR, FL_SECS (seconds
#					from the fault, else from its start);
#					checks that it ended, left no process
#	fl_wait_for DESC LIMIT CMD...	poll CMD every 0.1 s until it exits 0
#
# A server started here is stopped and its directory removed on exit.

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
# if it ended within LIMIT seconds and no process is left; a sqlcheck
# still running after LIMIT is killed and fails the check.
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
	if kill -0 "$FL_SQ_PID" 2>/dev/null ||
	    pgrep -f -- "--log $WORK/bg.log" >/dev/null 2>&1; then
		fail "$1: no sqlcheck process is left"
	else
		pass "$1: no sqlcheck process is left"
	fi
	FL_SQ_PID=
}

# fl_wait_for DESC LIMIT CMD...: poll CMD until it succeeds; 1 after
# LIMIT seconds (and a failed check DESC).
fl_wait_for()
{
	local desc=$1 n i
	n=$(awk -v l="$2" 'BEGIN { print int(l * 10) }')
	shift 2
	for i in $(seq 1 "$n"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	fail "$desc"
	return 1
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
