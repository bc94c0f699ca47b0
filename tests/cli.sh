#!/bin/sh
# cli.sh: the sqlcheck command on fixture files with known outcomes: exit
# status, the summary line, the failure text, and every option a user
# relies on (-k, --tag, --exclude-tag, -x, -q, -v, --help, --version,
# colour, the default path, bad options and drivers).
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

# Run from tests/ so that paths in the output are the ones given here.
cd "$top_srcdir/tests" || {
	echo "Bail out! cannot cd to $top_srcdir/tests"
	exit 99
}
SUMMARY_RE='^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'

# One passing file.
run_sqlcheck fixtures/pass.sqltest
is_status "pass: exit status 0" 0
is "pass: the summary is the last line" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 0 skipped"
is "pass: one line for the file" "$(untimed "$(printf '%s\n' "$OUT" |
    head -n 1)")" "ok   fixtures/pass.sqltest  (3 tests)"
matches "pass: the file line has a time" "$OUT" \
    '^ok   fixtures/pass\.sqltest  \(3 tests, [0-9]+ ms\)$'
is "pass: nothing on standard error" "$ERR" ""

# Failures: FILE:LINE, the name, the SQL, a diff in cell syntax.
run_sqlcheck fixtures/fail.sqltest
is_status "fail: exit status 1" 1
is "fail: summary" "$(last_line "$OUT")" "1 passed, 2 failed, 0 skipped"
matches "fail: the file line says FAIL and how many" "$OUT" \
    '^FAIL fixtures/fail\.sqltest  \(2 of 3 failed, [0-9]+ ms\)$'
matches "fail: FILE:LINE and the name of the first failure" "$OUT" \
    '^ *fixtures/fail\.sqltest:9: wrong second row$'
matches "fail: the SQL of the first failure" "$OUT" \
    '^ *\| SELECT id, name FROM items ORDER BY id$'
matches "fail: the expected row, marked -" "$OUT" '^ *- 2 \| peach$'
matches "fail: the actual row, marked +" "$OUT" '^ *\+ 2 \| pear$'
matches "fail: rows that agree are shown unmarked" "$OUT" '^ +1 \| apple$'
matches "fail: FILE:LINE and the name of the second failure" "$OUT" \
    '^ *fixtures/fail\.sqltest:21: NULL is not the string NULL$'
matches "fail: 'NULL' is written quoted in the diff" "$OUT" "^ *- 'NULL'\$"
matches "fail: SQL NULL is written NULL in the diff" "$OUT" '^ *\+ NULL$'
lacks "fail: the passing test is not shown" "$OUT" \
    "passes between the failures"
is "fail: nothing on standard error" "$ERR" ""

# A failing setup fails the file; its tests do not run.
run_sqlcheck fixtures/setup-fail.sqltest
is_status "setup failure: exit status 1" 1
is "setup failure: counts as one failure" "$(last_line "$OUT")" \
    "0 passed, 1 failed, 0 skipped"
matches "setup failure: FILE:LINE and the engine's message" "$OUT" \
    '^ *fixtures/setup-fail\.sqltest:5: setup failed: no such table: missing_table'
contains "setup failure: the failing statement" "$OUT" \
    "INSERT INTO missing_table VALUES (1)"
lacks "setup failure: the tests did not run" "$OUT" "never runs"

# Expected errors that do not come as expected.
run_sqlcheck fixtures/wrong-condition.sqltest
is_status "wrong condition: exit status 1" 1
is "wrong condition: summary" "$(last_line "$OUT")" \
    "0 passed, 4 failed, 0 skipped"
contains "wrong condition: names both conditions and the SQLSTATE" "$OUT" \
    "expected error foreign_key_violation, got: UNIQUE constraint failed: items.id (unique_violation, SQLSTATE 23505, SQLITE_CONSTRAINT_PRIMARYKEY)"
contains "wrong condition: the message against the regex" "$OUT" \
    "error message does not match /UNIQUE/: NOT NULL constraint failed: items.name"
contains "wrong condition: an error was expected" "$OUT" \
    "expected error, but the statement succeeded"
contains "wrong condition: a named error was expected" "$OUT" \
    "expected error syntax_error, but the statement succeeded"

# Transactions inside tests; several statements in a test.
run_sqlcheck fixtures/txn.sqltest
is_status "transactions: exit status 0" 0
is "transactions: summary" "$(last_line "$OUT")" \
    "7 passed, 0 failed, 0 skipped"
run_sqlcheck fixtures/multi.sqltest
is_status "multi-statement: exit status 1" 1
is "multi-statement: summary" "$(last_line "$OUT")" \
    "3 passed, 1 failed, 0 skipped"
matches "multi-statement: the failing statement's line" "$OUT" \
    '^ *fixtures/multi\.sqltest:19: an earlier statement fails$'
matches "multi-statement: the failing statement" "$OUT" \
    '^ *\| INSERT INTO nowhere VALUES \(5\)$'
contains "multi-statement: the engine's message with its condition" \
    "$OUT" "no such table: nowhere (undefined_table, SQLSTATE 42P01"

# A file for another engine is skipped with its reason.
run_sqlcheck fixtures/skipped.sqltest
is_status "engines: skipped file: exit status 0" 0
is "engines: its tests count as skipped" "$(last_line "$OUT")" \
    "0 passed, 0 failed, 2 skipped"
matches "engines: the skip line says why" "$OUT" \
    '^skip fixtures/skipped\.sqltest  \(.*sqlite.*\)$'

# A directory: searched recursively, in sorted order, .sqltest only.
# (A copy of the fixtures without fixtures/isolation/, which needs the
# database of isolation-sqlite.sh.)
mkdir -p "$WORK/copy/fixtures"
cp fixtures/*.sqltest "$WORK/copy/fixtures/"
(cd "$WORK/copy" && run_sqlcheck fixtures &&
    printf '%s\n%s\n' "$STATUS" "$OUT" >"$WORK/dir.out")
is "directory: exit status 1" "$(head -n 1 "$WORK/dir.out")" 1
is "directory: summary of all files" "$(tail -n 1 "$WORK/dir.out")" \
    "14 passed, 8 failed, 2 skipped"
is "directory: one line a file, sorted" \
    "$(grep -E '^(ok|FAIL|skip|ERROR) ' "$WORK/dir.out" |
    awk '{ print $1, $2 }')" \
    "FAIL fixtures/fail.sqltest
FAIL fixtures/multi.sqltest
ok fixtures/pass.sqltest
FAIL fixtures/setup-fail.sqltest
skip fixtures/skipped.sqltest
ok fixtures/txn.sqltest
FAIL fixtures/wrong-condition.sqltest"
mkdir -p "$WORK/tree/a/deeper"
cp fixtures/pass.sqltest "$WORK/tree/b.sqltest"
cp fixtures/pass.sqltest "$WORK/tree/a/deeper/c.sqltest"
cp fixtures/pass.sqltest "$WORK/tree/a/a.sqltest"
cp fixtures/fail.sqltest "$WORK/tree/.hidden.sqltest"
cp fixtures/fail.sqltest "$WORK/tree/notes.sql"
echo "not a test" >"$WORK/tree/README"
(cd "$WORK" && run_sqlcheck tree/ &&
    printf '%s\n%s\n' "$STATUS" "$OUT" >"$WORK/tree.out")
is "directory: nested, sorted, only *.sqltest, no hidden files" \
    "$(grep -E '^(ok|FAIL|skip|ERROR) ' "$WORK/tree.out" |
    awk '{ print $2 }')" \
    "tree/a/a.sqltest
tree/a/deeper/c.sqltest
tree/b.sqltest"
is "directory: exit status and summary" \
    "$(head -n 1 "$WORK/tree.out") $(tail -n 1 "$WORK/tree.out")" \
    "0 9 passed, 0 failed, 0 skipped"

# Several files in one run, one of them missing.
run_sqlcheck fixtures/pass.sqltest fixtures/nope.sqltest fixtures/txn.sqltest
is_status "missing file: exit status 2" 2
contains "missing file: named on standard error" "$ERR" \
    "fixtures/nope.sqltest"
is "missing file: the other files still run" "$(last_line "$OUT")" \
    "10 passed, 0 failed, 0 skipped"

# -k: test names, by substring or glob.
run_sqlcheck -k second fixtures/fail.sqltest fixtures/pass.sqltest
is_status "-k: exit status 1 (the selected test fails)" 1
is "-k: only the selected test runs" "$(last_line "$OUT")" \
    "0 passed, 1 failed, 0 skipped"
contains "-k: the selected test's failure is shown" "$OUT" "wrong second row"
lacks "-k: other tests are not run" "$OUT" "NULL is not the string NULL"
run_sqlcheck --filter 'count the items' fixtures/pass.sqltest
is "--filter: a whole name" "$(last_line "$OUT")" \
    "1 passed, 0 failed, 0 skipped"
run_sqlcheck -k 'a duplicate*' fixtures/pass.sqltest
is "-k: a glob matches whole names" "$(last_line "$OUT")" \
    "1 passed, 0 failed, 0 skipped"
run_sqlcheck -k 'duplicate*' fixtures/pass.sqltest
is "-k: a glob is anchored" "$(last_line "$OUT")" \
    "0 passed, 0 failed, 0 skipped"
is_status "-k: a glob is anchored (so it selects nothing: exit 2)" 2
run_sqlcheck -k 'count the items' fixtures/pass.sqltest \
    fixtures/setup-fail.sqltest
is_status "-k: a file with no selected test does not fail the run" 0

# --tag and --exclude-tag select files by their tags.
run_sqlcheck --tag fast fixtures/pass.sqltest fixtures/fail.sqltest \
    fixtures/skipped.sqltest
is_status "--tag: exit status 0 (the failing file is not selected)" 0
is "--tag: tests of other files count as skipped" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 5 skipped"
matches "--tag: the skip line says why" "$OUT" \
    '^skip fixtures/fail\.sqltest  \(no selected tag\)$'
run_sqlcheck --tag demo --tag slow fixtures/pass.sqltest \
    fixtures/fail.sqltest
is "--tag: repeatable" "$(last_line "$OUT")" "4 passed, 2 failed, 0 skipped"
run_sqlcheck --exclude-tag slow fixtures/pass.sqltest fixtures/fail.sqltest
is_status "--exclude-tag: exit status 0" 0
is "--exclude-tag: summary" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 3 skipped"
matches "--exclude-tag: the skip line says why" "$OUT" \
    '^skip fixtures/fail\.sqltest  \(.*slow.*\)$'

# Filters that select no test at all: a typo must not make a green run
# of nothing.  Exit 2, with a message naming the filters; a file left out
# by its own "-- engines:" line is no such case.
run_sqlcheck --tag fsat fixtures/pass.sqltest fixtures/fail.sqltest
is_status "--tag matching no file: exit status 2" 2
contains "--tag matching no file: the message names the filter" "$ERR" \
    "no test matches the filters --tag fsat (in 2 files): check them for a typo"
run_sqlcheck -k 'no such test' fixtures/pass.sqltest
is_status "-k matching no test: exit status 2" 2
contains "-k matching no test: the message names the filter" "$ERR" \
    "no test matches the filters -k no such test (in 1 file)"
run_sqlcheck --tag slow --exclude-tag slow fixtures/fail.sqltest
is_status "--tag and --exclude-tag leaving nothing: exit status 2" 2
contains "--tag and --exclude-tag leaving nothing: both are named" "$ERR" \
    "the filters --tag slow --exclude-tag slow"
run_sqlcheck --tag fast -k 'another' fixtures/skipped.sqltest
is_status "filters selecting a test of a file for another engine: exit 0" 0
is "a file for another engine: its tests count as skipped" \
    "$(last_line "$OUT")" "0 passed, 0 failed, 1 skipped"
lacks "a file for another engine: no filter message" "$ERR" "no test matches"
run_sqlcheck fixtures/skipped.sqltest
is_status "no filter, nothing for this engine: exit status 0" 0
run_sqlcheck --shard 3/3 fixtures/pass.sqltest
is_status "--shard is no filter: an empty shard exits 0" 0

# Two modes at once is a usage error, not a silent choice of one.
mkdir -p "$WORK/mig"
run_sqlcheck --clean --check-migrations "$WORK/mig"
is_status "--clean --check-migrations: exit status 2" 2
contains "--clean --check-migrations: both are named" "$ERR" \
    "--clean and --check-migrations are two modes"
run_sqlcheck --check-migrations "$WORK/mig" --rewrite
is_status "--check-migrations --rewrite: exit status 2" 2
contains "--check-migrations --rewrite: both are named" "$ERR" \
    "--check-migrations and --rewrite are two modes"
run_sqlcheck --rewrite --clean
is_status "--rewrite --clean: exit status 2" 2
contains "--rewrite --clean: both are named" "$ERR" \
    "--clean and --rewrite are two modes"

# -x stops at the first failure (one file at a time: -j 1).
run_sqlcheck -j 1 -x fixtures/fail.sqltest fixtures/pass.sqltest
is_status "-x: exit status 1" 1
is "-x: nothing runs after the first failure" "$(last_line "$OUT")" \
    "0 passed, 1 failed, 0 skipped"
lacks "-x: not the next test" "$OUT" "NULL is not the string NULL"
lacks "-x: not the next file" "$OUT" "pass.sqltest"
run_sqlcheck -j 1 --fail-fast fixtures/setup-fail.sqltest \
    fixtures/pass.sqltest
is "--fail-fast: a failing setup stops the run" "$(last_line "$OUT")" \
    "0 passed, 1 failed, 0 skipped"

# -q prints only failures and the summary.
run_sqlcheck -q fixtures/pass.sqltest
is "-q: a passing run prints only the summary" "$OUT" \
    "3 passed, 0 failed, 0 skipped"
run_sqlcheck --quiet fixtures/pass.sqltest fixtures/fail.sqltest
lacks "-q: no line for a passing file" "$OUT" "fixtures/pass.sqltest"
contains "-q: failures are still shown" "$OUT" "- 2 | peach"
is "-q: the summary is still last" "$(last_line "$OUT")" \
    "4 passed, 2 failed, 0 skipped"

# -v echoes each statement and the isolation.
run_sqlcheck -v fixtures/pass.sqltest
is_status "-v: exit status 0" 0
matches "-v: the isolation used is shown" "$OUT$ERR" \
    'isolation: transaction \(rolled back\)'
contains "-v: statements are echoed with FILE:LINE" "$ERR" \
    "fixtures/pass.sqltest:10: SELECT count(*) FROM items"
contains "-v: setup statements too" "$ERR" \
    "fixtures/pass.sqltest:7: INSERT INTO items VALUES (1, 'apple')"
is "-v: the summary is still the last line" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 0 skipped"
run_sqlcheck --verbose --isolation database fixtures/pass.sqltest
matches "-v: --isolation database is shown" "$OUT$ERR" \
    'isolation: scratch database'
run_sqlcheck fixtures/pass.sqltest
lacks "without -v: no isolation line" "$OUT$ERR" "isolation:"

# --help mentions every option; --version.
run_sqlcheck --help
is_status "--help: exit status 0" 0
for opt in -d --driver --dsn --isolation -k --filter --tag --exclude-tag \
    -x --fail-fast --color -v --verbose -q --quiet -h --help -V --version \
    --temp-instance --allow-server-changes; do
	matches "--help mentions $opt" "$OUT" "(^|[ ,])$opt([ ,=]|\$)"
done
contains "--help: states the exit status" "$OUT" "Exit status"
contains "--help: names the default path" "$OUT" "sql-tests"
run_sqlcheck -h
is "-h is --help" "$(printf '%s\n' "$OUT" | head -n 1)" \
    "usage: sqlcheck [OPTIONS] [PATH...]"
run_sqlcheck --version
is_status "--version: exit status 0" 0
matches "--version: name and version" "$OUT" '^sqlcheck [0-9]+\.[0-9]+'
run_sqlcheck -V
matches "-V is --version" "$OUT" '^sqlcheck [0-9]+\.[0-9]+'

# Colour: only when asked for or on a terminal, never with NO_COLOR.
esc=$(printf '\033')
run_sqlcheck --color never fixtures/fail.sqltest
is_status "--color never: the run fails its failing test (exit status 1)" 1
contains "--color never: the report is there" "$OUT" "FAIL"
lacks "--color never: no escape codes" "$OUT" "$esc"
run_sqlcheck fixtures/fail.sqltest
is_status "not a terminal: the run fails its failing test (exit status 1)" 1
contains "not a terminal: the report is there" "$OUT" "FAIL"
lacks "not a terminal: no escape codes" "$OUT" "$esc"
NO_COLOR=1
export NO_COLOR
run_sqlcheck --color auto fixtures/fail.sqltest
unset NO_COLOR
is_status "NO_COLOR: the run fails its failing test (exit status 1)" 1
contains "NO_COLOR: the report is there" "$OUT" "FAIL"
lacks "NO_COLOR: no escape codes" "$OUT" "$esc"
run_sqlcheck --color always fixtures/fail.sqltest
contains "--color always: red FAIL" "$OUT" "${esc}[31mFAIL"
run_sqlcheck --color sometimes fixtures/pass.sqltest
is_status "--color with a bad value: exit status 2" 2
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$SQLCHECK' fixtures/fail.sqltest" /dev/null \
	    >"$WORK/tty.out" 2>&1 </dev/null
	contains "a terminal: colour" "$(cat "$WORK/tty.out")" "${esc}[31mFAIL"
	NO_COLOR=1 script -qec "'$SQLCHECK' fixtures/fail.sqltest" /dev/null \
	    >"$WORK/tty.out" 2>&1 </dev/null
	contains "a terminal with NO_COLOR: the report is there" \
	    "$(cat "$WORK/tty.out")" "FAIL fixtures/fail.sqltest"
	if grep -q "${esc}\[[0-9;]*m" "$WORK/tty.out"; then
		fail "a terminal with NO_COLOR: no colour"
		diag "$(cat -v "$WORK/tty.out")"
	else
		pass "a terminal with NO_COLOR: no colour"
	fi
	# NO_COLOR set but empty is as if unset.
	NO_COLOR= script -qec "'$SQLCHECK' fixtures/fail.sqltest" /dev/null \
	    >"$WORK/tty.out" 2>&1 </dev/null
	contains "a terminal with NO_COLOR empty: colour" \
	    "$(cat "$WORK/tty.out")" "${esc}[31mFAIL"
else
	missing "a terminal: colour" "no script(1) to make a terminal"
	missing "a terminal with NO_COLOR: the report is there" "no script(1)"
	missing "a terminal with NO_COLOR: no colour" "no script(1)"
	missing "a terminal with NO_COLOR empty: colour" "no script(1)"
fi

# The default path is ./sql-tests.
mkdir -p "$WORK/project/sql-tests/sub" "$WORK/empty"
cp fixtures/pass.sqltest "$WORK/project/sql-tests/sub/"
(cd "$WORK/project" && run_sqlcheck &&
    printf '%s\n%s\n' "$STATUS" "$OUT" >"$WORK/default.out")
is "default path: ./sql-tests is run" \
    "$(sed -n 2p "$WORK/default.out" | awk '{ print $1, $2 }')" \
    "ok sql-tests/sub/pass.sqltest"
is "default path: exit status and summary" \
    "$(head -n 1 "$WORK/default.out") $(tail -n 1 "$WORK/default.out")" \
    "0 3 passed, 0 failed, 0 skipped"
(cd "$WORK/empty" && run_sqlcheck &&
    printf '%s\n%s\n' "$STATUS" "$ERR" >"$WORK/default.out")
is "default path missing: exit status 2" "$(head -n 1 "$WORK/default.out")" 2
contains "default path missing: says so" "$(cat "$WORK/default.out")" \
    "sql-tests"

# Usage and connection errors exit 2.
run_sqlcheck --no-such-option fixtures/pass.sqltest
is_status "unknown option: exit status 2" 2
contains "unknown option: usage on standard error" "$ERR" "usage: sqlcheck"
lacks "unknown option: nothing ran" "$OUT" "passed"
run_sqlcheck -d oracle fixtures/pass.sqltest
is_status "unknown driver: exit status 2" 2
contains "unknown driver: named in the message" "$ERR" '"oracle"'
run_sqlcheck --driver sqlite3 fixtures/pass.sqltest
is_status "driver aliases: --driver sqlite3" 0
run_sqlcheck --isolation sometimes fixtures/pass.sqltest
is_status "unknown isolation: exit status 2" 2
run_sqlcheck --dsn "$WORK/no/such/dir/db.sqlite" fixtures/pass.sqltest
is_status "a database that cannot be opened: exit status 2" 2
contains "a database that cannot be opened: named" "$ERR" \
    "$WORK/no/such/dir/db.sqlite"
SQLCHECK_DSN=$WORK/no/such/dir/env.sqlite
export SQLCHECK_DSN
run_sqlcheck fixtures/pass.sqltest
unset SQLCHECK_DSN
is_status "SQLCHECK_DSN is used" 2
contains "SQLCHECK_DSN: named" "$ERR" "env.sqlite"

# The server drivers are modules, loaded only when -d names them: a run
# on SQLite never maps libpq or the MySQL client library.
if [ -z "${SQLCHECK_VALGRIND:-}" ]; then
	LD_DEBUG=libs "$SQLCHECK_BIN" fixtures/pass.sqltest \
	    >"$WORK/ld.out" 2>"$WORK/ld.err"
	is "modules: a SQLite run passes" "$?" 0
	lacks "modules: a SQLite run loads no client library" \
	    "$(cat "$WORK/ld.err")" "libpq"
	lacks "modules: a SQLite run loads no MySQL client library" \
	    "$(grep -E 'calling init' "$WORK/ld.err")" "libmariadb"
	moddir=$(dirname "$SQLCHECK_BIN")
	if [ -f "$moddir/sqlcheck-postgres.so" ]; then
		LD_DEBUG=libs "$SQLCHECK_BIN" -d postgres \
		    --dsn "host=$WORK/nosocket port=1" fixtures/pass.sqltest \
		    >"$WORK/ld.out" 2>"$WORK/ld.err"
		is "modules: -d postgres with no server: exit status 2" "$?" 2
		contains "modules: -d postgres loads libpq" \
		    "$(grep -E 'calling init' "$WORK/ld.err")" "libpq"
	else
		skip "modules: -d postgres loads libpq" "the postgres module was not built"
	fi
fi
mkdir -p "$WORK/bin" "$WORK/badmod"
cp "$SQLCHECK_BIN" "$WORK/bin/sqlcheck"
echo "not a shared object" >"$WORK/badmod/sqlcheck-mysql.so"
SQLCHECK_MODULE_DIR=$WORK/badmod "$WORK/bin/sqlcheck" -d mariadb \
    fixtures/pass.sqltest >"$WORK/mod.out" 2>"$WORK/mod.err"
is "modules: a module that cannot be loaded: exit status 2" "$?" 2
contains "modules: a module that cannot be loaded: says which and why" \
    "$(cat "$WORK/mod.err")" "cannot load the mysql driver $WORK/badmod/sqlcheck-mysql.so"
if ! ls /usr/local/lib/sqlcheck/sqlcheck-postgres.so >/dev/null 2>&1; then
	SQLCHECK_MODULE_DIR=$WORK/badmod "$WORK/bin/sqlcheck" -d pg \
	    fixtures/pass.sqltest >"$WORK/mod.out" 2>"$WORK/mod.err"
	is "modules: a driver that is not there: exit status 2" "$?" 2
	contains "modules: a driver that is not there: says where it looked" \
	    "$(cat "$WORK/mod.err")" "postgres driver was not built or installed: no sqlcheck-postgres.so in $WORK/bin or"
else
	skip "modules: a driver that is not there" "a postgres module is installed in /usr/local/lib/sqlcheck"
fi

# Whatever happens, the summary is the last line.
for f in pass fail setup-fail wrong-condition skipped; do
	run_sqlcheck "fixtures/$f.sqltest"
	matches "$f: the last line is the summary" "$(last_line "$OUT")" \
	    "$SUMMARY_RE"
done

done_testing
