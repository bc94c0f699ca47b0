#!/bin/sh
# pg-regress.sh: "sqlcheck pg-regress" against psql itself.  Each script
# of tests/pg-regress/sql (one psql output feature each: echo, tables,
# display widths in the client encoding, messages, variables and \if,
# COPY and \copy, the data of a COPY FROM STDIN that failed (copyfail),
# statement boundaries, \crosstabview, \d and \d+, the
# \d lists (\dA \dL \dy \dconfig \dd \dX \db \dc \dO \dP \ddp \drds
# \dA[cfop] \dRp \dRs, foreign-data and text search ones in
# describemore), the footers of triggers and a view's rules
# (describeevents), name patterns with regular expressions, array type
# names and argument types (patterns), the Options of a view (viewoptions),
# ROW_COUNT after COPY TO STDOUT and \copy (copycount), \copy arguments
# read and rebuilt as psql does (copyparse), \setenv and \getenv on the
# test's own environment (setenv), \c with a connection string or
# -reuse-previous (connstring), \restrict and \unrestrict (restrict),
# notifications after each query (notify, the process ids left out), the
# "invalid command" of psql 16 and later commands such as \bind (newer),
# the values psql checks for its special
# variables and their defaults (specialvars), the semicolons psql drops
# after some meta-commands' arguments (semicolon), the "\." psql sends
# after inline COPY data (copymarker), the Tablespace footer of \d and
# the tablespace of index lines (tablespace), foreign keys of partitioned
# tables and partitions (partitionfk), \g |command and \w |command
# (gpipe), \o |command (opipe), \copy ...
# PROGRAM (copyprogram),
# \sf and \sv, \! and \pset numericlocale (shell),
# \lo_import, \lo_export and \lo_unlink (largeobj), \pset border and
# linestyle, \o, ON_ERROR_ROLLBACK and \c, ON_ERROR_STOP, a connection
# lost, a \connect that fails) is run by the real "psql -X -a -q" with
# pg_regress's environment, and by sqlcheck pg-regress: results/NAME.out
# must be the same bytes, and with psql's output as expected/ every
# test passes.
# Then what pg_regress does
# beyond psql: verdicts and exit status, NAME_N.out alternatives,
# regression.diffs and regression.out, schedules with parallel groups,
# a failure shown at FILE:LINE, --rewrite, --format tap, -j, --timeout,
# --shard and --durations, an unsupported meta-command, and the PGXS
# installcheck line.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres
pg_tools
[ -x "$PSQL" ] || skip_all_missing "no psql to compare with"

# Where the server is, from SQLCHECK_PG_DSN (key=value form).
dsn_get()
{
	printf '%s\n' "$SQLCHECK_PG_DSN" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
PGHOST=$(dsn_get host)
PGPORT=$(dsn_get port)
PGUSER=$(dsn_get user)
export PGHOST PGPORT PGUSER
unset PGDATABASE PGOPTIONS PGTZ PGDATESTYLE PGCLIENTENCODING 2>/dev/null || :
DB=sqlcheck_pgr_$$
S=$WORK/suite
mkdir -p "$S/expected"
cp -R "$top_srcdir/tests/pg-regress/sql" "$top_srcdir/tests/pg-regress/data" "$S/"
chmod -R u+w "$S"
TESTS="echo tables encoding messages vars copy copyfail boundaries crosstab expanded describe describeplus describefunc describemore describeevents patterns viewoptions copycount copyparse border psqlmore buffer formats settings shell largeobj output rollback stop lost connfail html asciidoc latex troff longtable separators unicodelines"
TESTS="$TESTS setenv connstring specialvars fetchformats formatsmore cd restrict newer semicolon"
TESTS="$TESTS ifskip gcopy describetoast crosstabargs gsetspecial fetchexpanded wrapped wrappedx"
TESTS="$TESTS autoexpanded"
TESTS="$TESTS copymarker"
TESTS="$TESTS notify"
TESTS="$TESTS tablespace partitionfk gpipe copyprogram opipe"
TESTS="$TESTS exclusion"
trap '"$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

# sqlcheck first: it creates the database as pg_regress does.
cd "$S" || exit 1
"$SQLCHECK" pg-regress --dbname=$DB --outputdir="$WORK/sq" $TESTS \
    >"$WORK/sq.out" 2>&1
# Then psql on the same database, as pg_regress 15 runs it.
for t in $TESTS; do
	( cd "$S" && PGTZ=America/Los_Angeles PGDATESTYLE='Postgres, MDY' \
	    PGOPTIONS='-c intervalstyle=postgres_verbose' LC_MESSAGES=C \
	    PGAPPNAME=pg_regress/$t \
	    "$PSQL" -X -a -q -d $DB -v HIDE_TABLEAM=on \
	    -v HIDE_TOAST_COMPRESSION=on <sql/$t.sql >expected/$t.out 2>&1
	  echo $? >"$WORK/$t.psql-status" )
done
# The server process ids of notifications (notify) differ from run to run.
no_pids()
{
	sed 's/ from server process with PID [0-9]*\.$/ from server process with PID N./' "$1"
}
for t in $TESTS; do
	no_pids "$S/expected/$t.out" >"$WORK/$t.psql-nopid"
	no_pids "$WORK/sq/results/$t.out" >"$WORK/$t.sq-nopid"
	if cmp -s "$WORK/$t.psql-nopid" "$WORK/$t.sq-nopid"; then
		pass "$t: sqlcheck prints what psql prints"
	else
		fail "$t: sqlcheck prints what psql prints"
		diag "$(diff -u "$S/expected/$t.out" "$WORK/sq/results/$t.out" | head -n 40)"
	fi
done
is "stop: psql exits 3 at ON_ERROR_STOP" "$(cat "$WORK/stop.psql-status")" 3
is "lost: psql exits 2 when the connection is lost" \
    "$(cat "$WORK/lost.psql-status")" 2
is "connfail: psql exits 2 when \\connect fails" \
    "$(cat "$WORK/connfail.psql-status")" 2

# With psql's output as expected/, pg_regress's verdicts: all pass but
# stop, which fails as psql exits 3 (pg_regress 15 fails such a test).
pgr()
{
	${PGR_GUARD:-} "$SQLCHECK" pg-regress --dbname=$DB --use-existing "$@" \
	    >"$WORK/out" 2>"$WORK/err"
	STATUS=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}
# -V, --version: what runs, as pg_regress -V says it.
pgr --version
is "--version: exit 0" "$STATUS" 0
matches "--version: sqlcheck and its version" "$OUT" \
    "^sqlcheck pg-regress \\(sqlcheck\\) [0-9][^ ]*, for PostgreSQL 15's pg_regress\$"
PASSING="echo tables encoding messages vars copy copyfail boundaries crosstab expanded describe describeplus describefunc describemore describeevents border psqlmore buffer formats settings shell largeobj output rollback"
pgr $PASSING
is "psql's output as expected: exit 0" "$STATUS" 0
contains "psql's output as expected: all passed" "$OUT" " All 24 tests passed. "
check "all passed: no regression.diffs, no regression.out" \
    test ! -e regression.diffs -a ! -e regression.out -a -s results/echo.out
pgr stop
is "ON_ERROR_STOP: exit 1" "$STATUS" 1
matches "ON_ERROR_STOP: psql's exit status named" "$OUT" \
    '^test stop +\.\.\. FAILED \(test process exited with exit code 3\)'
pgr lost
is "connection lost: exit 1" "$STATUS" 1
matches "connection lost: psql's exit status named" "$OUT" \
    '^test lost +\.\.\. FAILED \(test process exited with exit code 2\)'
pgr connfail
matches "a failed \\connect: psql's exit status named" "$OUT" \
    '^test connfail +\.\.\. FAILED \(test process exited with exit code 2\)'
# A database that is not there: psql's start-up error is the result.
NODB=sqlcheck_pgr_nodb_$$
"$SQLCHECK" pg-regress --use-existing --dbname=$NODB --outputdir="$WORK/nodb" \
    echo >"$WORK/out" 2>&1
matches "no database: psql's exit status named" "$(cat "$WORK/out")" \
    '^test echo +\.\.\. FAILED \(test process exited with exit code 2\)'
"$PSQL" -X -a -q -d $NODB <sql/echo.sql >"$WORK/nodb.psql" 2>&1
check "no database: the result is psql's start-up error" \
    cmp -s "$WORK/nodb.psql" "$WORK/nodb/results/echo.out"

# An alternative expected file NAME_N.out is enough.
cp expected/echo.out expected/echo_3.out
echo "something else" >expected/echo.out
pgr echo
is "echo_3.out matches: exit 0" "$STATUS" 0

# A difference: pg_regress's files, and sqlcheck's FILE:LINE with the
# statement and the diff in the terminal.
cp expected/tables.out "$WORK/tables.good"
sed 's/^ text$/ TEXT/' "$WORK/tables.good" >expected/tables.out
sed -i 's/ | text | / | TEXT | /' expected/tables.out
pgr tables boundaries
is "a difference: exit 1" "$STATUS" 1
contains "a difference: the summary" "$OUT" " 1 of 2 tests failed. "
matches "a difference: FILE:LINE of the statement" "$OUT" \
    '^\./sql/tables\.sql:2: output differs from \./expected/tables\.out$'
contains "a difference: the statement shown" "$OUT" \
    "    SELECT 1::int2 AS i2, 2::int4 AS i4"
contains "a difference: the diff shown" "$OUT" "+  1 |  2 |  3 | 1.5 | 2.25 | 3.125 | 26 | text |"
check "a difference: regression.diffs has it" grep -q "^-.*| TEXT |" regression.diffs
check "a difference: regression.out has the verdicts" \
    grep -q "^test tables .*FAILED" regression.out

# --rewrite copies results/NAME.out over the expected file.
pgr --rewrite tables
is "--rewrite: still a failure this time" "$STATUS" 1
contains "--rewrite: says what it rewrote" "$OUT" "rewrote ./expected/tables.out"
check "--rewrite: expected/ now holds psql's output" \
    cmp -s expected/tables.out "$WORK/tables.good"
pgr tables
is "--rewrite: then it passes" "$STATUS" 0

# A test without any expected file fails, says so with a hint, and the
# run goes on.
printf 'SELECT 1 AS a;\n' >sql/noexp.sql
pgr noexp echo
is "no expected file: exit 1" "$STATUS" 1
contains "no expected file: said, with a hint" "$OUT" \
    "noexp: no expected file: ./expected/noexp.out does not exist (hint: once ./results/noexp.out is right, copy it there, or run with --rewrite)"
matches "no expected file: the next test ran" "$OUT" '^test echo +\.\.\. ok '
# A test name with no script (a typo) is named as such.
pgr nosuchscript
is "no test script: exit 1" "$STATUS" 1
contains "no test script: said, with a hint" "$OUT" \
    "nosuchscript: no test script: ./sql/nosuchscript.sql: No such file or directory (hint: check the test's name and --inputdir)"
# The two names a hurried user types for a script get their own hint.
pgr echo.sql
is "test named with .sql: exit 1" "$STATUS" 1
contains "test named with .sql: the hint" "$OUT" \
    "echo.sql: no test script: ./sql/echo.sql.sql: No such file or directory (hint: name a test without its .sql suffix, as pg_regress does)"
pgr sql/echo
contains "test named with sql/: the hint" "$OUT" \
    "(hint: name a test as pg_regress does, without sql/ or a directory: --inputdir gives the directory)"

# A schedule: groups in order, the tests of a line at the same time.
printf '# comment\ntest: echo\n\ntest: tables boundaries crosstab\n' >sched
pgr --schedule sched --max-connections 2
is "schedule: exit 0" "$STATUS" 0
contains "schedule: a parallel group" "$OUT" "parallel group (3 tests): "
matches "schedule: a test of the group" "$OUT" '^     crosstab +\.\.\. ok '
# "ignore: NAME": that test's failure is reported and does not fail the
# run, as pg_regress 15 does; another failure still does.
printf "SELECT 'ig' AS x;\n" >sql/igfail.sql
echo "not what it prints" >expected/igfail.out
printf 'ignore: igfail\ntest: echo igfail\n' >igsched
pgr --schedule igsched
is "ignore: only an ignored failure: exit 0" "$STATUS" 0
matches "ignore: its status line" "$OUT" '^     igfail +\.\.\. failed \(ignored\) '
contains "ignore: the summary" "$OUT" " 1 of 2 tests passed, 1 failed test(s) ignored. "
check "ignore: its differences are in regression.diffs" \
    grep -q "igfail.out" regression.diffs
printf 'ignore: igfail\ntest: stop igfail\n' >igsched2
pgr --schedule igsched2
is "ignore: with another failure: exit 1" "$STATUS" 1
contains "ignore: with another failure: the summary" "$OUT" \
    " 2 of 2 tests failed, 1 of these failures ignored. "
printf 'test: echo igfail\n' >igsched3
pgr --schedule igsched3
is "no ignore line: the same failure fails the run" "$STATUS" 1
printf 'test: echo\nbogus line\n' >badsched
pgr --schedule badsched
is "bad schedule: exit 2" "$STATUS" 2
contains "bad schedule: FILE:LINE" "$ERR" "badsched:2: syntax error in schedule"
# pg_regress 15 reads "test: " and "ignore: " from the first column with
# one space after the colon, and "#" comments there: anything else (an
# indented comment, "test:x", "test:" without a name) is its syntax error.
for bad in '  # indented' 'test:echo' 'test:   ' '\ttest: echo'; do
	printf 'test: echo\n%b\n' "$bad" >badsched2
	pgr --schedule badsched2
	is "bad schedule line '$bad': exit 2" "$STATUS" 2
	contains "bad schedule line '$bad': FILE:LINE" "$ERR" \
	    "badsched2:2: syntax error in schedule"
done
printf 'test: echo   \r\n#test: x\n\ntest: tables\tboundaries\n' >oksched
pgr --schedule oksched
is "schedule: trailing white space, CR LF and a tab between names: exit 0" \
    "$STATUS" 0

# \setenv stays in its test, as in pg_regress's psql process of that
# test: the next test (and one at the same time) does not see it.
printf '\\setenv SQLCHECK_LEAK_PROBE leaked\nSELECT 1 AS a;\n' >sql/leak1.sql
printf '\\getenv v SQLCHECK_LEAK_PROBE\n\\echo :v\n' >sql/leak2.sql
pgr leak1 leak2
is "\\setenv: not seen by the next test" "$(tail -n 1 results/leak2.out)" ":v"
pgr -j 2 leak1 leak2
is "\\setenv: not seen by a test at the same time" \
    "$(tail -n 1 results/leak2.out)" ":v"

# The environment of each test as the installed pg_regress 15 gives it.
PGREGRESS=$(pg_config --pkglibdir 2>/dev/null)/pgxs/src/test/regress/pg_regress
if [ -x "$PGREGRESS" ]; then
	mkdir -p envcmp/sql envcmp/expected
	cat >envcmp/sql/env.sql <<'SQL'
\getenv a PGTZ
\getenv b PGDATESTYLE
\getenv c PGOPTIONS
\getenv d PGAPPNAME
\getenv e LC_MESSAGES
\getenv f PG_DLSUFFIX
\getenv g PGCLIENTENCODING
\echo :a :b :c :d :e :f :g
SHOW timezone;
SHOW datestyle;
SHOW intervalstyle;
SHOW application_name;
SHOW lc_messages;
SHOW bytea_output;
SELECT now() - now() AS zero, '2024-07-01 12:00'::timestamptz AS summer;
SQL
	: >envcmp/expected/env.out
	( cd envcmp && "$PGREGRESS" --inputdir=. --dbname=$DB --use-existing \
	    --outputdir="$WORK/envpgr" env >/dev/null 2>&1
	  "$SQLCHECK" pg-regress --inputdir=. --dbname=$DB --use-existing \
	    --outputdir="$WORK/envsq" env >/dev/null 2>&1 )
	check "each test's environment: as the installed pg_regress gives it" \
	    cmp "$WORK/envpgr/results/env.out" "$WORK/envsq/results/env.out"
else
	missing "each test's environment: as pg_regress gives it" \
	    "no pg_regress at $PGREGRESS"
fi

# -j runs tests named on the command line at the same time.
pgr -j 3 echo tables boundaries crosstab
is "-j 3: exit 0" "$STATUS" 0
contains "-j 3: one group" "$OUT" "parallel group (4 tests): "

# --timeout: a statement running longer is cancelled; the server's error
# is in its test's output, the test fails, named with FILE:LINE, and the
# script and the run go on.  pg_sleep(100000) does not end by itself.
printf 'SELECT 1 AS before;\nSELECT pg_sleep(100000);\nSELECT 2 AS after;\nCOPY (SELECT pg_sleep(100000)) TO STDOUT;\n' \
    >sql/slow.sql
: >expected/slow.out
# (timeout(1) only keeps a broken --timeout from hanging the suite.)
PGR_GUARD="timeout 300" pgr --timeout 1 --rewrite slow echo
is "--timeout: exit 1" "$STATUS" 1
contains "--timeout: the test and FILE:LINE named" "$OUT" \
    "./sql/slow.sql:2: test slow: timed out after 1 s (the statement was cancelled)"
matches "--timeout: its status line" "$OUT" '^test slow +\.\.\. FAILED \(timed out\)'
matches "--timeout: the run goes on" "$OUT" '^test echo +\.\.\. ok '
check "--timeout: the cancel is an error in the test's output" \
    grep -qx "ERROR:  canceling statement due to user request" results/slow.out
check "--timeout: the script goes on after it" grep -qx "     2" results/slow.out
is "--timeout: a COPY TO STDOUT waiting for its rows is cancelled too" \
    "$(grep -c "^ERROR:  canceling statement due to user request$" results/slow.out)" 2
check "--timeout: --rewrite leaves a timed-out test's expected file" \
    test ! -s expected/slow.out
pgr --timeout 60 $PASSING
is "--timeout 60: psql's output still (exit 0)" "$STATUS" 0
contains "--timeout 60: all passed" "$OUT" " All 24 tests passed. "
pgr --timeout 0 echo
is "bad --timeout: exit 2" "$STATUS" 2
contains "bad --timeout: said" "$ERR" 'bad --timeout "0"'

# --shard K/N: the tests of the last group are dealt among the shards,
# the groups before run on every shard as setup (reported by shard 1).
printf 'test: echo\ntest: tables boundaries crosstab expanded\n' >shardsched
LAST='^     (tables|boundaries|crosstab|expanded) +\.\.\. ok'
pgr --schedule shardsched --shard 1/2
is "--shard 1/2: exit 0" "$STATUS" 0
OUT1=$OUT
pgr --schedule shardsched --shard 2/2
is "--shard 2/2: exit 0" "$STATUS" 0
OUT2=$OUT
matches "--shard 1/2: the setup group runs" "$OUT1" '^test echo +\.\.\. ok '
matches "--shard 2/2: the setup group runs too" "$OUT2" '^test echo +\.\.\. ok '
is "--shard: each test of the last group runs on one shard" \
    "$(printf '%s\n%s\n' "$OUT1" "$OUT2" | grep -E "$LAST" | awk '{print $1}' | sort | tr '\n' ' ')" \
    "boundaries crosstab expanded tables "
is "--shard: both shards have a part" \
    "$(printf '%s\n' "$OUT1" | grep -cE "$LAST") $(printf '%s\n' "$OUT2" | grep -cE "$LAST")" "2 2"
pgr --schedule shardsched --shard 2/2 --format tap
lacks "--shard 2/2 --format tap: setup tests are shard 1's" "$OUT" "echo"
contains "--shard 2/2 --format tap: its two tests" "$OUT" "1..2"
# --durations: a run without --shard writes each test's time; a shard
# deals the longest first (tables alone on one shard here).
pgr --schedule shardsched --durations dur.json
is "--durations: the run passes" "$STATUS" 0
check "--durations: written for each test" grep -q '"\./sql/expanded\.sql"' dur.json
printf '{"schema": "sqlcheck-durations", "version": 1, "files": {"./sql/tables.sql": 100, "./sql/boundaries.sql": 1, "./sql/crosstab.sql": 1, "./sql/expanded.sql": 1}}\n' >dur.json
pgr --schedule shardsched --durations dur.json --shard 1/2
matches "--shard with --durations: the longest test" "$OUT" '^test tables +\.\.\. ok '
is "--shard with --durations: alone on its shard" \
    "$(printf '%s\n' "$OUT" | grep -cE '(boundaries|crosstab|expanded) +\.\.\.')" 0
check "--shard: a shard does not write --durations" grep -q '"\./sql/tables\.sql": 100' dur.json
pgr --durations "$WORK/no/such/dir/d.json" echo
is "--durations not writable: exit 2 before running" "$STATUS" 2
contains "--durations not writable: said" "$ERR" "cannot write \"$WORK/no/such/dir/d.json\""
lacks "--durations not writable: no test ran" "$OUT" "test echo"
# What cannot be split is refused: tests named one after the other.
pgr --shard 1/2 echo tables
is "--shard on serial tests: exit 2" "$STATUS" 2
contains "--shard on serial tests: why" "$ERR" \
    '--shard 1/2: cannot split this run: its last group is the one test "tables"'
pgr -j 2 --shard 2/2 echo tables
is "--shard with -j: exit 0" "$STATUS" 0
matches "--shard with -j: the second test" "$OUT" '^test tables +\.\.\. ok '
lacks "--shard with -j: not the first" "$OUT" "echo "
pgr --shard 3/2 echo
is "bad --shard: exit 2" "$STATUS" 2
contains "bad --shard: said" "$ERR" 'bad --shard "3/2"'

# --format tap: one test per script.
pgr --format tap echo stop
is "--format tap: exit 1" "$STATUS" 1
contains "--format tap: the passing script" "$OUT" "ok 1 - "
contains "--format tap: the failing script" "$OUT" "not ok 2 - "

# A meta-command sqlcheck does not reproduce fails its test, named once.
pgr unsupported
is "unsupported meta-command: exit 1" "$STATUS" 1
contains "unsupported meta-command: FILE:LINE and name" "$OUT" \
    "./sql/unsupported.sql:3: psql meta-command \\password is not supported by sqlcheck pg-regress"
is "unsupported meta-command: reported once" \
    "$(printf '%s\n' "$OUT" | grep -c 'is not supported by sqlcheck')" 1
# refused NAME LINE WHAT SCRIPT: what sqlcheck does not reproduce fails
# the script's test, named with FILE:LINE, instead of printing something
# else.
refused()
{
	printf '%b' "$5" >"sql/$1.sql"
	pgr "$1"
	is "$3: exit 1" "$STATUS" 1
	contains "$3: FILE:LINE and what" "$OUT" \
	    "./sql/$1.sql:$2: psql meta-command \\$4 is not supported by sqlcheck pg-regress"
}
# \conninfo (its socket path and port), \prompt (it would read the
# script's next line), FETCH_COUNT under \x in csv (its batches not
# reproduced).
refused unsupported3 1 "\\conninfo" "conninfo" \
    '\\conninfo\nSELECT 1 AS a;\n'
refused unsupported4 1 "\\prompt" "prompt" \
    '\\prompt name\nSELECT 1 AS a;\n'
# \copyright (psql's licence text, not an "invalid command")
refused unsupported8 2 "\\copyright" "copyright" \
    'SELECT 1 AS a;\n\\copyright\n'
refused unsupported5 4 "FETCH_COUNT under \\x in csv" "set FETCH_COUNT with \\x" \
    '\\set FETCH_COUNT 2\n\\x on\n\\pset format csv\nSELECT 1 AS a;\n'
# ECHO_HIDDEN (on or noexec) before a command that runs catalog queries:
# psql prints its own queries, sqlcheck's are not those.
refused unsupported6 3 "\\dn with ECHO_HIDDEN" "dn with ECHO_HIDDEN" \
    '\\set ECHO_HIDDEN on\nSELECT 1 AS a;\n\\dn\n'
refused unsupported7 2 "\\gdesc with ECHO_HIDDEN noexec" \
    "gdesc with ECHO_HIDDEN" '\\set ECHO_HIDDEN noexec\nSELECT 1 AS a \\gdesc\n'

# \timing on: a "Time: N ms" line after each query, as psql prints it
# (its messages are compared with psql's in output.sql).
printf '\\timing on\nSELECT 1 AS a;\nSELECT 1/0;\n' >sql/timing.sql
pgr timing
is "\\timing: a Time line after each query, failed ones too" \
    "$(grep -cE '^Time: [0-9]+\.[0-9]{3} ms$' results/timing.out)" 2
is "\\timing: after the result and its blank line" \
    "$(grep -A2 '^(1 row)$' results/timing.out | tail -n 1 | cut -c1-5)" "Time:"

# --temp-instance: a server of its own with what pg_regress adds to its
# postgresql.conf (max_prepared_transactions = 2) and each --temp-config
# file; a --temp-config that cannot be read ends the run (exit 2).
mkdir -p tinst/sql tinst/expected
printf 'SHOW max_prepared_transactions;\nSHOW work_mem;\n' >tinst/sql/conf.sql
printf '%s\n' 'SHOW max_prepared_transactions;' \
    ' max_prepared_transactions ' '---------------------------' ' 2' \
    '(1 row)' '' 'SHOW work_mem;' ' work_mem ' '----------' ' 7MB' \
    '(1 row)' '' >tinst/expected/conf.out
printf "work_mem = '7MB'\n" >tinst/extra.conf
"$SQLCHECK" pg-regress --temp-instance=./tmp_check \
    --temp-config=tinst/extra.conf --inputdir=tinst --outputdir=tinst conf \
    >"$WORK/out" 2>&1
is "--temp-instance --temp-config: exit 0" "$?" 0
contains "--temp-instance --temp-config: the settings were in force" \
    "$(cat "$WORK/out")" " All 1 tests passed. "
# ... and keeps the server's logs where pg_regress keeps them.
contains "--temp-instance: initdb's log in OUTPUTDIR/log" \
    "$(cat tinst/log/initdb.log)" "Success"
contains "--temp-instance: the server's log in OUTPUTDIR/log" \
    "$(cat tinst/log/postmaster.log)" "database system is ready to accept connections"
"$SQLCHECK" pg-regress --temp-instance=./tmp_check \
    --temp-config=tinst/no-such.conf --inputdir=tinst --outputdir=tinst conf \
    >"$WORK/out" 2>&1
is "--temp-config missing: exit 2" "$?" 2
contains "--temp-config missing: the file named" "$(cat "$WORK/out")" \
    "--temp-config: tinst/no-such.conf: cannot open"

# --temp-instance: an output directory that cannot be created ends the
# run before the server starts (it was left running): the error comes
# before the one of a --temp-config that cannot be read.
"$SQLCHECK" pg-regress --temp-instance=./tmp_check \
    --temp-config=tinst/no-such.conf --inputdir=tinst \
    --outputdir=/proc/no-such/out conf >"$WORK/out" 2>&1
is "--temp-instance, outputdir not creatable: exit 2" "$?" 2
contains "--temp-instance, outputdir not creatable: before the server" \
    "$(cat "$WORK/out")" 'cannot create "/proc/no-such/out"'

# --temp-instance: its server has pg_regress's environment (PGHOST and
# PGPORT to itself, PGTZ, PGOPTIONS, PGAPPNAME=pg_regress), so dblink's
# loopback connections work as under pg_regress; any role connects (\c).
if [ -e "$(pg_config --sharedir 2>/dev/null)/extension/dblink.control" ]; then
	printf '%s\n' 'CREATE EXTENSION dblink;' \
	    "SELECT * FROM dblink('dbname=regression', 'SELECT current_setting(''application_name''), current_setting(''IntervalStyle''), current_setting(''TimeZone'')') AS t(app text, style text, tz text);" \
	    '\c - regress_tinst_role' 'SELECT current_user;' >tinst/sql/loopback.sql
	{ cat tinst/sql/loopback.sql | head -n 2
	  printf '%s\n' '    app     |      style       |         tz          ' \
	    '------------+------------------+---------------------' \
	    ' pg_regress | postgres_verbose | America/Los_Angeles' '(1 row)' ''
	  printf '%s\n' '\c - regress_tinst_role' 'SELECT current_user;' \
	    '    current_user    ' '--------------------' \
	    ' regress_tinst_role' '(1 row)' ''
	} >tinst/expected/loopback.out
	"$SQLCHECK" pg-regress --temp-instance=./tmp_check \
	    --create-role=regress_tinst_role --inputdir=tinst \
	    --outputdir=tinst loopback >"$WORK/out" 2>&1
	is "--temp-instance: dblink reaches the server, \\c to a role: exit 0" "$?" 0
else
	skip "--temp-instance loopback" "no dblink extension"
fi

# --temp-instance: the cluster's locale and encoding come from the
# environment, as pg_regress's initdb takes them (C: SQL_ASCII).
printf 'SHOW server_encoding;\nSHOW lc_collate;\n' >tinst/sql/locale.sql
printf '%s\n' 'SHOW server_encoding;' ' server_encoding ' '-----------------' \
    ' SQL_ASCII' '(1 row)' '' 'SHOW lc_collate;' ' lc_collate ' '------------' \
    ' C' '(1 row)' '' >tinst/expected/locale.out
env -u LC_ALL -u LC_COLLATE -u LC_CTYPE LANG=C "$SQLCHECK" pg-regress \
    --temp-instance=./tmp_check --inputdir=tinst --outputdir=tinst locale \
    >"$WORK/out" 2>&1
is "--temp-instance: the environment's locale (C, SQL_ASCII): exit 0" "$?" 0
# ... with only the settings pg_regress gives its server on the command
# line and in its environment.
printf '%s\n' "SELECT name, source FROM pg_settings WHERE source IN ('command line', 'environment variable') AND name <> 'unix_socket_directories' ORDER BY 1;" \
    >tinst/sql/cmdline.sql
: >tinst/expected/cmdline.out
"$SQLCHECK" pg-regress --temp-instance=./tmp_check --inputdir=tinst \
    --outputdir=tinst cmdline >"$WORK/out" 2>&1
is "--temp-instance: the server's settings as pg_regress's" \
    "$(sed -n '4,6p' tinst/results/cmdline.out | tr -s ' ' | tr '\n' ';')" \
    " fsync | command line; listen_addresses | command line; port | environment variable;"
# ... and listens on pg_regress's port: 0xC000 | (PG_VERSION_NUM & 0x3FFF).
ver=$(pg_config --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
if [ -n "$ver" ]; then
	set -- $ver
	printf 'SHOW port;\n' >tinst/sql/port.sql
	: >tinst/expected/port.out
	"$SQLCHECK" pg-regress --temp-instance=./tmp_check --inputdir=tinst \
	    --outputdir=tinst port >"$WORK/out" 2>&1
	is "--temp-instance: pg_regress's port" \
	    "$(sed -n 4p tinst/results/port.out | tr -d ' ')" \
	    "$((0xC000 | (($1 * 10000 + $2) & 0x3FFF)))"
else
	skip "--temp-instance: pg_regress's port" "no pg_config"
fi
# ... or on --port, as pg_regress's.
"$SQLCHECK" pg-regress --temp-instance=./tmp_check --port=54329 \
    --inputdir=tinst --outputdir=tinst port >"$WORK/out" 2>&1
is "--temp-instance --port: that port" \
    "$(sed -n 4p tinst/results/port.out | tr -d ' ')" 54329

# --no-locale: the tests' environment without LANG and LC_* but
# LC_MESSAGES=C, as pg_regress clears them.
printf '%s\n' '\getenv l LANG' '\echo :l' '\getenv c LC_COLLATE' '\echo :c' \
    '\getenv m LC_MESSAGES' '\echo :m' >sql/nolocale.sql
LANG=C.UTF-8 LC_COLLATE=C.UTF-8 pgr --no-locale nolocale
is "--no-locale: LANG and LC_COLLATE unset, LC_MESSAGES C" \
    "$(grep -v '^\\' results/nolocale.out | tr '\n' ' ')" ":l :c C "

# The environment's directories, absolute and tidied as pg_regress
# gives them, whatever form the options had.
printf '%s\n' '\getenv a PG_ABS_SRCDIR' '\echo :a' '\getenv b PG_ABS_BUILDDIR' \
    '\echo :b' '\getenv c PG_LIBDIR' '\echo :c' >sql/envdirs.sql
mkdir -p envout/x
pgr --inputdir=./sql/.. --outputdir=envout//x/../ --dlpath=lib/ envdirs
here=$(pwd -P)
is "PG_ABS_SRCDIR, PG_ABS_BUILDDIR, PG_LIBDIR: absolute (--dlpath)" \
    "$(grep '^/' envout/results/envdirs.out | tr '\n' ' ')" \
    "$here $here/envout $here/lib "
pgr --bindir=/usr/lib/postgresql/15/bin/ --outputdir=envout envdirs
if [ -d /usr/lib/postgresql/15/lib ]; then
	is "PG_LIBDIR: BINDIR/../lib with --bindir" \
	    "$(grep '^/' envout/results/envdirs.out | tail -n 1)" \
	    /usr/lib/postgresql/15/lib
else
	missing "PG_LIBDIR from --bindir" "no /usr/lib/postgresql/15"
fi

# --load-extension: created in the databases pg-regress creates, not in
# an existing one (--use-existing), as pg_regress 15 does.
printf "SELECT count(*) AS n FROM pg_extension WHERE extname = 'citext';\n" \
    >sql/loadext.sql
: >expected/loadext.out
pgr --load-extension=citext --outputdir=extout loadext
is "--load-extension with --use-existing: not created" \
    "$(sed -n 4p extout/results/loadext.out | tr -d ' ')" 0
"$SQLCHECK" pg-regress --dbname=$DB --load-extension=citext \
    --outputdir=extout loadext >"$WORK/out" 2>&1
is "--load-extension: created in the new database" \
    "$(sed -n 4p extout/results/loadext.out | tr -d ' ')" 1

# --create-role: (re)created with LOGIN and granted the databases made,
# on the session that made them; twice in a row works (dropped first).
ROLE=sqlcheck_pgr_role_$$
printf "SELECT rolcanlogin, has_database_privilege('%s', current_database(), 'CREATE') AS c FROM pg_roles WHERE rolname = '%s';\n" \
    "$ROLE" "$ROLE" >sql/mkrole.sql
: >expected/mkrole.out
for i in 1 2; do
	"$SQLCHECK" pg-regress --dbname=$DB --create-role=$ROLE \
	    --outputdir=roleout mkrole >"$WORK/out" 2>&1
	is "--create-role (run $i): the role logs in and is granted the database" \
	    "$(sed -n 4p roleout/results/mkrole.out | tr -d ' ')" "t|t"
done
"$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" \
    -c "DROP ROLE IF EXISTS $ROLE" >/dev/null 2>&1

# The PGXS line: make installcheck with pg_regress replaced.
if have pg_config && [ -f "$(pg_config --pgxs 2>/dev/null)" ] && have make; then
	cat >Makefile <<MK
REGRESS = echo boundaries
CONTRIB_TESTDB = $DB
PG_CONFIG = pg_config
PGXS := \$(shell \$(PG_CONFIG) --pgxs)
include \$(PGXS)
MK
	make installcheck pg_regress_installcheck="$SQLCHECK pg-regress --inputdir=./" \
	    >"$WORK/out" 2>&1
	is "PGXS installcheck: make succeeds" "$?" 0
	contains "PGXS installcheck: sqlcheck ran the tests" "$(cat "$WORK/out")" \
	    " All 2 tests passed. "
else
	missing "PGXS installcheck" "no pg_config --pgxs (postgresql-server-dev)"
fi

done_testing
