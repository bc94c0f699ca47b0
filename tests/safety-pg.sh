#!/bin/sh
# safety-pg.sh: nothing survives a test file on PostgreSQL
# (SQLCHECK_PG_DSN), on the paths of issue 15, each checked by pg_dump of
# the user's database and of another one (exit status and a non-empty
# dump) and the list of databases and roles:
#  2. DROP/CREATE DATABASE and ALTER SYSTEM are refused in every
#     isolation on a server sqlcheck did not start, CREATE ROLE wherever
#     no transaction undoes it; the message suggests --temp-instance or
#     --allow-server-changes, never another isolation; inside the file's
#     transaction CREATE ROLE runs and is rolled back; --temp-instance
#     runs them all;
#  3. "BEGIN; SELECT 1/0;" left open does not poison later tests (25P02)
#     and an open BEGIN's insert does not leak, in every isolation;
#  4. kill -9 of sqlcheck: a --temp-instance server and directory go
#     away; with --timeout the session has a statement_timeout of its
#     own; --clean names the query that frees a scratch database;
#  5. an unwritable -o, --log or --coverage-json fails before anything
#     starts.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
# shellcheck source=tests/safety-lib.sh
. "$top_srcdir/tests/safety-lib.sh"

require_engines postgres

pg_tools
[ -x "$PSQL" ] && [ -x "$PGDUMP" ] || skip_all_missing "no psql and pg_dump"
USERDB=safety_user_$$
VICTIM=safety_victim_$$
USERDSN="$SQLCHECK_PG_DSN dbname=$USERDB"

cleanup()
{
	[ -n "$BG_PID" ] && kill -9 "$BG_PID" 2>/dev/null
	psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" \
	    -c "DROP DATABASE IF EXISTS $VICTIM" \
	    -c "DROP ROLE IF EXISTS safety_r_$$" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" \
    -c "CREATE DATABASE $USERDB" -c "DROP DATABASE IF EXISTS $VICTIM" \
    -c "CREATE DATABASE $VICTIM" >/dev/null
psql_q "$SQLCHECK_PG_DSN dbname=$VICTIM" \
    -c "CREATE TABLE precious (id int)" \
    -c "INSERT INTO precious VALUES (42)" >/dev/null
psql_q "$USERDSN" >/dev/null <<'SQL'
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL

# pg_dump 15.14 and later write a random \restrict key: leave it out.
pgdump()
{
	"$PGDUMP" "$SQLCHECK_PG_DSN dbname=$1" >"$WORK/dump.raw" || return
	grep -v '^\\\(un\)\{0,1\}restrict ' "$WORK/dump.raw"
}
# This script's databases, the scratch databases no session uses, and
# this script's roles (other tests, such as pg-regress's describeplus,
# create roles of their own at the same time).
serverlist()
{
	psql_q "$SQLCHECK_PG_DSN" -c "SELECT datname FROM pg_database d
	    WHERE datname LIKE 'safety\\_%\\_$$' OR (datname ~
	    '^sqlcheck_[0-9a-f]{16}\$' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
	    WHERE a.datname = d.datname)) UNION ALL SELECT rolname FROM
	    pg_roles WHERE rolname LIKE 'safety\\_%\\_$$'" | sort
}
dump_ok "before" "$WORK/user-before.sql" pgdump "$USERDB"
dump_ok "before" "$WORK/victim-before.sql" pgdump "$VICTIM"
serverlist >"$WORK/server-before"

unchanged()
{
	dump_ok "$1" "$WORK/user-after.sql" pgdump "$USERDB"
	same_dump "$1" "$WORK/user-before.sql" "$WORK/user-after.sql"
	dump_ok "$1 (other database)" "$WORK/victim-after.sql" pgdump "$VICTIM"
	same_dump "$1 (other database)" "$WORK/victim-before.sql" \
	    "$WORK/victim-after.sql"
	# Only what appeared counts: a --clean of another test may drop a
	# scratch database that was there before.
	serverlist >"$WORK/server-after"
	if [ -n "$(comm -13 "$WORK/server-before" "$WORK/server-after")" ]; then
		# Other tests' scratch databases come and go; a leak stays.
		wait_for 10 false
		serverlist >"$WORK/server-after"
	fi
	if [ -z "$(comm -13 "$WORK/server-before" "$WORK/server-after")" ]
	then
		pass "$1: no database or role appeared"
	else
		fail "$1: no database or role appeared"
		diag "$(comm -13 "$WORK/server-before" "$WORK/server-after")"
	fi
}

# --- 2. server-level statements --------------------------------------
cat >"$WORK/victim.sqltest" <<EOF2
-- setup
DROP DATABASE IF EXISTS $VICTIM;
CREATE DATABASE $VICTIM;

-- test: runs
SELECT 1;
-- expect:
1
EOF2
cat >"$WORK/system.sqltest" <<'EOF2'
-- test: a server setting
ALTER SYSTEM SET work_mem = '7MB';
-- expect ok
EOF2
cat >"$WORK/role.sqltest" <<EOF2
-- test: a role
CREATE ROLE safety_r_$$;
-- expect ok
EOF2
for iso in auto transaction database; do
	run_sqlcheck -d postgres --dsn "$USERDSN" --isolation "$iso" \
	    "$WORK/victim.sqltest" "$WORK/system.sqltest"
	is_status "2: isolation $iso: DROP/CREATE DATABASE, ALTER SYSTEM fail" 1
	contains "2: isolation $iso: the message suggests --temp-instance" \
	    "$OUT" "run on a throwaway server (--temp-instance)"
	contains "2: isolation $iso: ... or --allow-server-changes" "$OUT" \
	    "give --allow-server-changes"
	lacks "2: isolation $iso: no message suggests another isolation" \
	    "$OUT" "isolation: database"
	contains "2: isolation $iso: nothing passed" "$(last_line "$OUT")" \
	    "0 passed, 2 failed"
	unchanged "2: isolation $iso: refused server statements"
done
run_sqlcheck -d postgres --dsn "$USERDSN" --isolation database \
    "$WORK/role.sqltest"
is_status "2: isolation database: CREATE ROLE fails" 1
contains "2: ... refused as a change of roles" "$OUT" "changes roles"
run_sqlcheck -d postgres --dsn "$USERDSN" --isolation transaction \
    "$WORK/role.sqltest"
is_status "2: isolation transaction: CREATE ROLE runs (rolled back)" 0
unchanged "2: CREATE ROLE"
is "2: work_mem was not set by ALTER SYSTEM" \
    "$(psql_q "$SQLCHECK_PG_DSN" -c "SELECT count(*) FROM pg_file_settings
    WHERE name = 'work_mem' AND setting = '7MB'")" 0

# --- 3. an open BEGIN ends with its test ------------------------------
cat >"$WORK/begin.sqltest" <<'EOF2'
-- setup
CREATE TABLE t (a int);

-- test: an open BEGIN whose statement fails
BEGIN;
SELECT 1/0;
-- expect error division_by_zero

-- test: an open BEGIN that inserts
BEGIN;
INSERT INTO t VALUES (1);
-- expect ok

-- test: the next test runs and sees no row
SELECT count(*) FROM t;
-- expect:
0
EOF2
for iso in auto transaction database; do
	run_sqlcheck -d postgres --dsn "$USERDSN" --isolation "$iso" \
	    "$WORK/begin.sqltest"
	is_status "3: isolation $iso: an open BEGIN poisons no later test" 0
	[ "$STATUS" = 0 ] || show_run
done
unchanged "3: open BEGINs"

# --- 4. what a killed run leaves ---------------------------------------
cat >"$WORK/sleep.sqltest" <<'EOF2'
-- test: sleeps
SELECT pg_sleep(600);
-- expect ok
EOF2
sleeping()
{
	[ "$(psql_q "$SQLCHECK_PG_DSN" -c "SELECT count(*) FROM
	    pg_stat_activity WHERE datname LIKE '$1' AND query LIKE
	    '%pg_sleep(600)%' AND pid <> pg_backend_pid()")" != 0 ]
}
not_sleeping()
{
	! sleeping "$1"
}

# PostgreSQL ends the statement of a client it lost; the server bound is
# for the statements that do not notice: it is set on the session.
cat >"$WORK/bound.sqltest" <<'EOF2'
-- test: the server bounds each statement a little after --timeout
SHOW statement_timeout;
-- expect:
3s
EOF2
for iso in auto transaction database; do
	run_sqlcheck -d postgres --dsn "$USERDSN" --isolation "$iso" \
	    --timeout 2 "$WORK/bound.sqltest"
	is_status "4: isolation $iso: --timeout 2 sets statement_timeout 3s" 0
done

# A session that keeps a killed run's scratch database in use.
bg_start -d postgres --dsn "$USERDSN" --isolation database \
    "$WORK/sleep.sqltest"
bg_wait_stmt "pg_sleep(600)"
scratch=$(bg_scratch)
bg_kill9
psql_q "$SQLCHECK_PG_DSN dbname=$scratch" -c "SELECT pg_sleep(600)" \
    >/dev/null 2>&1 &
holder=$!
wait_for 30 sleeping "$scratch"
run_sqlcheck -d postgres --dsn "$USERDSN" --clean
contains "4: --clean keeps a scratch database in use" "$OUT" \
    "kept $scratch: in use by"
end_stmt=$(printf '%s\n' "$OUT" | sed -n "s/^kept $scratch.*with \"\\([^\"]*\\)\".*/\\1/p")
contains "4: ... and names the query that ends the session" "$end_stmt" \
    "pg_terminate_backend"
psql_q "$SQLCHECK_PG_DSN" -c "$end_stmt" >/dev/null
wait "$holder"
run_sqlcheck -d postgres --dsn "$USERDSN" --clean
contains "4: after that query, --clean drops it" "$OUT" "dropped $scratch"
unchanged "4: killed runs"

bg_start -d postgres --temp-instance "$WORK/sleep.sqltest"
bg_wait_stmt "pg_sleep(600)"
bg_kill9
temp_instance_dies "4: kill -9 of a --temp-instance run"

# --- 2 (again). on sqlcheck's own server everything runs --------------
{ echo "-- isolation: database"; cat "$WORK/victim.sqltest"; } \
    >"$WORK/victim-db.sqltest"
{ echo "-- isolation: database"; cat "$WORK/role.sqltest"; } \
    >"$WORK/role-db.sqltest"
run_sqlcheck -d postgres --temp-instance "$WORK/victim-db.sqltest" \
    "$WORK/role-db.sqltest"
is_status "2: on --temp-instance, DROP/CREATE DATABASE and CREATE ROLE run" 0

# --- 5. outputs are checked before anything starts ---------------------
for opt in -o --log --coverage-json; do
	run_sqlcheck -v -d postgres --temp-instance --coverage "$opt" \
	    "$WORK/no/such/dir/out.xml" "$WORK/sleep.sqltest"
	is_status "5: an unwritable $opt exits 2" 2
	contains "5: $opt: the message says nothing was started" "$ERR" \
	    "(nothing was started)"
	lacks "5: $opt: no temporary server was started" "$ERR" \
	    "temporary postgres server"
done
run_sqlcheck -v -d postgres --dsn "$USERDSN" --isolation database \
    -o "$WORK" "$WORK/sleep.sqltest"
is_status "5: -o naming a directory exits 2" 2
lacks "5: ... before any scratch database" "$ERR" "isolation:"
unchanged "5: unwritable outputs"

done_testing
