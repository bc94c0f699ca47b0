#!/bin/sh
# runner.sh: the runner at scale, on SQLite.  -j 1 and -j 4 report 36
# generated files identically (but for the times), and -j 4 does run
# files at once; --shard K/N splits the files so that the shards run each
# file exactly once and their counts add up to the whole run; bad --shard
# values are usage errors; --timeout 1 ends a runaway query in under 3 s
# and the file goes on (after a runaway INSERT, SQLite rolls back the
# file's transaction: the file says so and stops); the progress line shows
# on a terminal only; SIGINT and SIGTERM cancel the running query, print
# the partial summary and exit 130, leaving a --dsn database file as it
# was, and a second SIGINT kills sqlcheck at once; --log writes one line
# per statement that runs.  The fixtures are in tests/fixtures-runner.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

fx=$top_srcdir/tests/fixtures-runner
SUMMARY_RE='^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'
esc=$(printf '\033')
cr=$(printf '\r')

require_engines sqlite

have() {
	command -v "$1" >/dev/null 2>&1
}

# Milliseconds since the epoch.
now_ms() {
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	*[!0-9]* | "")
		perl -MTime::HiRes=time -e 'printf "%d\n", time * 1000'
		;;
	*)
		echo "${_t%??????}"
		;;
	esac
}

# The per-file lines of a human report: "OUTCOME PATH".
file_lines() {
	printf '%s\n' "$1" | grep -E '^(ok|FAIL|skip|ERROR) ' |
	    awk '{ print $1, $2 }'
}

# The numbers of the summary line "P passed, F failed, S skipped".
counts() {
	last_line "$1" | awk '{ print $1, $3, $5 }'
}

#
# A suite of 36 generated files: passing, failing, skipped, a failing
# setup, a parse error, and slower files here and there.
#
mkdir -p "$WORK/many"
i=1
while [ $i -le 36 ]; do
	n=$(printf '%02d' $i)
	f=$WORK/many/f$n.sqltest
	case $((i % 6)) in
	1)
		# Slower: the files after it finish first on other workers.
		printf '%s\n' "-- setup" "CREATE TABLE t (a integer);" \
		    "INSERT INTO t VALUES ($i);" "" \
		    "-- test: slow $n" \
		    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL" \
		    "  SELECT x + 1 FROM c WHERE x < 100000)" \
		    "SELECT count(*) FROM c;" "-- expect:" "100000" "" \
		    "-- test: row $n" "SELECT a FROM t;" "-- expect:" "$i" >"$f"
		;;
	2)
		printf '%s\n' "-- test: passes $n" "SELECT $i;" "-- expect:" \
		    "$i" "" "-- test: fails $n" "SELECT $i, 'x';" \
		    "-- expect:" "$i | y" >"$f"
		;;
	3)
		printf '%s\n' "-- engines: postgres" "" "-- test: skipped $n" \
		    "SELECT 1;" "-- expect:" "1" >"$f"
		;;
	4)
		printf '%s\n' "-- setup" "INSERT INTO nowhere VALUES ($i);" "" \
		    "-- test: not run $n" "SELECT 1;" "-- expect:" "1" >"$f"
		;;
	5)
		printf '%s\n' "-- test: no SQL $n" "-- expect:" "1" >"$f"
		;;
	*)
		printf '%s\n' "-- test: a $n" "SELECT 'a$n';" "-- expect:" \
		    "a$n" "" "-- test: b $n" "VALUES (1), (2);" \
		    "-- expect rowsort:" "2" "1" "" "-- test: c $n" \
		    "SELECT NULL, '';" "-- expect:" "NULL | ''" >"$f"
		;;
	esac
	i=$((i + 1))
done

#
# -j: the same report whatever the number of workers.
#
cd "$WORK" || exit 99
run_sqlcheck -j 1 --log "$WORK/j1.log" many
j1_status=$STATUS
j1=$OUT
run_sqlcheck -j 4 --log "$WORK/j4.log" many
is "-j 1: 36 files, one line each" "$(file_lines "$j1" | wc -l | tr -d ' ')" 36
is "-j 1: exit status 2 (a file cannot be parsed)" "$j1_status" 2
is "-j 4: the same exit status as -j 1" "$STATUS" "$j1_status"
if [ "$(untimed "$OUT")" = "$(untimed "$j1")" ]; then
	pass "-j 4: the same report as -j 1, but for the times"
else
	fail "-j 4: the same report as -j 1, but for the times"
	diag "$(printf '%s\n' "$(untimed "$j1")" >"$WORK/j1.txt"
	    printf '%s\n' "$(untimed "$OUT")" >"$WORK/j4.txt"
	    diff "$WORK/j1.txt" "$WORK/j4.txt")"
fi
is "-j 4: the summary" "$(last_line "$OUT")" "36 passed, 18 failed, 6 skipped"
# The query log is written as statements end: with -j 1 file after file,
# with -j 4 a later file ends before the slow first one.
is "-j 1: the log goes file by file" \
    "$(cut -f 1 "$WORK/j1.log" | sed 's/:.*//' | uniq | sort | uniq -d)" ""
first=$(cut -f 1 "$WORK/j4.log" | sed 's/:.*//' | grep -n 'f01\.sqltest' |
    tail -n 1 | cut -d : -f 1)
ok "-j 4: files run at once (a later file ends before the slow f01)" \
    "$(cut -f 1 "$WORK/j4.log" | sed 's/:.*//' | head -n "${first:-0}" |
    grep -qv 'f01\.sqltest'; echo $?)"

#
# --shard K/N.
#
all=$(file_lines "$OUT" | awk '{ print $2 }')
: >"$WORK/shards"
sum_p=0 sum_f=0 sum_s=0
for k in 1 2 3; do
	run_sqlcheck --shard $k/3 many
	file_lines "$OUT" | awk '{ print $2 }' >"$WORK/shard$k"
	cat "$WORK/shard$k" >>"$WORK/shards"
	is "--shard $k/3: a third of the files" \
	    "$(wc -l <"$WORK/shard$k" | tr -d ' ')" 12
	is "--shard $k/3: every third file, from file $k" \
	    "$(tr '\n' ' ' <"$WORK/shard$k")" \
	    "$(printf '%s\n' "$all" | awk -v k=$k 'NR % 3 == k % 3' |
	    tr '\n' ' ')"
	counts "$OUT" >"$WORK/counts"
	read -r np nf ns <"$WORK/counts"
	sum_p=$((sum_p + np)) sum_f=$((sum_f + nf)) sum_s=$((sum_s + ns))
done
is "--shard: no file in two shards" "$(sort "$WORK/shards" | uniq -d)" ""
is "--shard: the shards together run every file" \
    "$(sort "$WORK/shards")" "$(printf '%s\n' "$all" | sort)"
is "--shard: the counts add up to the unsharded run" \
    "$sum_p passed, $sum_f failed, $sum_s skipped" "$(last_line "$j1")"
run_sqlcheck --shard 1/1 many
is "--shard 1/1: the whole run" "$(untimed "$OUT")" "$(untimed "$j1")"
for bad in 0/3 4/3 x 3 1/0 -1/3 1/3x; do
	run_sqlcheck --shard "$bad" many
	is "--shard $bad: exit status 2" "$STATUS" 2
	contains "--shard $bad: says what is wrong" "$ERR" \
	    "bad --shard \"$bad\""
	lacks "--shard $bad: runs nothing" "$OUT" "passed"
done

#
# --timeout on SQLite.
#
t0=$(now_ms)
run_sqlcheck --timeout 1 --log "$WORK/timeout.log" "$fx/runaway.sqltest"
elapsed=$(($(now_ms) - t0))
is_status "--timeout 1: exit status 1" 1
ok "--timeout 1: a runaway query (without end) is cancelled (${elapsed} ms)" \
    "$([ "$elapsed" -lt 60000 ]; echo $?)"
matches "--timeout 1: the test fails, timed out" "$OUT" \
    "runaway\\.sqltest:9: a runaway recursive query"
contains "--timeout 1: says \"timed out after 1 s\"" "$OUT" \
    "timed out after 1 s"
is "--timeout 1: the next test runs and passes" "$(last_line "$OUT")" \
    "1 passed, 1 failed, 0 skipped"
matches "--timeout 1: the log says timeout" "$(cat "$WORK/timeout.log")" \
    "^[^	]*runaway\\.sqltest:10	[0-9.]+	timeout	WITH RECURSIVE"
timed_out=$OUT
run_sqlcheck --timeout 1 "$fx/runaway-insert.sqltest"
# SQLite rolls the whole transaction back when it interrupts a write:
# the file's setup is gone, so the file says so and stops.
is_status "--timeout 1 on a runaway INSERT: exit status 1" 1
contains "--timeout 1 on a runaway INSERT: the file says its transaction is gone" \
    "$OUT" "rolled back the file's transaction"
is "--timeout 1 on a runaway INSERT: the remaining test does not run" \
    "$(last_line "$OUT")" "0 passed, 1 failed, 0 skipped"

#
# The progress line: on a terminal only.
#
lacks "not a terminal: no carriage return" "$timed_out$ERR" "$cr"
lacks "not a terminal: no escape code" "$timed_out$ERR" "$esc"
lacks "not a terminal: no progress line" "$timed_out" " files, "
if have script && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$SQLCHECK' --timeout 1 '$fx/runaway.sqltest'" \
	    /dev/null >"$WORK/tty.out" 2>&1 </dev/null
	matches "a terminal: the progress line" "$(cat "$WORK/tty.out")" \
	    "\\[0/1 files, 0 failed, [0-9]+\\.[0-9] s\\]"
	contains "a terminal: drawn over with CR and erase-line" \
	    "$(cat "$WORK/tty.out")" "$cr${esc}[K[0/1 files"
	matches "a terminal: the summary last, the line erased" \
	    "$(tr -d '\r' <"$WORK/tty.out" | tail -n 1)" \
	    "^(${esc}\\[K)?1 passed, 1 failed, 0 skipped\$"
	for opt in -q -v; do
		script -qec "'$SQLCHECK' $opt --timeout 1 '$fx/runaway.sqltest'" \
		    /dev/null >"$WORK/tty.out" 2>&1 </dev/null
		contains "a terminal with $opt: the run's summary" \
		    "$(cat "$WORK/tty.out")" "1 passed, 1 failed, 0 skipped"
		lacks "a terminal with $opt: no progress line" \
		    "$(cat "$WORK/tty.out")" " files, "
	done
	script -qec "'$SQLCHECK' --format tap --timeout 1 \
	    '$fx/runaway.sqltest'" /dev/null >"$WORK/tty.out" 2>&1 </dev/null
	contains "a terminal with --format tap: the plan" \
	    "$(cat "$WORK/tty.out")" "1..2"
	lacks "a terminal with --format tap: no progress line" \
	    "$(cat "$WORK/tty.out")" " files, "
else
	for p in "the progress line" "drawn over with CR and erase-line" \
	    "the summary last, the line erased" \
	    "with -q: the run's summary" "with -q: no progress line" \
	    "with -v: the run's summary" "with -v: no progress line" \
	    "with --format tap: the plan" \
	    "with --format tap: no progress line"; do
		missing "a terminal: $p" "no script(1) to make a terminal"
	done
fi

#
# Signals.  sqlcheck runs in the background under perl, which writes the
# child's pid to $WORK/bg.pid and, when it ends, "exit N" or "signal N"
# to $WORK/bg.status.
#
bg_start() {
	rm -f "$WORK/bg.pid" "$WORK/bg.status"
	perl -e '
		my ($pidf, $stf, @cmd) = @ARGV;
		my $pid = fork();
		die "fork: $!\n" unless defined $pid;
		if ($pid == 0) { exec { $cmd[0] } @cmd; exit 127; }
		open(my $f, ">", "$pidf.tmp") or die "$pidf: $!\n";
		print $f "$pid\n";
		close $f;
		rename("$pidf.tmp", $pidf);
		waitpid($pid, 0);
		my $st = ($? & 127) ? "signal " . ($? & 127) : "exit " . ($? >> 8);
		open($f, ">", "$stf.tmp") or die "$stf: $!\n";
		print $f "$st\n";
		close $f;
		rename("$stf.tmp", $stf);
	' "$WORK/bg.pid" "$WORK/bg.status" "$SQLCHECK" "$@" \
	    >"$WORK/bg.out" 2>"$WORK/bg.err" </dev/null &
	bg_perl=$!
	_i=0
	while [ ! -s "$WORK/bg.pid" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	bg_pid=$(cat "$WORK/bg.pid" 2>/dev/null)
}

# bg_wait SECONDS: wait for the run to end, at most SECONDS; then kill
# it.  Sets bg_status ("exit N", "signal N" or "still running").
bg_wait() {
	_i=0
	while [ ! -s "$WORK/bg.status" ] && [ $_i -lt $(($1 * 20)) ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if [ -s "$WORK/bg.status" ]; then
		bg_status=$(cat "$WORK/bg.status")
	else
		bg_status="still running"
		kill -KILL "$bg_pid" 2>/dev/null
	fi
	wait "$bg_perl"
	OUT=$(cat "$WORK/bg.out")
	ERR=$(cat "$WORK/bg.err")
}

sigpoints="the query runs when the signal comes
stops
exit status 130
the partial summary is the last line
the running test is reported as cancelled
the next test does not run
the database file is unchanged"
if ! have sqlite3 || ! have perl; then
	for sig in SIGINT SIGTERM; do
		printf '%s\n' "$sigpoints" | while IFS= read -r p; do
			missing "$sig: $p" "needs sqlite3(1) and perl"
		done
	done
	for p in "killed by SIGINT" "at once" "no summary" \
	    "the database file is unchanged"; do
		missing "a second SIGINT: $p" "needs sqlite3(1) and perl"
	done
else
	db=$WORK/app.db
	sqlite3 "$db" "CREATE TABLE users (id integer PRIMARY KEY, name text);
	    INSERT INTO users VALUES (1, 'ann');"
	dump_save app sqlite3 "$db" .dump
	for sig in INT TERM; do
		bg_start --dsn "$db" --log "$WORK/sig.log" \
		    "$fx/interrupt.sqltest"
		# The setup has run (--log) and the long query computes.
		wait_for 60 logged "$WORK/sig.log" \
		    '^[^	]*interrupt\.sqltest:8	' &&
		    wait_busy 60 "$bg_pid"
		ok "SIG$sig: the query runs when the signal comes" $?
		t0=$(now_ms)
		kill -"$sig" "$bg_pid"
		bg_wait 60
		elapsed=$(($(now_ms) - t0))
		is "SIG$sig: stops (${elapsed} ms)" "$bg_status" "exit 130"
		is "SIG$sig: exit status 130" "$bg_status" "exit 130"
		matches "SIG$sig: the partial summary is the last line" \
		    "$(last_line "$OUT")" "$SUMMARY_RE"
		contains "SIG$sig: the running test is reported as cancelled" "$OUT" \
		    "interrupt.sqltest:10: a long query
    | WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
    | SELECT count(*) FROM c
    interrupted by SIG$sig: the statement was cancelled"
		lacks "SIG$sig: the next test does not run" \
		    "$(cat "$WORK/sig.log")" "DELETE FROM users"
		same_dump "SIG$sig: the database file is unchanged" app \
		    sqlite3 "$db" .dump
	done

	# A second SIGINT while the first one cannot take effect: sqlcheck
	# waits for a lock that another process holds.
	rm -f "$WORK/release"
	hold=".shell i=0; while [ ! -e $WORK/release ] && [ \$i -lt 6000 ];"
	hold="$hold do sleep 0.05; i=\$((i+1)); done"
	sqlite3 "$db" "BEGIN EXCLUSIVE" \
	    "INSERT INTO users VALUES (9, 'locker')" "$hold" "ROLLBACK" \
	    >/dev/null 2>&1 &
	locker=$!
	locked()
	{
		! sqlite3 "$db" "SELECT count(*) FROM users" >/dev/null 2>&1
	}
	wait_for 60 locked
	bg_start --dsn "$db" "$fx/interrupt.sqltest"
	# sqlcheck has its handler (SigCgt) and the database open.
	db_open()
	{
		catches "$1" 2 && ls -l "/proc/$1/fd" 2>/dev/null |
		    grep -q -- "-> $db\$"
	}
	wait_for 60 db_open "$bg_pid"
	kill -INT "$bg_pid"
	# The handler has run once SIGINT is no longer caught.
	handled()
	{
		! catches "$1" 2 || [ -s "$WORK/bg.status" ]
	}
	wait_for 60 handled "$bg_pid"
	if [ -s "$WORK/bg.status" ]; then
		bg_wait 1
		for p in "killed by SIGINT" "at once" "no summary"; do
			skip "a second SIGINT: $p" \
			    "the first one came before the locked statement and ended the run ($bg_status)"
		done
	else
		t0=$(now_ms)
		kill -INT "$bg_pid"
		bg_wait 60
		elapsed=$(($(now_ms) - t0))
		is "a second SIGINT: killed by SIGINT" "$bg_status" "signal 2"
		ok "a second SIGINT: at once, the lock still held (${elapsed} ms)" \
		    "$([ ! -e "$WORK/release" ] && kill -0 "$locker"; echo $?)"
		lacks "a second SIGINT: no summary" "$OUT" " passed, "
	fi
	touch "$WORK/release"
	wait "$locker"
	same_dump "a second SIGINT: the database file is unchanged" app \
	    sqlite3 "$db" .dump
fi

#
# --log FILE: one line per statement run.
#
run_sqlcheck --log "$WORK/q.log" "$fx/log.sqltest"
is_status "--log: the run fails (exit status 1)" 1
is "--log: one line for each statement that ran, in order" \
    "$(cut -f 1 "$WORK/q.log" | sed 's/.*://' | tr '\n' ' ')" \
    "5 6 9 15 16 17 22 26 38 "
is "--log: the outcomes" "$(cut -f 3 "$WORK/q.log" | tr '\n' ' ')" \
    "ok ok ok ok ok ok error error ok "
tab=$(printf '\t')
re="^log\\.sqltest:26	[0-9]+\\.[0-9]{3}	error	"
re="${re}INSERT INTO missing VALUES \\(1\\)\$"
matches "--log: a failing statement: FILE:LINE, ms, error, SQL" \
    "$(grep -F "log.sqltest:26$tab" "$WORK/q.log" | sed "s#^$fx/##")" "$re"
lacks "--log: statements after a failing one did not run" \
    "$(cat "$WORK/q.log")" "'not run'"
lacks "--log: a test for another engine did not run" \
    "$(cat "$WORK/q.log")" "'skipped'"
run_sqlcheck -j 1 --log "$WORK/q.log" "$fx/runaway.sqltest" --timeout 1 \
    "$fx/log.sqltest"
is "--log: truncated when opened, then every file" \
    "$(cut -f 1 "$WORK/q.log" | sed 's/.*://' | tr '\n' ' ')" \
    "6 7 10 16 5 6 9 15 16 17 22 26 38 "

done_testing
