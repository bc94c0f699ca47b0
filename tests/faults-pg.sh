#!/bin/bash
# faults-pg.sh: sqlcheck when things go wrong around a PostgreSQL server
# of the test's own (started with tests/servers.sh, so that killing it
# hurts no other test).  The server is killed in the middle of a file;
# it is stopped between two files; connections are refused; a statement
# waits for a lock another session holds (--timeout cancels it); sqlcheck
# gets SIGINT, SIGTERM and SIGKILL while statements run, in a transaction
# and in a scratch database.  Each time: what the user reads, the exit
# status, that sqlcheck returns in bounded time and leaves no session on
# the server, and that the user's database "faultdb" is the same per
# pg_dump, with no database left behind (after SIGKILL, sqlcheck --clean
# removes the scratch database; while a run uses one, --clean keeps it).
# The scenarios are faults-lib.sh's, shared with faults-mysql.sh; this
# script gives PostgreSQL's ways and texts.  Fixtures:
# tests/fixtures/faults.  Prints a summary table as diagnostics.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres
command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" != 0 ] ||
    skip_all_missing "no setpriv to start a PostgreSQL server as postgres"
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
for b in initdb postgres psql pg_dump pg_isready; do
	[ -x "$PGBIN/$b" ] || skip_all_missing \
	    "no PostgreSQL server binaries to start a server of the test's own"
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

{ psql_q "$FL_DSN" -c "CREATE DATABASE faultdb" &&
psql_q "$USERDSN" <<'SQL'; } >/dev/null || {
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL
	echo "Bail out! cannot create the user's database faultdb"
	exit 99
}

# pg_dump 15.14 and later write a random \restrict key: leave it out.
snapshot()
{
	"$PGBIN/pg_dump" "$USERDSN" >"$WORK/pgdump.raw" || return
	sed '/^\\\(un\)\{0,1\}restrict /d' "$WORK/pgdump.raw"
}
dblist()
{
	psql_q "$FL_DSN" -c "SELECT datname FROM pg_database ORDER BY 1"
}
sessions()
{
	psql_q "$FL_DSN" -c "SELECT pid, datname, state, query
	    FROM pg_stat_activity WHERE backend_type = 'client backend'
	    AND pid <> pg_backend_pid()"
}
dump_save user snapshot
dump_save dbs dblist

# active ALIAS N: N statements marked "AS ALIAS" are running.
active()
{
	[ "$(psql_q "$FL_DSN" -c "SELECT count(*) FROM pg_stat_activity
	    WHERE state = 'active' AND query LIKE '%AS $1%'
	    AND pid <> pg_backend_pid()")" = "$2" ]
}

restart()
{
	fl_pg_run || fail "$1: the server starts again"
}

hold_lock()
{
	psql_q "$USERDSN" -c "BEGIN" \
	    -c "LOCK TABLE app_users IN ACCESS EXCLUSIVE MODE" \
	    -c "SELECT pg_sleep(300) AS lock_holder" >/dev/null 2>&1
}

end_lock_holder()
{
	psql_q "$FL_DSN" -c "SELECT pg_terminate_backend(pid)
	    FROM pg_stat_activity WHERE query LIKE '%AS lock_holder%'
	    AND pid <> pg_backend_pid()" >/dev/null
}

ENGINE=postgres
MSG_CONNECT="cannot connect to PostgreSQL"
MSG_KILLED="server closed the connection unexpectedly"
RE_KILLED_NOT_RUN="1 test did not run; the server rolls back the file's transaction"
SUM_KILLED='^1 passed, 3 failed, 1 skipped$'
ROW_KILLED="file ERROR \"connection to the database lost: server closed the connection unexpectedly ... 1 test did not run\"; next file \"not run: no connection (reconnecting failed: ... Connection refused)\""
after_killed()
{
	contains "killed mid-file: the test that was running failed" "$OUT" \
	    "statement failed: connection to server lost"
}

MSG_STOPPED="after the file's last test; the server rolls back the file's transaction"
# The file's last record (a mysql-only test, skipped) may be counted or
# not, depending on whether the lost session shows before it or after.
SUM_STOPPED='^2 passed, 2 failed, [12] skipped$'
ROW_STOPPED_FAULT="server stopped (fast shutdown) between files"
ROW_STOPPED="first file ERROR \"connection to the database lost ... after the file's last test\"; next file \"not run: no connection (reconnecting failed: ... No such file or directory)\""
after_stopped()
{
	contains "stopped between files: libpq's reason" "$OUT" \
	    "No such file or directory"
}

MSG_REFUSED="cannot connect to PostgreSQL at host \"$PG_DIR\" port 5432 database \"faultdb\": connection to server on socket \"$PG_DIR/.s.PGSQL.5432\" failed: Connection refused"
ROW_REFUSED="stderr \"cannot connect to PostgreSQL at host ... database \\\"faultdb\\\": ... Connection refused\""
ROW_REFUSED2_FAULT="connection refused (database not accepting connections)"
ROW_REFUSED2="stderr \"cannot connect ...: FATAL: database \\\"faultdb\\\" is not currently accepting connections\""
# A database that takes no connection.
after_refused()
{
	psql_q "$FL_DSN" -c "ALTER DATABASE faultdb ALLOW_CONNECTIONS false"
	fl_sqlcheck_bg -d postgres --dsn "$USERDSN" "$F/next.sqltest"
	fl_wait_sqlcheck "database refuses" 60
	is "database refuses: exit status 2" "$STATUS" 2
	contains "database refuses: the server's reason" "$ERR" \
	    'database "faultdb" is not currently accepting connections'
	psql_q "$FL_DSN" -c "ALTER DATABASE faultdb ALLOW_CONNECTIONS true"
}

MSG_LOCK="lock.sqltest:4: blocked by another session's lock"
ROW_LOCK_FAULT="statement blocked by another session's lock (--timeout 2)"

MSG_SIGNALLED="a minute-long statement
    | SELECT 1 FROM (SELECT pg_sleep(60)) AS signalled"
ROW_SIGNALLED_WHERE="transaction + scratch database"
ROW_SIGNALLED_DROPPED="scratch database dropped"

# After SIGKILL: the scratch database is left, nothing else changed.
after_sigkill()
{
	dblist >"$WORK/dbs-after"
	diff "$WORK/.dump.dbs" "$WORK/dbs-after" >"$WORK/dbs.diff"
	if grep -Eq '^> sqlcheck_[0-9a-f]{16}$' "$WORK/dbs.diff"; then
		pass "SIGKILL: the scratch database is left"
	else
		fail "SIGKILL: the scratch database is left"
	fi
	if grep -v '^> sqlcheck_' "$WORK/dbs.diff" | grep -q '^[<>]'; then
		fail "SIGKILL: nothing else changed"
		diag "$(head -n 30 "$WORK/dbs.diff")"
	else
		pass "SIGKILL: nothing else changed"
	fi
	same_dump "SIGKILL: the dump of the user's database is unchanged" \
	    user snapshot
	left=$(sed -n 's/^> //p' "$WORK/dbs.diff")
}
clean_dropped()
{
	contains "--clean: names the database it dropped" "$OUT" \
	    "dropped ${left:-(none)}"
}
SUM_CLEAN="1 dropped, 1 kept (in use), 0 failed"
ROW_SIGKILL="shell: Killed; server ends the orphaned statements within ~1 s; --clean: \"dropped sqlcheck_...\""

fl_scenarios
done_testing
