#!/bin/sh
# engine-mysql.sh: sqlcheck on a real MariaDB/MySQL server
# (SQLCHECK_MYSQL_DSN, as .ci/run or tests/servers.sh sets it).  The
# example suite and the language tests pass; the user's database (per
# mysqldump) and the list of databases are the same after passing,
# failing, committing, setup-failing and scratch-database files, lost
# sessions and timeouts; -v says which isolation each file used; a
# refused connection exits 2 without the password; -j 2 gives what -j 1
# gives; --temp-instance leaves nothing behind.  After each run no
# session is left on the user's database; the checks of what is left fail
# when it is: a dump that fails, a scratch database left, a session that
# lingers.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines mysql

CLIENT=$(command -v mariadb || command -v mysql)
DUMP=$(command -v mariadb-dump || command -v mysqldump)
[ -n "$CLIENT" ] && [ -n "$DUMP" ] ||
    skip_all_missing "no mariadb client and dump"
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

my -e "DROP DATABASE IF EXISTS $USERDB; CREATE DATABASE $USERDB CHARACTER SET utf8mb4" || {
	echo "Bail out! cannot create the database $USERDB"
	exit 99
}
trap 'my -e "DROP DATABASE IF EXISTS $USERDB" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
my "$USERDB" <<'SQL' || {
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'zoë@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL
	echo "Bail out! cannot create the user's tables"
	exit 99
}
DUMPDB=$USERDB
mydump()
{
	# shellcheck disable=SC2086
	"$DUMP" $MYOPTS --skip-dump-date "$DUMPDB"
}
dump_save user mydump
# The databases; a scratch database another test is using right now is
# not a leak, nor are the other test scripts' own databases (named with
# their process id) that come and go under make -j.
dblist()
{
	my -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA s WHERE
	    (SCHEMA_NAME NOT REGEXP '_[0-9]{1,10}\$' OR SCHEMA_NAME LIKE
	    '%\\_$$') AND NOT
	    (SCHEMA_NAME LIKE 'sqlcheck\\_%' AND EXISTS (SELECT 1 FROM
	    information_schema.PROCESSLIST p WHERE p.DB = s.SCHEMA_NAME))" >"$WORK/dbs" ||
	    return
	sort "$WORK/dbs"
}
dump_save dbs dblist
# The sessions still on the user's database.
sessions()
{
	my -e "SELECT ID, DB, COMMAND, INFO FROM information_schema.PROCESSLIST
	    WHERE DB = '$USERDB' AND ID <> CONNECTION_ID()"
}
# How long a leaked database or session may take to go (other tests of
# a parallel make check come and go; a leaked one stays).
LIMIT=60

unchanged()
{
	same_dump "$1: mysqldump of the user's database is unchanged" user mydump
	same_dump_within "$1: the list of databases is unchanged" "$LIMIT" \
	    dbs dblist
	nothing_left "$1: no session left on the user's database" "$LIMIT" \
	    sessions
}

# The checks of unchanged fail when what they guard is broken.
DUMPDB=no_such_db_$$
check_fails "checks: a mysqldump that fails fails \"unchanged\"" \
    same_dump "mysqldump" user mydump
DUMPDB=$USERDB
my "$USERDB" -e "INSERT INTO app_payments VALUES (8, 80)"
check_fails "checks: a row added fails \"unchanged\"" \
    same_dump "mysqldump" user mydump
my "$USERDB" -e "DELETE FROM app_payments WHERE id = 8"
my -e "CREATE DATABASE sqlcheck_00000000000000ff"
LIMIT=1
check_fails "checks: a scratch database left fails \"unchanged\"" \
    same_dump_within "databases" "$LIMIT" dbs dblist
my -e "DROP DATABASE sqlcheck_00000000000000ff"
my "$USERDB" -e "SELECT SLEEP(600) AS lingering" >/dev/null 2>&1 &
linger=$!
lingering()
{
	[ "$(my -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST
	    WHERE INFO LIKE '%AS lingering' AND ID <> CONNECTION_ID()")" = 1 ]
}
wait_for 30 lingering
check_fails "checks: a session that lingers fails \"unchanged\"" \
    nothing_left "sessions" "$LIMIT" sessions
for id in $(my -e "SELECT ID FROM information_schema.PROCESSLIST
    WHERE INFO LIKE '%AS lingering' AND ID <> CONNECTION_ID()"); do
	my -e "KILL $id"
done
wait "$linger"
LIMIT=60
unchanged "before any run"

run_sqlcheck -v -d mysql --dsn "$USERDSN" "$top_srcdir/sql-tests" \
    "$top_srcdir/tests/sqltest/common"
is_status "suite on mysql: exit status 0" 0
matches "suite on mysql: nothing failed" "$(last_line "$OUT")" \
    '^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$'
matches "suite on mysql: -v names each file's scratch database" "$OUT" \
    'isolation: scratch database sqlcheck_[0-9a-f]+ \+ transaction'
skipped=$(last_line "$OUT" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
run_sqlcheck --format tap -d mysql --dsn "$USERDSN" "$top_srcdir/sql-tests" \
    "$top_srcdir/tests/sqltest/common"
is "suite on mysql: each skip ($skipped) is a test for another engine" \
    "$(printf '%s\n' "$OUT" | grep -c '# SKIP not for mysql') $(
    printf '%s\n' "$OUT" | grep -c '# SKIP')" "$skipped $skipped"
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

# Tests and setup statements sent in multi-statement strings report
# exactly what they report sent one at a time (--no-batch): failures in
# the middle of a string, expected or not, a statement that does not
# parse, an implicit commit, results after a failing test, and text the
# server would read as several statements (it is not run as several).
# The server's general log (when this user may switch it on) shows the
# strings sent, and none with --no-batch.
genlog_on()
{
	my -e "SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1" \
	    2>/dev/null
}
# The statements of the sessions that sent the batch fixtures' tables,
# in the order they came (the log is a CSV table, read in that order).
genlog_read()
{
	my -e "SELECT REPLACE(argument, '\n', ' ') FROM mysql.general_log
	    WHERE command_type = 'Query' AND thread_id IN (SELECT thread_id
	    FROM mysql.general_log WHERE argument LIKE '%batch\\_my\\_%'
	    AND argument NOT LIKE '%general\\_log%')"
}
genlog_was=$(my -e "SELECT CONCAT(@@GLOBAL.general_log, ' ', @@GLOBAL.log_output)")
genlog=no
genlog_on && genlog=yes
run_sqlcheck -j 1 -d mysql --dsn "$USERDSN" --max-rows 5 \
    "$F/batch-mysql.sqltest" "$F/batch-mysql-setup-fails.sqltest"
is_status "batches: exit status 1" 1
is "batches: the counts" "$(last_line "$OUT")" "20 passed, 8 failed, 0 skipped"
{ untimed "$OUT"; echo "exit $STATUS"; } >"$WORK/batched.out"
[ "$genlog" = yes ] && genlog_read >"$WORK/batched.log"
[ "$genlog" = yes ] && my -e "TRUNCATE mysql.general_log"
run_sqlcheck -j 1 -d mysql --dsn "$USERDSN" --max-rows 5 --no-batch \
    "$F/batch-mysql.sqltest" "$F/batch-mysql-setup-fails.sqltest"
{ untimed "$OUT"; echo "exit $STATUS"; } >"$WORK/single.out"
is "batches: the same report and exit status as --no-batch" \
    "$(diff "$WORK/single.out" "$WORK/batched.out")" ""
contains "batches: a syntax error's message as if sent alone" "$OUT" \
    "near '' at line 1 (syntax_error"
contains "batches: the setup's failing statement's line" "$OUT" \
    "batch-mysql-setup-fails.sqltest:11: setup failed: Duplicate entry '2'"
if [ "$genlog" = yes ]; then
	genlog_read >"$WORK/single.log"
	my -e "SET GLOBAL general_log = 0; TRUNCATE mysql.general_log;
	    SET GLOBAL log_output = '${genlog_was#* }';
	    SET GLOBAL general_log = ${genlog_was%% *}"
	contains "batches: tests went in one string" "$(cat "$WORK/batched.log")" \
	    "INSERT INTO batch_my_t VALUES (3, 'three');SELECT count(*) FROM batch_my_t;SELECT v FROM batch_my_t WHERE id = 1;"
	contains "batches: a string ends with the error it expects" \
	    "$(cat "$WORK/batched.log")" \
	    "UPDATE batch_my_t SET v = upper(v);INSERT INTO batch_my_t VALUES (1, 'dup')"
	contains "batches: setup statements went in one string" \
	    "$(cat "$WORK/batched.log")" \
	    "INSERT INTO batch_my_s VALUES (1);INSERT INTO batch_my_s VALUES (2);"
	lacks "batches: text with a ';' went alone" "$(cat "$WORK/batched.log")" \
	    "WHERE id = 1;SELECT count(*) FROM batch_my_u"
	is "batches: the transaction begins again right after an implicit commit" \
	    "$(sed -n '/^CREATE TABLE batch_my_u (a integer)$/{n;p;}' \
	    "$WORK/batched.log")" "BEGIN"
	is "batches: ... and none with --no-batch (of $(wc -l \
	    <"$WORK/single.log" | tr -d ' ') statements logged)" \
	    "$(grep -c 'batch_my_[a-z]*[^;]*;[A-Z]' "$WORK/single.log")" 0
	contains "batches: ... which logged the file's statements" \
	    "$(cat "$WORK/single.log")" "SELECT group_concat(v ORDER BY id) FROM batch_my_t"
else
	for d in "tests went in one string" "a string ends with the error it expects" \
	    "setup statements went in one string" "text with a ';' went alone" \
	    "the transaction begins again right after an implicit commit" \
	    "... and none with --no-batch"; do
		missing "batches: $d" "this user cannot switch the general log on"
	done
fi
unchanged "batches"

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
ok "timeout: returned in ${elapsed} s, not after the statement's 600 s" \
    "$([ "$elapsed" -lt 60 ]; echo $?)"
unchanged "timeout"

run_sqlcheck -d mysql --dsn "mysql://bob:Sekr1tPw@127.0.0.1:1/shop" \
    "$top_srcdir/sql-tests"
is_status "refused connection: exit status 2" 2
contains "refused connection: the target" "$ERR" "127.0.0.1:1/shop"
lacks "refused connection: no password" "$OUT$ERR" "Sekr1tPw"

# --clean that cannot connect exits 2.
run_sqlcheck -d mysql --dsn "mysql://bob:Sekr1tPw@127.0.0.1:1/shop" --clean
is_status "--clean, no server: exit status 2" 2
contains "--clean, no server: says why" "$ERR" "cannot connect to mysql"
lacks "--clean, no server: no password" "$OUT$ERR" "Sekr1tPw"

# --timeout ends the ten-minute statement of slow.sqltest; it is long
# enough for any other statement (CREATE EXTENSION) on a loaded machine.
same_with_jobs "-j 2 reports exactly what -j 1 reports" -d mysql \
    --dsn "$USERDSN" --timeout 10 "$top_srcdir/sql-tests" "$F"
unchanged "-j 2"

run_sqlcheck -v -d mysql --temp-instance "$top_srcdir/sql-tests"
is_status "temp instance: the suite passes" 0
dir=$(printf '%s\n' "$ERR" | sed -n 's/.*temporary mysql server in \([^ ]*\) started.*/\1/p')
# The directory -v names is gone.  (Other runs on this machine may make
# and remove directories of their own beside it meanwhile.)
still_there()
{
	[ ! -e "$1" ] || echo "$1"
}
nothing_left "temp instance: no directory left" 30 \
    still_there "${dir:-/no-directory-named}"
matches "temp instance: startup time in verbose output" "$ERR" \
    'temporary mysql server in .* started in [0-9.]+ s'
matches "temp instance: -v names its directory" "$dir" '^/.*/sqlcheck-my\.'
server_procs()
{
	pgrep -a -f -- "datadir=$1/data"
	[ $? -le 1 ]	# 1: no process matched
}
if have pgrep; then
	nothing_left "temp instance: no server process left" 30 \
	    server_procs "${dir:-/no-directory-named}"
	sh -c 'while :; do sleep 1; done' fake --datadir="$WORK/fake/data" &
	fake=$!
	check_fails "checks: a server process left fails it" \
	    nothing_left "processes" 1 server_procs "$WORK/fake"
	kill "$fake"
else
	missing "temp instance: no server process left" "no pgrep (procps)"
fi

done_testing
