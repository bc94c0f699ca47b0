#!/bin/sh
# dialects.sh: multi-dialect migration directories in gobuffalo/pop's
# convention (VERSION_name[.DIALECT][.autocommit].up|down.sql), on SQLite
# always and on PostgreSQL and MySQL/MariaDB when SQLCHECK_PG_DSN and
# SQLCHECK_MYSQL_DSN are set.  A generated directory of several hundred
# versions mixes steps without a dialect, steps with one file per
# dialect (and a cockroach file no engine reads), steps for PostgreSQL
# only (nothing elsewhere), a dialect's file overriding the generic one,
# and .autocommit steps (CREATE INDEX CONCURRENTLY on PostgreSQL, which
# no transaction takes).  Each step records its version and the version
# before it, so the order is checked, with each engine's count per
# dialect.  It runs through "-- migrations:" with "-- migrate:" up and
# down, through --migrations, and --check-migrations runs on a smaller
# directory of the same mix.  Name errors (two files for one dialect, a
# down step without its up step) are at the file.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite

# The engines to test: sqlite, and each server engine at hand (a failure
# if SQLCHECK_REQUIRE_ENGINES names one that is not).
engines_at_hand "multi-dialect migrations"

# gen DIR N: a migration directory of N versions (10, 20, ...), written
# by one awk process.  Each step records its version and the highest one
# before it ("INSERT ... SELECT v, max(v) ... FROM steps"); the first
# makes the table.  By version number i modulo 6: 0 no dialect; 1 a file
# per dialect (and a cockroach file that is not SQL); 2 PostgreSQL only;
# 3 no dialect, overridden by a sqlite file; 4 .autocommit, with CREATE
# INDEX CONCURRENTLY on PostgreSQL; 5 a table of its own, no dialect.
gen()
{
	mkdir -p "$1"
	awk -v d="$1" -v n="$2" '
	function put(name, text) {
		printf "%s", text > (d "/" name)
		close(d "/" name)
	}
	function step(v, dialect) {
		return "INSERT INTO steps (v, prev, dialect)\n  SELECT " v \
		    ", coalesce(max(v), 0), '\''" dialect "'\'' FROM steps;\n"
	}
	function unstep(v) {
		return "DELETE FROM steps WHERE v = " v ";\n"
	}
	BEGIN {
		put("0000000010_steps.up.sql", "CREATE TABLE steps (v integer " \
		    "PRIMARY KEY, prev integer NOT NULL,\n    dialect " \
		    "varchar(20) NOT NULL);\n")
		put("0000000010_steps.down.sql", "DROP TABLE steps;\n")
		for (i = 2; i <= n; i++) {
			v = i * 10
			f = sprintf("%010d_step", v)
			k = i % 6
			if (k == 0) {
				put(f ".up.sql", step(v, "generic"))
				put(f ".down.sql", unstep(v))
			} else if (k == 1) {
				split("postgres mysql sqlite3", x, " ")
				for (j = 1; j <= 3; j++) {
					put(f "." x[j] ".up.sql", step(v, x[j]))
					put(f "." x[j] ".down.sql", unstep(v))
				}
				put(f ".cockroach.up.sql", "THIS IS NOT SQL;\n")
			} else if (k == 2) {
				put(f ".postgres.up.sql", step(v, "postgres"))
				put(f ".postgres.down.sql", unstep(v))
			} else if (k == 3) {
				put(f ".up.sql", step(v, "generic"))
				put(f ".down.sql", unstep(v))
				put(f ".sqlite.up.sql", step(v, "sqlite"))
				put(f ".sqlite.down.sql", unstep(v))
			} else if (k == 4) {
				put(f ".autocommit.up.sql", step(v, "autocommit"))
				put(f ".autocommit.down.sql", unstep(v))
				put(f ".postgres.autocommit.up.sql",
				    step(v, "pg-autocommit") "CREATE INDEX " \
				    "CONCURRENTLY steps_" v " ON steps (prev);\n")
				put(f ".postgres.autocommit.down.sql", "DROP " \
				    "INDEX CONCURRENTLY steps_" v ";\n" unstep(v))
			} else {
				put(f ".up.sql", "CREATE TABLE t" v " (id " \
				    "integer PRIMARY KEY);\n" step(v, "generic"))
				put(f ".down.sql", "DROP TABLE t" v ";\n" \
				    unstep(v))
			}
		}
	}'
}

# counts N ENGINE: the rows per dialect after all N versions on ENGINE,
# as "dialect | count" lines in name order.
counts()
{
	awk -v n="$1" -v e="$2" 'BEGIN {
		for (i = 2; i <= n; i++) {
			k = i % 6
			if (k == 0 || k == 5) c["generic"]++
			else if (k == 1) c[e == "sqlite" ? "sqlite3" : e]++
			else if (k == 2 && e == "postgres") c["postgres"]++
			else if (k == 3) c[e == "sqlite" ? "sqlite" : "generic"]++
			else if (k == 4)
				c[e == "postgres" ? "pg-autocommit" : "autocommit"]++
		}
		for (d in c) print d " | " c[d]
	}' | sort
}

N=300
gen "$WORK/mig" "$N"
nfiles=$(find "$WORK/mig" -name '*.sql' | wc -l)
ok "the directory has $N versions in $nfiles files" \
    "$([ "$(find "$WORK/mig" -name '*.sql' | sed 's|.*/||; s|_.*||' |
    sort -u | wc -l)" -eq "$N" ]; echo $?)"

# The test file: every step up, in order; down to the middle; up again.
half=$((N / 2 * 10))
{
	echo "-- migrations: mig"
	echo "-- migrate: latest"
	echo
	echo "-- test: every step applied, each after the one before it"
	echo "SELECT count(*) FROM steps WHERE prev >= v;"
	echo "-- expect:"
	echo "0"
	echo
	echo "-- test: each engine ran its own files, or the generic ones"
	echo "SELECT dialect, count(*) FROM steps GROUP BY dialect;"
	for e in sqlite postgres mysql; do
		echo "-- expect[$e] rowsort:"
		counts "$N" "$e"
	done
	echo
	echo "-- migrate: $half"
	echo
	echo "-- test: down to the middle removes the later steps"
	echo "SELECT count(*) FROM steps WHERE v > $half;"
	echo "-- expect:"
	echo "0"
	echo
	echo "-- migrate: latest"
	echo
	echo "-- test: up again applies them in order"
	echo "SELECT count(*) FROM steps WHERE prev >= v;"
	echo "-- expect:"
	echo "0"
	echo
	echo "-- test: the last step is the last version"
	echo "SELECT max(v) FROM steps;"
	echo "-- expect:"
	echo "$((N * 10))"
} >"$WORK/migrate.sqltest"

# The same directory through --migrations: the file starts migrated.
cat >"$WORK/plain.sqltest" <<EOF
-- test: --migrations applied every step, each after the one before it
SELECT count(*), max(v) FROM steps WHERE prev < v;
-- expect[sqlite]:
$(counts "$N" sqlite | awk '{ n += $3 } END { print n }') | $((N * 10))
-- expect[postgres]:
$(counts "$N" postgres | awk '{ n += $3 } END { print n }') | $((N * 10))
-- expect[mysql]:
$(counts "$N" mysql | awk '{ n += $3 } END { print n }') | $((N * 10))
EOF

gen "$WORK/small" 18

for e in $engines; do
	run_on "$e" --color never -v "$WORK/migrate.sqltest"
	is_status "$e: $N versions: up, down to the middle, up again" 0
	matches "$e: all tests passed" "$(last_line "$OUT")" \
	    '^5 passed, 0 failed, 0 skipped$'
	if [ "$STATUS" != 0 ]; then show_run; fi
	contains "$e: -v names an .autocommit step" "$ERR" \
	    "autocommit.up.sql, autocommit)"
	# Every version has a file PostgreSQL reads; the PostgreSQL-only
	# steps have none for the others.
	if [ "$e" != postgres ]; then
		contains "$e: -v says a step has nothing for this engine" \
		    "$ERR" "no file for $e, nothing to do"
	fi
	lacks "$e: the cockroach file is never read" "$OUT$ERR" \
	    "THIS IS NOT SQL"

	run_on "$e" --color never --migrations "$WORK/mig" \
	    "$WORK/plain.sqltest"
	is_status "$e: --migrations applies the $N versions in order" 0

	run_on "$e" --color never --check-migrations "$WORK/small"
	is_status "$e: --check-migrations on a multi-dialect directory" 0
	if [ "$STATUS" != 0 ]; then show_run; fi
done
run_on sqlite --format tap --check-migrations "$WORK/small"
contains "sqlite: --check-migrations reports a step of no file as skipped" \
    "$OUT" "no file for sqlite: the step does nothing on this engine"

# The suite of tests/fixtures/dialects: three dialects of one schema,
# sqlcheck.conf, one migration directory for the three engines, a file
# that migrates over the baseline schema.  Run as a user would: from
# its directory, with no option but -d and --temp-instance.
SUITE=$WORK/suite
cp -R "$top_srcdir/tests/fixtures/dialects" "$SUITE"
chmod -R u+w "$SUITE"
HERE=$(pwd)
printf '[sqlcheck]\nschema = schema/music.sqlite.sql\n[mysql]\njobs = none\n' \
    >"$SUITE/broken.conf"
for e in $engines; do
	cd "$SUITE" || exit 99
	case $e in
	sqlite) run_sqlcheck --color never ;;
	*) run_sqlcheck --color never -d "$e" --temp-instance ;;
	esac
	cd "$HERE" || exit 99
	is_status "$e: the three-dialect suite passes with sqlcheck.conf alone" 0
	is "$e: every test of the suite ran" "$(last_line "$OUT")" \
	    "9 passed, 0 failed, 0 skipped"
	if [ "$STATUS" != 0 ]; then show_run; fi

	# A malformed file stops every engine before it connects.
	cd "$SUITE" || exit 99
	run_sqlcheck --config broken.conf -d "$e" --temp-instance
	cd "$HERE" || exit 99
	is_status "$e: a malformed sqlcheck.conf: exit 2" 2
	is "$e: the error is at the file's line, whatever the engine" "$ERR" \
	    'sqlcheck: broken.conf:4: bad --jobs "none": give a number from 1 to 1024'

	# --check-migrations --baseline: from this engine's schema.
	cd "$SUITE" || exit 99
	run_on "$e" --color never --check-migrations migrations --baseline
	cd "$HERE" || exit 99
	is_status "$e: --check-migrations --baseline over the engine's schema" 0
	if [ "$STATUS" != 0 ]; then show_run; fi
	cd "$SUITE" || exit 99
	run_on "$e" --color never --check-migrations migrations
	cd "$HERE" || exit 99
	is_status "$e: --check-migrations without --baseline starts empty" 1
	contains "$e: ... so the first step has no table to alter" "$OUT" \
	    "20240101000001 up failed:"
done

# "-- migrate: 0" is none applied; a migration numbered 0 makes it an
# error, one numbered 0000 does not.
mkdir -p "$WORK/zero" "$WORK/zeros"
echo 'CREATE TABLE z (id integer);' >"$WORK/zero/0_init.sql"
echo 'CREATE TABLE z (id integer);' >"$WORK/zeros/0000_init.sql"
echo 'CREATE TABLE y (id integer);' >"$WORK/zero/1_next.sql"
echo 'CREATE TABLE y (id integer);' >"$WORK/zeros/0001_next.sql"
for d in zero zeros; do
	if [ "$d" = zero ]; then to=0; else to=0000; fi
	cat >"$WORK/$d.sqltest" <<EOF
-- migrations: $d
-- migrate: 0

-- test: nothing applied at 0
SELECT count(*) FROM z;
-- expect error: undefined_table

-- migrate: $to

-- test: the step numbered 0 (or 0000)
SELECT count(*) FROM z;
-- expect:
0
EOF
done
run_sqlcheck --color never "$WORK/zeros.sqltest"
is_status "-- migrate: 0 is none applied; 0000 is the migration 0000" 0
run_sqlcheck --color never "$WORK/zero.sqltest"
is_status "-- migrate: 0 with a migration numbered 0: the file fails" 1
contains "-- migrate: 0 with a migration numbered 0: says why" "$OUT" \
    'zero.sqltest:2: "-- migrate: 0" is ambiguous: it means no migration applied, and'

# Name errors.
mkdir -p "$WORK/dup" "$WORK/orphan"
echo 'SELECT 1;' >"$WORK/dup/0001_a.postgres.up.sql"
echo 'SELECT 1;' >"$WORK/dup/0001_b.postgres.up.sql"
echo 'SELECT 1;' >"$WORK/dup/0001_a.mysql.up.sql"
run_sqlcheck --check-migrations "$WORK/dup"
is_status "two postgres files of one version: exit 2" 2
contains "two postgres files of one version: both named" "$ERR" \
    "duplicate migration version 0001: $WORK/dup/0001_a.postgres.up.sql and $WORK/dup/0001_b.postgres.up.sql"
echo 'SELECT 1;' >"$WORK/orphan/0001_a.mysql.up.sql"
echo 'SELECT 1;' >"$WORK/orphan/0001_a.postgres.down.sql"
run_sqlcheck --check-migrations "$WORK/orphan"
is_status "a postgres down step without a postgres up step: exit 2" 2
contains "a down step without its up step: named" "$ERR" \
    "$WORK/orphan/0001_a.postgres.down.sql: a down step without an up step (version 0001, postgres)"

done_testing
