#!/bin/sh
# documented.sh: behaviours sqlcheck(1) documents, on SQLite.  --tag and
# --exclude-tag take comma-separated lists, match tags whatever their case,
# and --exclude-tag wins; -j takes 1 to 1024; --timeout takes a fraction;
# --max-rows stops a result at a million rows by default; an SQLite DSN
# may be a file: URI, :memory: or empty, and a database file is never
# created; several --schema apply in the order given; an unreadable
# --migrations directory is an error; a second SIGTERM kills sqlcheck
# while the first waits for a statement; --log escapes tab, CR and
# backslash; --rewrite never rewrites a sqllogictest file.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
# Paths in the output are as given: run from tests/.
cd "$top_srcdir/tests" || exit 99
fx=fixtures

#
# --tag and --exclude-tag: lists, case, precedence.  pass.sqltest is
# tagged "fast, demo", fail.sqltest "slow", skipped.sqltest "fast" (and
# is for another engine).
#
files="$fx/pass.sqltest $fx/fail.sqltest $fx/skipped.sqltest"
# shellcheck disable=SC2086
run_sqlcheck --tag fast,slow $files
is "--tag a,b: a list, as --tag a --tag b" "$(last_line "$OUT")" \
    "4 passed, 2 failed, 2 skipped"
# shellcheck disable=SC2086
run_sqlcheck --tag FAST $files
is_status "--tag FAST: exit status 0" 0
is "--tag FAST: matches the tag fast" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 5 skipped"
# shellcheck disable=SC2086
run_sqlcheck --tag fast --exclude-tag DEMO $files
is_status "--exclude-tag wins over --tag: exit status 0" 0
contains "--exclude-tag wins over --tag: the file tagged both is left out" \
    "$OUT" "skip $fx/pass.sqltest  (tag DEMO excluded)"
is "--exclude-tag wins over --tag: nothing ran" "$(last_line "$OUT")" \
    "0 passed, 0 failed, 8 skipped"
# shellcheck disable=SC2086
run_sqlcheck --exclude-tag slow,Demo $files
is "--exclude-tag a,B: a list, whatever the case" "$(last_line "$OUT")" \
    "0 passed, 0 failed, 8 skipped"
contains "--exclude-tag a,B: names the tag" "$OUT" \
    "skip $fx/fail.sqltest  (tag slow excluded)"

#
# -j: 1 to 1024.
#
for n in 0 1025 -1 x; do
	run_sqlcheck -j "$n" "$fx/pass.sqltest"
	is_status "-j $n: a usage error (exit status 2)" 2
	contains "-j $n: says the range" "$ERR" \
	    "bad --jobs \"$n\": give a number from 1 to 1024"
done
for n in 1 1024; do
	run_sqlcheck -j "$n" "$fx/pass.sqltest" "$fx/fail.sqltest"
	is "-j $n: runs" "$(last_line "$OUT")" "4 passed, 2 failed, 0 skipped"
done

#
# --timeout takes a fraction of a second.
#
run_sqlcheck --timeout 0.5 fixtures-runner/runaway.sqltest
is_status "--timeout 0.5: exit status 1" 1
contains "--timeout 0.5: the runaway query timed out after 0.5 s" "$OUT" \
    "timed out after 0.5 s (the statement was cancelled)"
is "--timeout 0.5: the file goes on" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 0 skipped"
run_sqlcheck --timeout 0.5x fixtures-runner/runaway.sqltest
is_status "--timeout 0.5x: a usage error" 2

#
# --max-rows: a million rows by default.
#
cat >"$WORK/rows.sqltest" <<'EOF'
-- test: a million rows and one
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000001)
SELECT x FROM c;
-- expect 1000001 rows

-- test: a million rows
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)
SELECT x FROM c;
-- expect 1000000 rows
EOF
run_sqlcheck "$WORK/rows.sqltest"
is_status "--max-rows default: a result over a million rows fails" 1
contains "--max-rows default: ... at 1000000 rows" "$OUT" \
    "the result has more than 1000000 rows (--max-rows 1000000)"
is "--max-rows default: a million rows pass" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 0 skipped"

#
# SQLite DSNs: a file: URI, :memory:, empty; a file is never created.
#
cp "$fx/pass.sqltest" "$WORK/p.sqltest"
sqlite3 "$WORK/user.db" "CREATE TABLE user_table (a integer)" 2>/dev/null ||
    echo "Bail out! cannot create $WORK/user.db"
dump_save user sqlite3 "$WORK/user.db" .dump
for dsn in "file:$WORK/user.db" ":memory:" ""; do
	run_sqlcheck --dsn "$dsn" "$WORK/p.sqltest"
	is "--dsn \"$dsn\": the file runs" "$STATUS $(last_line "$OUT")" \
	    "0 3 passed, 0 failed, 0 skipped"
done
same_dump "--dsn file:...: the database is unchanged" user \
    sqlite3 "$WORK/user.db" .dump
for dsn in "$WORK/none.db" "file:$WORK/none-uri.db"; do
	run_sqlcheck --dsn "$dsn" "$WORK/p.sqltest"
	is_status "--dsn $dsn, no such file: exit status 2" 2
	contains "--dsn $dsn, no such file: says so" "$ERR" \
	    "cannot open sqlite database \"$dsn\""
done
ls "$WORK"/none* >"$WORK/created" 2>/dev/null
is "a database file is never created" "$(cat "$WORK/created")" ""

#
# Several --schema apply in the order given.
#
printf 'CREATE TABLE a (id integer PRIMARY KEY);\n' >"$WORK/1-a.sql"
printf 'CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));\nINSERT INTO a VALUES (1);\n' \
    >"$WORK/2-b.sql"
printf -- '-- test: both schemas\nSELECT count(*) FROM a;\n-- expect:\n1\n' \
    >"$WORK/schemas.sqltest"
run_sqlcheck --schema "$WORK/1-a.sql" --schema "$WORK/2-b.sql" \
    "$WORK/schemas.sqltest"
is "two --schema in order: the second uses the first" \
    "$STATUS $(last_line "$OUT")" "0 1 passed, 0 failed, 0 skipped"
run_sqlcheck --schema "$WORK/2-b.sql" --schema "$WORK/1-a.sql" \
    "$WORK/schemas.sqltest"
is_status "two --schema the other way round: the setup fails" 1
contains "two --schema the other way round: the second file ran first" \
    "$OUT" "2-b.sql:2: schema failed: no such table: a"

#
# An unreadable --migrations directory.  (root reads any directory:
# sqlcheck then runs as nobody.)
#
mkdir "$WORK/mig"
printf 'CREATE TABLE m (a integer);\n' >"$WORK/mig/0001_m.sql"
chmod 711 "$WORK"
chmod 644 "$WORK/p.sqltest"
chmod 000 "$WORK/mig"
as_user=
if [ "$(id -u)" = 0 ]; then
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	have setpriv || as_user=
fi
if [ "$(id -u)" = 0 ] && [ -z "$as_user" ]; then
	missing "an unreadable --migrations directory: exit status 2" \
	    "no setpriv(1) to run sqlcheck as nobody"
	missing "an unreadable --migrations directory: says why" "no setpriv(1)"
else
	$as_user "$SQLCHECK_BIN" --migrations "$WORK/mig" "$WORK/p.sqltest" \
	    >"$WORK/mig.out" 2>&1 </dev/null
	is "an unreadable --migrations directory: exit status 2" "$?" 2
	contains "an unreadable --migrations directory: says why" \
	    "$(cat "$WORK/mig.out")" \
	    "--migrations: $WORK/mig: cannot open directory: Permission denied"
fi
chmod 755 "$WORK/mig"

#
# A second SIGTERM kills sqlcheck while the first waits for a statement
# blocked by another process's lock.
#
db=$WORK/user.db
rm -f "$WORK/release"
sqlite3 "$db" "BEGIN EXCLUSIVE" "INSERT INTO user_table VALUES (9)" \
    ".shell i=0; while [ ! -e $WORK/release ] && [ \$i -lt 6000 ]; do sleep 0.05; i=\$((i+1)); done" \
    "ROLLBACK" >/dev/null 2>&1 &
locker=$!
locked()
{
	! sqlite3 "$db" "SELECT count(*) FROM user_table" >/dev/null 2>&1
}
wait_for 60 locked
printf -- '-- setup\nINSERT INTO user_table VALUES (1);\n\n-- test: t\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/locked.sqltest"
"$SQLCHECK" --dsn "$db" "$WORK/locked.sqltest" >"$WORK/term.out" 2>&1 \
    </dev/null &
pid=$!
db_open()
{
	catches "$1" 15 && ls -l "/proc/$1/fd" 2>/dev/null |
	    grep -q -- "-> $db\$"
}
wait_for 60 db_open "$pid"
ok "second SIGTERM: sqlcheck has its handler and the database open" $?
kill -TERM "$pid"
handled()
{
	! catches "$1" 15 || ! kill -0 "$1" 2>/dev/null
}
wait_for 60 handled "$pid"
if kill -0 "$pid" 2>/dev/null; then
	pass "second SIGTERM: the first one waits for the locked statement"
	kill -TERM "$pid"
	gone()
	{
		! kill -0 "$1" 2>/dev/null
	}
	wait_for 60 gone "$pid"
	ok "second SIGTERM: sqlcheck ends while the lock is still held" \
	    "$([ ! -e "$WORK/release" ] && kill -0 "$locker"; echo $?)"
	wait "$pid"
	is "second SIGTERM: killed by SIGTERM (status 143)" "$?" 143
	lacks "second SIGTERM: no summary" "$(cat "$WORK/term.out")" " passed, "
else
	wait "$pid"
	skip "second SIGTERM: the first one waits for the locked statement" \
	    "the first came before the statement and ended the run ($?)"
fi
touch "$WORK/release"
wait "$locker"
same_dump "second SIGTERM: the database is unchanged" user \
    sqlite3 "$db" .dump

#
# --log escapes tab, CR and backslash (one statement, one line).
#
printf -- "-- test: tab, CR and backslash\nSELECT 'a\tb', 'c\rd', 'e\\\\f';\n-- expect:\na\tb | c\rd | e\\\\f\n" \
    >"$WORK/esc.sqltest"
run_sqlcheck --log "$WORK/esc.log" "$WORK/esc.sqltest"
is "--log escaping: the test passes" "$STATUS $(last_line "$OUT")" \
    "0 1 passed, 0 failed, 0 skipped"
is "--log escaping: one line" "$(wc -l <"$WORK/esc.log" | tr -d ' ')" 1
is "--log escaping: \\t, \\r and \\\\" "$(cut -f 4- "$WORK/esc.log")" \
    "SELECT 'a\\tb', 'c\\rd', 'e\\\\f'"

#
# --rewrite never rewrites a sqllogictest file.
#
printf 'statement ok\nCREATE TABLE t (a INTEGER)\n\nquery I nosort\nSELECT 1\n----\n2\n' \
    >"$WORK/wrong.test"
cp "$WORK/wrong.test" "$WORK/wrong.test.orig"
run_sqlcheck --rewrite "$WORK/wrong.test"
is_status "--rewrite on a sqllogictest file: the failure is reported" 1
contains "--rewrite on a sqllogictest file: the wrong result" "$OUT" \
    "wrong.test:4: query I"
check "--rewrite on a sqllogictest file: the file is unchanged" \
    cmp "$WORK/wrong.test" "$WORK/wrong.test.orig"
run_sqlcheck --rewrite --diff "$WORK/wrong.test"
lacks "--rewrite --diff on a sqllogictest file: no diff" "$OUT" "+++ "
contains "--rewrite --diff on a sqllogictest file: the report" "$OUT" \
    "1 passed, 1 failed, 0 skipped"

done_testing
