#!/bin/sh
# fuzz/run.sh: build and run the libFuzzer targets of sqlcheck's readers.
#
#	fuzz/run.sh build		 build fuzz/build/fuzz-{sqltest,slt,split,csv}
#	fuzz/run.sh seeds		 make the seed corpora in fuzz/build/seeds
#	fuzz/run.sh run SECONDS [TARGET...] build, seed, run each target
#	fuzz/run.sh smoke		 a few seconds each (make check uses it)
#
# Targets: sqltest (parse_sqltest, src/parse.c), slt (parse_slt,
# src/parse-slt.c), split (split_sql, src/split.c), csv (csv_parse,
# src/csv.c, the reader behind "-- load:").  Each is built with
# clang -fsanitize=fuzzer,address,undefined against the core sources (not
# the server drivers, which the readers do not use) and runs on one core
# (-workers=1 -jobs=1).  Seeds come from sql-tests/, tests/ and, if it is
# there, ../shared/slt-corpus/ (SLT_CORPUS overrides), cut into pieces of
# at most 4 KB.  The corpus grows in fuzz/build/corpus-TARGET; crashes,
# leaks and timeouts are written to fuzz/build/artifacts/ and make the
# run fail.  Reproduce one with: fuzz/build/fuzz-TARGET ARTIFACT.
#
# Environment: CLANG (default clang), FUZZ_BUILD (default fuzz/build),
# FUZZ_FLAGS (more libFuzzer options), FUZZ_PARALLEL=yes (run the targets
# at once, one core each, instead of one after the other).  Exit status 0 when no target
# crashed, 1 when one did (or the targets do not build), 77 when clang
# cannot build a fuzzer at all.
set -u
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CLANG=${CLANG:-clang}
B=${FUZZ_BUILD:-$here/build}
SLT_CORPUS=${SLT_CORPUS:-$top/../shared/slt-corpus}
TARGETS="sqltest slt split csv"

# The core sources: every src/*.c but main.c and the files of the server
# engine modules (those that include libpq-fe.h, mysql.h or driver-*.h),
# which the readers do not use; without HAVE_CONFIG_H, driver.c then
# lists SQLite alone.
fuzz_core()
{
	engine_include='^#include (<(libpq-fe|mysql)\.h>|"driver-[a-z]+\.h")'
	for f in "$top"/src/*.c; do
		case $f in */main.c) continue ;; esac
		grep -Eq "$engine_include" "$f" && continue
		basename "$f" .c
	done
}

# 0 if clang builds a trivial libFuzzer target with the sanitizers.
fuzz_can_build()
{
	mkdir -p "$B" || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ (void)d; (void)n; return 0; }' >"$B/probe.c"
	$CLANG -fsanitize=fuzzer,address,undefined "$B/probe.c" \
	    -o "$B/probe" >/dev/null 2>&1
}

fuzz_build()
{
	mkdir -p "$B/obj" || return 1
	flags="-g -O1 -std=c99 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra
	    -fsanitize=fuzzer-no-link,address,undefined
	    -fno-sanitize-recover=undefined -fno-omit-frame-pointer
	    -DPACKAGE_VERSION=\"fuzz\"
	    $(pkg-config --cflags sqlite3 libpcre2-8 inih jansson libmd)"
	libs="$(pkg-config --libs sqlite3 libpcre2-8 inih jansson libmd) -ldl -lm -lpthread"
	objs=
	for s in $(fuzz_core); do
		o=$B/obj/$s.o
		if [ ! -f "$o" ] || [ "$top/src/$s.c" -nt "$o" ] ||
		    [ "$top/src/sqlcheck.h" -nt "$o" ]; then
			# shellcheck disable=SC2086
			$CLANG $flags -I"$top/src" -c "$top/src/$s.c" -o "$o" ||
			    return 1
		fi
		objs="$objs $o"
	done
	for t in $TARGETS; do
		# shellcheck disable=SC2086
		$CLANG $flags -fsanitize=fuzzer -I"$top/src" \
		    "$here/fuzz-$t.c" $objs $libs -o "$B/fuzz-$t" || return 1
	done
}

# Cut a file into pieces of whole blank-line-separated records, each at
# most 4 KB, as seeds named PREFIX-N; at most 40 pieces per file.
fuzz_chunks()
{
	awk -v prefix="$2" '
	function flush() {
		if (buf != "" && n < 40) {
			f = prefix "-" n++
			printf "%s", buf > f
			close(f)
		}
		buf = ""
	}
	{
		rec = rec $0 "\n"
		if ($0 == "") {
			if (length(buf) + length(rec) > 4096)
				flush()
			buf = buf rec
			rec = ""
		}
	}
	END { buf = buf rec; flush() }' "$1"
}

fuzz_seeds()
{
	rm -rf "$B/seeds"
	mkdir -p "$B/seeds/sqltest" "$B/seeds/slt" "$B/seeds/split" \
	    "$B/seeds/csv" || return 1
	i=0
	for f in $(find "$top/sql-tests" "$top/tests" -type f \
	    \( -name '*.sqltest' -o -name '*.sql' \) | sort); do
		i=$((i + 1))
		fuzz_chunks "$f" "$B/seeds/sqltest/t$i"
		fuzz_chunks "$f" "$B/seeds/split/t$i"
	done
	for f in $(find "$top/tests" -type f \( -name '*.test' -o \
	    -name '*.slt' \) | sort) $( [ -d "$SLT_CORPUS" ] &&
	    find "$SLT_CORPUS" -type f -name '*.test' | sort); do
		i=$((i + 1))
		fuzz_chunks "$f" "$B/seeds/slt/s$i"
		fuzz_chunks "$f" "$B/seeds/split/s$i"
	done
	for f in $(find "$top/sql-tests" "$top/tests" -type f -name '*.csv' |
	    sort); do
		i=$((i + 1))
		fuzz_chunks "$f" "$B/seeds/csv/c$i"
	done
	for t in $TARGETS; do
		printf '%s seeds: %s\n' "$t" "$(ls "$B/seeds/$t" | wc -l)"
	done
}

# fuzz_one TARGET SECONDS: run one target; 0 if nothing was found.  With
# -jobs=1 libFuzzer runs the fuzzing in a child that logs to fuzz-0.log
# in the current directory (one per target, so that targets can run at
# once): it ends up as $B/fuzz-TARGET.log, whose last lines (the final
# stats) are shown.
fuzz_one()
{
	mkdir -p "$B/corpus-$1" "$B/artifacts" "$B/run-$1"
	before=$(ls "$B/artifacts" | grep -c "^$1-")
	# shellcheck disable=SC2086
	(cd "$B/run-$1" && "$B/fuzz-$1" -workers=1 -jobs=1 \
	    -max_total_time="$2" -max_len=16384 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -dict="$here/$1.dict" \
	    -artifact_prefix="$B/artifacts/$1-" ${FUZZ_FLAGS:-} \
	    "$B/corpus-$1" "$B/seeds/$1") >"$B/fuzz-$1.out" 2>&1
	st=$?
	[ -f "$B/run-$1/fuzz-0.log" ] && mv "$B/run-$1/fuzz-0.log" "$B/fuzz-$1.log"
	echo "== fuzz-$1 (exit $st)"
	grep -E '^(stat::|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY)' \
	    "$B/fuzz-$1.log" 2>/dev/null
	after=$(ls "$B/artifacts" | grep -c "^$1-")
	if [ "$after" -gt "$before" ]; then
		echo "fuzz-$1: new artifacts in $B/artifacts:"
		ls "$B/artifacts" | grep "^$1-"
		return 1
	fi
	return $st
}

case ${1:-} in
build)
	fuzz_build
	;;
seeds)
	fuzz_seeds
	;;
run | smoke)
	if [ "$1" = smoke ]; then
		secs=${2:-5}
	else
		secs=${2:?usage: fuzz/run.sh run SECONDS [TARGET...]}
	fi
	shift
	[ $# -gt 0 ] && shift
	[ $# -gt 0 ] && TARGETS=$*
	command -v "$CLANG" >/dev/null 2>&1 || {
		echo "fuzz/run.sh: $CLANG not found" >&2
		exit 77
	}
	fuzz_can_build || {
		echo "fuzz/run.sh: $CLANG cannot build a libFuzzer target" >&2
		exit 77
	}
	fuzz_build || exit 1
	fuzz_seeds >/dev/null || exit 1
	rc=0
	if [ "${FUZZ_PARALLEL:-no}" = yes ]; then
		for t in $TARGETS; do
			fuzz_one "$t" "$secs" >"$B/fuzz-$t.summary" 2>&1 &
		done
		wait
		for t in $TARGETS; do
			cat "$B/fuzz-$t.summary"
			grep -q "^== fuzz-$t (exit 0)" "$B/fuzz-$t.summary" &&
			    ! grep -q "new artifacts" "$B/fuzz-$t.summary" || rc=1
		done
	else
		for t in $TARGETS; do
			fuzz_one "$t" "$secs" || rc=1
		done
	fi
	exit $rc
	;;
*)
	sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 2
	;;
esac
