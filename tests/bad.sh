#!/bin/sh
# bad.sh: malformed test files.  Each tests/bad/NAME.sqltest (or .test)
# has NAME.err holding the exact first line of the error, FILE:LINE:
# message, with FILE as given on the command line.  For each: sqlcheck
# exits 2, prints that line, and a good file given in the same run still
# runs and passes.  Files with NUL bytes and 10 MB lines are made here.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

cd "$top_srcdir/tests" || {
	echo "Bail out! cannot cd to $top_srcdir/tests"
	exit 99
}
GOOD=fixtures/pass.sqltest

# The output lines of the last run (standard output and error), without
# their indentation.
output_lines()
{
	printf '%s\n%s\n' "$OUT" "$ERR" | sed 's/^[[:space:]]*//'
}

# check_bad NAME FILE WANT: FILE (with the good file) exits 2 with WANT.
check_bad()
{
	run_sqlcheck "$2" "$GOOD"
	is_status "$1: exit status 2" 2
	if output_lines | grep -Fqx -- "$3"; then
		pass "$1: FILE:LINE: message"
	else
		fail "$1: FILE:LINE: message"
		diag "expected the line: $3"
		show_run
	fi
	is "$1: the good file in the same run still passes" \
	    "$(last_line "$OUT")" "3 passed, 1 failed, 0 skipped"
}

n=0
for err in bad/*.err; do
	name=${err%.err}
	for ext in sqltest test slt; do
		[ -f "$name.$ext" ] && break
	done
	if [ ! -f "$name.$ext" ]; then
		fail "$err: no test file beside it"
		continue
	fi
	check_bad "${name#bad/}" "$name.$ext" "$(cat "$err")"
	n=$((n + 1))
done
[ "$n" -ge 20 ]
ok "at least 20 malformed files were checked ($n)" $?

# A bad file among good ones, good first: the others still run.
run_sqlcheck "$GOOD" bad/unknown-mode.sqltest fixtures/txn.sqltest
is_status "bad file between good ones: exit status 2" 2
is "bad file between good ones: both good files ran" "$(last_line "$OUT")" \
    "10 passed, 1 failed, 0 skipped"

# NUL bytes (made here: no binary file in git).
mkdir -p "$WORK/bad"
printf -- '-- test: t\nSELECT 1;\n-- expect:\n1\000\n' >"$WORK/bad/nul.sqltest"
printf -- '-- test: t\000\nSELECT 1;\n-- expect ok\n' >"$WORK/bad/nul1.sqltest"
printf 'statement ok\nSELECT 1\000\n' >"$WORK/bad/nul.test"
cp "$GOOD" "$WORK/good.sqltest"
cd "$WORK" || exit 99
GOOD=good.sqltest
check_bad "NUL byte in a row" bad/nul.sqltest \
    "bad/nul.sqltest:4: NUL byte in file (is it binary?)"
check_bad "NUL byte in a directive" bad/nul1.sqltest \
    "bad/nul1.sqltest:1: NUL byte in file (is it binary?)"
run_sqlcheck bad/nul.test "$GOOD"
is_status "NUL byte in an sqllogictest file: exit status 2" 2
matches "NUL byte in an sqllogictest file: FILE:LINE: message" \
    "$(output_lines)" '^bad/nul\.test:[0-9]+: NUL byte'

# A UTF-8 byte-order mark at the start of a file (as some editors save it)
# is no text: the file runs as without it.
printf '\357\273\277-- test: after a BOM\nSELECT 1;\n-- expect:\n1\n' \
    >"$WORK/bom.sqltest"
printf '\357\273\277query I nosort\nSELECT 1\n----\n1\n' >"$WORK/bom.test"
run_sqlcheck bom.sqltest bom.test
is_status "a byte-order mark before the first directive: exit status 0" 0
is "a byte-order mark: both files ran their test" "$(last_line "$OUT")" \
    "2 passed, 0 failed, 0 skipped"

# 10 MB lines: no crash, no hang, a message of reasonable size.
big()
{
	head -c 10485760 /dev/zero | tr '\0' "$1"
}
{
	big x
	printf '\n-- test: t\nSELECT 1;\n-- expect ok\n'
} >"$WORK/bad/big-garbage.sqltest"
{
	printf -- '-- test: t\nSELECT 1;\n-- expect '
	big x
	printf ':\n1\n'
} >"$WORK/bad/big-mode.sqltest"
{
	printf -- '-- test: t\nSELECT 1;\n-- expect:\n'
	big z
	printf '\n'
} >"$WORK/bad/big-row.sqltest"
{
	printf -- "-- test: long string\nSELECT length('"
	big y
	printf "');\n-- expect:\n10485760\n"
} >"$WORK/big-string.sqltest"

# check_big NAME FILE WANT_STATUS MESSAGE_START
check_big()
{
	run_sqlcheck "$2" "$GOOD"
	is_status "$1: finishes with exit status $3" "$3"
	_line=$(output_lines | grep -F -- "$4" | head -n 1)
	if [ -n "$_line" ]; then
		pass "$1: $4..."
	else
		fail "$1: $4..."
		diag "$(printf '%s\n' "$OUT" | cut -c 1-200 | head -n 20)"
	fi
	_len=$(printf '%s' "$_line" | wc -c)
	[ "$_len" -lt 1000 ]
	ok "$1: the message is short ($_len bytes)" $?
	is "$1: the good file in the same run still passes" \
	    "$(last_line "$OUT" | cut -c 1-200)" "3 passed, 1 failed, 0 skipped"
}
check_big "10 MB line outside a block" bad/big-garbage.sqltest 2 \
    'bad/big-garbage.sqltest:1: SQL outside a block'
check_big "10 MB expect line" bad/big-mode.sqltest 2 \
    'bad/big-mode.sqltest:3: unknown expect mode'
run_sqlcheck bad/big-row.sqltest
is_status "10 MB expected row: a failure, exit status 1" 1
is "10 MB expected row: summary" "$(last_line "$OUT" | cut -c 1-200)" \
    "0 passed, 1 failed, 0 skipped"
run_sqlcheck big-string.sqltest
is_status "10 MB string literal in a test: it runs and passes" 0

done_testing
