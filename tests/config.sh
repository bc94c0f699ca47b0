#!/bin/sh
# config.sh: sqlcheck.conf on SQLite.  A suite with one schema per
# engine (tests/fixtures/config) runs with no option from its directory,
# from elsewhere with --config, and not with --no-config; the command
# line wins over the engine's section, which wins over [sqlcheck] (a
# list is replaced, not added to); ${VAR} expands; --print-config shows
# each option and its origin (compared line by line); -v names the file;
# every malformed file is an error at FILE:LINE with exit 2.  The same
# suite on PostgreSQL and MariaDB is in dialects.sh.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
SUITE=$WORK/suite
cp -R "$top_srcdir/tests/fixtures/config" "$SUITE"
chmod -R u+w "$SUITE"
HERE=$(pwd)

# run_in DIR ARGS...: sqlcheck run from DIR.
run_in()
{
	_dir=$1
	shift
	cd "$_dir" || exit 99
	run_sqlcheck "$@"
	cd "$HERE" || exit 99
}

# The suite as a user runs it: no option at all.
run_in "$SUITE" --color never
is_status "no option: the suite passes" 0
is "no option: paths and the [sqlcheck] schema apply" "$(last_line "$OUT")" \
    "1 passed, 0 failed, 0 skipped"
contains "no option: the file of paths = tests ran" "$OUT" \
    "tests/item.sqltest"

run_in "$SUITE" --color never -v
contains "-v names the file read and its sections" "$ERR" \
    "configuration file sqlcheck.conf: [sqlcheck], [postgres], [mariadb]"
run_in "$SUITE" --color never -v --no-config tests
contains "-v says when no file is read" "$ERR" "no configuration file"

# --no-config: no schema, so the table is missing.
run_in "$SUITE" --color never --no-config tests
is_status "--no-config ignores the file (no schema: the test fails)" 1

# --config FILE from elsewhere: its paths are relative to the file.
run_in "$WORK" --color never --config suite/sqlcheck.conf
is_status "--config from another directory passes" 0
contains "--config: paths relative to the file" "$OUT" \
    "suite/tests/item.sqltest"
run_in "$WORK" --color never --config suite/none.conf
is_status "--config naming a missing file: exit 2" 2
contains "--config naming a missing file says so" "$ERR" \
    "suite/none.conf: cannot open: No such file or directory"
run_in "$WORK" --config suite/sqlcheck.conf --no-config
is_status "--config with --no-config: exit 2" 2

# The example suite's sqlcheck.conf: the suite passes from its directory,
# as it does from the repository root without the file.
run_in "$top_srcdir/sql-tests" --color never
is_status "sql-tests/sqlcheck.conf: the example suite passes in sql-tests" 0
matches "sql-tests/sqlcheck.conf: nothing failed" "$(last_line "$OUT")" \
    '^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$'
contains "sql-tests/sqlcheck.conf: the dialects example ran" "$OUT" \
    "dialects/music.sqltest"
run_in "$top_srcdir/sql-tests" --print-config -d mysql
contains "sql-tests/sqlcheck.conf: [mysql] sets jobs" "$OUT" \
    "; [mysql] sqlcheck.conf:"

# The command line replaces the file's value, a list included.
cat >"$SUITE/other.sql" <<'EOF'
CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO item VALUES (1, 'other');
EOF
run_in "$SUITE" --color never --schema other.sql
is_status "--schema on the command line replaces the file's" 1
contains "the command line's schema was the only one" "$OUT" "other"

# --print-config: every option, its value and its origin.
run_in "$SUITE" --print-config -j 3
is_status "--print-config exits 0" 0
cat >"$WORK/want" <<'EOF'
; engine: sqlite
; configuration file: sqlcheck.conf
driver = sqlite                          ; default
isolation = auto                         ; default
jobs = 3                                 ; command line
schema = schema/shop.sqlite.sql          ; [sqlcheck] sqlcheck.conf:4
migrations =                             ; default
max-rows = 1000000                       ; default
paths = tests                            ; [sqlcheck] sqlcheck.conf:3
EOF
printf '%s\n' "$OUT" | grep -E '^(;|driver|isolation|jobs|schema|migrations|max-rows|paths) ' \
    >"$WORK/got"
check "--print-config: values and origins" diff "$WORK/want" "$WORK/got"
lacks "--print-config leaves out command-line actions" "$OUT" "rewrite ="
run_in "$SUITE" --print-config -d mariadb
if [ "$STATUS" = 2 ] && printf '%s' "$ERR" | grep -q 'not compiled-in'; then
	skip "--print-config -d mariadb" "no mysql driver"
else
	contains "--print-config -d mariadb: the alias section wins" "$OUT" \
	    "schema = schema/shop.mysql.sql           ; [mariadb] sqlcheck.conf:11"
	contains "--print-config -d mariadb: [sqlcheck] for the rest" "$OUT" \
	    "jobs = 2                                 ; [sqlcheck] sqlcheck.conf:5"
fi
run_in "$SUITE" --print-config --no-config
contains "--print-config --no-config: no file" "$OUT" \
    "; configuration file: none"
contains "--print-config --no-config: default paths" "$OUT" \
    "paths = sql-tests                        ; default"

# ${VAR}, booleans, SQLCHECK_DSN's origin.
cat >"$WORK/env.conf" <<'EOF'
[sqlcheck]
schema = ${CONFIG_SCHEMA_DIR}/shop.sqlite.sql
paths = suite/tests
fail-fast = yes
EOF
CONFIG_SCHEMA_DIR=suite/schema
export CONFIG_SCHEMA_DIR
run_in "$WORK" --color never --config env.conf
is_status "\${VAR} expands in a value" 0
SQLCHECK_DSN=$WORK/db.sqlite run_in "$WORK" --config env.conf --print-config
contains "--print-config: a boolean set in the file" "$OUT" \
    "fail-fast = yes                          ; [sqlcheck] env.conf:4"
contains "--print-config: the dsn from SQLCHECK_DSN" "$OUT" \
    "; environment (SQLCHECK_DSN)"
unset SQLCHECK_DSN

# Malformed files: FILE:LINE, a hint, exit 2.  One case a line:
# the file's text (printf format) | the message.
bad()
{
	printf "$1" >"$WORK/bad.conf"
	run_in "$WORK" --config bad.conf --color never suite/tests
	is_status "malformed: $3: exit 2" 2
	contains "malformed: $3: message" "$ERR" "sqlcheck: $2"
}
bad '[sqlcheck]\njobs = 2\n[oracle]\njobs = 3\n' \
    'bad.conf:3: unknown section [oracle] (expected [sqlcheck] or an engine:' \
    "unknown section"
bad '[sqlcheck]\nshema = x.sql\n' \
    'bad.conf:2: unknown key "shema" (keys are the long option names' \
    "unknown key"
bad '[sqlcheck]\n\njobs = many\n' \
    'bad.conf:3: bad --jobs "many": give a number from 1 to 1024' \
    "bad number"
bad '[sqlcheck]\n[mysql]\nisolation = sometimes\n' \
    'bad.conf:3: unknown isolation "sometimes": use auto, transaction or database' \
    "bad value in another engine's section"
bad '[sqlcheck]\nschema = suite/schema/nothere.sql\n' \
    'bad.conf:2: schema = suite/schema/nothere.sql: suite/schema/nothere.sql: No such file or directory (paths are relative' \
    "missing file"
bad '[sqlcheck]\nrewrite = yes\n' \
    'bad.conf:2: rewrite is for the command line only' \
    "command-line-only option"
bad '[sqlcheck]\nquiet = perhaps\n' \
    'bad.conf:2: quiet = perhaps: write yes or no' \
    "bad boolean"
bad '[sqlcheck]\njobs = 2\njobs = 3\n' \
    'bad.conf:3: jobs is already set in [sqlcheck] at line 2' \
    "a key twice"
bad 'jobs = 2\n' \
    'bad.conf:1: a setting before any section' \
    "no section"
bad '[sqlcheck]\nthis is not a setting\n' \
    'bad.conf:2: expected [SECTION] or KEY = VALUE' \
    "syntax error"
bad '[sqlcheck]\npaths = suite/tests\n  jobs = 3\n' \
    'bad.conf:3: this line starts with a space, so it continues the value of "paths"' \
    "indented line"
bad '[sqlcheck]\ndsn = ${SQLCHECK_TEST_UNSET_VAR}\n' \
    'bad.conf:2: unset variable "${SQLCHECK_TEST_UNSET_VAR}"' \
    "unset variable"
bad '[postgres]\ndriver = mysql\n' \
    'bad.conf:2: driver belongs in [sqlcheck]' \
    "driver in an engine's section"
bad '[sqlcheck]\ndriver = oracle\n' \
    'bad.conf:2: unknown engine "oracle"' \
    "unknown driver"
bad "[sqlcheck]\\ndsn = $(printf '%0300d' 0)\\n" \
    'bad.conf:2: line longer than' \
    "a line too long"

# A list continued on an indented line is fine.
printf '[sqlcheck]\nschema = suite/schema/shop.sqlite.sql,\n    suite/other-rows.sql\npaths = suite/tests\n' \
    >"$WORK/list.conf"
echo "INSERT INTO item VALUES (2, 'two');" >"$WORK/suite/other-rows.sql"
run_in "$WORK" --config list.conf --print-config
contains "a list continued on an indented line" "$OUT" \
    "schema = suite/schema/shop.sqlite.sql, suite/other-rows.sql"

done_testing
