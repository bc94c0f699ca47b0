#!/bin/bash
# faults-mysql.sh: sqlcheck when things go wrong around a MariaDB server
# of the test's own (started with tests/servers.sh, so that killing it
# hurts no other test).  The server is killed in the middle of a file;
# it is stopped between two files; connections are refused; a statement
# waits for a row lock another session holds (--timeout cancels it);
# sqlcheck gets SIGINT, SIGTERM and SIGKILL while statements run.  Each
# time: what the user reads, the exit status, that sqlcheck returns in
# bounded time and leaves no session on the server, and that the user's
# database "faultdb" is the same per mysqldump, with no database left
# behind once sqlcheck --clean has dropped the scratch databases a dead
# server or a killed sqlcheck left (and kept the one a running sqlcheck
# uses).  The scenarios are faults-lib.sh's, shared with faults-pg.sh;
# this script gives MariaDB's ways and texts.  Fixtures:
# tests/fixtures/faults.  Prints a summary table as diagnostics.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines mysql
for b in mariadbd mariadb-install-db mariadb-admin mariadb mariadb-dump; do
	command -v "$b" >/dev/null 2>&1 ||
	    skip_all_missing "no $b to run a MariaDB server of the test's own"
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

{ durable && my -e "CREATE DATABASE faultdb CHARACTER SET utf8mb4" &&
my faultdb <<'SQL'; } || {
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'zoë@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL
	echo "Bail out! cannot create the user's database faultdb"
	exit 99
}

snapshot()
{
	mariadb-dump --no-defaults -usqlcheck -psqlcheck \
	    -S "$MY_DIR/mysqld.sock" --skip-dump-date faultdb
}
dblist()
{
	my -e "SHOW DATABASES" >"$WORK/dbs" || return
	sort "$WORK/dbs"
}
sessions()
{
	my -e "SELECT ID, USER, DB, COMMAND, INFO
	    FROM information_schema.PROCESSLIST
	    WHERE ID <> CONNECTION_ID() AND COMMAND <> 'Daemon'"
}
dump_save user snapshot
dump_save dbs dblist

# scratch_left DESC N: N scratch databases more than before, nothing else.
scratch_left()
{
	dblist >"$WORK/dbs-after"
	is "$1: $2 scratch database(s) left" \
	    "$(diff "$WORK/.dump.dbs" "$WORK/dbs-after" |
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

restart()
{
	if fl_my_run; then
		durable
	else
		fail "$1: the server starts again"
	fi
}

hold_lock()
{
	my -e "START TRANSACTION;
	    SELECT id FROM faultdb.app_users FOR UPDATE;
	    SELECT SLEEP(300) AS lock_holder" >/dev/null 2>&1
}

end_lock_holder()
{
	local id
	for id in $(my -e "SELECT ID FROM information_schema.PROCESSLIST
	    WHERE INFO LIKE '%AS lock_holder%' AND ID <> CONNECTION_ID()"); do
		my -e "KILL $id"
	done
}

ENGINE=mysql
MSG_CONNECT="cannot connect to mysql"
MSG_KILLED="Lost connection to server during query"
RE_KILLED_NOT_RUN="^  1 test did not run; its scratch database sqlcheck_[0-9a-f]{16} is dropped on a new session"
SUM_KILLED='^1 passed, 3 failed, 2 skipped$'
ROW_KILLED="file ERROR \"connection to the database lost: Lost connection to server during query; 1 test did not run\"; next file \"not run: no connection (reconnecting failed: ... (111))\"; stderr names the scratch database left, --clean drops it"
after_killed()
{
	matches "killed mid-file: the scratch database left is named" "$ERR" \
	    '^sqlcheck: scratch database sqlcheck_[0-9a-f]{16} is left on the server: sqlcheck --clean drops it$'
	scratch_left "killed mid-file" 1
	clean "killed mid-file" 1
}

MSG_STOPPED="between.sqltest: connection to the database lost: Server has gone away
  after the file's last test"
SUM_STOPPED='^2 passed, 2 failed, 2 skipped$'
ROW_STOPPED_FAULT="server stopped (SIGTERM shutdown) between files"
ROW_STOPPED="first file ERROR \"connection to the database lost: Server has gone away / after the file's last test\"; next file \"not run: no connection (reconnecting failed: ...)\"; --clean drops the scratch database"
after_stopped()
{
	scratch_left "stopped between files" 1
	clean "stopped between files" 1
}

MSG_REFUSED="cannot connect to mysql at localhost/faultdb (socket $MY_DIR/mysqld.sock): Can't connect to local server through socket '$MY_DIR/mysqld.sock' (111)"
ROW_REFUSED="stderr \"cannot connect to mysql at localhost/faultdb (socket ...): Can't connect to local server through socket '...' (111)\""
ROW_REFUSED2_FAULT="connection refused (wrong password)"
ROW_REFUSED2="stderr \"cannot connect to mysql at localhost/faultdb (...): Access denied for user 'sqlcheck'@'localhost' (using password: YES)\""
# A wrong password.
after_refused()
{
	fl_sqlcheck_bg -d mysql --dsn "mysql://sqlcheck:Wr0ngPw@localhost/faultdb?socket=$MY_DIR/mysqld.sock" \
	    "$F/next.sqltest"
	fl_wait_sqlcheck "wrong password" 60
	is "wrong password: exit status 2" "$STATUS" 2
	contains "wrong password: the server's reason" "$ERR" \
	    "Access denied for user 'sqlcheck'@'localhost' (using password: YES)"
	lacks "wrong password: the password is not shown" "$OUT$ERR" "Wr0ngPw"
}

MSG_LOCK="lock.sqltest:9: blocked by another session's lock on mysql"
ROW_LOCK_FAULT="statement blocked by another session's row lock (--timeout 2)"

MSG_SIGNALLED="a minute-long statement on mysql
    | SELECT SLEEP(60) AS signalled"
ROW_SIGNALLED_WHERE="two scratch databases"
ROW_SIGNALLED_DROPPED="scratch databases dropped"

after_sigkill()
{
	scratch_left "SIGKILL" 2
}
clean_dropped()
{
	is "--clean: names the two it dropped" \
	    "$(printf '%s\n' "$OUT" | grep -Ec '^dropped sqlcheck_[0-9a-f]{16}$')" 2
}
SUM_CLEAN="2 dropped, 1 kept (in use), 0 failed"
ROW_SIGKILL="shell: Killed; the server ends the orphaned statements within ~5 s; --clean: \"dropped sqlcheck_...\" (twice)"

fl_scenarios
done_testing
