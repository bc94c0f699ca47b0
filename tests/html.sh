#!/bin/sh
# tests/html.sh: the HTML report (--format html, -o FILE.html): a
# self-contained page, escaped text, the schema picture of --coverage,
# and, rendered in a real browser (chromium --headless), the DOM holds the
# failures and counts, the filter hides and shows tests, the SVG has one
# box per table, and a screenshot is made (HTML_SCREENSHOT_DIR, default
# the build directory: a CI artifact, not committed).
. "${0%/*}/lib.sh"

fx=$top_srcdir/tests/fixtures/html
page=$WORK/report.html

run_sqlcheck -q -o "$page" --coverage "$fx"
is "a failing test makes the run exit 1" "$STATUS" 1
check "-o FILE.html writes an HTML page" grep -q '^<!DOCTYPE html>' "$page"
html=$(cat "$page")
contains "the summary counts" "$html" '4 passed, 1 failed, 2 skipped'
contains "the engine and its version" "$html" 'sqlite SQLite 3.'
contains "the failure's FILE:LINE" "$html" 'orders.sqltest:22</a>'
contains "the failure's diff, the expected line" "$html" \
    '<span class="del">- &lt;b&gt;bold&lt;/b&gt;</span>'
contains "a test name with markup shows as text" "$html" \
    '&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; is text'
lacks "no markup from a test reaches the page" "$html" \
    "<script>document.title="
lacks "no markup from a value reaches the page" "$html" '<img src=x'
contains "a skipped file with its reason" "$html" 'not for sqlite'
contains "the tags in the filter" "$html" '<option>billing</option>'
# Self-contained: nothing fetched (the SVG namespace is a name, not a fetch).
lacks "no external script" "$html" '<script src'
lacks "no external style sheet" "$html" '<link'
lacks "no @import" "$html" '@import'
matches "no URL but the SVG namespace" \
    "$(grep -o 'https\?://[^"]*' "$page" | sort -u | tr '\n' ' ')" \
    '^http://www.w3.org/2000/svg $'
is "one SVG box per table" "$(grep -c '<g class="table"' "$page")" 4
contains "a covered constraint links to its test" "$html" \
    'href="#t:'"$fx"'/orders.sqltest:27">'
contains "the foreign keys are arrows" "$html" '<path class="fk"'

run_sqlcheck -q --format html "$fx/billing.sqltest"
is "--format html on standard output: exit 0" "$STATUS" 0
matches "--format html on standard output: the page" "$OUT" '^<!DOCTYPE html>'
lacks "no coverage section without --coverage" "$OUT" 'id="schema"'

run_sqlcheck -q --format htm "$fx/billing.sqltest"
is "an unknown format is a usage error" "$STATUS" 2
contains "the error names html" "$ERR" 'json or html'

# The example suite's page stays small.
run_sqlcheck -q -o "$WORK/example.html" --coverage "$top_srcdir/sql-tests"
is "the example suite passes" "$STATUS" 0
size=$(wc -c <"$WORK/example.html")
ok "the example suite's page is under 200 KB ($size bytes)" \
    "$([ "$size" -lt 204800 ]; echo $?)"

# A schema of 30 tables (chains of foreign keys, a self-reference): the
# same picture on every run, and no two boxes overlap.
{
	echo "-- setup"
	i=1
	while [ $i -le 30 ]; do
		if [ $i -eq 1 ]; then
			echo "CREATE TABLE t01 (id INTEGER PRIMARY KEY, up INTEGER REFERENCES t01 (id));"
		else
			p=$(printf 't%02d' $(( (i - 1) / 3 + 1 )))
			[ $i -le 3 ] && p=t01
			printf 'CREATE TABLE t%02d (id INTEGER PRIMARY KEY, ' $i
			printf 'p INTEGER NOT NULL REFERENCES %s (id), ' "$p"
			echo "n INTEGER UNIQUE CHECK (n > 0));"
		fi
		i=$((i + 1))
	done
	printf '\n-- test: a row\nSELECT 1;\n-- expect:\n1\n'
} >"$WORK/thirty.sqltest"
run_sqlcheck -q --coverage -o "$WORK/thirty1.html" "$WORK/thirty.sqltest"
run_sqlcheck -q --coverage -o "$WORK/thirty2.html" "$WORK/thirty.sqltest"
is "30 tables: one box each" "$(grep -c '<g class="table"' "$WORK/thirty1.html")" 30
svg()
{
	sed -n '/<svg id="schema"/,/<\/svg>/p' "$1"
}
is "30 tables: the same picture on every run" "$(svg "$WORK/thirty1.html" | cksum)" \
    "$(svg "$WORK/thirty2.html" | cksum)"
overlaps=$(grep -o '<rect class="box" x="[0-9]*" y="[0-9]*" width="[0-9]*" height="[0-9]*"' \
    "$WORK/thirty1.html" | tr -c '0-9\n' ' ' | awk '
	{ x[NR] = $1; y[NR] = $2; w[NR] = $3; h[NR] = $4 }
	END {
		n = 0
		for (i = 1; i <= NR; i++)
			for (j = i + 1; j <= NR; j++)
				if (x[i] < x[j] + w[j] && x[j] < x[i] + w[i] &&
				    y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
					n++
		print NR ":" n
	}')
is "30 tables: 30 boxes, none overlapping" "$overlaps" "30:0"

# The same page from a server engine: its name and version.
if [ -n "${SQLCHECK_PG_DSN:-}" ]; then
	run_sqlcheck -q -d postgres --dsn "$SQLCHECK_PG_DSN" \
	    -o "$WORK/pg.html" --coverage "$fx"
	is "postgres: the same failures" "$STATUS" 1
	pg=$(cat "$WORK/pg.html")
	contains "postgres: the engine and its version" "$pg" \
	    'postgres PostgreSQL '
	contains "postgres: the counts" "$pg" '6 passed, 1 failed, 0 skipped'
	is "postgres: one SVG box per table" \
	    "$(grep -c '<g class="table"' "$WORK/pg.html")" 4
	# A password on the command line is not in the page (the test
	# server trusts local connections and ignores it).
	run_sqlcheck -q -d postgres --dsn "$SQLCHECK_PG_DSN password=hunter2" \
	    -o "$WORK/pw.html" "$fx/billing.sqltest"
	is "postgres: a DSN with a password runs" "$STATUS" 0
	check "postgres: the command line is in the page, password hidden" \
	    grep -q 'password=\*\*\*\*\*\*\*' "$WORK/pw.html"
	lacks "postgres: the password is not in the page" \
	    "$(cat "$WORK/pw.html")" hunter2
else
	engine_missing postgres
	skip_engine "postgres: the page" postgres
fi

if [ -n "${SQLCHECK_MYSQL_DSN:-}" ]; then
	run_sqlcheck -q -d mysql --dsn "$SQLCHECK_MYSQL_DSN" \
	    -o "$WORK/my.html" --coverage "$fx"
	is "mysql: the same failures" "$STATUS" 1
	my=$(cat "$WORK/my.html")
	contains "mysql: the engine and its version" "$my" 'mysql 1'
	contains "mysql: the counts" "$my" '4 passed, 1 failed, 2 skipped'
	is "mysql: one SVG box per table" \
	    "$(grep -c '<g class="table"' "$WORK/my.html")" 4
	lacks "mysql: the DSN's password is not in the page" "$my" \
	    "$(printf '%s\n' "$SQLCHECK_MYSQL_DSN" | sed -n 's|^mysql://[^:]*:\([^@]*\)@.*|:\1@|p')"
else
	engine_missing mysql
	skip_engine "mysql: the page" mysql
fi

# In a real browser.
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	if [ -n "${SQLCHECK_REQUIRE_ENGINES:-}" ]; then
		fail "a browser to render the page (chromium) is installed"
	else
		skip "the page in a browser" "chromium is not installed"
	fi
	done_testing
fi

# dom URL: the DOM once the page's script has run.
dom()
{
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-extensions --disable-dev-shm-usage \
	    --user-data-dir="$WORK/chromium" --dump-dom "$1" 2>/dev/null
}

d=$(dom "file://$page")
contains "browser: the title is the page's own" "$d" \
    '<title>sqlcheck report</title>'
contains "browser: the script ran and counted the tests" "$d" \
    '7 of 7 tests shown'
is "browser: one failure in the failures section" \
    "$(printf '%s\n' "$d" | grep -o 'class="failure test' | wc -l)" 1
contains "browser: the markup stays text in the DOM" "$d" \
    '&lt;script&gt;document.title='
lacks "browser: no element came from a test's text" "$d" '<img src="x"'
is "browser: one SVG box per table" \
    "$(printf '%s\n' "$d" | grep -o '<g class="table"' | wc -l)" 4

d=$(dom "file://$page?status=fail")
contains "browser: status=fail shows the failing test" "$d" \
    '1 of 7 tests shown'
matches "browser: status=fail hides a passing test" "$d" \
    'class="test s-pass"[^>]*hidden'
lacks "browser: status=fail leaves the failing test shown" "$d" \
    'class="test s-fail"[^>]*hidden'

d=$(dom "file://$page?tag=billing")
contains "browser: tag=billing shows that file's two tests" "$d" \
    '2 of 7 tests shown'

d=$(dom "file://$page?q=second+email")
contains "browser: a text filter shows the test it names" "$d" \
    '1 of 7 tests shown'

# The screenshot stays in the test's own directory unless
# HTML_SCREENSHOT_DIR names one (doc/html-report.png was made so).
shots=${HTML_SCREENSHOT_DIR:-$WORK}
rm -f "$shots/html-report.png"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-extensions --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$WORK/chromium" --window-size=1280,1600 \
    --screenshot="$shots/html-report.png" "file://$WORK/example.html" \
    >/dev/null 2>&1
is "browser: a screenshot of the example suite's page is made" \
    "$(head -c 8 "$shots/html-report.png" 2>/dev/null | od -An -c | tr -d ' ')" \
    '211PNG\r\n032\n'

done_testing
