#!/bin/sh
# pgtap.sh: pgTAP files (tests/pgtap/*.pg) run by sqlcheck and by pg_prove
# on the same server: for every file, the pass/fail/skip counts and the
# file's verdict are the same (pg_prove's TODO failures count as skipped,
# its TODO passes as passed).  The database sqlcheck ran on is unchanged
# per pg_dump, files that COMMIT and files without transaction
# statements included; pg_prove runs on a copy made before.  Then the
# options on pgTAP files (-k, --tag, -j, --shard, --timeout, --format,
# --coverage, --pgtap, "-- format: pgtap", --temp-instance), psql meta-commands that are refused, and
# a database without pgTAP.  Needs pg_prove and the pgtap extension
# (packages libtap-parser-sourcehandler-pgtap-perl, postgresql-15-pgtap):
# skipped without them, unless SQLCHECK_REQUIRE_ENGINES names postgres.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres

pg_tools
F=$top_srcdir/tests/pgtap

missing=
[ -x "$PSQL" ] && [ -x "$PGDUMP" ] || missing="psql and pg_dump"
command -v pg_prove >/dev/null 2>&1 ||
    missing="pg_prove (package libtap-parser-sourcehandler-pgtap-perl)"
[ -n "$missing" ] || [ "$(psql_q "$SQLCHECK_PG_DSN" -c "SELECT count(*) FROM
    pg_available_extensions WHERE name = 'pgtap'")" = 1 ] ||
    missing="the pgtap extension (package postgresql-15-pgtap)"
if [ -n "$missing" ]; then
	case ",${SQLCHECK_REQUIRE_ENGINES:-}," in
	*,postgres,*)
		echo "Bail out! no $missing, but SQLCHECK_REQUIRE_ENGINES" \
		    "requires postgres"
		exit 99
		;;
	esac
	skip_all "no $missing"
fi

# Three databases: A for sqlcheck (with a table of the user's), B a copy
# of A for pg_prove, which commits what the files do, C without pgTAP.
A=sqlcheck_pgtap_a_$$
B=sqlcheck_pgtap_b_$$
C=sqlcheck_pgtap_c_$$
DSN_A="$SQLCHECK_PG_DSN dbname=$A"
DSN_C="$SQLCHECK_PG_DSN dbname=$C"
drop_dbs()
{
	psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $A" \
	    -c "DROP DATABASE IF EXISTS $B" -c "DROP DATABASE IF EXISTS $C"
}
drop_dbs >/dev/null 2>&1
trap 'drop_dbs >/dev/null 2>&1; rm -rf "$WORK"' EXIT
psql_q "$SQLCHECK_PG_DSN" -c "CREATE DATABASE $A" -c "CREATE DATABASE $C" \
    >/dev/null
psql_q "$DSN_A" >/dev/null <<'SQL'
CREATE EXTENSION pgtap;
CREATE TABLE user_accounts (id integer PRIMARY KEY, email text UNIQUE);
INSERT INTO user_accounts VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
SQL
psql_q "$SQLCHECK_PG_DSN" -c "CREATE DATABASE $B TEMPLATE $A" >/dev/null

# pg_dump of A, without the random \restrict key of pg_dump 15.14 and
# later; fails the check when pg_dump fails.
dump_a()
{
	"$PGDUMP" "$DSN_A" >"$WORK/dump.raw" 2>"$WORK/dump.err"
	_st=$?
	grep -v '^\\\(un\)\{0,1\}restrict ' "$WORK/dump.raw" >"$1"
	return $_st
}
dump_a "$WORK/before.sql"
is "pg_dump of the database before: exit status 0" $? 0
unchanged()
{
	if ! dump_a "$WORK/after.sql"; then
		fail "$1: pg_dump of the database"
		diag "$(cat "$WORK/dump.err")"
	elif cmp -s "$WORK/before.sql" "$WORK/after.sql"; then
		pass "$1: pg_dump of the database is unchanged"
	else
		fail "$1: pg_dump of the database is unchanged"
		diag "$(diff "$WORK/before.sql" "$WORK/after.sql" | head -n 30)"
	fi
}

# sqlcheck's counts: "FILE PASSED FAILED SKIPPED VERDICT" a line.
run_sqlcheck -d postgres --dsn "$DSN_A" --format json -o "$WORK/r.json" "$F"
is_status "sqlcheck on the pgTAP files: exit status 1 (files fail)" 1
python3 - "$WORK/r.json" >"$WORK/sqlcheck.counts" <<'PY'
import json, os, sys
for f in json.load(open(sys.argv[1]))["files"]:
    c = {"pass": 0, "fail": 0, "skip": 0}
    for t in f["tests"]:
        c[t["outcome"]] += 1
    bad = f["outcome"] in ("fail", "error")
    print(os.path.basename(f["path"]), c["pass"], c["fail"], c["skip"],
          "fail" if bad else "pass")
PY
unchanged "every pgTAP file"

# pg_prove's counts, read from its verbose output: top-level test points
# of each file and its verdict line ("ok", "Failed N/M subtests",
# "Dubious ...").
pghost=$(printf '%s\n' "$SQLCHECK_PG_DSN" | sed -n 's/.*host=\([^ ]*\).*/\1/p')
pgport=$(printf '%s\n' "$SQLCHECK_PG_DSN" | sed -n 's/.*port=\([^ ]*\).*/\1/p')
pguser=$(printf '%s\n' "$SQLCHECK_PG_DSN" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
(cd "$F" && pg_prove -v -h "${pghost:-localhost}" -p "${pgport:-5432}" \
    -U "${pguser:-postgres}" -d "$B" ./*.pg) >"$WORK/prove.out" 2>/dev/null
is "pg_prove on the pgTAP files: exit status 1 (files fail)" $? 1
awk '
function flush() {
	if (file != "")
		print file, p, f, s, (verdict == "ok" ? "pass" : "fail")
	file = ""
}
/^Test Summary Report/ { flush(); exit }
/^(\.\/)?[^ ]+\.pg \.+ ?(ok)?$/ {
	flush()
	file = $1; sub(/^\.\//, "", file)
	p = f = s = 0; verdict = ($NF == "ok" ? "ok" : "")
	next
}
file == "" { next }
/^ok / { if ($0 ~ /[^\\]# *[Ss][Kk][Ii][Pp]/) s++; else p++; next }
/^not ok / { if ($0 ~ /[^\\]# *[Tt][Oo][Dd][Oo]/) s++; else f++; next }
/^ok$/ { verdict = "ok"; next }
/^(Failed [0-9]+\/[0-9]+ subtests|Dubious|No subtests run)/ {
	verdict = "failed"; next
}
END { flush() }' "$WORK/prove.out" | sort >"$WORK/prove.counts"
sort "$WORK/sqlcheck.counts" >"$WORK/sqlcheck.sorted"
nfiles=$(ls "$F"/*.pg | wc -l | tr -d ' ')
is "pg_prove reported every file" "$(wc -l <"$WORK/prove.counts" | tr -d ' ')" \
    "$nfiles"
if cmp -s "$WORK/prove.counts" "$WORK/sqlcheck.sorted"; then
	pass "per file, pass/fail/skip counts and verdicts equal pg_prove's"
else
	fail "per file, pass/fail/skip counts and verdicts equal pg_prove's"
	diag "pg_prove / sqlcheck (file passed failed skipped verdict):"
	diag "$(diff "$WORK/prove.counts" "$WORK/sqlcheck.sorted")"
fi
# The reading of pg_prove's output agrees with its own summary, where it
# gives one ("FILE (Wstat: W Tests: N Failed: M)").
sed -n 's/^\([^ ]*\.pg\) *(Wstat: [^T]*Tests: \([0-9]*\) Failed: \([0-9]*\))$/\1 \2 \3/p' \
    "$WORK/prove.out" | sed 's/^\.\///' | sort >"$WORK/prove.summary"
awk '{ print $1, $2 + $3 + $4, $3 }' "$WORK/prove.counts" |
    join - "$WORK/prove.summary" | awk '$2 != $4 || $3 != $5' >"$WORK/prove.bad"
ok "the counts read agree with pg_prove's summary" \
    "$([ -s "$WORK/prove.summary" ] && [ ! -s "$WORK/prove.bad" ]; echo $?)"
diag "$(cat "$WORK/prove.counts")"

# What the human report says of the failing files.
run_sqlcheck -d postgres --dsn "$DSN_A" "$F"
contains "a failing assertion: named by its description, at its line" \
    "$OUT" "failing.pg:4: one and one make three"
contains "a failing assertion: its diagnostics under it" "$OUT" \
    "#         want: 3"
contains "a wrong plan fails the file" "$OUT" \
    "wrong-plan.pg:2: bad plan: planned 5 tests but ran 3"
contains "an SQL error fails the file at its line, with the engine's error" \
    "$OUT" "sql-error.pg:5: statement failed: relation \"no_such_table_here\" does not exist"
contains "runtests(): a failing test function, with its subtest" "$OUT" \
    "not ok 1 - two is not three"
matches "the summary line" "$(last_line "$OUT")" \
    '^[0-9]+ passed, 4 failed, 3 skipped$'
unchanged "the human run"

# -k selects assertions by description; the file still runs whole.
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap -k 'three' \
    "$F/failing.pg" "$F/plan.pg"
contains "-k: the matching assertion is reported" "$OUT" \
    "one and one make three"
lacks "-k: the others are not" "$OUT" "first passes"
is_status "-k: exit status 1" 1

# --tag reads "-- tags:" among the leading comments.
printf -- '-- tags: fast\nSELECT plan(1);\nSELECT pass(%s);\n' "'tagged'" \
    >"$WORK/tagged.pg"
printf 'SELECT plan(1);\nSELECT pass(%s);\n' "'untagged'" >"$WORK/untagged.pg"
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap --tag fast \
    "$WORK/tagged.pg" "$WORK/untagged.pg"
contains "--tag: the tagged file runs" "$OUT" "tagged.pg:3 tagged"
lacks "--tag: the other does not" "$OUT" "untagged.pg:2 untagged"

# -j 2 reports what -j 1 reports; --shard splits the files.
same_with_jobs "-j 2 on pgTAP files reports what -j 1 reports" -d postgres \
    --dsn "$DSN_A" "$F"
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap --shard 1/2 "$F"
s1=$OUT
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap --shard 2/2 "$F"
contains "--shard 1/2 runs the first file" "$s1" "failing.pg"
lacks "--shard 2/2 does not" "$OUT" "failing.pg"
unchanged "-j 2 and --shard"

# --format junit and tap name every assertion.
run_sqlcheck -d postgres --dsn "$DSN_A" --format junit "$F/plan.pg"
contains "junit: an assertion is a testcase" "$OUT" \
    'name="results_eq: rows in order"'
contains "junit: an escaped hash in a description" "$OUT" \
    'name="a # hash in a description"'

# --format html shows a file that failed as a whole.
run_sqlcheck -d postgres --dsn "$DSN_A" --format html "$F/wrong-plan.pg"
contains "html: the file's failure at the plan's line" "$OUT" \
    "wrong-plan.pg:2</span>"
contains "html: with its message" "$OUT" "bad plan: planned 5 tests but ran 3"

# --timeout cancels a statement; the file fails there.
printf 'SELECT plan(2);\nSELECT pass(%s);\nSELECT pg_sleep(30);\nSELECT pass(%s);\n' \
    "'before'" "'after'" >"$WORK/slow.pg"
run_sqlcheck -d postgres --dsn "$DSN_A" --timeout 0.5 "$WORK/slow.pg"
is_status "--timeout: exit status 1" 1
contains "--timeout: the file fails at the statement" "$OUT" \
    "slow.pg:3: statement failed: timed out after 0.5 s"

# "-- format: pgtap" and --pgtap read other names as pgTAP.
printf -- '-- format: pgtap\nSELECT plan(1);\nSELECT pass(%s);\n' "'by line'" \
    >"$WORK/line.sql"
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap "$WORK/line.sql"
contains "-- format: pgtap: read as pgTAP" "$OUT" "line.sql:3 by line"
printf 'SELECT plan(1);\nSELECT pass(%s);\n' "'by option'" >"$WORK/opt.sql"
run_sqlcheck -d postgres --dsn "$DSN_A" --format tap --pgtap "$WORK/opt.sql"
contains "--pgtap: read as pgTAP" "$OUT" "opt.sql:2 by option"

# Meta-commands that do more than shape output are refused at FILE:LINE.
printf 'SELECT plan(1);\n\\set answer 42\nSELECT pass(:answer);\n' \
    >"$WORK/var.pg"
run_sqlcheck -d postgres --dsn "$DSN_A" "$WORK/var.pg"
is_status "\\set of a variable: exit status 2" 2
contains "\\set of a variable: FILE:LINE and why" "$OUT$ERR" \
    "var.pg:2: \\set answer: psql variables are not supported"
printf 'SELECT plan(1);\n\n\\copy t FROM x\n' >"$WORK/copy.pg"
run_sqlcheck -d postgres --dsn "$DSN_A" "$WORK/copy.pg"
contains "\\copy: refused at FILE:LINE" "$OUT$ERR" \
    "copy.pg:3: psql meta-command \\copy is not supported"

# A database without pgTAP: the message says how to get it.
run_sqlcheck -d postgres --dsn "$DSN_C" "$F/failing.pg"
is_status "no pgTAP in the database: exit status 1" 1
contains "no pgTAP in the database: how to create it" "$OUT" \
    "run CREATE EXTENSION pgtap"

# On SQLite a pgTAP file is skipped, with the reason.
run_sqlcheck "$F/plan.pg"
is_status "on sqlite: exit status 0" 0
contains "on sqlite: skipped with the reason" "$OUT" \
    "a pgTAP file: runs on postgres, not on sqlite"

# --coverage: the errors throws_ok and lives_ok catch count, at the
# assertion's line, whether the SQL is dollar-quoted, quoted or the name
# of a prepared statement; pgTAP's own tables are left out.
cat >"$WORK/cov.pg" <<'EOF'
SELECT plan(3);
CREATE TABLE cov_t (id integer CONSTRAINT cov_pk PRIMARY KEY,
    n integer CONSTRAINT cov_n_small CHECK (n < 10),
    m integer CONSTRAINT cov_m_small CHECK (m < 10));
INSERT INTO cov_t VALUES (1, 1, 1);
PREPARE cov_dup AS INSERT INTO cov_t VALUES (1, 2, 2);
SELECT throws_ok('cov_dup', '23505');
SELECT throws_ok(E'INSERT INTO cov_t VALUES (2, 11, 1)', '23514');
SELECT lives_ok('INSERT INTO cov_t VALUES (3, 1, 1)', 'a good row');
SELECT * FROM finish();
EOF
run_sqlcheck -d postgres --dsn "$DSN_A" --coverage "$F/throws.pg" \
    "$WORK/cov.pg"
is_status "--coverage: exit status 0" 0
matches "--coverage: a unique violation caught by throws_ok" "$OUT" \
    'throws_accounts_email_key +unique +email +.*throws.pg:12'
matches "--coverage: a check violation caught by throws_ok" "$OUT" \
    'throws_balance_positive +check +balance +.*throws.pg:14'
matches "--coverage: a prepared statement's violation" "$OUT" \
    'cov_pk +primary_key +id +.*cov.pg:7'
matches "--coverage: an E'' string's violation" "$OUT" \
    'cov_n_small +check +n +.*cov.pg:8'
matches "--coverage: what is not violated is not covered" "$OUT" \
    'cov_m_small +check +m +-$'
lacks "--coverage: pgTAP's own tables are left out" "$OUT" "__tcache__"
contains "--coverage: the assertions still pass" "$OUT" \
    "throws.pg  (5 tests"
unchanged "--coverage"

# --temp-instance creates the pgtap extension in its server.
run_sqlcheck -d postgres --temp-instance "$F/plan.pg"
is_status "--temp-instance: a pgTAP file passes there" 0
contains "--temp-instance: its tests ran" "$OUT" "plan.pg  (6 tests"

unchanged "the end"
done_testing
