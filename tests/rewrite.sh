#!/bin/sh
# rewrite.sh: record mode.  --rewrite on a copy of a failing suite
# (tests/fixtures-runner/rewrite: wrong rows in each sort mode, wrong
# counts, wrong error conditions, rows where the statement fails, a wrong
# -- expect[sqlite]: block, cells that need quotes, tolerances, comments
# and blank lines everywhere, plus a CRLF file made here), then a plain
# run: everything passes, and nothing but expectation lines changed.
# --rewrite --diff changes nothing and its output, fed to patch -p0, gives
# what --rewrite gives.  Files are replaced by rename (new inode, same
# mode, no temporary file left); a passing file is not touched; --diff
# alone is a usage error.  With SQLCHECK_PG_DSN, --rewrite -d postgres
# adds "-- expect[postgres]" blocks beside shared expectations that only
# PostgreSQL fails (tests/fixtures-runner/rewrite-pg), and SQLite still
# passes.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

fx=$top_srcdir/tests/fixtures-runner
cr=$(printf '\r')

require_engines sqlite

inode() {
	stat -c %i "$1"
}

perms() {
	stat -c %a "$1"
}

# inodes DIR: "NAME INODE" for each file of the suite in DIR.
inodes() {
	for _f in $files; do
		echo "$_f $(inode "$1/$_f.sqltest")"
	done
}

# The names in a directory, dot files included.
listing() {
	(cd "$1" && find . -mindepth 1 | sort | tr '\n' ' ')
}

# A directive that ends the rows of an expectation (in lower case).
directive='^-- *(test|setup|only|skip|include|engines|tags|isolation)([^a-z]|$)'

# The file without its expectation blocks: each "-- expect..." line and
# the rows after it, up to a blank line or the next directive.  What is
# left must not change in a rewrite.  Lines are printed as they are
# (carriage returns kept); only the classification ignores them.
strip_expectations() {
	awk -v directive="$directive" '{
		l = tolower($0)
		sub(/\r$/, "", l)
	}
	l ~ /^-- *expect([^a-z]|$)/ { inexp = 1; next }
	inexp && (l ~ /^[ \t]*$/ || l ~ directive) { inexp = 0 }
	!inexp { print }' "$1"
}

# The expectation blocks of one kind: "shared" (no [ENGINE]) or an engine.
expectations() {
	awk -v want="$2" -v directive="$directive" '{
		l = tolower($0)
		sub(/\r$/, "", l)
	}
	l ~ /^-- *expect([^a-z]|$)/ {
		inexp = 1
		kind = "shared"
		if (match(l, /^-- *expect\[[a-z0-9]+\]/)) {
			kind = substr(l, 1, RLENGTH)
			sub(/^[^[]*\[/, "", kind)
			sub(/\]$/, "", kind)
		}
		if (kind == want)
			print NR ": " $0
		next
	}
	inexp && (l ~ /^[ \t]*$/ || l ~ directive) { inexp = 0 }
	inexp && kind == want { print "  " $0 }' "$1"
}

# same_but_expectations DESC ORIG NEW: only expectation blocks differ.
same_but_expectations() {
	strip_expectations "$2" >"$WORK/.strip.a"
	strip_expectations "$3" >"$WORK/.strip.b"
	if cmp -s "$WORK/.strip.a" "$WORK/.strip.b"; then
		pass "$1"
	else
		fail "$1"
		diag "lines outside the expectations changed:"
		diag "$(diff "$WORK/.strip.a" "$WORK/.strip.b")"
	fi
}

# Every line ends in CR LF.
# shellcheck disable=SC2317 # called through check
all_crlf() {
	[ "$(grep -c "$cr\$" "$1")" -eq "$(wc -l <"$1" | tr -d ' ')" ]
}

#
# The suite: the fixtures, and a CRLF file.
#
mkdir -p "$WORK/orig/suite"
cp "$fx"/rewrite/*.sqltest "$WORK/orig/suite/"
printf '%s\r\n' \
    "-- A file with CR LF line ends." \
    "" \
    "-- setup" \
    "CREATE TABLE t (a integer, b text);" \
    "INSERT INTO t VALUES (1, 'one'), (2, 'two');" \
    "" \
    "-- test: wrong rows in a CRLF file" \
    "SELECT a, b FROM t ORDER BY a;" \
    "-- expect:" \
    "1 | one" \
    "2 | three" \
    "" \
    "-- test: a wrong count in a CRLF file" \
    "SELECT * FROM t;" \
    "-- expect 5 rows" \
    "" \
    "-- test: passes in a CRLF file" \
    "SELECT b FROM t WHERE a = 1;" \
    "-- expect:" \
    "one" >"$WORK/orig/suite/crlf.sqltest"
chmod 644 "$WORK"/orig/suite/*.sqltest	# the sources may be read-only
chmod 640 "$WORK/orig/suite/cells.sqltest"
chmod 604 "$WORK/orig/suite/rows.sqltest"
files="cells crlf outcomes pass rows"
for d in rw dry patched; do
	mkdir -p "$WORK/$d"
	cp -p -R "$WORK/orig/suite" "$WORK/$d/suite"
done
inodes "$WORK/rw/suite" >"$WORK/rw.inodes"
inodes "$WORK/dry/suite" >"$WORK/dry.inodes"

(cd "$WORK/rw" && run_sqlcheck suite &&
    printf '%s\n%s\n' "$STATUS" "$(last_line "$OUT")" >"$WORK/before")
is "before: the suite fails" "$(cat "$WORK/before")" \
    "1
4 passed, 24 failed, 0 skipped"

#
# --diff alone is a usage error.
#
(cd "$WORK/dry" && run_sqlcheck --diff suite &&
    printf '%s\n%s\n%s\n' "$STATUS" "$OUT" "$ERR" >"$WORK/diffonly")
is "--diff without --rewrite: exit status 2" "$(head -n 1 "$WORK/diffonly")" 2
matches "--diff without --rewrite: says why" "$(cat "$WORK/diffonly")" \
    '^sqlcheck: .*--diff.*--rewrite'
lacks "--diff without --rewrite: runs nothing" "$(cat "$WORK/diffonly")" \
    "passed"

#
# --rewrite --diff: a patch on standard output, nothing written.
#
(cd "$WORK/dry" && run_sqlcheck --rewrite --diff suite &&
    printf '%s\n' "$OUT" >"$WORK/dry.out" &&
    printf '%s\n' "$ERR" >"$WORK/dry.err" && echo "$STATUS" >"$WORK/dry.st")
is "--rewrite --diff: exit status 1 (the run failed)" \
    "$(cat "$WORK/dry.st")" 1
for f in cells crlf outcomes rows; do
	matches "--rewrite --diff: a diff for $f.sqltest" \
	    "$(cat "$WORK/dry.out")" "^\\+\\+\\+ suite/$f\\.sqltest\$"
done
lacks "--rewrite --diff: no diff for the passing file" \
    "$(cat "$WORK/dry.out")" "+++ suite/pass.sqltest"
same=yes
for f in $files; do
	cmp -s "$WORK/orig/suite/$f.sqltest" "$WORK/dry/suite/$f.sqltest" ||
	    same=no
done
is "--rewrite --diff: no file changed on disk" "$same" yes
is "--rewrite --diff: no file replaced" "$(inodes "$WORK/dry/suite")" \
    "$(cat "$WORK/dry.inodes")"
is "--rewrite --diff: no other file made" "$(listing "$WORK/dry/suite")" \
    "$(listing "$WORK/orig/suite")"

#
# --rewrite.
#
(cd "$WORK/rw" && run_sqlcheck --rewrite suite &&
    printf '%s\n' "$ERR" >"$WORK/rw.err" && echo "$STATUS" >"$WORK/rw.st")
is "--rewrite: exit status 1 (the run failed)" "$(cat "$WORK/rw.st")" 1
is "--rewrite: says what it rewrote, file by file" "$(cat "$WORK/rw.err")" \
    "sqlcheck: suite/cells.sqltest: rewrote 5 expectations
sqlcheck: suite/crlf.sqltest: rewrote 2 expectations
sqlcheck: suite/outcomes.sqltest: rewrote 11 expectations
sqlcheck: suite/rows.sqltest: rewrote 6 expectations"

(cd "$WORK/rw" && run_sqlcheck suite &&
    printf '%s\n%s\n%s\n' "$STATUS" "$(last_line "$OUT")" "$OUT" \
    >"$WORK/after")
is "after --rewrite: every test passes" "$(head -n 2 "$WORK/after")" \
    "0
28 passed, 0 failed, 0 skipped"
[ "$(head -n 1 "$WORK/after")" = 0 ] || diag "$(cat "$WORK/after")"

for f in $files; do
	same_but_expectations "$f.sqltest: only expectation lines changed" \
	    "$WORK/orig/suite/$f.sqltest" "$WORK/rw/suite/$f.sqltest"
done
for f in cells crlf outcomes rows; do
	is "$f.sqltest: as many expectations as before" \
	    "$(grep -Eci '^-- *expect([^a-z]|$)' "$WORK/rw/suite/$f.sqltest")" \
	    "$(grep -Eci '^-- *expect([^a-z]|$)' "$WORK/orig/suite/$f.sqltest")"
done
is "rows.sqltest: the sort modes are kept" \
    "$(grep '^-- expect' "$WORK/rw/suite/rows.sqltest")" \
    "$(grep '^-- expect' "$WORK/orig/suite/rows.sqltest")"
for e in postgres mysql; do
	is "outcomes.sqltest: the [$e] expectations are untouched" \
	    "$(expectations "$WORK/rw/suite/outcomes.sqltest" "$e")" \
	    "$(expectations "$WORK/orig/suite/outcomes.sqltest" "$e")"
done

# The cell syntax: NULL, 'NULL', '', a bar, spaces, quotes, a tilde.
cells=$(cat "$WORK/rw/suite/cells.sqltest")
contains "cells: NULL, 'NULL', '' and 'a | b' written as cells" "$cells" \
    "-- expect:
1 | NULL
2 | 'NULL'
3 | ''
4 | 'a | b'
"
contains "cells: spaces and a leading ~/ quoted, a quote doubled" "$cells" \
    "-- expect:
'  leading'
'trailing  '
it's
'''quoted'''
plain text
'~/not a regex/'
"
contains "cells: a one-column empty string is ''" "$cells" \
    "WHERE id = 3;
-- expect:
''
"
matches "cells: the tolerance is kept as written" "$cells" \
    '^-- expect \(tolerance 0\.001\):$'
matches "cells: the tolerance of a rowsort is kept as written" "$cells" \
    '^-- expect rowsort \(tolerance 1e-6\):$'
outcomes=$(cat "$WORK/rw/suite/outcomes.sqltest")
contains "outcomes: the count of rows returned" "$outcomes" \
    "SELECT * FROM account;
-- expect 3 rows
"
contains "outcomes: the condition the statement fails with" "$outcomes" \
    "INSERT INTO account VALUES (1, 'dup', 0);
-- expect error: unique_violation
"
contains "outcomes: an error where rows were expected" "$outcomes" \
    "SELECT owner FROM no_such_table;
-- expect error: undefined_table
"
contains "outcomes: rows where an error was expected" "$outcomes" \
    "SELECT owner FROM account WHERE id = 1;
-- expect:
ann
"
contains "outcomes: [sqlite] rewritten in place, the others untouched" \
    "$outcomes" "SELECT 6 * 7;
-- expect:
42
-- expect[sqlite]:
42
-- expect[postgres]:
42
"
matches "outcomes: the hash rewritten" "$outcomes" \
    '^-- expect hash: 6 values [0-9a-f]{32}$'
lacks "outcomes: not the wrong hash" "$outcomes" "00000000000000000000"

# Written through a temporary file and rename(2).
for f in cells crlf outcomes rows; do
	if [ "$(grep "^$f " "$WORK/rw.inodes")" != \
	    "$f $(inode "$WORK/rw/suite/$f.sqltest")" ]; then
		pass "$f.sqltest: replaced by rename (a new inode)"
	else
		fail "$f.sqltest: replaced by rename (a new inode)"
	fi
done
for f in $files; do
	is "$f.sqltest: its mode is kept" "$(perms "$WORK/rw/suite/$f.sqltest")" \
	    "$(perms "$WORK/orig/suite/$f.sqltest")"
done
is "pass.sqltest: a passing file is not rewritten (same inode)" \
    "pass $(inode "$WORK/rw/suite/pass.sqltest")" \
    "$(grep '^pass ' "$WORK/rw.inodes")"
is "no temporary file is left" "$(listing "$WORK/rw/suite")" \
    "$(listing "$WORK/orig/suite")"
check "crlf.sqltest: rewritten lines keep the CR LF line ends" \
    all_crlf "$WORK/rw/suite/crlf.sqltest"

# The patch of --rewrite --diff gives the same files.
(cd "$WORK/patched" && patch -p0 --batch --no-backup-if-mismatch \
    -i "$WORK/dry.out" >"$WORK/patch.out" 2>&1; echo $? >"$WORK/patch.st")
is "--rewrite --diff: patch -p0 applies it" "$(cat "$WORK/patch.st")" 0
[ "$(cat "$WORK/patch.st")" = 0 ] || diag "$(cat "$WORK/patch.out")"
lacks "--rewrite --diff: no hunk needed an offset or fuzz" \
    "$(cat "$WORK/patch.out")" "Hunk"
same=yes
for f in $files; do
	if ! cmp -s "$WORK/patched/suite/$f.sqltest" "$WORK/rw/suite/$f.sqltest"
	then
		same=no
		diag "$f.sqltest: patched and rewritten differ:"
		diag "$(diff "$WORK/patched/suite/$f.sqltest" \
		    "$WORK/rw/suite/$f.sqltest")"
	fi
done
is "--rewrite --diff: patched files equal the rewritten ones" "$same" yes

# Once everything passes, --rewrite changes nothing.
inodes "$WORK/rw/suite" >"$WORK/rw.inodes"
(cd "$WORK/rw" && run_sqlcheck --rewrite suite &&
    printf '%s\n%s\n' "$STATUS" "$ERR" >"$WORK/again")
is "--rewrite again: exit status 0, nothing to say" "$(cat "$WORK/again")" 0
is "--rewrite again: no file replaced" "$(inodes "$WORK/rw/suite")" \
    "$(cat "$WORK/rw.inodes")"
(cd "$WORK/rw" && run_sqlcheck --rewrite --diff suite &&
    printf '%s\n' "$OUT" >"$WORK/again.diff")
lacks "--rewrite --diff on a passing suite: no diff" \
    "$(cat "$WORK/again.diff")" "+++ "

# A value that reads as a directive must be written quoted.
mkdir -p "$WORK/directive"
printf '%s\n' "-- test: a value that looks like a directive" \
    "SELECT '-- setup', '-- test: x';" "-- expect:" "x | y" "" \
    "-- test: then another" "SELECT 1;" "-- expect:" "1" \
    >"$WORK/directive/d.sqltest"
(cd "$WORK/directive" && run_sqlcheck --rewrite d.sqltest &&
    run_sqlcheck d.sqltest && echo "$STATUS" >"$WORK/directive.st")
check "a value that reads as a directive: the file passes after --rewrite" \
    [ "$(cat "$WORK/directive.st")" = 0 ]

#
# What the author wrote and the engine did not contradict is kept (issue
# 15): the directive line (a tolerance stays 1e-9, 5e-3 stays), the rows
# that still hold with their own spelling, the author's order of a
# rowsort or valuesort block.  keep.expected is the whole file after
# --rewrite; on PostgreSQL and MySQL the file is for that engine alone
# ("-- engines:"), so that it is rewritten in place.
#
keep=$fx/rewrite-keep
mkdir -p "$WORK/keep"
for e in sqlite postgres mysql; do
	if engine_missing "$e"; then
		skip_engine "$e: --rewrite keeps what the engine did not contradict" "$e"
		continue
	fi
	case $e in
	sqlite) set -- -d sqlite; head= ;;
	postgres) set -- -d postgres --dsn "$SQLCHECK_PG_DSN"; head="-- engines: $e" ;;
	mysql) set -- -d mysql --dsn "$SQLCHECK_MYSQL_DSN"; head="-- engines: $e" ;;
	esac
	{ [ -z "$head" ] || echo "$head"; cat "$keep/keep.sqltest"; } \
	    >"$WORK/keep/$e.sqltest"
	{ [ -z "$head" ] || echo "$head"; cat "$keep/keep.expected"; } \
	    >"$WORK/keep/$e.expected"
	run_sqlcheck "$@" --rewrite "$WORK/keep/$e.sqltest"
	contains "$e: --rewrite keeps: four expectations rewritten" "$ERR" \
	    "rewrote 4 expectations"
	if cmp -s "$WORK/keep/$e.expected" "$WORK/keep/$e.sqltest"; then
		pass "$e: --rewrite keeps what the engine did not contradict"
	else
		fail "$e: --rewrite keeps what the engine did not contradict"
		diag "$(diff "$WORK/keep/$e.expected" "$WORK/keep/$e.sqltest")"
	fi
	run_sqlcheck "$@" "$WORK/keep/$e.sqltest"
	is "$e: --rewrite keeps: the file passes afterwards" \
	    "$STATUS $(last_line "$OUT")" "0 5 passed, 0 failed, 0 skipped"
done
# A shared expectation that a server engine fails gets a block of its
# own, whose directive keeps the tolerance as written.
for e in postgres mysql; do
	if engine_missing "$e"; then
		skip_engine "$e: a new [$e] block keeps the tolerance as written" "$e"
		continue
	fi
	dsn=$SQLCHECK_PG_DSN
	[ "$e" = mysql ] && dsn=$SQLCHECK_MYSQL_DSN
	printf '%s\n' "-- test: t" "SELECT 0.005 AS y;" \
	    "-- expect (tolerance 5e-3):" "0.5" >"$WORK/keep/tag-$e.sqltest"
	run_sqlcheck -d "$e" --dsn "$dsn" --rewrite "$WORK/keep/tag-$e.sqltest"
	contains "$e: a new [$e] block keeps the tolerance as written" \
	    "$(cat "$WORK/keep/tag-$e.sqltest")" \
	    "-- expect (tolerance 5e-3):
0.5
-- expect[$e] (tolerance 5e-3):
"
done
# A byte-order mark at the start of a file survives a rewrite.
printf '\357\273\277-- test: t\nSELECT 1;\n-- expect:\n2\n' \
    >"$WORK/keep/bom.sqltest"
printf '\357\273\277-- test: t\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/keep/bom.expected"
run_sqlcheck --rewrite "$WORK/keep/bom.sqltest"
check "a file with a byte-order mark is rewritten, the mark kept" \
    cmp -s "$WORK/keep/bom.expected" "$WORK/keep/bom.sqltest"

#
# PostgreSQL: an engine-specific block beside the shared one.
#
pg=
if engine_missing postgres; then
	pg_why=$WHY
else
	pg=yes
fi
pgpoints="postgres: the suite fails before
postgres: --rewrite: exit status 1
postgres: --rewrite --diff applies with patch -p0
postgres: every test passes afterwards
postgres: SQLite still passes afterwards
postgres: only expectation lines changed
postgres: the shared expectations are untouched
postgres: three [postgres] blocks added, one replaced
postgres: a block for rows
postgres: a block for an error
postgres: a block after another engine's
postgres: the wrong [postgres] block replaced in place"
if [ -z "$pg" ]; then
	case ",${SQLCHECK_REQUIRE_ENGINES:-}," in
	*,postgres,*)
		fail "postgres: required by SQLCHECK_REQUIRE_ENGINES"
		diag "$pg_why"
		;;
	esac
	printf '%s\n' "$pgpoints" >"$WORK/pgpoints"
	while IFS= read -r p; do
		skip "$p" "$pg_why"
	done <"$WORK/pgpoints"
	done_testing
fi

mkdir -p "$WORK/pg/orig" "$WORK/pg/dry" "$WORK/pg/patched"
cp "$fx"/rewrite-pg/*.sqltest "$WORK/pg/orig/"
cp "$fx"/rewrite-pg/*.sqltest "$WORK/pg/dry/"
cp "$fx"/rewrite-pg/*.sqltest "$WORK/pg/patched/"
chmod u+w "$WORK"/pg/*/*.sqltest
cd "$WORK/pg/dry" || exit 99
run_sqlcheck -d postgres --dsn "$SQLCHECK_PG_DSN" engines.sqltest
is "postgres: the suite fails before" "$STATUS $(last_line "$OUT")" \
    "1 1 passed, 4 failed, 0 skipped"
run_sqlcheck -d postgres --dsn "$SQLCHECK_PG_DSN" --rewrite --diff \
    engines.sqltest
printf '%s\n' "$OUT" >"$WORK/pg.diff"
(cd "$WORK/pg/patched" && patch -p0 --batch --no-backup-if-mismatch \
    -i "$WORK/pg.diff" >"$WORK/pg.patch.out" 2>&1)
pst=$?
run_sqlcheck -d postgres --dsn "$SQLCHECK_PG_DSN" --rewrite engines.sqltest
is "postgres: --rewrite: exit status 1" "$STATUS" 1
if [ $pst -eq 0 ] && cmp -s "$WORK/pg/patched/engines.sqltest" engines.sqltest
then
	pass "postgres: --rewrite --diff applies with patch -p0"
else
	fail "postgres: --rewrite --diff applies with patch -p0"
	diag "$(cat "$WORK/pg.patch.out")"
fi
run_sqlcheck -d postgres --dsn "$SQLCHECK_PG_DSN" engines.sqltest
is "postgres: every test passes afterwards" "$STATUS $(last_line "$OUT")" \
    "0 5 passed, 0 failed, 0 skipped"
[ "$STATUS" = 0 ] || show_run
run_sqlcheck engines.sqltest
is "postgres: SQLite still passes afterwards" "$STATUS $(last_line "$OUT")" \
    "0 5 passed, 0 failed, 0 skipped"
same_but_expectations "postgres: only expectation lines changed" \
    "$WORK/pg/orig/engines.sqltest" engines.sqltest
is "postgres: the shared expectations are untouched" \
    "$(expectations engines.sqltest shared | sed 's/^[0-9]*: /: /')" \
    "$(expectations "$WORK/pg/orig/engines.sqltest" shared |
    sed 's/^[0-9]*: /: /')"
is "postgres: three [postgres] blocks added, one replaced" \
    "$(grep -c '^-- expect\[postgres\]' engines.sqltest)" 4
new=$(cat engines.sqltest)
contains "postgres: a block for rows" "$new" \
    "-- expect:
1 | 1
2 | 0
-- expect[postgres]:
1 | t
2 | f
"
contains "postgres: a block for an error" "$new" \
    "SELECT 'abc' + 1;
-- expect:
1
-- expect[postgres] error: invalid_text_representation
"
contains "postgres: a block after another engine's" "$new" \
    "-- expect[mysql]:
1
-- expect[postgres]:
t
"
contains "postgres: the wrong [postgres] block replaced in place" "$new" \
    "-- expect:
xy
-- expect[postgres]:
xy"

done_testing
