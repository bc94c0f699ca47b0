#!/bin/sh
# coverage.sh: constraint coverage (--coverage, --coverage-json,
# --coverage-min) on every engine at hand: SQLite always, PostgreSQL and
# MariaDB when SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN are set.  The files
# of tests/coverage/ violate some constraints of schema.sql (every kind)
# and leave others alone; the human report after the summary must be
# expected-ENGINE.txt and the JSON must hold what expected-ENGINE.json
# says, both written by hand.  Also: a test that failed covers nothing,
# -j gives the report -j 1 gives, --coverage-min fails the run below it,
# and the report goes to standard error when standard output is TAP.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
require_tools python3

# Paths in the reports are as given: run from the source tree.
cd "$top_srcdir" || exit 99
D=tests/coverage
FILES="$D/violations.sqltest $D/other.sqltest $D/exclusion.sqltest"

# The lines after the summary line ("N passed, N failed, N skipped").
after_summary()
{
	printf '%s\n' "$1" | awk 'seen { print } /^[0-9]+ passed, / { seen = 1 }'
}

# json_check DESC FILE EXPECTED: the report FILE is a JSON array of
# constraint objects with the documented keys, and projected on the
# keys of EXPECTED it is EXPECTED, in order.
json_check()
{
	if python3 - "$2" "$3" >"$WORK/json.out" 2>&1 <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
kinds = {"primary_key", "unique", "foreign_key", "check", "not_null",
         "exclusion"}
assert isinstance(got, list), "not an array"
for o in got:
    for k, t in (("table", str), ("name", str), ("kind", str),
                 ("columns", list), ("violated_by", list),
                 ("inexact_by", list), ("attribution", str),
                 ("definition", int), ("defined_in", list)):
        assert isinstance(o.get(k), t), "%s: bad %s" % (o.get("name"), k)
    assert o["kind"] in kinds, o["kind"]
    assert set(o["inexact_by"]) <= set(o["violated_by"]), o["name"]
got = [{k: o[k] for k in w} for o, w in zip(got, want)] + got[len(want):]
for i, (g, w) in enumerate(zip(got, want)):
    if g != w:
        print("object %d:\n  got      %s\n  expected %s" % (i, g, w))
        sys.exit(1)
if len(got) != len(want):
    print("%d objects, expected %d" % (len(got), len(want)))
    sys.exit(1)
PY
	then
		pass "$1"
	else
		fail "$1"
		diag "$(cat "$WORK/json.out")"
	fi
}

# same_text DESC GOT FILE: GOT is the text of FILE, else a diff.
same_text()
{
	printf '%s\n' "$2" >"$WORK/got.txt"
	if diff -u "$3" "$WORK/got.txt" >"$WORK/diff.txt"; then
		pass "$1"
	else
		fail "$1"
		diag "$(cat "$WORK/diff.txt")"
	fi
}

# engine_ok ENGINE: 0 if the engine can be tested here; else the reason
# is in $why (require_engines' skip), or the script bails out when
# SQLCHECK_REQUIRE_ENGINES requires the engine.
engine_ok()
{
	why=$( (require_engines "$1") 2>&1)
	case $why in
	"Bail out!"*)
		echo "$why"
		exit 99
		;;
	"1..0 # SKIP "*)
		why=${why#1..0 # SKIP }
		return 1
		;;
	esac
	return 0
}

# coverage_engine ENGINE ARGS...: the fixtures on ENGINE.
coverage_engine()
{
	e=$1
	shift
	# shellcheck disable=SC2086
	run_sqlcheck -d "$e" "$@" --coverage --coverage-json "$WORK/$e.json" \
	    $FILES
	is_status "$e: the fixtures pass" 0
	same_text "$e: the report after the summary is expected-$e.txt" \
	    "$(after_summary "$OUT")" "$D/expected-$e.txt"
	json_check "$e: the JSON holds expected-$e.json" "$WORK/$e.json" \
	    "$D/expected-$e.json"
}

coverage_engine sqlite
if engine_ok postgres; then
	# A scratch database per file: only the fixtures' tables exist.
	coverage_engine postgres --dsn "$SQLCHECK_PG_DSN" --isolation database
else
	for d in "the fixtures pass" "the report" "the JSON"; do
		skip "postgres: $d" "$why"
	done
fi
if engine_ok mysql; then
	coverage_engine mysql --dsn "$SQLCHECK_MYSQL_DSN"
else
	for d in "the fixtures pass" "the report" "the JSON"; do
		skip "mysql: $d" "$why"
	done
fi

# Files on several workers merge into the same report.
run_sqlcheck --coverage -j 1 $FILES
one="exit $STATUS
$(after_summary "$OUT")"
contains "-j 1: the report" "$one" "total: 11 of 24 constraints covered"
run_sqlcheck --coverage -j 3 $FILES
is "-j 3 gives the report and exit status of -j 1" \
    "exit $STATUS
$(after_summary "$OUT")" "$one"

# A test that expected another error failed, and covers nothing.
run_sqlcheck --coverage-json "$WORK/failing.json" "$D/failing.sqltest"
is_status "a failing test: exit status 1" 1
python3 -c '
import json, sys
for o in json.load(open(sys.argv[1])):
    if o["violated_by"]:
        sys.exit("%s covered by %s" % (o["name"], o["violated_by"]))
' "$WORK/failing.json" >"$WORK/py.out" 2>&1
ok "a failing test covers nothing" $?
[ -s "$WORK/py.out" ] && diag "$(cat "$WORK/py.out")"

# --coverage-min: 11 of 24 constraints (45.8 %) are covered on SQLite.
run_sqlcheck --coverage-min 45 $FILES
is_status "--coverage-min 45: exit status 0" 0
lacks "--coverage-min alone prints no table" "$OUT" "constraint coverage"
run_sqlcheck --coverage-min 45% $FILES
is_status "--coverage-min 45%: a per cent sign is allowed (exit status 0)" 0
run_sqlcheck --coverage-min 46% $FILES
is_status "--coverage-min 46%: exit status 1" 1
contains "--coverage-min 46%: says why" "$ERR" \
    "is below --coverage-min 46 %"
run_sqlcheck --coverage-min 50 $FILES
is_status "--coverage-min 50: exit status 1" 1
contains "--coverage-min 50: says why" "$ERR" \
    "constraint coverage 45.8 % (11 of 24) is below --coverage-min 50 %"
is "--coverage-min 50: the summary is still the last line of output" \
    "$(last_line "$OUT")" "14 passed, 0 failed, 2 skipped"
run_sqlcheck --coverage-min 101 $FILES
is_status "--coverage-min 101: a usage error" 2
run_sqlcheck --coverage-min 50 "$D/exclusion.sqltest"
is_status "--coverage-min with no constraint at all: exit status 1" 1
contains "no constraint at all: says so" "$ERR" "no constraint was found"

# With TAP on standard output, the table goes to standard error.
run_sqlcheck --coverage --format tap $FILES
is_status "--format tap --coverage: exit status 0" 0
lacks "--format tap: no table in the TAP stream" "$OUT" \
    "constraint coverage"
contains "--format tap: the table is on standard error" "$ERR" \
    "total: 11 of 24 constraints covered (45.8 %)"

# Without --coverage nothing changes.
run_sqlcheck $FILES
is_status "without --coverage: the run passes" 0
is "without --coverage: the summary is the last line" "$(last_line "$OUT")" \
    "14 passed, 0 failed, 2 skipped"
lacks "without --coverage: no table" "$OUT" "constraint coverage"

# An unwritable JSON file is an error before anything runs.
run_sqlcheck --coverage-json "$WORK/no/such/dir/c.json" $FILES
is_status "unwritable --coverage-json: exit status 2" 2
lacks "unwritable --coverage-json: no test ran" "$OUT" "passed"

done_testing
