#!/bin/sh
# slt-labels.sh: sqllogictest labels on SQLite.  Queries with the same
# label must give the same result: a file of 300 labels, each used by two
# queries (more than the label table's first slots, so it grows), passes;
# a label whose second query gives another result fails at that query's
# line with the label's message, in the middle of the file and at its
# end, while every other query passes.  The label table is per file: the
# same label in a second file is a new label there.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite

# labels FILE N BAD...: N labels, two queries each (the second a
# different SQL text with the same result); for each BAD, the second
# query of label-BAD gives another result.
labels()
{
	_f=$1 _n=$2
	shift 2
	awk -v n="$_n" -v bad=" $* " 'BEGIN {
		print "statement ok"
		print "CREATE TABLE t(x INTEGER)"
		print ""
		for (i = 0; i < n; i++) {
			printf "query I nosort label-%d\nSELECT %d\n----\n%d\n\n", i, i, i
			v = index(bad, " " i " ") ? i + 1 : i
			printf "query I nosort label-%d\nSELECT %d + 0\n----\n%d\n\n", i, v, v
		}
	}' >"$_f"
}

labels "$WORK/good.test" 300
run_sqlcheck --color never "$WORK/good.test"
is_status "300 labels used twice, all the same: passes" 0
contains "... every query passes" "$OUT" "601 passed, 0 failed, 0 skipped"

labels "$WORK/bad.test" 300 150 299
run_sqlcheck --color never "$WORK/bad.test"
is_status "two labels whose second result differs: the file fails" 1
contains "... the others pass" "$OUT" "599 passed, 2 failed, 0 skipped"
# label-150's second query: statement (3 lines) + 150 pairs of 10 lines,
# then its first query's 5 lines: line 4 + 1500 + 5.
contains "... label-150 fails at its second query" "$OUT" \
    "bad.test:1509"
contains "... with the label's message" "$OUT" \
    'result of label "label-150" differs from the earlier query with that label'
contains "... label-299 (the last query) fails too" "$OUT" \
    'result of label "label-299" differs from the earlier query with that label'

# A label is per file: label-150 of bad.test knows nothing of good.test.
run_sqlcheck --color never -j 1 "$WORK/good.test" "$WORK/bad.test" \
    "$WORK/good.test"
is_status "labels are per file: the same files again fail the same" 1
contains "... the same two failures" "$OUT" "1801 passed, 2 failed, 0 skipped"

done_testing
