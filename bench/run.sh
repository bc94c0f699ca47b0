#!/bin/bash
# bench/run.sh: sqlcheck against the tools users would run instead (issue 8).
#
#   bench/run.sh            (or: make bench)
#
# Run it as root on Debian 12 from the repository root, after the README's
# set-up (sqlcheck built in src/).  It installs what it lacks (as root:
# PostgreSQL, postgresql-server-dev-N for pg_regress, MariaDB, sqlite3,
# time), starts its own PostgreSQL and MariaDB on unix sockets
# (tests/servers.sh), generates its workloads in a temporary directory,
# runs sqlcheck and the reference tool on the same work, prints a table
# of ratios and absolute figures with each target and PASS or MISS, and
# stops the servers.  bench/README.md explains each row.
#
# Environment:
#   SQLCHECK=PATH        the binary to measure, with the sqlcheck-*.so modules
#                        beside it (default src/sqlcheck, after
#                        "make all"; it is copied first, so a rebuild
#                        during the run is harmless)
#   SQLCHECK_BEFORE=PATH an earlier binary (with its sqlcheck-*.so modules
#                        beside it) to measure beside SQLCHECK in the same
#                        run (the SQLite rows: whole corpus, per file, peak
#                        RSS; the PostgreSQL suite at -j 1, by turns with
#                        SQLCHECK; the MariaDB stream), for before/after
#                        figures
#   BENCH_REPEAT_FILES=3 runs of each corpus file for the per-file rows
#   SLT_CORPUS=DIR       the sqllogictest corpus (its test/ directory or the
#                        directory above it); default ../shared/slt-corpus
#                        beside the repository; without it the SQLite and
#                        memory rows are skipped
#   BENCH_REPEAT=3       runs of each short measurement; the best counts
#   BENCH_REPEAT_LONG=2  runs of the long ones (the corpus on both sides,
#                        pg_regress: 10-60 s each)
#   BENCH_STREAM_N=20000 statements in the PostgreSQL and MariaDB stream
#   BENCH_SUITE_N=200    files in the PostgreSQL suite
#   BENCH_OVERHEAD_N=200 files of one trivial test, for the per-file overhead
#   BENCH_PGTAP_N=200    pgTAP files, run by sqlcheck and by pg_prove
#   BENCH_ONLY="sqlite pg mysql pgtap make"  which parts to run
#   BENCH_KEEP=1         keep the work directory (printed at the end)
#   BENCH_STRICT=1       exit 1 when a target is missed
# Exit status: 0 when every row was measured (whether it met its target or
# not), 1 with BENCH_STRICT=1 and a missed target, 2 when a row could not
# be measured or its results were wrong (ERROR in the table).
set -uo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2

REPEAT=${BENCH_REPEAT:-3}
REPEAT_LONG=${BENCH_REPEAT_LONG:-2}
STREAM_N=${BENCH_STREAM_N:-20000}
SUITE_N=${BENCH_SUITE_N:-200}
OVERHEAD_N=${BENCH_OVERHEAD_N:-200}
PGTAP_N=${BENCH_PGTAP_N:-200}
ONLY=${BENCH_ONLY:-sqlite pg mysql pgtap make}
T_START=$EPOCHREALTIME

say() { printf 'bench: %s\n' "$*" >&2; }
only() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

# ---------------------------------------------------------------- set-up

APT_UPDATED=
apt_install() {
	[ "$#" -gt 0 ] || return 0
	if [ "$(id -u)" != 0 ]; then
		say "missing packages (not root, not installing): $*"
		return 1
	fi
	say "installing: $*"
	export DEBIAN_FRONTEND=noninteractive
	if [ -z "$APT_UPDATED" ]; then
		apt-get update -q >/dev/null 2>&1
		APT_UPDATED=1
	fi
	apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 ||
	    say "apt-get install $* failed"
}

pg_bindir() {
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if only pg || only mysql || only pgtap; then
	[ -n "$(pg_bindir)" ] || need+=(postgresql)
	command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] ||
	    need+=(mariadb-server)
	command -v mariadb >/dev/null || need+=(mariadb-client)
fi
apt_install "${need[@]}"
PGBIN=$(pg_bindir)
PGVER=${PGBIN%/bin}
PGVER=${PGVER##*/}
if only pgtap && [ -n "$PGBIN" ]; then
	need=()
	[ -f "/usr/share/postgresql/$PGVER/extension/pgtap.control" ] ||
	    need+=("postgresql-$PGVER-pgtap")
	command -v pg_prove >/dev/null ||
	    need+=(libtap-parser-sourcehandler-pgtap-perl)
	apt_install "${need[@]}"
fi
PG_REGRESS=/usr/lib/postgresql/$PGVER/lib/pgxs/src/test/regress/pg_regress
if only pg && [ -n "$PGBIN" ] && [ ! -x "$PG_REGRESS" ]; then
	apt_install "postgresql-server-dev-$PGVER"
fi
export PATH="$PATH:/usr/sbin"

W=$(mktemp -d "${TMPDIR:-/tmp}/bench-sqlcheck.XXXXXX") || exit 2
chmod 755 "$W"

SRC_BIN=${SQLCHECK:-$ROOT/src/sqlcheck}
if [ -z "${SQLCHECK:-}" ] && [ -f Makefile ]; then
	# The binary of this checkout, not an older build.
	say "make all"
	if ! make -s all >"$W/make.log" 2>&1; then
		tail -n 5 "$W/make.log" >&2
		[ -x "$SRC_BIN" ] || { rm -rf "$W"; say "make failed"; exit 2; }
		say "make failed: measuring the src/sqlcheck already built"
	fi
fi
[ -x "$SRC_BIN" ] || { say "no sqlcheck binary at $SRC_BIN: build it first (see README.md)"; exit 2; }
SC=$W/sqlcheck
cp "$SRC_BIN" "$SC" || exit 2
# The server driver modules sit beside the binary (see src/driver.c).
for m in "$(dirname "$SRC_BIN")"/sqlcheck-*.so; do
	[ -f "$m" ] && { cp "$m" "$W/" || exit 2; }
done

# An earlier binary, measured beside it on the SQLite rows and the MariaDB stream.
SCB=
if [ -n "${SQLCHECK_BEFORE:-}" ]; then
	[ -x "$SQLCHECK_BEFORE" ] || { say "SQLCHECK_BEFORE=$SQLCHECK_BEFORE is not an executable"; exit 2; }
	mkdir -p "$W/before"
	SCB=$W/before/sqlcheck
	cp "$SQLCHECK_BEFORE" "$SCB" || exit 2
	for m in "$(dirname "$SQLCHECK_BEFORE")"/sqlcheck-*.so; do
		[ -f "$m" ] && { cp "$m" "$W/before/" || exit 2; }
	done
fi
REPEAT_FILES=${BENCH_REPEAT_FILES:-3}

CORPUS=${SLT_CORPUS:-}
if [ -z "$CORPUS" ]; then
	for c in "$ROOT/../shared/slt-corpus" /work/shared/slt-corpus; do
		[ -d "$c" ] && { CORPUS=$c; break; }
	done
fi
[ -n "$CORPUS" ] && [ -d "$CORPUS/test" ] && CORPUS=$CORPUS/test
[ -n "$CORPUS" ] && [ -d "$CORPUS" ] && CORPUS=$(cd "$CORPUS" && pwd) &&
    printf '%s\n' "$CORPUS" >"$W/corpus"

SERVERS_UP=
cleanup() {
	if [ -n "$SERVERS_UP" ]; then
		servers_stop
		SERVERS_UP=
	fi
	if [ -n "${BENCH_KEEP:-}" ]; then
		say "work directory kept: $W"
	else
		rm -rf "$W"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers

# Seconds between two $EPOCHREALTIME values.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
fmin() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 < a + 0) print b; else print a }'; }
fmax() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 > a + 0) print b; else print a }'; }
calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }

# best_of N FUNCTION ARGS...: runs the function N times; BEST is the
# shortest wall time in seconds, RUNS every time.  The function sets
# RUN_OK=0 when a run was wrong.
best_of() {
	local n=$1 i t0 t1 d
	shift
	BEST='' RUNS='' RUN_OK=1
	for ((i = 1; i <= n; i++)); do
		RUN_I=$i
		t0=$EPOCHREALTIME
		"$@"
		t1=$EPOCHREALTIME
		d=$(elapsed "$t0" "$t1")
		BEST=$(fmin "$BEST" "$d")
		RUNS="$RUNS $(calc "$d" 3)"
	done
	RUNS=${RUNS# }
}

# CPU seconds (user + system) and peak RSS (KiB) of one command, recorded
# by /usr/bin/time into FILE: "user sys maxrss" on its last line (a line
# "Command exited with non-zero status N" may come first).
TIMEFMT='%U %S %M'
cpu_of() { tail -n 1 "$1" | awk '{ printf "%.2f", $1 + $2 }'; }
rss_of() { tail -n 1 "$1" | awk '{ print $3 }'; }

# The human summary line of a sqlcheck run.
summary_of() { grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$1" | tail -n 1; }

ROWS=()
STATUS=0
MISSED=0
# row MEASURE SQLCHECK REFERENCE VALUE TARGET RESULT
row() { ROWS+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"$'\t'"$5"$'\t'"$6"); }
# judge VALUE OP TARGET: PASS or MISS
judge() {
	if awk -v v="$1" -v t="$3" 'BEGIN { exit !(v <= t) }'; then
		echo PASS
	else
		MISSED=1
		echo MISS
	fi
}
row_error() { row "$1" "-" "-" "-" "$2" "ERROR: $3"; STATUS=2; say "ERROR: $1: $3"; }
row_skip() { row "$1" "-" "-" "-" "$2" "skipped: $3"; say "skipped: $1: $3"; }

NOTES=()
note() { NOTES+=("$*"); say "$*"; }

# ---------------------------------------------------------------- machine

machine() {
	local cpu mem
	cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	echo "machine:    $(nproc) cores, $cpu, $mem, Linux $(uname -r), Debian $(cat /etc/debian_version 2>/dev/null)"
	echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) at start (1, 5, 15 min)"
	if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
		echo "warning:    the machine is busy: the wall times, and most of all the"
		echo "            client/server rows and -j 2 / -j 1, measure the other load too"
	fi
	echo "sqlcheck:   $("$SC" --version 2>&1 | head -n 1), $SRC_BIN; checkout at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes in src/')"
	echo "sqlite3:    $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
	if [ -n "$PGBIN" ]; then
		echo "postgres:   $("$PGBIN/postgres" --version 2>/dev/null), psql $("$PGBIN/psql" --version | awk '{ print $3 }'), pg_regress $("$PG_REGRESS" --version 2>/dev/null | awk '{ print $3 }')"
	fi
	command -v mariadbd >/dev/null &&
	    echo "mariadb:    $(mariadbd --version 2>/dev/null | awk '{ print $3 }'), client $(mariadb --version 2>/dev/null | sed 's/.*Distrib \([^,]*\).*/\1/; s/.*from \([^ ,]*\).*/\1/')"
}
MACHINE=$(machine)

# ---------------------------------------------------------------- SQLite

# The corpus: sqlcheck -j 1 against the sqlite3 shell executing the SQL
# that applies to SQLite (bench/slt2sql.awk), file by file, each on a new
# in-memory database.
sqlite_extract() {
	local f rel n e
	mkdir -p "$W/slt-sql"
	SLT_RECORDS=0 SLT_ERRORS=0 SLT_FILES=0
	: >"$W/slt-sql/list"
	: >"$W/slt-sql/files"
	while IFS= read -r f; do
		rel=${f#"$CORPUS"/}
		out="$W/slt-sql/$(printf '%s' "$rel" | tr / _).sql"
		awk -v engine=sqlite -f "$ROOT/bench/slt2sql.awk" "$f" \
		    >"$out" 2>"$W/slt-sql/count" || return 1
		n=$(awk '$1 == "records" { print $2 }' "$W/slt-sql/count")
		e=$(awk '$1 == "errors" { print $2 }' "$W/slt-sql/count")
		SLT_RECORDS=$((SLT_RECORDS + n))
		SLT_ERRORS=$((SLT_ERRORS + e))
		SLT_FILES=$((SLT_FILES + 1))
		printf '%s\n' "$out" >>"$W/slt-sql/list"
		printf '%s\t%s\t%s\t%s\n' "$rel" "$f" "$out" "$n" \
		    >>"$W/slt-sql/files"
	done < <(find "$CORPUS" \( -name '*.test' -o -name '*.slt' \) -type f | sort)
}

# sqlite3 over every extracted file, as one timed command.
cat >"$W/sqlite-ref.sh" <<'EOF'
#!/bin/bash
# One sqlite3 shell per file, as sqlcheck gives each file a new database.
errors=0
while IFS= read -r f; do
	sqlite3 :memory: <"$f" >/dev/null 2>"$f.err"
	n=$(grep -Ec '^(Parse|Runtime) error near line' "$f.err")
	errors=$((errors + n))
done <"$1"
echo "$errors" >"$2"
EOF
chmod +x "$W/sqlite-ref.sh"

sqlite_sqlcheck_once() {
	/usr/bin/time -f "$TIMEFMT" -o "$W/slt-sc.time.$RUN_I" \
	    "$SC" -j 1 --color never "$CORPUS" >"$W/slt-sc.out.$RUN_I" 2>&1
	SC_SUMMARY=$(summary_of "$W/slt-sc.out.$RUN_I")
	[ -n "$SC_SUMMARY" ] || RUN_OK=0
}
sqlite_before_once() {
	/usr/bin/time -f "$TIMEFMT" -o "$W/slt-scb.time.$RUN_I" \
	    "$SCB" -j 1 --color never "$CORPUS" >"$W/slt-scb.out.$RUN_I" 2>&1
	SCB_SUMMARY=$(summary_of "$W/slt-scb.out.$RUN_I")
	[ -n "$SCB_SUMMARY" ] || RUN_OK=0
}
sqlite_ref_once() {
	/usr/bin/time -f "$TIMEFMT" -o "$W/slt-ref.time.$RUN_I" \
	    "$W/sqlite-ref.sh" "$W/slt-sql/list" "$W/slt-ref.errors"
}

# The whole corpus in one sqlcheck run (BIN, with runs named PREFIX.N):
# sets CPU (best user + sys), RSS (largest, KiB), WALL (best) and RUNS.
sqlite_corpus_cpu() {
	local fn=$1 prefix=$2 i
	best_of "$REPEAT_LONG" "$fn"
	WALL=$BEST CPU='' RSS=''
	for ((i = 1; i <= REPEAT_LONG; i++)); do
		CPU=$(fmin "$CPU" "$(cpu_of "$W/$prefix.time.$i")")
		RSS=$(fmax "$RSS" "$(rss_of "$W/$prefix.time.$i")")
	done
}

# The row of a whole-corpus run of sqlcheck: NAME SUMMARY CPU WALL.
sqlite_corpus_row() {
	local name=$1 summary=$2 cpu=$3 wall=$4 counted r rw
	# Same work: sqlcheck's passed + failed = the records extracted.
	counted=$(awk '{ print $1 + $3 }' <<<"$summary")
	if [ "$RUN_OK" = 0 ] || [ "$counted" != "$SLT_RECORDS" ]; then
		row_error "$name" "<= 1.0" "sqlcheck ran $counted records, the extraction has $SLT_RECORDS"
		return
	fi
	# Both are one CPU-bound process: the ratio of CPU times (user +
	# system) is the one judged, as it does not count the time spent
	# waiting for a CPU on a busy machine; the wall times are shown.
	r=$(calc "$cpu / $SLT_REF_CPU" 2)
	rw=$(calc "$wall / $SLT_REF_WALL" 2)
	row "$name" "$(calc "$cpu" 2) s CPU, $(calc "$wall" 2) s wall" \
	    "$(calc "$SLT_REF_CPU" 2) s CPU, $(calc "$SLT_REF_WALL" 2) s wall" \
	    "$r CPU (wall $rw)" "<= 1.0" "$(judge "$r" "<=" 1.0)"
}

bench_sqlite() {
	local name="SQLite corpus: sqlcheck -j 1 / sqlite3 shell (CPU)"
	local rname="peak RSS, sqlcheck on the corpus (SQLite)"
	if [ -z "$CORPUS" ] || [ ! -d "$CORPUS" ]; then
		row_skip "$name" "<= 1.0" "no corpus (set SLT_CORPUS)"
		row_skip "$rname" "<= 16 MiB" "no corpus (set SLT_CORPUS)"
		return
	fi
	say "SQLite: extracting the corpus SQL ($CORPUS)"
	sqlite_extract || { row_error "$name" "<= 1.0" "extraction failed"; return; }
	say "SQLite: sqlite3 shell on $SLT_FILES files, $SLT_RECORDS statements and queries (x$REPEAT_LONG)"
	best_of "$REPEAT_LONG" sqlite_ref_once
	local ref_runs=$RUNS ref_rss='' i
	SLT_REF_WALL=$BEST SLT_REF_CPU=''
	for ((i = 1; i <= REPEAT_LONG; i++)); do
		SLT_REF_CPU=$(fmin "$SLT_REF_CPU" "$(cpu_of "$W/slt-ref.time.$i")")
		ref_rss=$(fmax "$ref_rss" "$(rss_of "$W/slt-ref.time.$i")")
	done
	local ref_err
	ref_err=$(cat "$W/slt-ref.errors")
	say "SQLite: sqlcheck -j 1 on the corpus (x$REPEAT_LONG)"
	sqlite_corpus_cpu sqlite_sqlcheck_once slt-sc
	local sc_cpu=$CPU sc_rss=$RSS sc_wall=$WALL sc_runs=$RUNS sc_ok=$RUN_OK
	note "SQLite corpus: $SLT_FILES files; $SLT_RECORDS statements and queries extracted, $SLT_ERRORS of them \"statement error\" (the shell reported $ref_err errors: those, plus queries whose runtime error ends their rows in SQLite's runner); sqlcheck: $SC_SUMMARY"
	note "SQLite corpus wall times (s): sqlcheck $sc_runs; sqlite3 $ref_runs. CPU (user+sys, best): sqlcheck $sc_cpu s, sqlite3 $SLT_REF_CPU s (ratio $(calc "$sc_cpu / $SLT_REF_CPU" 2))"
	RUN_OK=$sc_ok
	sqlite_corpus_row "$name" "$SC_SUMMARY" "$sc_cpu" "$sc_wall"
	local mib
	mib=$(calc "$sc_rss / 1024" 1)
	row "$rname" "$mib MiB" "sqlite3 $(calc "$ref_rss / 1024" 1) MiB" \
	    "$mib MiB" "<= 16 MiB" "$(judge "$mib" "<=" 16)"
	if [ -n "$SCB" ]; then
		say "SQLite: the earlier sqlcheck ($SQLCHECK_BEFORE) on the corpus (x$REPEAT_LONG)"
		sqlite_corpus_cpu sqlite_before_once slt-scb
		note "SQLite corpus, before ($SQLCHECK_BEFORE): wall times (s) $RUNS; CPU $CPU s; $SCB_SUMMARY"
		sqlite_corpus_row "$name, before" "$SCB_SUMMARY" "$CPU" "$WALL"
		mib=$(calc "$RSS / 1024" 1)
		row "$rname, before" "$mib MiB" "sqlite3 $(calc "$ref_rss / 1024" 1) MiB" \
		    "$mib MiB" "<= 16 MiB" "$(judge "$mib" "<=" 16)"
	fi
	bench_sqlite_files
}

# CPU seconds (user + system) of K runs of a command, to the millisecond:
# the children's line of bash's `times` after the runs (the same
# accounting as /usr/bin/time, without its 10 ms rounding, and without
# the loop's own forks, which are the shell's line).  Each run reads
# $CPU_STDIN (default /dev/null); its output is thrown away.
cpu_runs() {
	local k=$1 i
	shift
	(
		for ((i = 0; i < k; i++)); do
			"$@" <"${CPU_STDIN:-/dev/null}" >/dev/null 2>&1
		done
		times
	) | awk 'NR == 2 {
		t = 0
		for (i = 1; i <= 2; i++) {
			split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2]
		}
		printf "%.3f\n", t
	}'
}

# One sqlcheck run on a file: its peak RSS (KiB) in FILE_RSS, its summary
# in FILE_SUMMARY.
file_rss() {
	/usr/bin/time -f '%M' -o "$W/file.rss" "$1" -j 1 --color never "$2" \
	    >"$W/file.out" 2>&1
	FILE_SUMMARY=$(summary_of "$W/file.out")
	FILE_RSS=$(tail -n 1 "$W/file.rss")
}

# Every corpus file on its own: sqlcheck -j 1 FILE (and the earlier
# binary) against the shell on that file's SQL, interleaved, each the
# best of REPEAT_FILES.  A file whose shell run takes under 0.25 s is run
# K times in each measurement (the same K on every side, up to 50), so
# that a ratio of milliseconds is not one of clock ticks.  Rows: the
# worst file's ratio (target 1.1) and the largest peak RSS of a file
# (target 16 MiB); the per-file table goes under the report.
bench_sqlite_files() {
	local name="SQLite per file: worst sqlcheck -j 1 / sqlite3 shell (CPU)"
	local rname="peak RSS per file, sqlcheck -j 1 (SQLite): the largest"
	local rel f sql n k t a b c r rb i worst='' worstb='' wf='' wfb=''
	local rss rssb maxrss='' maxrssb='' rf='' rfb='' ok=1 sc_sum=0 ref_sum=0 scb_sum=0
	say "SQLite: each corpus file on its own (x$REPEAT_FILES)"
	SLT_FILE_TABLE=$W/slt-files.txt
	{
		printf 'file\tK\tsqlcheck s\tshell s\tratio\tpeak RSS KiB'
		[ -n "$SCB" ] && printf '\tbefore s\tbefore ratio\tbefore RSS KiB'
		printf '\n'
	} >"$SLT_FILE_TABLE"
	while IFS=$'\t' read -r rel f sql n; do
		t=$(CPU_STDIN=$sql cpu_runs 1 sqlite3 :memory:)
		k=$(awk -v t="$t" 'BEGIN { if (t >= 0.25) print 1; else { k = int(0.25 / (t < 0.005 ? 0.005 : t)) + 1; print (k > 50 ? 50 : k) } }')
		a='' b='' c=''
		for ((i = 1; i <= REPEAT_FILES; i++)); do
			a=$(fmin "$a" "$(cpu_runs "$k" "$SC" -j 1 --color never "$f")")
			[ -n "$SCB" ] && c=$(fmin "$c" "$(cpu_runs "$k" "$SCB" -j 1 --color never "$f")")
			b=$(fmin "$b" "$(CPU_STDIN=$sql cpu_runs "$k" sqlite3 :memory:)")
		done
		file_rss "$SC" "$f"
		rss=$FILE_RSS
		[ "$(awk '{ print $1 + $3 }' <<<"$FILE_SUMMARY")" = "$n" ] ||
		    { ok=0; say "ERROR: $rel: sqlcheck: $FILE_SUMMARY, extracted $n records"; }
		r=$(calc "$a / $b" 2)
		sc_sum=$(calc "$sc_sum + $a / $k" 3)
		ref_sum=$(calc "$ref_sum + $b / $k" 3)
		worst=$(fmax "$worst" "$r")
		[ "$worst" = "$r" ] && wf=$rel
		maxrss=$(fmax "$maxrss" "$rss")
		[ "$maxrss" = "$rss" ] && rf=$rel
		printf '%s\t%s\t%s\t%s\t%s\t%s' "$rel" "$k" "$a" "$b" "$r" "$rss" >>"$SLT_FILE_TABLE"
		if [ -n "$SCB" ]; then
			rb=$(calc "$c / $b" 2)
			file_rss "$SCB" "$f"
			rssb=$FILE_RSS
			scb_sum=$(calc "$scb_sum + $c / $k" 3)
			worstb=$(fmax "$worstb" "$rb")
			[ "$worstb" = "$rb" ] && wfb=$rel
			maxrssb=$(fmax "$maxrssb" "$rssb")
			[ "$maxrssb" = "$rssb" ] && rfb=$rel
			printf '\t%s\t%s\t%s' "$c" "$rb" "$rssb" >>"$SLT_FILE_TABLE"
		fi
		printf '\n' >>"$SLT_FILE_TABLE"
	done <"$W/slt-sql/files"
	note "SQLite per file: CPU s of one run, summed over the $SLT_FILES files: sqlcheck $sc_sum, sqlite3 $ref_sum (ratio $(calc "$sc_sum / $ref_sum" 2))$([ -n "$SCB" ] && echo ", before $scb_sum (ratio $(calc "$scb_sum / $ref_sum" 2))"); table below"
	if [ "$ok" = 0 ]; then
		row_error "$name" "<= 1.1" "a file ran other records than extracted (see above)"
		return
	fi
	row "$name" "$wf" "" "$worst" "<= 1.1" "$(judge "$worst" "<=" 1.1)"
	[ -n "$SCB" ] && row "$name, before" "$wfb" "" "$worstb" "<= 1.1" \
	    "$(judge "$worstb" "<=" 1.1)"
	row "$rname" "$rf" "" "$(calc "$maxrss / 1024" 1) MiB" "<= 16 MiB" \
	    "$(judge "$(calc "$maxrss / 1024" 1)" "<=" 16)"
	[ -n "$SCB" ] && row "$rname, before" "$rfb" "" \
	    "$(calc "$maxrssb / 1024" 1) MiB" "<= 16 MiB" \
	    "$(judge "$(calc "$maxrssb / 1024" 1)" "<=" 16)"
}

# ---------------------------------------------------------------- workloads

# The statement stream: a setup that creates one table, then STREAM_N tests
# of one statement each, alternately an INSERT and a SELECT of that row.
# The same statements as a plain script for psql and for mariadb, between
# a CREATE TABLE and a DROP TABLE.
gen_stream() {
	awk -v n="$STREAM_N" -v sqltest="$W/stream.sqltest" -v plain="$W/stream.sql" '
	BEGIN {
		ct = "CREATE TABLE bench_t (id integer PRIMARY KEY, v varchar(40) NOT NULL)"
		print "-- setup" > sqltest
		print ct ";" > sqltest
		print "DROP TABLE IF EXISTS bench_t;" > plain
		print ct ";" > plain
		for (i = 1; i <= n / 2; i++) {
			ins = "INSERT INTO bench_t VALUES (" i ", '\''value " i "'\'')"
			sel = "SELECT v FROM bench_t WHERE id = " i
			printf "\n-- test: insert %d\n%s;\n-- expect 1 row\n", i, ins > sqltest
			printf "\n-- test: select %d\n%s;\n-- expect:\nvalue %d\n", i, sel, i > sqltest
			print ins ";" > plain
			print sel ";" > plain
		}
		print "DROP TABLE bench_t;" > plain
	}'
}

# The PostgreSQL suite: SUITE_N small files of 10 tests each (setup of one
# table, selects, constraint errors, an insert, an update, a join), and the
# same statements as a pg_regress suite (sql/NAME.sql, which also drops its
# table at the end, as pg_regress does not roll back).
gen_suite() {
	local i name q up
	mkdir -p "$W/suite" "$W/regress/sql" "$W/regress/expected"
	: >"$W/regress/names"
	for ((i = 1; i <= SUITE_N; i++)); do
		name=$(printf 'f%03d' "$i")
		q=$((i % 10 + 1))
		up=$((q < 3 ? 3 : 2))
		cat >"$W/suite/$name.sqltest" <<EOF
-- engines: postgres

-- setup
CREATE TABLE items_$name (
  id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  qty integer NOT NULL CHECK (qty >= 0)
);
INSERT INTO items_$name VALUES (1, 'apple', 3), (2, 'banana', 0), (3, 'cherry', 7), (4, 'date', $q);

-- test: row count
SELECT count(*) FROM items_$name;
-- expect:
4

-- test: rows in order
SELECT id, name, qty FROM items_$name ORDER BY id;
-- expect:
1 | apple | 3
2 | banana | 0
3 | cherry | 7
4 | date | $q

-- test: names in stock, any order
SELECT name FROM items_$name WHERE qty > 0;
-- expect rowsort:
date
cherry
apple

-- test: total quantity
SELECT sum(qty) FROM items_$name;
-- expect:
$((10 + q))

-- test: duplicate id is rejected
INSERT INTO items_$name VALUES (1, 'elder', 1);
-- expect error: unique_violation

-- test: negative quantity is rejected
INSERT INTO items_$name VALUES (5, 'fig', -1);
-- expect error: check_violation

-- test: missing name is rejected
INSERT INTO items_$name VALUES (5, NULL, 1);
-- expect error: not_null_violation

-- test: insert a row
INSERT INTO items_$name VALUES (5, 'fig', 2);
-- expect 1 row

-- test: restock
UPDATE items_$name SET qty = qty + 1 WHERE qty < 3;
-- expect $up rows

-- test: join with a price list
SELECT i.name, p.price * i.qty
FROM items_$name i JOIN (VALUES ('apple', 2), ('cherry', 5)) AS p(name, price)
  ON p.name = i.name
ORDER BY 1;
-- expect:
apple | 6
cherry | 35
EOF
		# The same statements, in order, for pg_regress.
		awk '
		/^-- (expect|test|setup|engines)/ { skip = ($2 ~ /^expect/); next }
		skip { next }
		/^$/ { next }
		{ print }
		' "$W/suite/$name.sqltest" >"$W/regress/sql/$name.sql"
		echo "DROP TABLE items_$name;" >>"$W/regress/sql/$name.sql"
		echo "$name" >>"$W/regress/names"
	done
}

# Files of one trivial test each, in two directories: one file and N files.
gen_overhead() {
	local i
	mkdir -p "$W/ovh1" "$W/ovhN"
	for ((i = 1; i <= OVERHEAD_N; i++)); do
		printf -- '-- test: one\nSELECT 1;\n-- expect:\n1\n' \
		    >"$W/ovhN/$(printf 't%04d' "$i").sqltest"
	done
	cp "$W/ovhN/t0001.sqltest" "$W/ovh1/"
}

# The pgTAP suite: PGTAP_N files as pgTAP users write them (between BEGIN
# and ROLLBACK, so that pg_prove, which commits, leaves nothing behind):
# a table with a primary key, a unique and a check constraint, 4 rows,
# then 10 assertions: has_table, col_is_pk, is, isnt, ok, results_eq,
# set_eq, two throws_ok and a lives_ok.
gen_pgtap() {
	local i name
	mkdir -p "$W/pgtap"
	for ((i = 1; i <= PGTAP_N; i++)); do
		name=$(printf 'p%04d' "$i")
		cat >"$W/pgtap/$name.pg" <<EOF
\\set ECHO none
\\set QUIET 1
\\pset format unaligned
\\pset tuples_only true
\\pset pager off
BEGIN;
SELECT plan(10);
CREATE TABLE items_$i (
    id integer PRIMARY KEY,
    code text NOT NULL UNIQUE,
    qty integer NOT NULL CHECK (qty >= 0)
);
INSERT INTO items_$i VALUES (1, 'a$i', 3), (2, 'b$i', 5), (3, 'c$i', 0), (4, 'd$i', 9);
SELECT has_table('items_$i');
SELECT col_is_pk('items_$i', 'id');
SELECT is((SELECT sum(qty)::int FROM items_$i), 17, 'the quantities add up');
SELECT isnt((SELECT code FROM items_$i WHERE id = 1), 'b$i', 'codes differ');
SELECT ok(EXISTS (SELECT 1 FROM items_$i WHERE qty = 0), 'one is out of stock');
SELECT results_eq('SELECT id FROM items_$i WHERE qty > 0 ORDER BY id',
    ARRAY[1, 2, 4], 'the items in stock');
SELECT set_eq('SELECT code FROM items_$i', ARRAY['d$i', 'c$i', 'b$i', 'a$i'],
    'every code');
SELECT throws_ok(\$\$INSERT INTO items_$i VALUES (1, 'z', 1)\$\$, '23505');
SELECT throws_ok(\$\$INSERT INTO items_$i VALUES (5, 'e', -1)\$\$, '23514');
SELECT lives_ok(\$\$UPDATE items_$i SET qty = qty + 1 WHERE id = 3\$\$,
    'a restock');
SELECT * FROM finish();
ROLLBACK;
EOF
	done
}

# ---------------------------------------------------------------- PostgreSQL

PSQL_ARGS=()
psql_once() {
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "${PSQL_ARGS[@]}" -f "$1" \
	    >/dev/null 2>"$W/psql.err" || RUN_OK=0
}
# sqlcheck_once OUT ARGS...: one run; RUN_OK=0 unless it exits 0.
sqlcheck_once() {
	local out=$1
	shift
	"$SC" --color never "$@" >"$out" 2>&1 || RUN_OK=0
}
regress_once() {
	rm -rf "$W/regress/out"
	local names
	mapfile -t names <"$W/regress/names"
	"$PG_REGRESS" --use-existing --bindir="$PGBIN" --host="$PG_DIR" \
	    --port=5432 --user=postgres --dbname=bench_regress \
	    --inputdir="$W/regress" --outputdir="$W/regress/out" \
	    "${names[@]}" >"$W/regress.log" 2>&1 || RUN_OK=0
}

bench_pg() {
	local n1="PostgreSQL stream: sqlcheck / psql -f"
	local n2="PostgreSQL $SUITE_N-file suite: sqlcheck -j 1 / pg_regress"
	local n3="PostgreSQL per-file overhead (reused session)"
	local n4="PostgreSQL $SUITE_N-file suite: -j 2 / -j 1"
	if [ -z "$PGBIN" ] || [ -z "${SQLCHECK_PG_DSN:-}" ]; then
		for n in "$n1" "$n2" "$n3" "$n4"; do row_skip "$n" "-" "no PostgreSQL server"; done
		return
	fi
	PSQL_ARGS=(-h "$PG_DIR" -p 5432 -U postgres -d postgres)
	local dsn="$SQLCHECK_PG_DSN"

	# The statement stream.
	say "PostgreSQL: stream of $STREAM_N statements, psql (x$REPEAT)"
	best_of "$REPEAT" psql_once "$W/stream.sql"
	local ref=$BEST ref_runs=$RUNS ok=$RUN_OK
	say "PostgreSQL: stream of $STREAM_N statements, sqlcheck (x$REPEAT)"
	best_of "$REPEAT" sqlcheck_once "$W/pg-stream.out" -d postgres \
	    --dsn "$dsn" -j 1 "$W/stream.sqltest"
	local sc=$BEST sc_runs=$RUNS
	note "PostgreSQL stream wall times (s): sqlcheck $sc_runs; psql $ref_runs; sqlcheck: $(summary_of "$W/pg-stream.out")"
	if [ "$ok" = 0 ] || [ "$RUN_OK" = 0 ]; then
		row_error "$n1" "<= 0.7" "a run failed (see $W/pg-stream.out, $W/psql.err)"
	else
		local r
		r=$(calc "$sc / $ref" 2)
		row "$n1" "$(calc "$sc" 2) s ($(calc "$STREAM_N / $sc" 0) stmt/s)" \
		    "$(calc "$ref" 2) s ($(calc "$STREAM_N / $ref" 0) stmt/s)" \
		    "$r" "<= 0.7" "$(judge "$r" "<=" 0.7)"
	fi

	# The suite: pg_regress once to make expected/, then the timed runs.
	"$PGBIN/psql" -X -q "${PSQL_ARGS[@]}" -c "CREATE DATABASE bench_regress" \
	    >/dev/null 2>&1
	# pg_regress stops at a missing expected file: start from empty ones.
	say "PostgreSQL: pg_regress once to record expected/ ($SUITE_N files)"
	local f
	while read -r f; do : >"$W/regress/expected/$f.out"; done <"$W/regress/names"
	RUN_OK=1
	regress_once
	cp "$W/regress/out/results/"*.out "$W/regress/expected/" 2>/dev/null
	local rdsn="host=$PG_DIR port=5432 user=postgres dbname=bench_regress"
	say "PostgreSQL: pg_regress on $SUITE_N files (x$REPEAT_LONG)"
	best_of "$REPEAT_LONG" regress_once
	local rg=$BEST rg_runs=$RUNS rg_ok=$RUN_OK
	grep -q "All $SUITE_N tests passed" "$W/regress.log" || rg_ok=0
	PGR_GEN_REF=$rg PGR_GEN_OK=$rg_ok	# for bench_pgregress
	j1_once() {
		sqlcheck_once "$W/suite-j1.out" -d postgres --dsn "$rdsn" -j 1 \
		    --format json -o "$W/suite-j1.json" "$W/suite"
	}
	j2_once() {
		sqlcheck_once "$W/suite-j2.out" -d postgres --dsn "$rdsn" -j 2 \
		    --format json -o "$W/suite-j2.json" "$W/suite"
	}
	j1b_once() {
		"$SCB" --color never -d postgres --dsn "$rdsn" -j 1 "$W/suite" \
		    >"$W/suite-j1b.out" 2>&1 || RUN_OK=0
	}
	local j1 j1_runs j1_ok j1b='' j1b_runs='' j1b_ok=1 i
	if [ -n "$SCB" ]; then
		# The earlier binary by turns with this one: both see the
		# same load.
		say "PostgreSQL: sqlcheck -j 1 on $SUITE_N files, by turns with $SQLCHECK_BEFORE (x$REPEAT each)"
		j1='' j1_runs='' j1_ok=1
		for ((i = 1; i <= REPEAT; i++)); do
			best_of 1 j1_once
			j1=$(fmin "$j1" "$BEST") j1_runs="$j1_runs $RUNS"
			[ "$RUN_OK" = 0 ] && j1_ok=0
			best_of 1 j1b_once
			j1b=$(fmin "$j1b" "$BEST") j1b_runs="$j1b_runs $RUNS"
			[ "$RUN_OK" = 0 ] && j1b_ok=0
		done
		j1_runs=${j1_runs# } j1b_runs=${j1b_runs# }
		[ "$(summary_of "$W/suite-j1b.out")" = "$((SUITE_N * 10)) passed, 0 failed, 0 skipped" ] || j1b_ok=0
	else
		say "PostgreSQL: sqlcheck -j 1 on $SUITE_N files (x$REPEAT)"
		best_of "$REPEAT" j1_once
		j1=$BEST j1_runs=$RUNS j1_ok=$RUN_OK
	fi
	say "PostgreSQL: sqlcheck -j 2 on $SUITE_N files (x$REPEAT)"
	best_of "$REPEAT" j2_once
	local j2=$BEST j2_runs=$RUNS j2_ok=$RUN_OK
	local want="$((SUITE_N * 10)) passed, 0 failed, 0 skipped"
	[ "$(summary_of "$W/suite-j1.out")" = "$want" ] || j1_ok=0
	[ "$(summary_of "$W/suite-j2.out")" = "$want" ] || j2_ok=0
	note "PostgreSQL suite wall times (s): sqlcheck -j 1 $j1_runs; -j 2 $j2_runs; pg_regress $rg_runs; sqlcheck -j 1: $(summary_of "$W/suite-j1.out"); pg_regress: $(grep -E 'tests? (passed|failed)' "$W/regress.log" | tr -s ' ' | head -n 1)"
	if [ "$rg_ok" = 0 ]; then
		row_error "$n2" "<= 0.1" "pg_regress did not pass (see $W/regress.log)"
	elif [ "$j1_ok" = 0 ]; then
		row_error "$n2" "<= 0.1" "sqlcheck -j 1 did not pass (see $W/suite-j1.out)"
	else
		local r
		r=$(calc "$j1 / $rg" 3)
		row "$n2" "$(calc "$j1" 2) s ($(calc "$j1 * 1000 / $SUITE_N" 1) ms/file)" \
		    "$(calc "$rg" 2) s ($(calc "$rg * 1000 / $SUITE_N" 1) ms/file)" \
		    "$r" "<= 0.1" "$(judge "$r" "<=" 0.1)"
	fi
	if [ -n "$SCB" ]; then
		local r
		note "PostgreSQL suite, before ($SQLCHECK_BEFORE), by turns with -j 1: wall times (s) $j1b_runs; $(summary_of "$W/suite-j1b.out")"
		if [ "$j1b_ok" = 0 ] || [ "$rg_ok" = 0 ]; then
			row_error "$n2, before" "<= 0.1" "a run did not pass (see $W/suite-j1b.out)"
		else
			r=$(calc "$j1b / $rg" 3)
			row "$n2, before" "$(calc "$j1b" 2) s ($(calc "$j1b * 1000 / $SUITE_N" 1) ms/file)" \
			    "$(calc "$rg" 2) s ($(calc "$rg * 1000 / $SUITE_N" 1) ms/file)" \
			    "$r" "<= 0.1" "$(judge "$r" "<=" 0.1)"
		fi
	fi
	# -j 2 against -j 1: the time, and the same per-test results.
	local same=yes
	sed -E 's/"seconds": [0-9.]+//g' "$W/suite-j1.json" >"$W/suite-j1.cmp"
	sed -E 's/"seconds": [0-9.]+//g' "$W/suite-j2.json" >"$W/suite-j2.cmp"
	cmp -s "$W/suite-j1.cmp" "$W/suite-j2.cmp" || same=no
	note "PostgreSQL suite: per-test results of -j 2 identical to -j 1 (JSON report, times removed): $same"
	if [ "$j1_ok" = 0 ] || [ "$j2_ok" = 0 ]; then
		row_error "$n4" "<= 0.6" "a run did not pass (see $W/suite-j1.out, $W/suite-j2.out)"
	elif [ "$same" = no ]; then
		row_error "$n4" "<= 0.6" "-j 2 results differ from -j 1"
	else
		local r
		r=$(calc "$j2 / $j1" 2)
		row "$n4" "-j 2: $(calc "$j2" 2) s" "-j 1: $(calc "$j1" 2) s" \
		    "$r (results identical)" "<= 0.6" "$(judge "$r" "<=" 0.6)"
	fi

	# Per-file overhead: (time for N files - time for 1 file) / (N - 1).
	say "PostgreSQL: per-file overhead, 1 and $OVERHEAD_N files (x$REPEAT)"
	best_of "$REPEAT" sqlcheck_once "$W/ovh1.out" -d postgres --dsn "$rdsn" \
	    -j 1 "$W/ovh1"
	local o1=$BEST o1_runs=$RUNS o_ok=$RUN_OK
	best_of "$REPEAT" sqlcheck_once "$W/ovhN.out" -d postgres --dsn "$rdsn" \
	    -j 1 "$W/ovhN"
	local on=$BEST on_runs=$RUNS
	[ "$RUN_OK" = 0 ] && o_ok=0
	[ "$(summary_of "$W/ovh1.out")" = "1 passed, 0 failed, 0 skipped" ] || o_ok=0
	[ "$(summary_of "$W/ovhN.out")" = "$OVERHEAD_N passed, 0 failed, 0 skipped" ] || o_ok=0
	note "PostgreSQL per-file overhead wall times (s): 1 file $o1_runs; $OVERHEAD_N files $on_runs"
	if [ "$o_ok" = 0 ]; then
		row_error "$n3" "<= 2 ms" "a run failed (see $W/ovhN.out)"
	else
		local ms
		ms=$(calc "($on - $o1) * 1000 / ($OVERHEAD_N - 1)" 2)
		row "$n3" "$OVERHEAD_N files $(calc "$on" 3) s" "1 file $(calc "$o1" 3) s" \
		    "$ms ms/file" "<= 2 ms" "$(judge "$ms" "<=" 2)"
	fi
}

# ---------------------------------------------------------------- MariaDB

# ------------------------------------------------- pg_regress suites (issue 17)

# The four real suites of ../shared/pg-regress-suites, each with its own
# pg_regress arguments, in a fresh copy per run (tests write beside
# themselves).  TOOL is the pg_regress command; RUN_OK=0 unless every
# suite says all its tests passed.
PGR_SUITES=${PG_REGRESS_SUITES:-}
pgr_args() {
	case $1 in
	semver) echo "--inputdir=test --dbname=contrib_regression base corpus" ;;
	unit) echo "--dbname=contrib_regression extension tables unit binary unicode prefix units time temperature functions language_functions round derived compare aggregate iec custom crosstab convert" ;;
	numeral) echo "--dbname=contrib_regression extension numeral zahl roman operator" ;;
	pgtap) echo "--inputdir=test --max-connections=89 --schedule test/schedule/main.sch --schedule test/build/run.sch" ;;
	esac
}
# SUITE_CPU[suite] adds up the server's CPU seconds of each suite's runs.
declare -A SUITE_CPU=()
pgr_suites_once() {
	local tool=$1 s c0 c1
	rm -rf "$W/pgr"
	mkdir -p "$W/pgr"
	for s in semver unit numeral pgtap; do
		cp -R "$PGR_SUITES/$s" "$W/pgr/$s"
		c0=$(server_cpu)
		# shellcheck disable=SC2046
		(cd "$W/pgr/$s" && $tool --inputdir=./ --bindir="$PGBIN" \
		    --host="$PG_DIR" --port=5432 --user=postgres $(pgr_args $s)) \
		    >"$W/pgr-$s.log" 2>&1 || RUN_OK=0
		c1=$(server_cpu)
		[ -n "$c0" ] && [ -n "$c1" ] &&
			SUITE_CPU[$s]=$(calc "${SUITE_CPU[$s]:-0} + $c1 - $c0" 2)
		grep -q "tests passed" "$W/pgr-$s.log" || RUN_OK=0
	done
}

# The server's CPU seconds for the tests pg_regress runs one after the
# other in the four suites, for one run of TOOL: semver, unit and numeral
# name their tests (run in turn), pgtap's schedule starts with four lines
# of one test each (measured alone here); only pgtap's last line, 35
# tests, runs at the same time.  With PGTAP_ALL, the server's CPU for all
# of pgtap (one run), that part is spread over every CPU: the least wall
# time any client keeping pg_regress's order could take (FLOOR).
serial_floor() {
	local tool=$1 pgtap_all=$2 c0 c1 head
	rm -rf "$W/pgr-head"
	cp -R "$PGR_SUITES/pgtap" "$W/pgr-head"
	c0=$(server_cpu)
	(cd "$W/pgr-head" && $tool --inputdir=./ --bindir="$PGBIN" \
	    --host="$PG_DIR" --port=5432 --user=postgres --inputdir=test \
	    build create coltap hastap) >"$W/pgr-head.log" 2>&1
	c1=$(server_cpu)
	FLOOR=''
	[ -n "$c0" ] && [ -n "$c1" ] || return 0
	head=$(calc "$c1 - $c0" 2)
	SERIAL_CPU=$(calc "(${SUITE_CPU[semver]} + ${SUITE_CPU[unit]} + ${SUITE_CPU[numeral]}) / $REPEAT_LONG + $head" 2)
	FLOOR=$(calc "$SERIAL_CPU + ($pgtap_all - $head) / $(nproc)" 2)
}
# The generated suite of bench_pg (sql/ and the expected/ pg_regress
# recorded), run by sqlcheck pg-regress as pg_regress ran it.
pgr_gen_once() {
	rm -rf "$W/regress/out2"
	local names
	mapfile -t names <"$W/regress/names"
	"$SC" pg-regress --use-existing --host="$PG_DIR" --port=5432 \
	    --user=postgres --dbname=bench_regress --inputdir="$W/regress" \
	    --outputdir="$W/regress/out2" "${names[@]}" >"$W/pgr-gen.log" 2>&1 ||
	    RUN_OK=0
	grep -q "All $SUITE_N tests passed" "$W/pgr-gen.log" || RUN_OK=0
}
bench_pgregress_generated() {
	local n="PostgreSQL $SUITE_N-file suite: sqlcheck pg-regress / pg_regress"
	if [ -z "${PGR_GEN_REF:-}" ]; then
		row_skip "$n" "<= 0.5" "the pg_regress row did not run"
		return
	fi
	say "PostgreSQL: sqlcheck pg-regress on $SUITE_N files (x$REPEAT_LONG)"
	best_of "$REPEAT_LONG" pgr_gen_once
	local sc=$BEST sc_runs=$RUNS sc_ok=$RUN_OK
	note "PostgreSQL suite, pg_regress's files: sqlcheck pg-regress $sc_runs s"
	if [ "$PGR_GEN_OK" = 0 ] || [ "$sc_ok" = 0 ]; then
		row_error "$n" "<= 0.5" "a run did not pass (see $W/pgr-gen.log, $W/regress.log)"
	else
		local r
		r=$(calc "$sc / $PGR_GEN_REF" 2)
		row "$n" "$(calc "$sc" 2) s" "$(calc "$PGR_GEN_REF" 2) s" "$r" \
		    "<= 0.5" "$(judge "$r" "<=" 0.5)"
	fi
}

# CPU seconds the server's ended processes used so far (the backends of
# finished sessions: the postmaster's user + system time and its reaped
# children's, from /proc), or nothing if the postmaster is not found.
server_cpu() {
	local pid
	pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || return 0
	[ -r "/proc/$pid/stat" ] || return 0
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13 + $14 + $15) / hz }' "/proc/$pid/stat"
}

# The server's CPU seconds for one run of FN ARGS..., averaged over
# REPEAT_LONG runs through best_of (SERVER_CPU; empty if unknown).
best_of_with_server_cpu() {
	local c0 c1
	c0=$(server_cpu)
	best_of "$REPEAT_LONG" "$@"
	c1=$(server_cpu)
	SERVER_CPU=''
	[ -n "$c0" ] && [ -n "$c1" ] && SERVER_CPU=$(calc "($c1 - $c0) / $REPEAT_LONG" 2)
}

bench_pgregress() {
	local n="pg_regress suites (semver, unit, numeral, pgtap): sqlcheck pg-regress / pg_regress"
	bench_pgregress_generated
	if [ -z "$PGR_SUITES" ]; then
		for c in "$ROOT/../shared/pg-regress-suites" /work/shared/pg-regress-suites; do
			[ -d "$c" ] && { PGR_SUITES=$(cd "$c" && pwd); break; }
		done
	fi
	if [ -z "$PGBIN" ] || [ -z "${SQLCHECK_PG_DSN:-}" ] || [ -z "$PGR_SUITES" ]; then
		row_skip "$n" "<= 0.5" "no PostgreSQL server or no shared suites"
		return
	fi
	local e
	for e in semver unit numeral pgtap tablefunc; do
		if [ ! -f "/usr/share/postgresql/$PGVER/extension/$e.control" ]; then
			row_skip "$n" "<= 0.5" "extension $e not installed (postgresql-$PGVER-$e, postgresql-contrib)"
			return
		fi
	done
	say "pg_regress suites: pg_regress (x$REPEAT_LONG)"
	RUN_OK=1
	best_of_with_server_cpu pgr_suites_once "$PG_REGRESS"
	local rg=$BEST rg_runs=$RUNS rg_ok=$RUN_OK rg_srv=$SERVER_CPU
	say "pg_regress suites: sqlcheck pg-regress (x$REPEAT_LONG)"
	RUN_OK=1
	SUITE_CPU=()
	best_of_with_server_cpu pgr_suites_once "$SC pg-regress"
	local sc=$BEST sc_runs=$RUNS sc_ok=$RUN_OK sc_srv=$SERVER_CPU
	note "pg_regress suites wall times (s): sqlcheck pg-regress $sc_runs; pg_regress $rg_runs (65 tests each run, all must pass)"
	# The server's own work bounds any client: its CPU seconds spread
	# over every CPU of the machine is the least wall time a run can take,
	# and the tests that run one after the other cannot be spread.
	if [ -n "$rg_srv" ] && [ -n "$sc_srv" ]; then
		note "pg_regress suites, the server's CPU a run (its sessions' backends): $rg_srv s under pg_regress, $sc_srv s under sqlcheck pg-regress; on $(nproc) CPUs no run can take less than $(calc "$sc_srv / $(nproc)" 2) s, $(calc "$sc_srv / $(nproc) / $rg" 2) of pg_regress's $(calc "$rg" 2) s"
		serial_floor "$SC pg-regress" "$(calc "${SUITE_CPU[pgtap]} / $REPEAT_LONG" 2)"
		[ -n "$FLOOR" ] &&
			note "pg_regress suites, the server's CPU a run for the 30 tests pg_regress runs one after the other (semver, unit, numeral, pgtap's first four lines; sqlcheck pg-regress): $SERIAL_CPU s; with pgtap's last group spread over $(nproc) CPUs, no run keeping pg_regress's order can take less than $FLOOR s, $(calc "$FLOOR / $rg" 2) of pg_regress's $(calc "$rg" 2) s"
	fi
	if [ "$rg_ok" = 0 ]; then
		row_error "$n" "<= 0.5" "pg_regress did not pass (see $W/pgr-*.log)"
	elif [ "$sc_ok" = 0 ]; then
		row_error "$n" "<= 0.5" "sqlcheck pg-regress did not pass (see $W/pgr-*.log)"
	else
		local r
		r=$(calc "$sc / $rg" 2)
		row "$n" "$(calc "$sc" 2) s" "$(calc "$rg" 2) s" "$r" "<= 0.5" \
		    "$(judge "$r" "<=" 0.5)"
	fi
}

mariadb_once() {
	mariadb --no-defaults -S "$SQLCHECK_MYSQL_SOCKET" -u sqlcheck -psqlcheck \
	    sqlcheck <"$W/stream.sql" >/dev/null 2>"$W/mariadb.err" || MY_OK[client]=0
}
# my_stream_once NAME BINARY ARGS...: sqlcheck on the stream; its output
# in $W/my-NAME.out.
my_stream_once() {
	local name=$1 bin=$2
	shift 2
	"$bin" --color never -d mysql --dsn "$SQLCHECK_MYSQL_DSN" -j 1 "$@" \
	    "$W/stream.sqltest" >"$W/my-$name.out" 2>&1 || MY_OK[$name]=0
	[ "$(summary_of "$W/my-$name.out")" = "$STREAM_N passed, 0 failed, 0 skipped" ] ||
	    MY_OK[$name]=0
}
# median_of SECONDS...: the middle value (the lower of the two middle
# ones for an even count).
median_of() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# my_report NAME ARGS...: the JSON report of an untimed run on the
# stream, without its times and its scratch database's random name.
my_report() {
	local name=$1
	shift
	"$SC" -d mysql --dsn "$SQLCHECK_MYSQL_DSN" -j 1 --format json \
	    -o "$W/my-$name.json" "$@" "$W/stream.sqltest" >/dev/null 2>&1
	sed -E 's/"seconds": [0-9.]+//g; s/sqlcheck_[0-9a-f]{16}/sqlcheck_X/g' \
	    "$W/my-$name.json"
}

# The MariaDB stream: the mariadb client, sqlcheck, sqlcheck --no-batch
# and the earlier binary (SQLCHECK_BEFORE) in turn, REPEAT times, so that
# the load of the moment weighs on each alike; the best of each counts.
# Batches must give the JSON report --no-batch gives (one more run of
# each, untimed).
bench_mysql() {
	local name="MariaDB stream: sqlcheck / mariadb client"
	local nb="MariaDB stream: batches / --no-batch"
	local bname="MariaDB stream: before / mariadb client"
	if [ -z "${SQLCHECK_MYSQL_DSN:-}" ]; then
		row_skip "$name" "<= 0.5" "no MariaDB server"
		row_skip "$nb" "<= 0.6" "no MariaDB server"
		return
	fi
	local sides=(client batch single) k i t0 side
	[ -n "$SCB" ] && sides+=(before)
	declare -gA MY_OK=() MY_BEST=() MY_RUNS=()
	say "MariaDB: stream of $STREAM_N statements: ${sides[*]} in turn (x$REPEAT)"
	for ((i = 1; i <= REPEAT; i++)); do
		for side in "${sides[@]}"; do
			t0=$EPOCHREALTIME
			case $side in
			client) mariadb_once ;;
			batch) my_stream_once batch "$SC" ;;
			single) my_stream_once single "$SC" --no-batch ;;
			before) my_stream_once before "$SCB" ;;
			esac
			k=$(elapsed "$t0" "$EPOCHREALTIME")
			MY_BEST[$side]=$(fmin "${MY_BEST[$side]:-}" "$k")
			MY_RUNS[$side]="${MY_RUNS[$side]:-}$(calc "$k" 3) "
		done
	done
	note "MariaDB stream wall times (s): sqlcheck ${MY_RUNS[batch]}; --no-batch ${MY_RUNS[single]}; mariadb ${MY_RUNS[client]}$([ -n "$SCB" ] && echo "; before ${MY_RUNS[before]}"); sqlcheck: $(summary_of "$W/my-batch.out")"
	note "MariaDB stream, the median run of each side (s): sqlcheck $(median_of ${MY_RUNS[batch]}), --no-batch $(median_of ${MY_RUNS[single]}), mariadb $(median_of ${MY_RUNS[client]})$([ -n "$SCB" ] && echo ", before $(median_of ${MY_RUNS[before]})"); sqlcheck / mariadb $(calc "$(median_of ${MY_RUNS[batch]}) / $(median_of ${MY_RUNS[client]})" 2) (on a busy machine the best runs are luck: the medians say more)"
	local same=yes
	my_report batch >"$W/my-batch.cmp"
	my_report single --no-batch >"$W/my-single.cmp"
	[ -s "$W/my-batch.cmp" ] || same=no
	cmp -s "$W/my-batch.cmp" "$W/my-single.cmp" || same=no
	note "MariaDB stream: per-test results with batches identical to --no-batch (JSON report, times and scratch database name removed): $same"
	local sc=${MY_BEST[batch]} ref=${MY_BEST[client]} one=${MY_BEST[single]} r
	if [ "${MY_OK[client]:-1}" = 0 ] || [ "${MY_OK[batch]:-1}" = 0 ]; then
		row_error "$name" "<= 0.5" "a run failed (see $W/my-batch.out, $W/mariadb.err)"
	else
		r=$(calc "$sc / $ref" 2)
		row "$name" "$(calc "$sc" 2) s ($(calc "$STREAM_N / $sc" 0) stmt/s)" \
		    "$(calc "$ref" 2) s ($(calc "$STREAM_N / $ref" 0) stmt/s)" \
		    "$r" "<= 0.5" "$(judge "$r" "<=" 0.5)"
	fi
	if [ "${MY_OK[batch]:-1}" = 0 ] || [ "${MY_OK[single]:-1}" = 0 ]; then
		row_error "$nb" "<= 0.6" "a run failed (see $W/my-batch.out, $W/my-single.out)"
	elif [ "$same" = no ]; then
		row_error "$nb" "<= 0.6" "the results with batches differ from --no-batch"
	else
		r=$(calc "$sc / $one" 2)
		row "$nb" "$(calc "$sc" 2) s" "--no-batch: $(calc "$one" 2) s" \
		    "$r (results identical)" "<= 0.6" "$(judge "$r" "<=" 0.6)"
	fi
	[ -n "$SCB" ] || return
	if [ "${MY_OK[before]:-1}" = 0 ]; then
		row_error "$bname" "<= 0.5" "a run failed (see $W/my-before.out)"
	else
		r=$(calc "${MY_BEST[before]} / $ref" 2)
		row "$bname" "$(calc "${MY_BEST[before]}" 2) s" "$(calc "$ref" 2) s" \
		    "$r" "<= 0.5" "$(judge "$r" "<=" 0.5)"
	fi
}

# ---------------------------------------------------------------- pgTAP

prove_once() {
	(cd "$W/pgtap" && pg_prove --psql-bin "$PGBIN/psql" -h "$PG_DIR" \
	    -p 5432 -U postgres -d bench_pgtap ./*.pg) >"$W/prove.log" 2>&1 ||
	    RUN_OK=0
}

bench_pgtap() {
	local n1="pgTAP $PGTAP_N files: sqlcheck -j 1 / pg_prove"
	local n2="pgTAP $PGTAP_N files: -j 2 / -j 1"
	if [ -z "$PGBIN" ] || [ -z "${SQLCHECK_PG_DSN:-}" ]; then
		for n in "$n1" "$n2"; do row_skip "$n" "-" "no PostgreSQL server"; done
		return
	fi
	if ! command -v pg_prove >/dev/null; then
		for n in "$n1" "$n2"; do row_skip "$n" "-" "no pg_prove"; done
		return
	fi
	"$PGBIN/psql" -X -q -h "$PG_DIR" -p 5432 -U postgres -d postgres \
	    -c "CREATE DATABASE bench_pgtap" >/dev/null 2>&1
	if ! "$PGBIN/psql" -X -q -h "$PG_DIR" -p 5432 -U postgres \
	    -d bench_pgtap -c "CREATE EXTENSION pgtap" >/dev/null 2>&1; then
		for n in "$n1" "$n2"; do row_skip "$n" "-" "no pgtap extension"; done
		return
	fi
	local dsn="host=$PG_DIR port=5432 user=postgres dbname=bench_pgtap"
	say "pgTAP: pg_prove on $PGTAP_N files (x$REPEAT_LONG)"
	best_of "$REPEAT_LONG" prove_once
	local pp=$BEST pp_runs=$RUNS pp_ok=$RUN_OK
	grep -q '^Result: PASS' "$W/prove.log" || pp_ok=0
	tj1_once() {
		sqlcheck_once "$W/pgtap-j1.out" -d postgres --dsn "$dsn" -j 1 \
		    --format json -o "$W/pgtap-j1.json" "$W/pgtap"
	}
	tj2_once() {
		sqlcheck_once "$W/pgtap-j2.out" -d postgres --dsn "$dsn" -j 2 \
		    --format json -o "$W/pgtap-j2.json" "$W/pgtap"
	}
	say "pgTAP: sqlcheck -j 1 on $PGTAP_N files (x$REPEAT)"
	best_of "$REPEAT" tj1_once
	local j1=$BEST j1_runs=$RUNS j1_ok=$RUN_OK
	say "pgTAP: sqlcheck -j 2 on $PGTAP_N files (x$REPEAT)"
	best_of "$REPEAT" tj2_once
	local j2=$BEST j2_runs=$RUNS j2_ok=$RUN_OK
	local want="$((PGTAP_N * 10)) passed, 0 failed, 0 skipped"
	[ "$(summary_of "$W/pgtap-j1.out")" = "$want" ] || j1_ok=0
	[ "$(summary_of "$W/pgtap-j2.out")" = "$want" ] || j2_ok=0
	note "pgTAP wall times (s): sqlcheck -j 1 $j1_runs; -j 2 $j2_runs; pg_prove $pp_runs; sqlcheck -j 1: $(summary_of "$W/pgtap-j1.out"); pg_prove: $(grep -E '^Files=' "$W/prove.log" | cut -d, -f1-2)"
	if [ "$pp_ok" = 0 ]; then
		row_error "$n1" "<= 0.3" "pg_prove did not pass (see $W/prove.log)"
	elif [ "$j1_ok" = 0 ]; then
		row_error "$n1" "<= 0.3" "sqlcheck -j 1 did not pass (see $W/pgtap-j1.out)"
	else
		local r
		r=$(calc "$j1 / $pp" 3)
		row "$n1" "$(calc "$j1" 2) s ($(calc "$j1 * 1000 / $PGTAP_N" 1) ms/file)" \
		    "$(calc "$pp" 2) s ($(calc "$pp * 1000 / $PGTAP_N" 1) ms/file)" \
		    "$r" "<= 0.3" "$(judge "$r" "<=" 0.3)"
	fi
	local same=yes
	sed -E 's/"seconds": [0-9.]+//g' "$W/pgtap-j1.json" >"$W/pgtap-j1.cmp"
	sed -E 's/"seconds": [0-9.]+//g' "$W/pgtap-j2.json" >"$W/pgtap-j2.cmp"
	cmp -s "$W/pgtap-j1.cmp" "$W/pgtap-j2.cmp" || same=no
	if [ "$j1_ok" = 0 ] || [ "$j2_ok" = 0 ]; then
		row_error "$n2" "<= 0.6" "a run did not pass (see $W/pgtap-j1.out, $W/pgtap-j2.out)"
	elif [ "$same" = no ]; then
		row_error "$n2" "<= 0.6" "-j 2 results differ from -j 1"
	else
		local r
		r=$(calc "$j2 / $j1" 2)
		row "$n2" "-j 2: $(calc "$j2" 2) s" "-j 1: $(calc "$j1" 2) s" \
		    "$r (results identical)" "<= 0.6" "$(judge "$r" "<=" 0.6)"
	fi
}

# ---------------------------------------------------------------- make

# -- make: 100 000 rows of a four-column table against -- load: of the
# same rows from CSV, each engine at hand: bench/make.sh, best whole run.
bench_make() {
	local out="$W/make.out" e how best
	say "-- make: against -- load:, 100000 rows (x$REPEAT)"
	if ! RUNS=$REPEAT SQLCHECK="$SC" "$ROOT/bench/make.sh" 100000 \
	    >"$out" 2>&1; then
		row_error "-- make: 100000 rows / -- load:" "<= 1.0" \
		    "bench/make.sh failed (see $out)"
		return
	fi
	note "bench/make.sh (directive s / whole run s): $(tr '\n' ';' <"$out")"
	for e in sqlite postgres mysql; do
		declare -A t=()
		for how in make load; do
			best=$(awk -v e="$e" -v h="$how" '$1 == e && $2 == h {
				for (i = 3; i <= NF; i++) { split($i, a, "/")
					if (b == "" || a[2] + 0 < b + 0) b = a[2] }
				print b }' "$out")
			t[$how]=$best
		done
		if [ -z "${t[make]}" ] || [ -z "${t[load]}" ]; then
			row_skip "-- make: 100000 rows / -- load: ($e)" "<= 1.0" \
			    "no $e server"
			continue
		fi
		local r
		r=$(calc "${t[make]} / ${t[load]}" 2)
		row "-- make: 100000 rows / -- load: ($e)" "${t[make]} s" \
		    "${t[load]} s" "$r" "<= 1.0" "$(judge "$r" "<=" 1.0)"
	done
}

# ---------------------------------------------------------------- main

# All in one function, read whole before it runs: editing this file during
# a run does not change the run.
main() {

	say "work directory $W"
	gen_stream
	gen_suite
	gen_overhead
	only pgtap && gen_pgtap

	if only pg || only mysql || only pgtap; then
		# shellcheck source=tests/servers.sh
		. "$ROOT/tests/servers.sh"
		trap cleanup EXIT
		SERVERS_UP=1
		if only pg || only pgtap; then
			say "starting PostgreSQL"
			servers_pg_start >"$W/pg-start.log" 2>&1 ||
			    { say "PostgreSQL did not start"; cat "$W/pg-start.log" >&2; unset SQLCHECK_PG_DSN; }
		fi
		if only mysql; then
			say "starting MariaDB"
			servers_mysql_start >"$W/my-start.log" 2>&1 ||
			    { say "MariaDB did not start"; cat "$W/my-start.log" >&2; unset SQLCHECK_MYSQL_DSN; }
		fi
	fi

	only sqlite && bench_sqlite
	only pg && bench_pg
	only pg && bench_pgregress
	only mysql && bench_mysql
	only pgtap && bench_pgtap
	only make && bench_make

	if [ -n "$SERVERS_UP" ]; then
		servers_stop
		SERVERS_UP=
	fi

	# The report.

	echo
	echo "$MACHINE"
	echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) at the end; benchmark took $(calc "$(elapsed "$T_START" "$EPOCHREALTIME")" 0) s; best of $REPEAT runs ($REPEAT_LONG for the corpus and pg_regress)"
	echo
	{
		printf 'measure\tsqlcheck\treference\tratio / value\ttarget\tresult\n'
		printf -- '-------\t--------\t---------\t-------------\t------\t------\n'
		printf '%s\n' "${ROWS[@]}"
	} | awk -F'\t' '
		{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; nf[NR] = NF }
		END {
			for (r = 1; r <= n; r++) {
				line = ""
				for (i = 1; i <= nf[r]; i++)
					line = line sprintf(i < nf[r] ? "%-" w[i] "s  " : "%s", cell[r, i])
				print line
			}
		}'
	echo
	for n in "${NOTES[@]}"; do echo "- $n"; done
	if [ -n "${SLT_FILE_TABLE:-}" ] && [ -s "$SLT_FILE_TABLE" ]; then
		echo
		echo "SQLite, each corpus file on its own (CPU s of K runs, best of $REPEAT_FILES):"
		column -t -s $'\t' "$SLT_FILE_TABLE" 2>/dev/null || cat "$SLT_FILE_TABLE"
	fi
	if [ "$STATUS" = 0 ] && [ "$MISSED" = 1 ] && [ -n "${BENCH_STRICT:-}" ]; then
		STATUS=1
	fi
	return "$STATUS"
}
main "$@"; exit $?
