#!/bin/sh
# engine-mysql.sh: sqlcheck on a real MariaDB/MySQL server
# (SQLCHECK_MYSQL_DSN, as .ci/run or tests/servers.sh sets it).  The
# example suite and the language tests pass; the user's database (per
# mysqldump) and the list of databases are the same after passing,
# failing, committing, setup-failing and scratch-database files, lost
# sessions and timeouts; -v says which isolation each file used; a
# refused connection exits 2 without the password; -j 2 gives what -j 1
# gives; --temp-instance leaves nothing behind.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines mysql

CLIENT=$(command -v mariadb || command -v mysql)
DUMP=$(command -v mariadb-dump || command -v mysqldump)
[ -n "$CLIENT" ] && [ -n "$DUMP" ] || skip_all "no mariadb client and dump"
F=$top_srcdir/tests/fixtures/server

# Client options from the DSN mysql://USER:PASS@HOST[:PORT]/DB[?socket=S].
dsn=$SQLCHECK_MYSQL_DSN
rest=${dsn#*://}
query=
case $rest in *\?*) query=${rest#*\?}; rest=${rest%%\?*} ;; esac
userinfo=${rest%%@*}
hostpart=${rest#*@}
hostpart=${hostpart%%/*}
my_user=${userinfo%%:*}
my_pass=
case $userinfo in *:*) my_pass=${userinfo#*:} ;; esac
my_socket=$(printf '%s\n' "$query" | tr '&' '\n' | sed -n 's/^socket=//p')
set -- --no-defaults -u"$my_user"
[ -n "$my_pass" ] && set -- "$@" -p"$my_pass"
if [ -n "$my_socket" ]; then
	set -- "$@" -S "$my_socket"
else
	set -- "$@" -h "${hostpart%%:*}"
	case $hostpart in *:*) set -- "$@" -P "${hostpart#*:}" ;; esac
fi
MYOPTS=$*
USERDB=userdb_$$
case $dsn in
*\?*) USERDSN="${dsn%%\?*}"; USERDSN="${USERDSN%/*}/$USERDB?$query" ;;
*) USERDSN="${dsn%/*}/$USERDB" ;;
esac

my()
{
	# shellcheck disable=SC2086
	"$CLIENT" $MYOPTS -N -B "$@"
}

my -e "DROP DATABASE IF EXISTS $USERDB; CREATE DATABASE $USERDB CHARACTER SET utf8mb4"
trap 'my -e "DROP DATABASE IF EXISTS $USERDB" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
my "$USERDB" <<'SQL'
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'zoë@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL
mydump()
{
	# shellcheck disable=SC2086
	"$DUMP" $MYOPTS --skip-dump-date "$USERDB"
}
mydump >"$WORK/before.sql"
# The databases; a scratch database another test is using right now is
# not a leak.
dblist()
{
	my -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA s WHERE NOT
	    (SCHEMA_NAME LIKE 'sqlcheck\\_%' AND EXISTS (SELECT 1 FROM
	    information_schema.PROCESSLIST p WHERE p.DB = s.SCHEMA_NAME))" | sort
}
dblist >"$WORK/dbs-before"

unchanged()
{
	mydump >"$WORK/after.sql"
	if cmp -s "$WORK/before.sql" "$WORK/after.sql"; then
		pass "$1: mysqldump of the user's database is unchanged"
	else
		fail "$1: mysqldump of the user's database is unchanged"
		diag "$(diff "$WORK/before.sql" "$WORK/after.sql" | head -n 30)"
	fi
	dblist >"$WORK/dbs-after"
	# Other tests of a parallel make check use the same server: their
	# scratch databases come and go.  A leaked one stays: look again.
	if ! cmp -s "$WORK/dbs-before" "$WORK/dbs-after"; then
		sleep 3
		dblist >"$WORK/dbs-after"
	fi
	if cmp -s "$WORK/dbs-before" "$WORK/dbs-after"; then
		pass "$1: the list of databases is unchanged"
	else
		fail "$1: the list of databases is unchanged"
		diag "$(diff "$WORK/dbs-before" "$WORK/dbs-after")"
	fi
}

run_sqlcheck -v -d mysql --dsn "$USERDSN" "$top_srcdir/sql-tests" \
    "$top_srcdir/tests/sqltest/common"
is_status "suite on mysql: exit status 0" 0
matches "suite on mysql: nothing failed" "$(last_line "$OUT")" \
    '^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$'
matches "suite on mysql: -v names each file's scratch database" "$OUT" \
    'isolation: scratch database sqlcheck_[0-9a-f]+ \+ transaction'
unchanged "suite"

run_sqlcheck -d mysql --dsn "$USERDSN" "$F/commit.sqltest"
is_status "committing tests pass" 0
unchanged "committing tests"

run_sqlcheck -d mysql --dsn "$USERDSN" "$F/failing.sqltest"
is_status "failing file: exit status 1" 1
is "failing file: counts" "$(last_line "$OUT")" "1 passed, 2 failed, 0 skipped"
unchanged "failing file"

run_sqlcheck -d mysql --dsn "$USERDSN" "$F/setup-fails.sqltest"
is_status "setup failure: exit status 1" 1
contains "setup failure: names the statement's line" "$OUT" \
    "setup-fails.sqltest:6: setup failed"
unchanged "setup failure"

run_sqlcheck -d mysql --dsn "$USERDSN" "$F/scratch.sqltest"
is_status "isolation database: exit status 0" 0
unchanged "isolation database"

run_sqlcheck -j 1 -d mysql --dsn "$USERDSN" "$F/lost.sqltest" \
    "$top_srcdir/sql-tests/joins.sqltest"
is_status "lost session: exit status 2" 2
contains "lost session: says so" "$OUT" "connection to the database lost"
contains "lost session: the next file passes" "$OUT" \
    "ok   $top_srcdir/sql-tests/joins.sqltest"
unchanged "lost session"

start=$(date +%s)
run_sqlcheck -d mysql --dsn "$USERDSN" --timeout 1 "$F/slow.sqltest"
elapsed=$(( $(date +%s) - start ))
is_status "timeout: exit status 1" 1
contains "timeout: the test says it timed out" "$OUT" "timed out after 1 s"
ok "timeout: returned in ${elapsed}s (under 3 s)" "$([ "$elapsed" -lt 3 ]; echo $?)"
unchanged "timeout"

run_sqlcheck -d mysql --dsn "mysql://bob:Sekr1tPw@127.0.0.1:1/shop" \
    "$top_srcdir/sql-tests"
is_status "refused connection: exit status 2" 2
contains "refused connection: the target" "$ERR" "127.0.0.1:1/shop"
lacks "refused connection: no password" "$OUT$ERR" "Sekr1tPw"

same_with_jobs "-j 2 reports exactly what -j 1 reports" -d mysql \
    --dsn "$USERDSN" --timeout 1 "$top_srcdir/sql-tests" "$F"
unchanged "-j 2"

ls -d /tmp/sqlcheck-my.* >"$WORK/tmp-before" 2>/dev/null
run_sqlcheck -v -d mysql --temp-instance "$top_srcdir/sql-tests"
is_status "temp instance: the suite passes" 0
ls -d /tmp/sqlcheck-my.* >"$WORK/tmp-after" 2>/dev/null
is "temp instance: no directory left" "$(cat "$WORK/tmp-after")" \
    "$(cat "$WORK/tmp-before")"
dir=$(printf '%s\n' "$ERR" | sed -n 's/.*temporary mysql server in \([^ ]*\) started.*/\1/p')
matches "temp instance: startup time in verbose output" "$ERR" \
    'temporary mysql server in .* started in [0-9.]+ s'
ok "temp instance: no server process left" \
    "$(pgrep -f "datadir=$dir/data" >/dev/null; [ $? -ne 0 ]; echo $?)"

done_testing
