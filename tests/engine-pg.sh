#!/bin/sh
# engine-pg.sh: sqlcheck on a real PostgreSQL (SQLCHECK_PG_DSN, as
# .ci/run or tests/servers.sh sets it).  The example suite and the
# language tests pass; a database holding the user's own data is the same
# per pg_dump after passing, failing, committing, setup-failing and
# scratch-database files, and no scratch database is left; a refused
# connection exits 2 naming the target without its password; passwords
# never appear in any output; a lost session fails its file and the next
# file runs; --timeout cancels; -j 2 gives what -j 1 gives; and
# --temp-instance leaves no directory and no process behind.  After each
# run no session of it is left on the server (its application_name is
# this script's PGAPPNAME).  The checks of what is left fail when it is:
# a dump that fails, a scratch database left, a session that lingers.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres

pg_tools
[ -x "$PSQL" ] && [ -x "$PGDUMP" ] || skip_all_missing "no psql and pg_dump"
F=$top_srcdir/tests/fixtures/server
USERDB=sqlcheck_test_user_$$
USERDSN="$SQLCHECK_PG_DSN dbname=$USERDB"
# Every session of this script's runs carries this name (sqlcheck sets
# only a fallback application_name).
PGAPPNAME=engine_pg_$$
export PGAPPNAME

psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" \
    -c "CREATE DATABASE $USERDB" >/dev/null || {
	echo "Bail out! cannot create the database $USERDB"
	exit 99
}
trap 'psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
psql_q "$USERDSN" >/dev/null <<'SQL' || {
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
CREATE VIEW app_emails AS SELECT email FROM app_users;
SQL
	echo "Bail out! cannot create the user's tables"
	exit 99
}
# pg_dump 15.14 and later write a random \restrict key: leave it out.
# Exits with pg_dump's status.
DUMPDSN=$USERDSN
pgdump()
{
	"$PGDUMP" "$DUMPDSN" >"$WORK/pgdump.raw" || return
	sed '/^\\\(un\)\{0,1\}restrict /d' "$WORK/pgdump.raw"
}
dump_save user pgdump
# The databases.  A scratch database another test is using right now is
# not a leak, nor are the other test scripts' own databases (named with
# their process id, or pg_regress's) that come and go under make -j.
dblist()
{
	psql_q "$SQLCHECK_PG_DSN" -c "SELECT datname FROM pg_database d
	    WHERE (datname !~ '_[0-9]{1,10}\$' OR datname LIKE '%\\_$$')
	    AND datname NOT IN ('regression', 'contrib_regression')
	    AND NOT (datname LIKE 'sqlcheck\\_%' AND EXISTS (SELECT 1
	    FROM pg_stat_activity a WHERE a.datname = d.datname
	    AND a.application_name <> '$PGAPPNAME')) ORDER BY 1"
}
dump_save dbs dblist
# The sessions of this script's runs still on the server.
sessions()
{
	psql_q "$SQLCHECK_PG_DSN" -c "SELECT pid, datname, state, query
	    FROM pg_stat_activity WHERE (application_name = '$PGAPPNAME'
	    OR datname = '$USERDB') AND pid <> pg_backend_pid()"
}
# How long a leaked database or session may take to go (other tests of
# a parallel make check come and go; a leaked one stays).
LIMIT=60

unchanged()
{
	same_dump "$1: pg_dump of the user's database is unchanged" user pgdump
	same_dump_within "$1: no database left behind" "$LIMIT" dbs dblist
	nothing_left "$1: no session left on the server" "$LIMIT" sessions
}

# The checks of unchanged fail when what they guard is broken.
DUMPDSN="$USERDSN host=$WORK/nowhere"
check_fails "checks: a pg_dump that fails fails \"unchanged\"" \
    same_dump "pg_dump" user pgdump
DUMPDSN=$USERDSN
psql_q "$USERDSN" -c "INSERT INTO app_payments VALUES (8, 80)"
check_fails "checks: a row added fails \"unchanged\"" \
    same_dump "pg_dump" user pgdump
psql_q "$USERDSN" -c "DELETE FROM app_payments WHERE id = 8"
psql_q "$SQLCHECK_PG_DSN" -c "CREATE DATABASE sqlcheck_00000000000000ff"
LIMIT=1
check_fails "checks: a scratch database left fails \"unchanged\"" \
    same_dump_within "databases" "$LIMIT" dbs dblist
psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE sqlcheck_00000000000000ff"
psql_q "$USERDSN" -c "SELECT pg_sleep(600) AS lingering" >/dev/null 2>&1 &
linger=$!
lingering()
{
	[ "$(psql_q "$SQLCHECK_PG_DSN" -c "SELECT count(*) FROM
	    pg_stat_activity WHERE query LIKE '%AS lingering'
	    AND pid <> pg_backend_pid()")" = 1 ]
}
wait_for 30 lingering
check_fails "checks: a session that lingers fails \"unchanged\"" \
    nothing_left "sessions" "$LIMIT" sessions
psql_q "$SQLCHECK_PG_DSN" -c "SELECT pg_terminate_backend(pid) FROM
    pg_stat_activity WHERE query LIKE '%AS lingering'
    AND pid <> pg_backend_pid()" >/dev/null
wait "$linger"
LIMIT=60
unchanged "before any run"

# The example suite and the language tests, on the user's database.
run_sqlcheck -d postgres --dsn "$USERDSN" "$top_srcdir/sql-tests" \
    "$top_srcdir/tests/sqltest/common"
is_status "suite on postgres: exit status 0" 0
matches "suite on postgres: nothing failed" "$(last_line "$OUT")" \
    '^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$'
skipped=$(last_line "$OUT" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
run_sqlcheck --format tap -d postgres --dsn "$USERDSN" "$top_srcdir/sql-tests" \
    "$top_srcdir/tests/sqltest/common"
is "suite on postgres: each skip ($skipped) is a test for another engine" \
    "$(printf '%s\n' "$OUT" | grep -c '# SKIP not for postgres') $(
    printf '%s\n' "$OUT" | grep -c '# SKIP')" "$skipped $skipped"
unchanged "suite"

run_sqlcheck -d postgres --dsn "$USERDSN" "$F/commit.sqltest"
is_status "committing tests pass" 0
unchanged "committing tests"

run_sqlcheck -d postgres --dsn "$USERDSN" "$F/user-data-pg.sqltest"
is_status "tests that change the user's tables pass" 0
is "tests that change the user's tables: counts" "$(last_line "$OUT")" \
    "5 passed, 0 failed, 0 skipped"
unchanged "tests that change the user's tables"

run_sqlcheck -d postgres --dsn "$USERDSN" "$F/failing.sqltest"
is_status "failing file: exit status 1" 1
is "failing file: counts" "$(last_line "$OUT")" "1 passed, 2 failed, 0 skipped"
unchanged "failing file"

run_sqlcheck -d postgres --dsn "$USERDSN" "$F/setup-fails.sqltest"
is_status "setup failure: exit status 1" 1
contains "setup failure: names the statement's line" "$OUT" \
    "setup-fails.sqltest:6: setup failed"
contains "setup failure: the engine's message" "$OUT" "no_such_table"
unchanged "setup failure"

# Setup statements go to the server in batches (one round trip each):
# the statement that fails is still the one named, and a long setup runs
# whole.
run_sqlcheck -d postgres --dsn "$USERDSN" "$F/setup-batch-fails.sqltest" \
    "$F/setup-batch.sqltest"
is_status "batched setup: exit status 1" 1
contains "batched setup: the failing statement's line" "$OUT" \
    "setup-batch-fails.sqltest:102: setup failed: duplicate key value"
contains "batched setup: its SQL" "$OUT" "  INSERT INTO batched VALUES (1)"
contains "batched setup: 150 statements in batches all ran" "$OUT" \
    "ok   $F/setup-batch.sqltest  (1 test"
unchanged "batched setup"

run_sqlcheck -v -d postgres --dsn "$USERDSN" "$F/scratch.sqltest"
is_status "isolation database: exit status 0" 0
matches "isolation database: verbose output names the scratch database" \
    "$OUT" 'isolation: scratch database sqlcheck_[0-9a-f]+$'
unchanged "isolation database"

# A refused connection: exit 2, libpq's message, the target, no password.
run_sqlcheck -d postgres --dsn \
    "host=127.0.0.1 port=1 user=bob password=Sekr1tPw dbname=shop" \
    "$top_srcdir/sql-tests"
is_status "refused connection: exit status 2" 2
contains "refused connection: libpq's message" "$ERR" "Connection refused"
contains "refused connection: the target" "$ERR" \
    'host "127.0.0.1" port 1 database "shop"'
lacks "refused connection: no password" "$OUT$ERR" "Sekr1tPw"

# A password in the DSN (trust authentication ignores it) is never shown.
run_sqlcheck -v -d postgres --dsn "$USERDSN password=Sekr1tPw" \
    --format json -o "$WORK/report.json" "$F/failing.sqltest" \
    "$F/setup-fails.sqltest"
is_status "password: the run fails its failing files (exit status 1)" 1
lacks "password: not in verbose output" "$OUT$ERR" "Sekr1tPw"
contains "password: the JSON report was written" \
    "$(cat "$WORK/report.json" 2>&1)" '"failed": '
lacks "password: not in the JSON report" "$(cat "$WORK/report.json")" \
    "Sekr1tPw"

# A lost session fails its file; the next file runs on a new session.
run_sqlcheck -j 1 -d postgres --dsn "$USERDSN" "$F/lost.sqltest" \
    "$top_srcdir/sql-tests/joins.sqltest"
is_status "lost session: exit status 2" 2
contains "lost session: says so" "$OUT" "connection to the database lost"
contains "lost session: the next file passes" "$OUT" \
    "ok   $top_srcdir/sql-tests/joins.sqltest"
unchanged "lost session"

# A failing statement's rollback goes with the next statement: whatever
# follows sees the state from before the failure, and so does the next
# file on the same session.
run_sqlcheck -j 1 -d postgres --dsn "$USERDSN" "$F/after-failure.sqltest" \
    "$F/after-failure-next.sqltest"
is_status "after a failure: exit status 0" 0
contains "after a failure: every test passes" "$(last_line "$OUT")" \
    "10 passed, 0 failed, 0 skipped"
unchanged "after a failure"

# Tests sent in batches report exactly what tests sent one by one report
# (--timeout turns batches off): a wrong result, unexpected and expected
# failures, an expected failure that does not happen, a result past
# --max-rows and one with more rows than expected in the middle of a batch.
# Both runs log their statements (log_statement, in the server's log,
# SQLCHECK_PG_LOG as tests/servers.sh sets it): the first must have used
# the batch plan's savepoints (sqlcheck_b<i>), the second none.
pglog=${SQLCHECK_PG_LOG:-}
# logged_run FILE ARGS...: sqlcheck ARGS with log_statement=all; the
# server's log lines it added go to FILE.
logged_run()
{
	_file=$1
	shift
	_size=$(wc -c <"$pglog" 2>/dev/null || echo 0)
	# A backend logs a statement before it runs it: once sqlcheck has
	# the results, the lines are in the log.
	PGOPTIONS="-c log_statement=all" run_sqlcheck "$@"
	tail -c +"$((_size + 1))" "$pglog" 2>/dev/null |
	    grep -E "(statement|execute [^:]*): " >"$_file"
}
logged_run "$WORK/batched.log" -d postgres --dsn "$USERDSN" --max-rows 5 \
    "$F/batch.sqltest"
is_status "batches: exit status 1" 1
is "batches: the counts" "$(last_line "$OUT")" "13 passed, 6 failed, 0 skipped"
{ printf '%s\n' "$OUT" | sed 's/[0-9]* ms)/N ms)/'; echo "exit $STATUS"; } \
    >"$WORK/batched.out"
logged_run "$WORK/single.log" -d postgres --dsn "$USERDSN" --max-rows 5 \
    --timeout 60 "$F/batch.sqltest"
{ printf '%s\n' "$OUT" | sed 's/[0-9]* ms)/N ms)/'; echo "exit $STATUS"; } \
    >"$WORK/single.out"
is "batches: the same report and exit status as one test at a time" \
    "$(diff "$WORK/single.out" "$WORK/batched.out")" ""
contains "batches: one test at a time gives the same counts" "$OUT" \
    "13 passed, 6 failed"
if [ -z "$pglog" ] || [ ! -r "$pglog" ]; then
	missing "batches: the server's log shows the batches" \
	    "the server's log is unknown (SQLCHECK_PG_LOG, tests/servers.sh sets it)"
	missing "batches: ... and none without them" \
	    "the server's log is unknown (SQLCHECK_PG_LOG)"
else
	n=$(grep -c 'SAVEPOINT sqlcheck_b[0-9]' "$WORK/batched.log")
	ok "batches: the server's log shows the batches ($n batch savepoints)" \
	    "$([ "$n" -ge 10 ]; echo $?)"
	[ "$n" -ge 10 ] || diag "$(head -n 20 "$WORK/batched.log")"
	is "batches: ... and none without them (of $(wc -l \
	    <"$WORK/single.log" | tr -d ' ') statements logged)" \
	    "$(grep -c 'SAVEPOINT sqlcheck_b[0-9]' "$WORK/single.log")" 0
	matches "batches: ... which logged the file's statements" \
	    "$(cat "$WORK/single.log")" "SELECT string_agg\\(v, ',' ORDER BY id\\) FROM batch_t"
fi
unchanged "batches"

# -x: the run stops at the first failure, and tests go one at a time (no
# batch), so that none runs after it.
logged_run "$WORK/x.log" -x -d postgres --dsn "$USERDSN" \
    --log "$WORK/x.qlog" "$F/failing.sqltest" "$F/batch.sqltest"
is_status "-x: exit status 1" 1
is "-x: stops at the first failure" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 0 skipped"
is "-x: no statement after the failing one" \
    "$(cut -f 1 "$WORK/x.qlog" | sed 's/.*://' | tr '\n' ' ')" "5 6 9 14 15 "
if [ -n "$pglog" ] && [ -r "$pglog" ]; then
	is "-x: the server saw no batch" \
	    "$(grep -c 'SAVEPOINT sqlcheck_b[0-9]' "$WORK/x.log")" 0
	is "-x: ... nor the statement after the failing one" \
	    "$(grep -c "INSERT INTO gadgets VALUES (1, 'chair')" "$WORK/x.log")" 0
else
	missing "-x: the server saw no batch" \
	    "the server's log is unknown (SQLCHECK_PG_LOG)"
	missing "-x: ... nor the statement after the failing one" \
	    "the server's log is unknown (SQLCHECK_PG_LOG)"
fi
unchanged "-x"

# PostgreSQL's DETAIL and HINT are in the failure output.
run_sqlcheck -d postgres --dsn "$USERDSN" "$F/detail-hint.sqltest"
is_status "DETAIL and HINT: exit status 1" 1
contains "DETAIL and HINT: the DETAIL of a foreign key violation" "$OUT" \
    'foreign_key_violation, SQLSTATE 23503)
    DETAIL: Key (parent_id)=(42) is not present in table "parent".'
contains "DETAIL and HINT: the HINT of an unknown function" "$OUT" \
    "(SQLSTATE 42883)
    HINT: No function matches the given name and argument types."
unchanged "DETAIL and HINT"

# -j: by default as many files at once as there are cores.  Each file
# holds its session in pg_sleep: the server sees that many at once, not
# more, though there are two files more.
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
i=0
while [ "$i" -lt $((cores + 2)) ]; do
	printf -- '-- test: held %s\nSELECT 1 FROM (SELECT pg_sleep(3)) AS jobs_probe;\n-- expect:\n1\n' \
	    "$i" >"$WORK/jobs-$i.sqltest"
	i=$((i + 1))
done
probes()
{
	psql_q "$SQLCHECK_PG_DSN" -c "SELECT count(*) FROM pg_stat_activity
	    WHERE query LIKE '%AS jobs_probe%' AND application_name = '$PGAPPNAME'
	    AND pid <> pg_backend_pid()"
}
"$SQLCHECK" -d postgres --dsn "$USERDSN" "$WORK"/jobs-*.sqltest \
    >"$WORK/jobs.out" 2>&1 </dev/null &
jobs_pid=$!
at_once()
{
	[ "$(probes)" = "$cores" ]
}
wait_for 60 at_once
ok "-j default: $cores files at once ($cores cores)" $?
is "-j default: ... not more (of $((cores + 2)) files)" "$(probes)" "$cores"
wait "$jobs_pid"
is "-j default: every file ran" "$?/$(tail -n 1 "$WORK/jobs.out")" \
    "0/$((cores + 2)) passed, 0 failed, 0 skipped"
unchanged "-j default"

# --clean that cannot connect exits 2.
run_sqlcheck -d postgres --dsn "host=$WORK/nowhere dbname=x" --clean
is_status "--clean, no server: exit status 2" 2
contains "--clean, no server: says why" "$ERR" "cannot connect to PostgreSQL"

# --timeout: a ten-minute statement is cancelled, well before its end
# (a generous minute, for a loaded machine).
start=$(date +%s)
run_sqlcheck -d postgres --dsn "$USERDSN" --timeout 1 "$F/slow.sqltest"
elapsed=$(( $(date +%s) - start ))
is_status "timeout: exit status 1" 1
contains "timeout: the test says it timed out" "$OUT" "timed out after 1 s"
contains "timeout: the file goes on" "$(last_line "$OUT")" "1 passed, 1 failed"
ok "timeout: returned in ${elapsed} s, not after the statement's 600 s" \
    "$([ "$elapsed" -lt 60 ]; echo $?)"
unchanged "timeout"

# -j 2 gives the same results as -j 1.
# --timeout ends the ten-minute statement of slow.sqltest; it is long
# enough for any other statement (CREATE EXTENSION) on a loaded machine.
same_with_jobs "-j 2 reports exactly what -j 1 reports" -d postgres \
    --dsn "$USERDSN" --timeout 10 "$top_srcdir/sql-tests" "$F"
unchanged "-j 2"

# --temp-instance: a server of its own, gone afterwards.
run_sqlcheck -v -d postgres --temp-instance "$top_srcdir/sql-tests"
is_status "temp instance: the suite passes" 0
matches "temp instance: startup time in verbose output" "$ERR" \
    'temporary postgres server in .* started in [0-9.]+ s'
dir=$(printf '%s\n' "$ERR" | sed -n 's/.*temporary postgres server in \([^ ]*\) started.*/\1/p')
# The directory -v names is gone.  (Other runs on this machine may make
# and remove directories of their own beside it meanwhile.)
still_there()
{
	[ ! -e "$1" ] || echo "$1"
}
nothing_left "temp instance: no directory left" 30 \
    still_there "${dir:-/no-directory-named}"
matches "temp instance: -v names its directory" "$dir" '^/.*/sqlcheck-pg\.'
server_procs()
{
	pgrep -a -f -- "-D $1/data"
	[ $? -le 1 ]	# 1: no process matched
}
if have pgrep; then
	nothing_left "temp instance: no server process left" 30 \
	    server_procs "${dir:-/no-directory-named}"
	# SIGINT while a statement runs stops the temporary server too.
	"$SQLCHECK" -v -d postgres --temp-instance "$F/slow.sqltest" \
	    >"$WORK/ti.out" 2>"$WORK/ti.err" </dev/null &
	ti_pid=$!
	started()
	{
		grep -q 'temporary postgres server in .* started' "$WORK/ti.err"
	}
	wait_for 120 started
	tidir=$(sed -n 's/.*temporary postgres server in \([^ ]*\) started.*/\1/p' \
	    "$WORK/ti.err")
	ti_running()
	{
		pgrep -f -- "-D $tidir/data" >/dev/null
	}
	ok "SIGINT, temp instance: its server runs" "$(ti_running; echo $?)"
	kill -INT "$ti_pid"
	wait "$ti_pid"
	is "SIGINT, temp instance: exit status 130" "$?" 130
	nothing_left "SIGINT, temp instance: the server is stopped" 30 \
	    server_procs "${tidir:-/no-directory-named}"
	ok "SIGINT, temp instance: its directory is removed" \
	    "$([ -n "$tidir" ] && [ ! -e "$tidir" ]; echo $?)"
	sh -c 'while :; do sleep 1; done' fake -D "$WORK/fake/data" &
	fake=$!
	check_fails "checks: a server process left fails it" \
	    nothing_left "processes" 1 server_procs "$WORK/fake"
	kill "$fake"
else
	missing "temp instance: no server process left" "no pgrep (procps)"
fi

done_testing
