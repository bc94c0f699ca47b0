# shellcheck shell=sh
# tests/lib.sh: TAP helpers for the shell tests, sourced by each script:
#
#	. "${0%/*}/lib.sh"
#
# It sets LC_ALL=C, finds the sqlcheck binary (SQLCHECK from the
# environment, as make check sets it, else ./src/sqlcheck or
# $top_srcdir/src/sqlcheck), makes a work directory $WORK removed on exit, and
# provides checks that print TAP ("ok N - DESC" / "not ok N - DESC" with
# "# " diagnostics) and a trailing plan from done_testing:
#
#	check DESC CMD...	 CMD exits 0
#	is DESC GOT WANT	 strings are equal
#	contains DESC HAYSTACK NEEDLE / lacks DESC HAYSTACK NEEDLE
#	matches DESC STRING ERE	 a line of STRING matches the extended regex
#	run_sqlcheck ARGS...	 sets $OUT, $ERR (texts) and $STATUS
#	same_with_jobs DESC ARGS... -j 1 and -j 2 report the same
#	last_line TEXT		 prints the last line of TEXT
#	ok DESC [STATUS] / pass DESC / fail DESC / not_ok DESC
#	skip DESC REASON / diag TEXT
#	skip_all REASON		 the whole script is skipped
#	require_engines ENGINE... skip_all unless each engine can be tested
#	done_testing		 prints the plan, exits 1 if a check failed
#
# Nothing but TAP may reach standard output: sqlcheck's own "ok ..." lines
# would be read as test points, so its output is always captured.
# Scripts use set -u, not set -e: a failing command is a failed check,
# not the end of the script.

set -u
LC_ALL=C
export LC_ALL
unset SQLCHECK_DSN NO_COLOR CLICOLOR_FORCE 2>/dev/null || :

tests_dir=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(dirname "$tests_dir")}"
if [ -z "${SQLCHECK:-}" ]; then
	if [ -x ./src/sqlcheck ]; then
		SQLCHECK=$(pwd)/src/sqlcheck
	else
		SQLCHECK=$top_srcdir/src/sqlcheck
	fi
fi
# SQLCHECK_BIN is the binary itself, even when SQLCHECK is a wrapper.
SQLCHECK_BIN=$SQLCHECK
export top_srcdir SQLCHECK SQLCHECK_BIN

# Statements must not hang a test run: sqlcheck runs under timeout(1)
# when it is there, and a run that times out exits 124.
SQLCHECK_TIMEOUT=${SQLCHECK_TIMEOUT:-300}
if command -v timeout >/dev/null 2>&1; then
	_tap_timeout="timeout $SQLCHECK_TIMEOUT"
else
	_tap_timeout=
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sqlcheck-test.XXXXXX") || {
	echo "Bail out! cannot make a temporary directory"
	exit 99
}
echo 0 >"$WORK/.tap_n"

# SQLCHECK_VALGRIND=1 (make check-valgrind): sqlcheck runs under Valgrind
# memcheck, through a wrapper that execs it (so that its pid is
# sqlcheck's).  A memory error or a definite or indirect leak makes it
# exit 99; each run's report goes to SQLCHECK_VALGRIND_LOGS (default
# $WORK) as vg.PID.log, empty when it was clean.  SLOWDOWN (1, or 10
# under Valgrind) multiplies the time limits of checks that measure time.
SLOWDOWN=1
if [ -n "${SQLCHECK_VALGRIND:-}" ]; then
	SLOWDOWN=10
	cat >"$WORK/sqlcheck-valgrind" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --show-leak-kinds=definite,indirect \\
    --errors-for-leak-kinds=definite,indirect \\
    --log-file='${SQLCHECK_VALGRIND_LOGS:-$WORK}/vg.%p.log' \\
    '$SQLCHECK' "\$@"
EOF
	chmod +x "$WORK/sqlcheck-valgrind"
	SQLCHECK=$WORK/sqlcheck-valgrind
	if [ -n "$_tap_timeout" ]; then
		_tap_timeout="timeout $((SQLCHECK_TIMEOUT * 10))"
	fi
fi
: >"$WORK/.tap_failed"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP

OUT=
ERR=
STATUS=0

# Print text as TAP diagnostics ("# " before every line).
diag()
{
	printf '%s\n' "$*" | sed 's/^/# /'
}

# The counters live in files, so that checks made in a subshell (a
# pipeline, "( cd DIR && ... )") count like the others.
_tap_next()
{
	_tap_n=$(($(cat "$WORK/.tap_n") + 1))
	echo "$_tap_n" >"$WORK/.tap_n"
}

pass()
{
	_tap_next
	printf 'ok %d - %s\n' "$_tap_n" "$1"
}

fail()
{
	_tap_next
	echo "$_tap_n" >>"$WORK/.tap_failed"
	printf 'not ok %d - %s\n' "$_tap_n" "$1"
}

# skip DESC REASON: a test point that could not be checked here.
skip()
{
	_tap_next
	printf 'ok %d - %s # SKIP %s\n' "$_tap_n" "$1" "$2"
}

# ok DESC [STATUS]: passes when STATUS is 0 or not given ("cmd; ok
# desc $?"); not_ok DESC: a failed check.
ok()
{
	if [ "${2:-0}" -eq 0 ]; then
		pass "$1"
	else
		fail "$1"
	fi
}

not_ok()
{
	fail "$1"
}

# check DESC CMD...: passes when CMD exits 0; shows its output if not.
check()
{
	_desc=$1
	shift
	if "$@" >"$WORK/.check.out" 2>&1; then
		pass "$_desc"
	else
		_st=$?
		fail "$_desc"
		diag "command failed (exit $_st): $*"
		diag "$(cat "$WORK/.check.out")"
	fi
}

# is DESC GOT WANT: string equality.
is()
{
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1"
		diag "     got: $2"
		diag "expected: $3"
	fi
}

# contains DESC HAYSTACK NEEDLE: NEEDLE is a substring of HAYSTACK.
contains()
{
	case $2 in
	*"$3"*)
		pass "$1"
		;;
	*)
		fail "$1"
		diag "looked for: $3"
		diag "in:"
		diag "$2"
		;;
	esac
}

# lacks DESC HAYSTACK NEEDLE: NEEDLE is not a substring of HAYSTACK.
lacks()
{
	case $2 in
	*"$3"*)
		fail "$1"
		diag "did not expect: $3"
		diag "in:"
		diag "$2"
		;;
	*)
		pass "$1"
		;;
	esac
}

# matches DESC STRING ERE: some line of STRING matches the regex.
matches()
{
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		pass "$1"
	else
		fail "$1"
		diag "no line matches: $3"
		diag "in:"
		diag "$2"
	fi
}

# run_sqlcheck ARGS...: run sqlcheck; $OUT and $ERR hold its standard
# output and error (without the last new line), $STATUS its exit status.
run_sqlcheck()
{
	# shellcheck disable=SC2086
	$_tap_timeout "$SQLCHECK" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
	STATUS=$?
	OUT=$(cat "$WORK/.out")
	ERR=$(cat "$WORK/.err")
}

# Show the last sqlcheck run as diagnostics.
show_run()
{
	diag "exit status: $STATUS"
	diag "stdout:"
	diag "$OUT"
	diag "stderr:"
	diag "$ERR"
}

# is_status DESC WANT: the last run's exit status; shows the run if not.
is_status()
{
	if [ "$STATUS" = "$2" ]; then
		pass "$1"
	else
		fail "$1"
		diag "expected exit status $2"
		show_run
	fi
}

# Print the last line of a text.
last_line()
{
	printf '%s\n' "$1" | tail -n 1
}

# Drop the timings of sqlcheck's file lines (", 12 ms)" becomes ")").
untimed()
{
	printf '%s\n' "$1" | sed 's/, [0-9][0-9]* ms)$/)/'
}

# skip_all REASON: the whole script is skipped.
# same_with_jobs DESC ARGS...: sqlcheck ARGS reports the same with -j 1
# and with -j 2 (file times and scratch database names aside).
same_with_jobs()
{
	_desc=$1
	shift
	run_sqlcheck -j 1 "$@"
	printf '%s\n' "$OUT" | _jobs_normalize >"$WORK/.j1"
	run_sqlcheck -j 2 "$@"
	printf '%s\n' "$OUT" | _jobs_normalize >"$WORK/.j2"
	if cmp -s "$WORK/.j1" "$WORK/.j2"; then
		pass "$_desc"
	else
		fail "$_desc"
		diag "$(diff "$WORK/.j1" "$WORK/.j2" | head -n 20)"
	fi
}

_jobs_normalize()
{
	sed 's/, [0-9]* ms)/)/; s/sqlcheck_[0-9a-f]*/sqlcheck_X/g'
}

skip_all()
{
	printf '1..0 # SKIP %s\n' "$1"
	exit 0
}

# require_engines ENGINE...: skip the whole script unless every engine is
# compiled into sqlcheck and, for a server engine, its DSN is set
# (SQLCHECK_PG_DSN, SQLCHECK_MYSQL_DSN).  An engine named in
# SQLCHECK_REQUIRE_ENGINES (say "sqlite,postgres,mysql", as CI sets it)
# may not be missing: that is a bail out, not a skip.
require_engines()
{
	for _e in "$@"; do
		case $_e in
		postgres | postgresql | pg)
			_name=postgres _dsn=${SQLCHECK_PG_DSN:-} ;;
		mysql | mariadb)
			_name=mysql _dsn=${SQLCHECK_MYSQL_DSN:-} ;;
		*)
			_name=$_e _dsn=none ;;
		esac
		_why=
		if "$SQLCHECK" -d "$_name" --dsn "$WORK/.probe" "$WORK/.probe" \
		    2>&1 | grep -q 'not compiled-in'; then
			_why="sqlcheck was built without the $_name driver"
		elif [ -z "$_dsn" ]; then
			_why="no $_name server (set SQLCHECK_$(echo "$_name" |
			    sed 's/postgres/PG/; s/mysql/MYSQL/')_DSN)"
		fi
		[ -z "$_why" ] && continue
		case ",${SQLCHECK_REQUIRE_ENGINES:-}," in
		*",$_name,"*)
			echo "Bail out! $_why, but SQLCHECK_REQUIRE_ENGINES" \
			    "requires it"
			exit 99
			;;
		esac
		skip_all "$_why"
	done
}

# Print the plan; exit 1 if any check failed.
done_testing()
{
	_tap_n=$(cat "$WORK/.tap_n")
	_tap_failed=$(wc -l <"$WORK/.tap_failed" | tr -d ' ')
	printf '1..%d\n' "$_tap_n"
	if [ "$_tap_failed" -gt 0 ]; then
		diag "failed $_tap_failed of $_tap_n"
		exit 1
	fi
	exit 0
}

if [ ! -x "$SQLCHECK" ]; then
	echo "Bail out! sqlcheck not found at $SQLCHECK (set SQLCHECK)"
	exit 99
fi
