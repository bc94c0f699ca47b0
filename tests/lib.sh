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
#	engine_missing ENGINE	 0 (and the reason in WHY) if it cannot be
#	skip_engine DESC ENGINE	 a skip, a failure if CI requires ENGINE
#	engines_at_hand DESC	 $engines: sqlite and each server engine here
#	run_on ENGINE ARGS...	 run_sqlcheck on that engine's database
#	pg_tools		 $pgbin, $PSQL, $PGDUMP; psql_q runs psql quietly
#	have TOOL		 TOOL is a command on PATH
#	require_tools TOOL...	 skip_all (a bail out under CI) without one
#	skip_all_missing REASON	 skip_all, a bail out under CI
#	missing DESC REASON	 a skip, a failure under CI
#	dump_save NAME CMD...	 CMD's dump kept as NAME (bail out if it fails)
#	same_dump DESC NAME CMD... CMD exits 0, dumps something, as NAME
#	same_dump_within DESC LIMIT NAME CMD... the same within LIMIT s
#	wait_for LIMIT CMD...	 poll CMD until it exits 0 (1 after LIMIT s)
#	wait_busy LIMIT PID	 wait until PID computes (a runaway statement)
#	catches PID SIG		 PID has a handler for signal SIG
#	logged FILE ERE		 a line of FILE (a --log) matches ERE
#	nothing_left DESC LIMIT CMD... CMD lists what is left: nothing, in time
#	check_fails DESC CMD...	 the check CMD, run aside, reports a failure
#	done_testing		 prints the plan, exits 1 if a check failed
#
# Under CI (SQLCHECK_REQUIRE_ENGINES set, as .ci/run sets it) a missing
# tool or required engine is a failure, not a skip: CI installs them all.
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
# desc $?"); a STATUS given empty or not a number is a failure.
# not_ok DESC: a failed check.
ok()
{
	if [ $# -lt 2 ]; then
		pass "$1"
		return
	fi
	case $2 in
	"" | *[!0-9]*)
		fail "$1"
		diag "not an exit status: \"$2\""
		;;
	0)
		pass "$1"
		;;
	*)
		fail "$1"
		;;
	esac
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

# same_with_jobs DESC ARGS...: sqlcheck ARGS reports the same with -j 1
# and with -j 2 (file times and scratch database names aside), exits with
# the same status, and the -j 1 run ended with its summary line.
same_with_jobs()
{
	_desc=$1
	shift
	run_sqlcheck -j 1 "$@"
	{ printf '%s\n' "$OUT" | _jobs_normalize; echo "exit status $STATUS"; } \
	    >"$WORK/.j1"
	_summary=$(last_line "$OUT")
	run_sqlcheck -j 2 "$@"
	{ printf '%s\n' "$OUT" | _jobs_normalize; echo "exit status $STATUS"; } \
	    >"$WORK/.j2"
	if ! printf '%s\n' "$_summary" |
	    grep -Eq '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'; then
		fail "$_desc"
		diag "the -j 1 run did not end with its summary:"
		diag "$(tail -n 5 "$WORK/.j1")"
	elif cmp -s "$WORK/.j1" "$WORK/.j2"; then
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

# engine_missing ENGINE: 0, with the reason in WHY, if ENGINE cannot be
# tested here: sqlcheck has no such driver (not compiled in, its module
# not built), or, for a server engine, its DSN (SQLCHECK_PG_DSN,
# SQLCHECK_MYSQL_DSN) is not set.  ENGINE_NAME is the engine's own name.
engine_missing()
{
	case $1 in
	postgres | postgresql | pg)
		ENGINE_NAME=postgres _dsn=${SQLCHECK_PG_DSN:-} ;;
	mysql | mariadb)
		ENGINE_NAME=mysql _dsn=${SQLCHECK_MYSQL_DSN:-} ;;
	*)
		ENGINE_NAME=$1 _dsn=none ;;
	esac
	WHY=
	"$SQLCHECK_BIN" -d "$ENGINE_NAME" --dsn "$WORK/.probe" "$WORK/.probe" \
	    >"$WORK/.probe.out" 2>&1 </dev/null
	if grep -Eq "not compiled-in driver|the $ENGINE_NAME driver (was not built|module has no)|cannot load the $ENGINE_NAME driver" \
	    "$WORK/.probe.out"; then
		WHY="sqlcheck was built without the $ENGINE_NAME driver"
		diag "$(head -n 1 "$WORK/.probe.out")"
	elif [ -z "$_dsn" ]; then
		WHY="no $ENGINE_NAME server (set SQLCHECK_$(echo "$ENGINE_NAME" |
		    sed 's/postgres/PG/; s/mysql/MYSQL/')_DSN)"
	fi
	[ -n "$WHY" ]
}

# _required ENGINE: ENGINE is named in SQLCHECK_REQUIRE_ENGINES.
_required()
{
	case ",${SQLCHECK_REQUIRE_ENGINES:-}," in
	*",$1,"*) return 0 ;;
	esac
	return 1
}

# require_engines ENGINE...: skip the whole script unless every engine can
# be tested (engine_missing).  An engine named in SQLCHECK_REQUIRE_ENGINES
# (say "sqlite,postgres,mysql", as CI sets it) may not be missing: that
# is a bail out, not a skip.
require_engines()
{
	for _e in "$@"; do
		engine_missing "$_e" || continue
		if _required "$ENGINE_NAME"; then
			echo "Bail out! $WHY, but SQLCHECK_REQUIRE_ENGINES" \
			    "requires it"
			exit 99
		fi
		skip_all "$WHY"
	done
}

# skip_engine DESC ENGINE: the point DESC needs ENGINE, which
# engine_missing said is missing: a skip with WHY, or a failure when
# SQLCHECK_REQUIRE_ENGINES requires ENGINE.
skip_engine()
{
	if _required "$ENGINE_NAME"; then
		fail "$1"
		diag "$WHY, but SQLCHECK_REQUIRE_ENGINES requires $ENGINE_NAME"
	else
		skip "$1" "$WHY"
	fi
}

# engines_at_hand DESC: sets $engines to "sqlite" and each server engine
# (postgres, mysql) that can be tested here; a missing one is
# skip_engine "ENGINE: DESC".
engines_at_hand()
{
	engines=sqlite
	for _e in postgres mysql; do
		if engine_missing "$_e"; then
			skip_engine "$_e: $1" "$_e"
		else
			engines="$engines $_e"
		fi
	done
}

# run_on ENGINE ARGS...: run_sqlcheck on that engine's database (the
# DSNs of SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN, in-memory SQLite).
run_on()
{
	_e=$1
	shift
	case $_e in
	postgres) run_sqlcheck -d postgres --dsn "$SQLCHECK_PG_DSN" "$@" ;;
	mysql) run_sqlcheck -d mysql --dsn "$SQLCHECK_MYSQL_DSN" "$@" ;;
	*) run_sqlcheck -d sqlite "$@" ;;
	esac
}

# pg_tools: pgbin (PGBIN, else the newest /usr/lib/postgresql/*/bin),
# PSQL and PGDUMP in it (the caller checks that they are there), and
# psql_q ARGS...: psql without psqlrc, quiet, unaligned, tuples only,
# stopping at the first error, warnings and worse only.
pg_tools()
{
	pgbin=${PGBIN:-}
	if [ -z "$pgbin" ]; then
		pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
		    sort -V | tail -n 1)
	fi
	PSQL="$pgbin/psql"
	PGDUMP="$pgbin/pg_dump"
}
psql_q()
{
	PGOPTIONS='-c client_min_messages=warning' \
	    "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# have TOOL: TOOL is a command on PATH.
have()
{
	command -v "$1" >/dev/null 2>&1
}

# missing DESC REASON: a point that cannot be checked without a tool (or
# file) REASON says is missing: a skip, but a failure under CI
# (SQLCHECK_REQUIRE_ENGINES set), which installs every tool the tests use.
missing()
{
	if [ -n "${SQLCHECK_REQUIRE_ENGINES:-}" ]; then
		fail "$1"
		diag "$2; .ci/run installs it (SQLCHECK_REQUIRE_ENGINES is set)"
	else
		skip "$1" "$2"
	fi
}

# require_tools TOOL...: skip the whole script (a bail out under CI)
# unless every TOOL is a command on PATH.
require_tools()
{
	for _t in "$@"; do
		have "$_t" || skip_all_missing "no $_t"
	done
}

# skip_all_missing REASON: the script cannot run without a tool REASON
# names: skip_all, but a bail out under CI (SQLCHECK_REQUIRE_ENGINES set),
# which installs every tool the tests use.
skip_all_missing()
{
	if [ -n "${SQLCHECK_REQUIRE_ENGINES:-}" ]; then
		echo "Bail out! $1, which .ci/run installs" \
		    "(SQLCHECK_REQUIRE_ENGINES is set)"
		exit 99
	fi
	skip_all "$1"
}

# _dump FILE CMD...: CMD's output in FILE; 1 with the reason in WHY if CMD
# failed or printed nothing.
_dump()
{
	_file=$1
	shift
	"$@" >"$_file" 2>"$WORK/.dump.err" </dev/null
	_st=$?
	WHY=
	if [ "$_st" -ne 0 ]; then
		WHY="the dump failed (exit $_st): $* $(head -c 400 "$WORK/.dump.err")"
	elif [ ! -s "$_file" ]; then
		WHY="the dump is empty: $*"
	fi
	[ -z "$WHY" ]
}

# dump_save NAME CMD...: keep CMD's dump (of the user's database, say) as
# NAME for same_dump; a dump that fails or is empty is a bail out.
dump_save()
{
	_name=$1
	shift
	_dump "$WORK/.dump.$_name" "$@" || {
		echo "Bail out! $WHY"
		exit 99
	}
}

# dump_same NAME CMD...: 0 if CMD (the dump of dump_save) exits 0,
# prints something, and prints what it printed for dump_save NAME; else
# 1 with the reason (or the diff) in WHY.
dump_same()
{
	_name=$1
	shift
	_dump "$WORK/.dump.$_name.now" "$@" || return 1
	if ! cmp -s "$WORK/.dump.$_name" "$WORK/.dump.$_name.now"; then
		WHY=$(diff "$WORK/.dump.$_name" "$WORK/.dump.$_name.now" |
		    head -n 30)
		return 1
	fi
}

# same_dump DESC NAME CMD...: a check that dump_same NAME CMD... holds.
# same_dump_within DESC LIMIT NAME CMD...: the same, looking again for
# LIMIT seconds (what other tests on the same server do comes and goes).
same_dump()
{
	_sd_desc=$1
	shift
	if dump_same "$@"; then
		pass "$_sd_desc"
	else
		fail "$_sd_desc"
		diag "$WHY"
	fi
}

same_dump_within()
{
	_sd_desc=$1 _sd_limit=$2
	shift 2
	if wait_for "$_sd_limit" dump_same "$@"; then
		pass "$_sd_desc"
	else
		dump_same "$@"
		fail "$_sd_desc"
		diag "$WHY"
	fi
}

# wait_for LIMIT CMD...: run CMD every 0.1 s until it exits 0; 1 if it
# has not after LIMIT seconds (times SLOWDOWN).
wait_for()
{
	_wf_n=$(awk -v l="$1" -v s="$SLOWDOWN" 'BEGIN { print int(l * s * 10) }')
	shift
	_wf_i=0
	while [ "$_wf_i" -lt "$_wf_n" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_wf_i=$((_wf_i + 1))
	done
	"$@" >/dev/null 2>&1
}

# busy_since TICKS PID: PID (all its threads) has used at least a fifth
# of a second of CPU more than TICKS (from cpu_ticks).  cpu_ticks PID:
# the user and system clock ticks PID has used (Linux /proc).
cpu_ticks()
{
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null
}

busy_since()
{
	_bs_now=$(cpu_ticks "$2")
	[ -n "$_bs_now" ] && [ "$_bs_now" -ge $(($1 + 20)) ]
}

# wait_busy LIMIT PID: wait until PID computes (a statement without end
# is running): 1 if it has not used a fifth of a second of CPU within
# LIMIT seconds.
wait_busy()
{
	_wb_start=$(cpu_ticks "$2")
	[ -n "$_wb_start" ] && wait_for "$1" busy_since "$_wb_start" "$2"
}

# catches PID SIG: PID has a handler for signal number SIG (SigCgt of
# /proc/PID/status): sqlcheck has installed its handler, or, once it is
# gone (SA_RESETHAND), has run it.
catches()
{
	_mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	[ -n "$_mask" ] && [ $(((0x$_mask >> ($2 - 1)) & 1)) = 1 ]
}

# logged FILE PATTERN: a line of FILE (a --log) matches the ERE PATTERN.
logged()
{
	grep -Eq -- "$2" "$1" 2>/dev/null
}

# nothing_left DESC LIMIT CMD...: CMD lists what is left (server
# sessions, databases, directories), one per line.  Passes when CMD
# succeeds and lists nothing within LIMIT seconds (things a run leaves
# take a moment to go: a server notices a closed session); fails showing
# what stays, or if CMD itself fails.
nothing_left()
{
	_nl_desc=$1 _nl_limit=$2
	shift 2
	_left()
	{
		"$@" >"$WORK/.left" 2>&1 && [ ! -s "$WORK/.left" ]
	}
	if wait_for "$_nl_limit" _left "$@"; then
		pass "$_nl_desc"
	else
		fail "$_nl_desc"
		diag "still there after $_nl_limit s ($*):"
		diag "$(head -n 20 "$WORK/.left")"
	fi
}

# check_fails DESC CMD...: a check of a check.  CMD (a check helper given
# what it guards broken: a dump tool that fails, a database left behind)
# runs aside, its test points not counted, and must report a failure.
check_fails()
{
	_cf_desc=$1
	shift
	cp "$WORK/.tap_n" "$WORK/.tap_n.saved"
	cp "$WORK/.tap_failed" "$WORK/.tap_failed.saved"
	"$@" >"$WORK/.aside" 2>&1
	mv "$WORK/.tap_n.saved" "$WORK/.tap_n"
	mv "$WORK/.tap_failed.saved" "$WORK/.tap_failed"
	if grep -q '^not ok ' "$WORK/.aside"; then
		pass "$_cf_desc"
		diag "$(grep -m 1 -A 2 '^not ok ' "$WORK/.aside" |
		    sed 's/^/(as it should) /')"
	else
		fail "$_cf_desc"
		diag "the check did not fail:"
		diag "$(cat "$WORK/.aside")"
	fi
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
