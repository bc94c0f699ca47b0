#!/bin/bash
# bench/profile.sh: where the time and the memory go, on the workloads of
# bench/run.sh.  Not part of `make bench`; it reproduces the profiles that
# bench/README.md quotes.
#
#   BENCH_KEEP=1 bench/run.sh          # note the work directory it prints
#   bench/profile.sh WORKDIR [OUTDIR]  # OUTDIR defaults to WORKDIR/profile
#
# Needs root (perf, apt-get), perf (linux-perf), strace and valgrind; it
# installs the missing ones.  Starts its own PostgreSQL and MariaDB
# (tests/servers.sh) and stops them.  Writes to OUTDIR:
#   sqlite-sqlcheck.txt   perf, sqlcheck -j 1 on the corpus (DWARF call
#                         graphs: shared objects, then functions with their
#                         children)
#   sqlite-shell.txt      perf, the sqlite3 shell on the extracted SQL
#   memory.txt            peak RSS of a do-nothing run, of each corpus file,
#                         and valgrind massif's peak heap on the largest
#   round-trips.txt       strace -c: sendto calls (one per round trip) of
#                         sqlcheck, psql and mariadb on the stream, and of
#                         sqlcheck on the 1-file and N-file overhead suites
#   pg-stream.txt         perf, sqlcheck on the PostgreSQL stream
#   mysql-stream.txt      perf, sqlcheck on the MariaDB stream
#   pg-backend-suite.txt  perf of the PostgreSQL backend serving sqlcheck
#                         -j 1 on the suite (run twice over, renamed)
#   pg-jobs.txt           perf -a during -j 1 and -j 2 on the suite: CPU
#                         share of each process on the machine
#   parse.txt             sqlcheck's time to parse (-k matching nothing)
#                         .sqltest files of 5000 to 40000 tests
set -uo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${1:?usage: bench/profile.sh WORKDIR [OUTDIR]}
W=$(cd "$W" && pwd) || exit 2
O=${2:-$W/profile}
mkdir -p "$O" && O=$(cd "$O" && pwd)
SC=$W/sqlcheck
[ -x "$SC" ] || { echo "profile.sh: $W has no sqlcheck: run BENCH_KEEP=1 bench/run.sh first" >&2; exit 2; }
say() { printf 'profile: %s\n' "$*" >&2; }

need=()
command -v perf >/dev/null || need+=(linux-perf)
command -v strace >/dev/null || need+=(strace)
command -v valgrind >/dev/null || need+=(valgrind)
if [ "${#need[@]}" -gt 0 ]; then
	say "installing ${need[*]}"
	apt-get update -q >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    --no-install-recommends "${need[@]}" >/dev/null 2>&1
fi

# perf report: shared objects, then the functions with most time including
# their callees (DWARF call graphs), unresolved addresses left out.
report() {
	local data=$1 n=${2:-60}
	echo "## shared objects (self time)"
	perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null |
	    grep -E '^# Samples|^# Event count|%' | head -n 13
	echo
	echo "## functions, with children (total / self)"
	perf report -i "$data" --children --sort symbol --stdio -g none 2>/dev/null |
	    grep '%' | grep -v '0x0000' | head -n "$n"
}

main() {
	local CORPUS
	CORPUS=$(cat "$W/corpus" 2>/dev/null)

	if [ -d "$CORPUS" ] && [ -s "$W/slt-sql/list" ]; then
		say "SQLite: perf of sqlcheck on the corpus"
		perf record -q -F 499 --call-graph dwarf,16384 -o "$O/sqlite.data" \
		    "$SC" -j 1 --color never -q "$CORPUS" >/dev/null 2>&1
		report "$O/sqlite.data" 90 >"$O/sqlite-sqlcheck.txt"
		say "SQLite: perf of the sqlite3 shell"
		perf record -q -F 499 -o "$O/shell.data" "$W/sqlite-ref.sh" \
		    "$W/slt-sql/list" "$O/shell.errors" >/dev/null 2>&1
		report "$O/shell.data" 30 >"$O/sqlite-shell.txt"

		say "memory: RSS per corpus file, massif on the largest"
		{
			/usr/bin/time -o "$O/t" -f '%M' "$SC" --version >/dev/null 2>&1
			echo "sqlcheck --version: $(tail -n 1 "$O/t") KiB"
			printf -- '-- test: one\nSELECT 1;\n-- expect:\n1\n' >"$O/one.sqltest"
			/usr/bin/time -o "$O/t" -f '%M' "$SC" -q "$O/one.sqltest" >/dev/null 2>&1
			echo "sqlcheck, one trivial test: $(tail -n 1 "$O/t") KiB"
			echo "shared libraries: $(ldd "$SC" | wc -l)"
			echo
			echo "peak RSS (KiB), sqlcheck -j 1 on each file / the shell on its SQL:"
			find "$CORPUS" -name '*.test' -type f | sort | while read -r f; do
				/usr/bin/time -o "$O/t" -f '%M' "$SC" -j 1 -q --color never "$f" >/dev/null 2>&1
				s=$W/slt-sql/$(printf '%s' "${f#"$CORPUS"/}" | tr / _).sql
				/usr/bin/time -o "$O/t2" -f '%M' sqlite3 :memory: <"$s" >/dev/null 2>&1
				echo "$(tail -n 1 "$O/t") $(tail -n 1 "$O/t2") ${f#"$CORPUS"/}"
			done | sort -rn >"$O/rss-per-file"
			cat "$O/rss-per-file"
			big=$(head -n 1 "$O/rss-per-file" | awk '{ print $3 }')
			echo
			echo "valgrind massif, sqlcheck on $big:"
			valgrind --tool=massif --massif-out-file="$O/massif.out" \
			    "$SC" -j 1 -q --color never "$CORPUS/$big" >/dev/null 2>&1
			ms_print --threshold=3 "$O/massif.out" | head -n 40
			echo "(peak snapshot, allocation sites over 3%, without libsqlite3's unnamed frames:)"
			peak=$(ms_print "$O/massif.out" | sed -n 's/.*Detailed snapshots: .*[ ,\[]\([0-9]*\) (peak).*/\1/p')
			ms_print --threshold=3 "$O/massif.out" |
			    awk -v p="$peak" '$1 == p && NF == 6 { on = 1 } on && /^ *[0-9]+ / && $1 != p { exit } on' |
			    grep -E '^->|^\| ->|^ *[0-9]+ ' | head -n 30
		} >"$O/memory.txt" 2>&1
	else
		say "no corpus: SQLite profiles skipped"
	fi

	say "parse time of large .sqltest files"
	{
		for n in 5000 10000 20000 40000; do
			awk -v n="$n" 'BEGIN {
				print "-- setup"
				print "CREATE TABLE bench_t (id integer PRIMARY KEY, v varchar(40) NOT NULL);"
				for (i = 1; i <= n; i++)
					printf "\n-- test: select %d\nSELECT %d;\n-- expect:\n%d\n", i, i, i
			}' >"$O/parse-$n.sqltest"
			/usr/bin/time -o "$O/t" -f '%e s wall, %U s user' \
			    "$SC" -q -k 'no test has this name' "$O/parse-$n.sqltest" >/dev/null 2>&1
			echo "$n tests: $(tail -n 1 "$O/t")"
		done
	} >"$O/parse.txt"

	# shellcheck source=tests/servers.sh
	. "$ROOT/tests/servers.sh"
	trap servers_stop EXIT
	servers_pg_start >"$O/pg-start.log" 2>&1 || { say "PostgreSQL did not start"; return 2; }
	servers_mysql_start >"$O/my-start.log" 2>&1 || { say "MariaDB did not start"; return 2; }
	local P=$PGBIN/psql
	local PA=(-X -q -h "$PG_DIR" -p 5432 -U postgres)
	"$P" "${PA[@]}" -d postgres -c 'CREATE DATABASE bench_regress' >/dev/null
	local D="host=$PG_DIR port=5432 user=postgres dbname=bench_regress"

	say "round trips (strace -c)"
	{
		sends() { awk '$NF == "sendto" { print $4 }' "$1"; }
		strace -f -c -o "$O/st" "$SC" -d postgres --dsn "$D" -j 1 "$W/stream.sqltest" >/dev/null 2>&1
		echo "PostgreSQL stream, sqlcheck: $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" "$P" "${PA[@]}" -d bench_regress -f "$W/stream.sql" >/dev/null 2>&1
		echo "PostgreSQL stream, psql:     $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" "$SC" -d mysql --dsn "$SQLCHECK_MYSQL_DSN" -j 1 "$W/stream.sqltest" >/dev/null 2>&1
		echo "MariaDB stream, sqlcheck:    $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" mariadb --no-defaults -S "$SQLCHECK_MYSQL_SOCKET" -u sqlcheck -psqlcheck sqlcheck <"$W/stream.sql" >/dev/null 2>&1
		echo "MariaDB stream, mariadb:     $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" "$SC" -d postgres --dsn "$D" -j 1 "$W/ovh1" >/dev/null 2>&1
		echo "PostgreSQL, 1 trivial file:  $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" "$SC" -d postgres --dsn "$D" -j 1 "$W/ovhN" >/dev/null 2>&1
		echo "PostgreSQL, $(ls "$W/ovhN" | wc -l) trivial files: $(sends "$O/st") sendto"
		strace -f -c -o "$O/st" "$SC" -d postgres --dsn "$D" -j 1 "$W/suite" >/dev/null 2>&1
		echo "PostgreSQL, the $(ls "$W/suite" | wc -l)-file suite: $(sends "$O/st") sendto"
	} >"$O/round-trips.txt" 2>&1

	say "perf: sqlcheck on the PostgreSQL and MariaDB streams"
	perf record -q -F 999 --call-graph dwarf,16384 -o "$O/pg-stream.data" \
	    "$SC" -d postgres --dsn "$D" -j 1 "$W/stream.sqltest" >/dev/null 2>&1
	report "$O/pg-stream.data" 50 >"$O/pg-stream.txt"
	perf record -q -F 999 --call-graph dwarf,16384 -o "$O/mysql-stream.data" \
	    "$SC" -d mysql --dsn "$SQLCHECK_MYSQL_DSN" -j 1 "$W/stream.sqltest" >/dev/null 2>&1
	report "$O/mysql-stream.data" 50 >"$O/mysql-stream.txt"

	say "perf: the PostgreSQL backend during the suite"
	rm -rf "$O/suite2" && mkdir -p "$O/suite2"
	local f b
	for f in "$W"/suite/*.sqltest; do
		b=$(basename "$f" .sqltest)
		cp "$f" "$O/suite2/"
		sed "s/items_$b/items_${b}x/g" "$f" >"$O/suite2/${b}x.sqltest"
	done
	"$SC" -d postgres --dsn "$D" -j 1 "$O/suite2" >/dev/null 2>&1 &
	local spid=$! be='' _i
	for _i in $(seq 1 50); do
		be=$(ps --ppid "$PG_PID" -o pid=,args= | awk '/bench_regress/ { print $1; exit }')
		[ -n "$be" ] && break
		sleep 0.02
	done
	perf record -q -F 1999 --call-graph dwarf,8192 -p "$be" -o "$O/pg-backend.data" >/dev/null 2>&1 &
	local ppid=$!
	wait "$spid"
	kill -INT "$ppid" 2>/dev/null
	wait "$ppid" 2>/dev/null
	report "$O/pg-backend.data" 60 >"$O/pg-backend-suite.txt"

	say "perf -a: -j 1 and -j 2 on the suite"
	{
		for j in 1 2; do
			# System-wide, while sqlcheck runs; our backends are the
			# children of our postmaster, noted while they live.
			: >"$O/ours"
			perf record -q -a -F 999 -o "$O/jobs-$j.data" >/dev/null 2>&1 &
			local pp=$! t0=$EPOCHREALTIME
			sleep 0.5
			"$SC" -d postgres --dsn "$D" -j "$j" "$W/suite" >/dev/null 2>&1 &
			local sp=$!
			while kill -0 "$sp" 2>/dev/null; do
				ps --ppid "$PG_PID" -o pid= >>"$O/ours"
				sleep 0.05
			done
			wait "$sp"
			echo "$sp" >>"$O/ours"
			kill -INT "$pp" 2>/dev/null
			wait "$pp" 2>/dev/null
			echo "== -j $j: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a - 0.5 }') s wall, load $(cut -d' ' -f1 /proc/loadavg)"
			echo "(share of all samples on all CPUs; * = this run's sqlcheck or a process of its PostgreSQL server)"
			perf report -i "$O/jobs-$j.data" --sort pid --stdio -g none 2>/dev/null |
			    grep '%' | head -n 12 | while read -r pct pc; do
				p=${pc%%:*}
				if grep -qx " *$p" "$O/ours"; then m='*'; else m=' '; fi
				echo "  $m $pct $pc"
			done
		done
	} >"$O/pg-jobs.txt" 2>&1
	servers_stop
	trap - EXIT
	rm -f "$O"/*.data "$O"/*.data.old "$O/st" "$O/t" "$O/t2" "$O/ours"
	say "done: $O"
	ls "$O"/*.txt >&2
}
main "$@"; exit $?
