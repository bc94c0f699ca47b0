#!/bin/sh
# fuzz-smoke.sh: a few seconds of each libFuzzer target (fuzz/run.sh
# smoke): the .sqltest reader, the sqllogictest reader and the statement
# splitter must survive mutated inputs with no crash, leak or sanitizer
# report.  Skipped without clang (or when clang cannot build a fuzzer).
# The build is kept in fuzz-smoke/ of the build directory between runs;
# the seeds are the repository's own (not ../shared/slt-corpus).
# FUZZ_SMOKE_SECONDS sets the seconds per target (default 3).
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

# The fuzz targets carry their own sanitizers (fuzz/run.sh): under make
# check-sanitize they would only be built again.
[ -n "${SQLCHECK_SANITIZED:-}" ] &&
    skip_all "the fuzz targets are sanitized builds of their own; make check runs them"
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 || skip_all_missing "no clang for libFuzzer"
build=$(pwd)/fuzz-smoke
rm -rf "$build"/corpus-* "$build"/artifacts
FUZZ_BUILD=$build SLT_CORPUS=/nonexistent CLANG=$CLANG \
    sh "$top_srcdir/fuzz/run.sh" smoke "${FUZZ_SMOKE_SECONDS:-3}" \
    >"$WORK/smoke.out" 2>&1
rc=$?
[ $rc = 77 ] && skip_all "$CLANG cannot build a libFuzzer target"
for t in sqltest slt split csv; do
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$build/fuzz-$t.log" 2>/dev/null)
	if [ -n "$runs" ] && [ "$runs" -gt 0 ] &&
	    ! grep -Eq '^==[0-9]+== ?ERROR|deadly signal' "$build/fuzz-$t.log" &&
	    ! ls "$build/artifacts" 2>/dev/null | grep -q "^$t-"; then
		pass "fuzz-$t: $runs inputs, no crash, leak or sanitizer report"
	else
		fail "fuzz-$t: $runs inputs, no crash, leak or sanitizer report"
		diag "$(grep -E -B 2 -A 12 '== ?ERROR' "$build/fuzz-$t.log" |
		    head -n 30)"
	fi
done
is "fuzz/run.sh smoke: exit status 0" "$rc" 0
[ $rc = 0 ] || diag "$(tail -n 20 "$WORK/smoke.out")"
done_testing
