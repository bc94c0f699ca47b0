# shellcheck shell=bash
# tests/hold-lib.sh: keep a sqlcheck run open while a test looks at it,
# without sleeping.  Sourced after tests/lib.sh:
#
#	hold_file ENGINE FILE	 write a .sqltest FILE whose one test reads
#				 the fifo $HOLD_FIFO on the server (blocks)
#	hold_start ARGS...	 start sqlcheck -v ARGS... in the background
#				 and return once its server has opened the
#				 fifo (1 if sqlcheck ended first)
#	hold_end		 let the run finish; sets $HOLD_STATUS,
#				 $HOLD_OUT and $HOLD_ERR
#	hold_sqlcheck_pid	 prints the running sqlcheck's pid
#	hold_cmdline_hides ...	 ps shows no password of --dsn (below)
#
# The event is the fifo: the server's COPY FROM or LOAD DATA INFILE
# opens it for reading, which is what lets our open for writing return
# (pg_read_file() would seek, LOAD_FILE() reads only its size, 0);
# closing it ends the read, and the run.  If sqlcheck ends before its
# server opened the fifo, the background shell opens it itself, so that
# the script never waits for ever.  The server's account must reach the
# fifo: $WORK becomes 0711 and the fifo's directory 0755.

HOLD_FIFO=$WORK/hold/fifo
HOLD_PID=
HOLD_STATUS=
HOLD_OUT=
HOLD_ERR=
chmod 711 "$WORK"
mkdir -p "$WORK/hold"
chmod 755 "$WORK/hold"

hold_file()
{
	case $1 in
	postgres)
		printf '%s\n' '-- test: wait for the test script' \
		    'CREATE TEMP TABLE held (line text);' \
		    "COPY held FROM '$HOLD_FIFO';" '-- expect ok' >"$2"
		;;
	mysql)
		printf '%s\n' '-- test: wait for the test script' \
		    'CREATE TEMPORARY TABLE held (line text);' \
		    "LOAD DATA INFILE '$HOLD_FIFO' INTO TABLE held;" \
		    '-- expect ok' >"$2"
		;;
	esac
}

hold_start()
{
	rm -f "$HOLD_FIFO" "$WORK/hold.opened" "$WORK/hold.status"
	mkfifo -m 666 "$HOLD_FIFO"
	# shellcheck disable=SC2086
	(
		$_tap_timeout "$SQLCHECK" -v "$@" >"$WORK/hold.out" \
		    2>"$WORK/hold.err" </dev/null
		echo $? >"$WORK/hold.status"
		until [ -e "$WORK/hold.opened" ]; do
			exec 4<>"$HOLD_FIFO"
			exec 4<&-
		done
	) &
	HOLD_PID=$!
	exec 3>"$HOLD_FIFO"
	: >"$WORK/hold.opened"
	if [ -e "$WORK/hold.status" ]; then
		hold_end
		return 1
	fi
	return 0
}

hold_end()
{
	exec 3>&-
	wait "$HOLD_PID"
	HOLD_STATUS=$(cat "$WORK/hold.status")
	HOLD_OUT=$(cat "$WORK/hold.out")
	HOLD_ERR=$(cat "$WORK/hold.err")
}

# The pid of the sqlcheck binary among the background shell's
# descendants (timeout(1) may stand between them).
hold_sqlcheck_pid()
{
	_hold_pids=$HOLD_PID
	while [ -n "$_hold_pids" ]; do
		for _p in $_hold_pids; do
			if [ "$(readlink "/proc/$_p/exe")" = \
			    "$(readlink -f "$SQLCHECK_BIN")" ]; then
				echo "$_p"
				return 0
			fi
		done
		# shellcheck disable=SC2086
		_hold_pids=$(pgrep -d ' ' -P "$(echo $_hold_pids | tr ' ' ,)")
	done
	return 1
}

# hold_cmdline_hides DESC ENGINE DSN SECRET FRAG [ARGS...]: while a run
# of "sqlcheck -d ENGINE --dsn DSN ARGS" is held open, its
# /proc/PID/cmdline (what ps shows every user) holds neither SECRET (the
# password as written in DSN) nor FRAG (a piece of it), and still holds
# DSN with each byte of SECRET turned into '*'.
hold_cmdline_hides()
{
	local desc=$1 engine=$2 dsn=$3 secret=$4 frag=$5 pid cmdline stars
	shift 5
	hold_file "$engine" "$WORK/hold-$engine.sqltest"
	if ! hold_start -d "$engine" --dsn "$dsn" "$@" \
	    "$WORK/hold-$engine.sqltest"; then
		fail "$desc: the run reached the held test"
		diag "$HOLD_ERR"
		return
	fi
	pid=$(hold_sqlcheck_pid)
	cmdline=$(tr '\0' '\n' <"/proc/${pid:-0}/cmdline" 2>&1)
	hold_end
	stars=$(printf '%s' "$secret" | sed 's/./*/g')
	lacks "$desc: /proc/PID/cmdline holds no password" "$cmdline" "$secret"
	lacks "$desc: nor a piece of it" "$cmdline" "$frag"
	contains "$desc: the DSN keeps its shape" "$cmdline" \
	    "${dsn/"$secret"/"$stars"}"
	is "$desc: the held run passes" "$HOLD_STATUS" 0
}
