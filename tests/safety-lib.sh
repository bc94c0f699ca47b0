# shellcheck shell=sh
# tests/safety-lib.sh: helpers for the data-safety tests (safety-sqlite.sh,
# safety-pg.sh, safety-mysql.sh), sourced after tests/lib.sh:
#
#	dump_ok DESC FILE CMD...  run the dump command CMD into FILE; passes
#				  when it exits 0 and wrote a CREATE TABLE
#				  (so a comparison of two dumps can fail)
#	same_dump DESC BEFORE AFTER  the two dumps are byte for byte equal
#	wait_for LIMIT CMD...	  poll CMD every 0.1 s, at most LIMIT
#				  seconds, until it exits 0; 1 if it never did
#	bg_start ARGS...	  start sqlcheck -v ARGS... in the background
#				  (BG_PID; output in $WORK/bg.out, bg.err)
#	bg_wait_stmt TEXT	  wait (at most 60 s) until -v showed a
#				  statement holding TEXT: it is running
#	bg_kill9		  kill -9 sqlcheck and reap it
#	bg_tempdir		  the --temp-instance directory -v named
#	bg_scratch		  the scratch database -v named

dump_ok()
{
	_d_desc=$1
	_d_file=$2
	shift 2
	"$@" >"$_d_file" 2>"$_d_file.err"
	_d_st=$?
	if [ "$_d_st" -eq 0 ] && grep -q 'CREATE TABLE' "$_d_file"; then
		pass "$_d_desc: the dump succeeded and is not empty"
	else
		fail "$_d_desc: the dump succeeded and is not empty"
		diag "dump exit status $_d_st: $*"
		diag "$(head -n 5 "$_d_file.err")"
	fi
}

same_dump()
{
	if cmp -s "$2" "$3"; then
		pass "$1: the user's database is unchanged (dump)"
	else
		fail "$1: the user's database is unchanged (dump)"
		diag "$(diff "$2" "$3" | head -n 30)"
	fi
}

wait_for()
{
	_w_n=$(awk -v l="$1" 'BEGIN { print int(l * 10) }')
	shift
	_w_i=0
	while [ "$_w_i" -lt "$_w_n" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_w_i=$((_w_i + 1))
	done
	return 1
}

BG_PID=
bg_start()
{
	"$SQLCHECK" -v "$@" >"$WORK/bg.out" 2>"$WORK/bg.err" </dev/null &
	BG_PID=$!
}

_bg_says()
{
	grep -q -- "$1" "$WORK/bg.err"
}

bg_wait_stmt()
{
	if wait_for 60 _bg_says "$1"; then
		pass "sqlcheck is running the statement with $1"
	else
		fail "sqlcheck is running the statement with $1"
		diag "$(cat "$WORK/bg.err")"
	fi
}

bg_kill9()
{
	kill -9 "$BG_PID" 2>/dev/null
	wait "$BG_PID" 2>/dev/null
	BG_PID=
}

bg_tempdir()
{
	sed -n 's/.*server in \(\/[^ ]*\) started.*/\1/p' "$WORK/bg.err" |
	    head -n 1
}

bg_scratch()
{
	sed -n 's/.*isolation: .*\(sqlcheck_[0-9a-f]\{16\}\).*/\1/p' \
	    "$WORK/bg.err" | head -n 1
}

# No process has DIR in its command line (the server of a temporary
# instance names its directory).
_no_process_in()
{
	! pgrep -f -- "$1" >/dev/null 2>&1
}

_gone()
{
	[ ! -e "$1" ] && _no_process_in "$1"
}

# temp_instance_dies DESC: after bg_kill9 of a --temp-instance run, its
# directory and server go away by themselves (at most 60 s).
temp_instance_dies()
{
	_t_dir=$(bg_tempdir)
	if [ -z "$_t_dir" ]; then
		fail "$1: -v named the temporary server's directory"
		diag "$(cat "$WORK/bg.err")"
		return
	fi
	if wait_for 60 _gone "$_t_dir"; then
		pass "$1: its server and directory $_t_dir are gone"
	else
		fail "$1: its server and directory $_t_dir are gone"
		diag "$(ls -la "$_t_dir" 2>&1 | head -n 5)"
		diag "$(pgrep -fa -- "$_t_dir")"
	fi
}
