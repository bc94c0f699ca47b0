#!/bin/sh
# tests/shard.sh: --shard K/N with --durations FILE (a split by duration,
# the same on every machine), --durations written by a run and by
# --merge, and --merge of the shards' JSON reports into one report in any
# format, with its checks (every shard once, no file twice, one engine).
. "${0%/*}/lib.sh"

suite=$WORK/suite
mkdir -p "$suite"
# Twelve files; f05 fails.  Test counts differ so that files differ in size.
i=1
while [ $i -le 12 ]; do
	f=$(printf '%s/f%02d.sqltest' "$suite" $i)
	j=0
	while [ $j -lt $i ]; do
		printf -- '-- test: t%d\nSELECT %d;\n-- expect:\n%d\n\n' $j $j $j
		j=$((j + 1))
	done >"$f"
	i=$((i + 1))
done
printf -- '-- test: wrong\nSELECT 1;\n-- expect:\n2\n' >>"$suite/f05.sqltest"

# files_of REPORT: the file names a JSON report holds, one a line.
files_of()
{
	grep -o '"path": "[^"]*"' "$1" | sed 's|.*/||; s|"$||'
}

# The whole run, for comparison.
run_sqlcheck -q --format json -o "$WORK/all.json" "$suite"
is "the whole suite: exit 1 (f05 fails)" "$STATUS" 1
all_summary=$(last_line "$OUT")

# Round robin without durations: every file in exactly one shard.
for k in 1 2 3; do
	run_sqlcheck -q --shard $k/3 --format json -o "$WORK/rr$k.json" "$suite"
done
is "round robin: shard 1 takes every third file from the first" \
    "$(files_of "$WORK/rr1.json" | tr '\n' ' ')" \
    "f01.sqltest f04.sqltest f07.sqltest f10.sqltest "

# A durations table: f12 alone weighs as much as all the others together.
cat >"$WORK/d.json" <<EOF
{"schema": "sqlcheck-durations", "version": 1, "files": {
 "$suite/f01.sqltest": 1, "$suite/f02.sqltest": 1, "$suite/f03.sqltest": 1,
 "$suite/f04.sqltest": 1, "$suite/f05.sqltest": 1, "$suite/f06.sqltest": 1,
 "$suite/f07.sqltest": 1, "$suite/f08.sqltest": 1, "$suite/f09.sqltest": 1,
 "$suite/f10.sqltest": 1, "$suite/f11.sqltest": 1, "$suite/f12.sqltest": 11}}
EOF
before=$(cksum <"$WORK/d.json")
for k in 1 2; do
	run_sqlcheck -q --shard $k/2 --durations "$WORK/d.json" \
	    --format json -o "$WORK/s$k.json" "$suite"
done
is "by duration: the longest file is a shard of its own" \
    "$(files_of "$WORK/s1.json" | tr '\n' ' ')" "f12.sqltest "
is "by duration: the other shard takes the eleven others" \
    "$(files_of "$WORK/s2.json" | wc -l)" 11
is "a shard reads the durations file and does not change it" \
    "$(cksum <"$WORK/d.json")" "$before"
run_sqlcheck -q --shard 1/2 --durations "$WORK/d.json" \
    --format json -o "$WORK/again.json" "$suite"
is "by duration: the same split on every run" \
    "$(files_of "$WORK/again.json")" "$(files_of "$WORK/s1.json")"

# A file the table does not know weighs its size at the table's rate:
# f12 is unknown here, and the largest file, so the heaviest.
cat >"$WORK/d-unknown.json" <<EOF
{"schema": "sqlcheck-durations", "version": 1, "files": {
 "$suite/f01.sqltest": 0.1, "$suite/f02.sqltest": 0.2, "$suite/f11.sqltest": 1.1}}
EOF
run_sqlcheck -q --shard 1/2 --durations "$WORK/d-unknown.json" \
    --format json -o "$WORK/u1.json" "$suite"
contains "an unknown file is estimated from its size: f12 in shard 1" \
    "$(files_of "$WORK/u1.json")" f12.sqltest

# --merge: the shards' reports as one.
run_sqlcheck -q --merge "$WORK/s1.json" "$WORK/s2.json"
is "--merge: the exit status of the run" "$STATUS" 1
is "--merge: the same summary as the whole run" "$(last_line "$OUT")" \
    "$all_summary"
contains "--merge: the failure, with FILE:LINE" "$OUT" "f05.sqltest:"
run_sqlcheck -q --merge --format junit "$WORK/s2.json" "$WORK/s1.json"
matches "--merge --format junit: one test suite a file" \
    "$(printf '%s\n' "$OUT" | grep -c '<testsuite ')" '^12$'
contains "--merge --format junit: the totals" "$OUT" \
    'tests="79" failures="1"'
run_sqlcheck -q --merge --format json -o "$WORK/merged.json" \
    "$WORK/s1.json" "$WORK/s2.json"
is "--merge --format json: the files of the whole run, in its order" \
    "$(files_of "$WORK/merged.json")" "$(files_of "$WORK/all.json")"

run_sqlcheck -q --merge "$WORK/s1.json"
is "--merge: a missing shard is an error" "$STATUS" 2
contains "--merge: it names the missing shard" "$ERR" "shard 2/2 is missing"
run_sqlcheck -q --merge "$WORK/s1.json" "$WORK/s1.json" "$WORK/s2.json"
is "--merge: a shard given twice is an error" "$STATUS" 2
contains "--merge: it names both reports" "$ERR" "shard 1/2 is also"
run_sqlcheck -q --merge "$WORK/rr1.json" "$WORK/s1.json"
is "--merge: shards of two different splits are an error" "$STATUS" 2
run_sqlcheck -q --merge "$WORK/all.json" "$WORK/all.json"
is "--merge: a file in two reports is an error" "$STATUS" 2
contains "--merge: it names the file" "$ERR" "f01.sqltest is in another report"
printf '{"schema": "sqlcheck-report",\n "version": 1,\n "engine": ]\n' \
    >"$WORK/broken.json"
run_sqlcheck -q --merge "$WORK/broken.json"
is "--merge: malformed JSON is an error" "$STATUS" 2
matches "--merge: with FILE:LINE" "$ERR" "broken.json:3: "
run_sqlcheck -q --merge "$WORK/d.json"
is "--merge: a JSON file that is no report is an error" "$STATUS" 2
contains "--merge: it says how to make one" "$ERR" "--format json"
run_sqlcheck -q --merge
is "--merge without reports is an error" "$STATUS" 2
run_sqlcheck -q --merge --rewrite "$WORK/s1.json"
is "--merge is a mode: with --rewrite a usage error" "$STATUS" 2

# --durations written by an unsharded run and by --merge.
run_sqlcheck -q --durations "$WORK/new.json" "$suite"
is "--durations: a run writes the file" \
    "$(grep -c '"seconds"\|sqltest' "$WORK/new.json")" 12
check "--durations: the file is read back" \
    "$SQLCHECK" -q --shard 1/2 --durations "$WORK/new.json" \
    --format json -o "$WORK/x.json" "$WORK/suite/f01.sqltest"
cp "$WORK/d.json" "$WORK/d-merge.json"
run_sqlcheck -q --merge --durations "$WORK/d-merge.json" "$WORK/s1.json" \
    "$WORK/s2.json"
lacks "--merge --durations: the table gets the shards' durations" \
    "$(cat "$WORK/d-merge.json")" '": 11'
printf '{"schema": "sqlcheck-durations", "version": 1, "files": [\n' \
    >"$WORK/bad-d.json"
run_sqlcheck -q --durations "$WORK/bad-d.json" "$suite"
is "--durations: a malformed file is an error" "$STATUS" 2
matches "--durations: with FILE:LINE" "$ERR" "bad-d.json:[0-9]+: "
run_sqlcheck -q --durations /nonexistent/dir/d.json "$suite"
is "--durations: an unwritable file is an error before the run" "$STATUS" 2
lacks "--durations: nothing ran" "$OUT" "passed"

# The HTML page of --merge lists what the single run's page lists.
run_sqlcheck -q -o "$WORK/all.html" "$suite"
run_sqlcheck -q --merge -o "$WORK/merged.html" "$WORK/s1.json" "$WORK/s2.json"
strip()
{
	sed -n '/<section id="failures">/,/<\/section>/p;
	    /<section id="files">/,/<\/section>/p' "$1" |
	    sed 's/[0-9]* ms</ms</g; s/[0-9][0-9]* ms)/ms)/g'
}
is "--merge -o FILE.html: the same failures and files as one run's page" \
    "$(strip "$WORK/merged.html" | cksum)" "$(strip "$WORK/all.html" | cksum)"

done_testing
