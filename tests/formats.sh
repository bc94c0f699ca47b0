#!/bin/sh
# tests/formats.sh: the report formats and the query log.  --format tap,
# junit and json, on standard output and with -o FILE (the human report
# still on standard output, the format taken from the file's name), on
# the passing example suite and on failing fixtures full of characters
# to escape (tests/fixtures-formats).  prove must accept the TAP (and
# fail a failing run), xmllint the JUnit, and the JSON must validate
# against doc/report-schema.json.  The schema check needs python3 with
# the jsonschema module (Debian: python3-jsonschema, installed in CI) and
# is skipped without it; so are the prove and xmllint checks without
# those tools.  The --log checks are skipped while --log writes nothing.
. "${0%/*}/lib.sh"

fx=$top_srcdir/tests/fixtures-formats
suite=$top_srcdir/sql-tests
schema=$top_srcdir/doc/report-schema.json
sp=$fx/special.sqltest
# Directories are searched recursively (sql-tests/migrations/); the pgTAP
# file is reported too (skipped on SQLite).
nsuite=$(find "$suite" -type f \( -name '*.sqltest' -o -name '*.pg' \) |
    wc -l | tr -d ' ')

require_engines sqlite

# Python snippets: the JSON file is $1, the schema $2.
py_load='import json, sys
json.load(open(sys.argv[1], encoding="utf-8"))'
py_schema='import json, sys, jsonschema
schema = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator(schema).validate(doc)'

have_python=no
have python3 && have_python=yes
have_jsonschema=no
[ $have_python = yes ] && python3 -c 'import jsonschema' 2>/dev/null &&
    have_jsonschema=yes

# Save the last run's standard output as a file.
save() {
	printf '%s\n' "$OUT" >"$WORK/$1"
}

# prove_is DESC FILE WANT: prove reads FILE, exits 0 (ok) or not (fail).
prove_is() {
	if ! have prove; then
		missing "$1" "prove is not installed"
		return
	fi
	prove -e cat "$2" >"$WORK/.prove" 2>&1
	st=$?
	case $3/$st in
	ok/0 | fail/[1-9]*)
		pass "$1"
		;;
	*)
		fail "$1"
		diag "prove exited $st:"
		diag "$(cat "$WORK/.prove")"
		;;
	esac
}

# xml_ok DESC FILE: xmllint finds FILE well-formed.
xml_ok() {
	if have xmllint; then
		check "$1" xmllint --noout "$2"
	else
		missing "$1" "xmllint is not installed"
	fi
}

# xpath DESC FILE EXPR WANT: an XPath expression's value in FILE.
xpath() {
	if have xmllint; then
		is "$1" "$(xmllint --xpath "$3" "$2" 2>&1)" "$4"
	else
		missing "$1" "xmllint is not installed"
	fi
}

# json_ok DESC FILE: FILE is JSON and valid against the schema.
json_ok() {
	if [ $have_python = no ]; then
		missing "$1: JSON" "python3 is not installed"
		missing "$1: schema" "python3 is not installed"
		return
	fi
	check "$1: JSON" python3 -c "$py_load" "$2"
	if [ $have_jsonschema = yes ]; then
		check "$1: valid against doc/report-schema.json" \
		    python3 -c "$py_schema" "$2" "$schema"
	else
		missing "$1: schema" "python3 jsonschema module not installed"
	fi
}

# json_is DESC FILE EXPR WANT: a Python expression over the document d.
json_is() {
	if [ $have_python = no ]; then
		missing "$1" "python3 is not installed"
		return
	fi
	is "$1" "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval("(" + sys.argv[2] + ")"))' "$2" "$3" 2>&1)" "$4"
}

#
# TAP
#
run_sqlcheck --format tap "$suite"
is_status "tap: the example suite passes" 0
save suite.tap
is "tap: the version line first" "$(printf '%s\n' "$OUT" | head -n 1)" \
    "TAP version 13"
matches "tap: the plan last" "$(last_line "$OUT")" '^1\.\.[1-9][0-9]*$'
prove_is "tap: prove passes the example suite" "$WORK/suite.tap" ok

run_sqlcheck --format tap "$sp"
is_status "tap: a failing file exits 1" 1
save special.tap
prove_is "tap: prove fails a failing run" "$WORK/special.tap" fail
matches "tap: a passing test" "$OUT" \
    '^ok 1 - .*special\.sqltest:12 passes \\# with a hash in its name$'
matches "tap: a failing test" "$OUT" \
    '^not ok 2 - .*special\.sqltest:17 quotes "double" .single. <tag> & '
matches "tap: '#' and '\\' escaped in a description" "$OUT" \
    '^not ok 5 - .*:37 \\# a hash first, then a \\\\ backslash$'
matches "tap: a skip with its reason" "$OUT" \
    '^ok 7 - .*:47 skipped on SQLite # SKIP not for sqlite$'
contains "tap: a YAML block under a failure" "$OUT" "not ok 3 - $sp:22 a tab and non-ASCII Zoë 日本 fail
  ---
  message: |
    wrong result
  sql: |
    SELECT s
    FROM t
    
    WHERE id IN (2, 3)
    ORDER BY id
  diff: |
    - x
    - y
    + tab	here
    + Zoë 日本 😀
  ...
"
contains "tap: a control character in a quoted YAML string" "$OUT" \
    '  diff: "- ab\n+ a\x01b\n"'
is "tap: the plan" "$(last_line "$OUT")" "1..7"

# TAP::Parser reads what prove reads: no parse error, every YAML block
# parsed, the blank line inside the SQL kept.
if have perl && perl -MTAP::Parser -e 1 2>/dev/null; then
	is "tap: TAP::Parser reads the YAML blocks back" "$(perl -MTAP::Parser -e '
	my $p = TAP::Parser->new({ exec => ["cat", $ARGV[0]] });
	my ($yaml, $sql) = (0, "");
	while (my $r = $p->next) {
		next unless $r->is_yaml;
		$yaml++;
		$sql = $r->data->{sql} if $yaml == 2;
	}
	my @e = $p->parse_errors;
	$sql =~ s/\n/|/g;
	print scalar(@e), " errors, $yaml blocks, $sql\n";
	' "$WORK/special.tap" 2>&1)" \
	    "0 errors, 5 blocks, SELECT s|FROM t||WHERE id IN (2, 3)|ORDER BY id|"
else
	missing "tap: TAP::Parser reads the YAML blocks back" "no TAP::Parser"
fi

run_sqlcheck --format tap "$fx/setup-fail.sqltest" "$fx/parse-error.sqltest"
is_status "tap: a file that cannot be parsed exits 2" 2
save files.tap
matches "tap: a file that cannot be parsed is one failure" "$OUT" \
    '^not ok 2 - .*parse-error\.sqltest$'
matches "tap: a failed setup is one failure named by the file" "$OUT" \
    '^not ok 1 - .*setup-fail\.sqltest:5 setup$'
contains "tap: with the setup's message" "$OUT" \
    "setup failed: UNIQUE constraint failed"
prove_is "tap: prove fails file failures" "$WORK/files.tap" fail

run_sqlcheck --format tap -j 1 "$suite" "$fx"
one="exit $STATUS
$OUT"
matches "tap: -j 1 gives a plan" "$OUT" '^1\.\.[1-9][0-9]*$'
run_sqlcheck --format tap -j 4 "$suite" "$fx"
is "tap: -j 4 reports exactly as -j 1, with its exit status" \
    "exit $STATUS
$OUT" "$one"

#
# JUnit
#
run_sqlcheck --format junit "$suite"
is_status "junit: the example suite passes" 0
save suite.xml
xml_ok "junit: xmllint accepts the example suite's report" "$WORK/suite.xml"
xpath "junit: one testsuite per file" "$WORK/suite.xml" \
    'count(/testsuites/testsuite)' "$nsuite"
xpath "junit: no failure" "$WORK/suite.xml" 'count(//failure)' 0

run_sqlcheck --format junit "$fx"
is_status "junit: failing fixtures exit 2 (one cannot be parsed)" 2
save fx.xml
xml_ok "junit: xmllint accepts a report full of special characters" \
    "$WORK/fx.xml"
xpath "junit: totals on testsuites" "$WORK/fx.xml" \
    'concat(/testsuites/@tests, " ", /testsuites/@failures, " ",
    /testsuites/@errors, " ", /testsuites/@skipped)' "12 5 2 2"
xpath "junit: the totals count the elements" "$WORK/fx.xml" \
    'concat(count(//testcase), " ", count(//failure), " ",
    count(//error), " ", count(//skipped))' "12 5 2 2"
xpath "junit: a suite's counts" "$WORK/fx.xml" \
    'concat(//testsuite[contains(@name, "special")]/@tests, " ",
    //testsuite[contains(@name, "special")]/@failures)' "7 5"
xpath "junit: a name with quotes, <, > and & round-trips" "$WORK/fx.xml" \
    'string(//testcase[@line=17]/@name)' \
    "quotes \"double\" 'single' <tag> & ampersand fail"
xpath "junit: classname is the path with dots, no extension" \
    "$WORK/fx.xml" 'string(//testcase[@line=17]/@classname)' \
    "$(printf '%s\n' "$fx/special" | sed -E 's#^(\.{1,2}/|/)+##' | tr / .)"
xpath "junit: the failure holds the SQL and the diff" "$WORK/fx.xml" \
    'string(//testcase[@line=17]/failure)' "$sp:17: quotes \"double\" 'single' <tag> & ampersand fail
    | SELECT s FROM t WHERE id = 1
wrong result
expected (-) / actual (+):
- something else
+ a \"quoted\" <b> & 'c'"
xpath "junit: non-ASCII text and a tab kept" "$WORK/fx.xml" \
    'contains(//testcase[@line=22]/failure, "+ tab	here
+ Zoë 日本 😀")' true
xpath "junit: a control character and a bad byte become U+FFFD" \
    "$WORK/fx.xml" 'concat(//testcase[@line=32]/@name, "/",
    substring-after(//testcase[@line=32]/failure, "+ "))' \
    "a control character and a bad byte � in the name/a�b"
xpath "junit: a skip with its reason" "$WORK/fx.xml" \
    'string(//testcase[@line=47]/skipped/@message)' "not for sqlite"
xpath "junit: a failed setup is an error testcase" "$WORK/fx.xml" \
    'concat(//testcase[error and contains(@file, "setup-fail")]/@name, " ",
    //testcase[contains(@file, "setup-fail")]/@line)' "(setup) 5"
xpath "junit: a parse error is an error testcase" "$WORK/fx.xml" \
    'string(//testcase[contains(@file, "parse-error")]/error/@message)' \
    "$fx/parse-error.sqltest:4: test \"no statement before the expectation\" has no SQL before its \"-- expect\""

#
# JSON
#
run_sqlcheck --format json "$suite"
is_status "json: the example suite passes" 0
save suite.json
json_ok "json: the example suite's report" "$WORK/suite.json"
run_sqlcheck "$suite"
json_is "json: the summary is the human report's last line" \
    "$WORK/suite.json" \
    '"%(passed)d passed, %(failed)d failed, %(skipped)d skipped" %
    d["summary"]' "$(last_line "$OUT")"
json_is "json: header and one entry per file" "$WORK/suite.json" \
    'd["schema"], d["version"], d["engine"], len(d["files"])' \
    "('sqlcheck-report', 1, 'sqlite', $nsuite)"

run_sqlcheck --format json "$fx"
is_status "json: failing fixtures exit 2" 2
save fx.json
json_ok "json: a report full of special characters" "$WORK/fx.json"
json_is "json: file outcomes" "$WORK/fx.json" \
    '[f["outcome"] for f in d["files"]]' \
    "['error', 'pass', 'fail', 'fail']"
json_is "json: test outcomes" "$WORK/fx.json" \
    '" ".join(t["outcome"] for t in d["files"][3]["tests"])' \
    "pass fail fail fail fail fail skip"
json_is "json: summary" "$WORK/fx.json" \
    'sorted((k, v) for k, v in d["summary"].items() if k != "seconds")' \
    "[('errors', 1), ('failed', 7), ('files', 4), ('passed', 3), ('skipped', 2)]"
t='d["files"][3]["tests"]'
json_is "json: quotes, <, > and & round-trip" "$WORK/fx.json" \
    "$t"'[1]["name"] == "quotes \"double\" \x27single\x27 <tag> & ampersand fail"' \
    True
json_is "json: '#' and '\\' round-trip" "$WORK/fx.json" \
    "$t"'[4]["name"] == "# a hash first, then a \\ backslash"' True
json_is "json: new lines, a tab and non-ASCII text round-trip" \
    "$WORK/fx.json" "$t"'[2]["diff"] ==
    "- x\n- y\n+ tab\there\n+ Zo\u00eb \u65e5\u672c \U0001f600\n"' True
json_is "json: a control character round-trips" "$WORK/fx.json" \
    "$t"'[3]["diff"] == "- ab\n+ a\x01b\n"' True
json_is "json: a byte that is not UTF-8 becomes U+FFFD" "$WORK/fx.json" \
    "$t"'[3]["name"] == "a control character and a bad byte \ufffd in the name"' \
    True
contains "json: a control character written \\u0001" "$(cat "$WORK/fx.json")" \
    '"diff": "- ab\n+ a\u0001b\n"'
json_is "json: a failed setup's message; null for nothing" "$WORK/fx.json" \
    '"setup failed: UNIQUE" in d["files"][2]["message"],
    d["files"][2]["tests"], d["files"][0]["isolation"],
    d["files"][1]["message"], d["files"][1]["tests"][2]["sql"]' \
    "(True, [], None, None, None)"

#
# -o FILE: the format from the name, human output on standard output
#
for ext in xml json tap; do
	run_sqlcheck -o "$WORK/o.$ext" "$sp"
	is_status "-o FILE.$ext: exit 1" 1
	is "-o FILE.$ext: the human summary on standard output" \
	    "$(last_line "$OUT")" "1 passed, 5 failed, 1 skipped"
	contains "-o FILE.$ext: the human failures on standard output" "$OUT" \
	    "FAIL $sp  (5 of 6 failed, 1 skipped"
done
is "-o FILE.xml: JUnit" "$(head -n 1 "$WORK/o.xml")" \
    '<?xml version="1.0" encoding="UTF-8"?>'
xml_ok "-o FILE.xml: well-formed" "$WORK/o.xml"
json_ok "-o FILE.json" "$WORK/o.json"
is "-o FILE.tap: TAP" "$(head -n 1 "$WORK/o.tap")" "TAP version 13"
prove_is "-o FILE.tap: prove fails it" "$WORK/o.tap" fail

run_sqlcheck --format tap -o "$WORK/o.txt" "$fx/pass.sqltest"
is "--format tap -o FILE.txt: TAP" "$(last_line "$(cat "$WORK/o.txt")")" "1..3"
is "--format tap -o FILE.txt: human output on standard output" \
    "$(last_line "$OUT")" "2 passed, 0 failed, 1 skipped"
run_sqlcheck --format json -o "$WORK/o.xml" "$fx/pass.sqltest"
json_ok "--format json -o FILE.xml: --format wins" "$WORK/o.xml"
run_sqlcheck -o "$WORK/o.out" "$fx/pass.sqltest"
is "-o FILE with another name: human" "$(last_line "$(cat "$WORK/o.out")")" \
    "2 passed, 0 failed, 1 skipped"
run_sqlcheck -o "$WORK/no/such/dir/r.xml" "$fx/pass.sqltest"
is_status "-o in a missing directory: exit 2" 2
contains "-o in a missing directory: says so" "$ERR" \
    "cannot write \"$WORK/no/such/dir/r.xml\""

#
# --log FILE
#
log=$WORK/query.log
run_sqlcheck --log "$log" -j 2 "$fx/pass.sqltest" "$sp" "$suite"
lines=$(wc -l <"$log" 2>/dev/null | tr -d ' ')
ok "--log: one line per statement (${lines:-no} lines)" \
    "$([ "${lines:-0}" -ge 150 ]; echo $?)"
is "--log: FILE:LINE, ms, outcome, SQL" "$(grep -Evc \
    '^[^	]+:[0-9]+	[0-9]+\.[0-9]{3}	[^	]+	.' "$log" 2>&1)" 0
contains "--log: new lines escaped" "$(cat "$log")" \
    "SELECT count(*)\\nFROM p\\nWHERE name\\n  LIKE 't%'"
run_sqlcheck --log "$WORK/no/such/dir/q.log" "$fx/pass.sqltest"
is_status "--log: a log that cannot be written: exit 2" 2
contains "--log: a log that cannot be written: says so" "$ERR" "cannot write"

done_testing
