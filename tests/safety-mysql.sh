#!/bin/sh
# safety-mysql.sh: nothing survives a test file on MariaDB/MySQL
# (SQLCHECK_MYSQL_DSN), on the paths of issue 15, each checked by
# mariadb-dump of the user's database (exit status and a non-empty dump)
# and the list of databases and accounts:
#  1. under --isolation transaction a statement that would commit
#     implicitly (setup CREATE TABLE, a test's CREATE INDEX) is refused
#     before it is sent, naming what to use instead; temporary tables
#     and data changes still run;
#  2. DROP/CREATE DATABASE, CREATE USER, SET GLOBAL are refused in every
#     isolation on a server sqlcheck did not start, with a message that
#     suggests --temp-instance or --allow-server-changes, never another
#     isolation (also from a --schema file, and USE out of the scratch
#     database); --allow-server-changes sends them; --temp-instance runs
#     them;
#  3. a test's open BEGIN is rolled back at its end in every isolation;
#  4. kill -9 of sqlcheck: a --temp-instance server and directory go
#     away; with --timeout the server ends the running statement itself;
#     --clean names the KILL that frees a scratch database;
#  5. an unwritable -o, --log or --coverage-json fails before anything
#     starts.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
# shellcheck source=tests/safety-lib.sh
. "$top_srcdir/tests/safety-lib.sh"

require_engines mysql

CLIENT=$(command -v mariadb || command -v mysql)
DUMP=$(command -v mariadb-dump || command -v mysqldump)
[ -n "$CLIENT" ] && [ -n "$DUMP" ] ||
    skip_all_missing "no mariadb client and dump"

# Client options from the DSN mysql://USER:PASS@HOST[:PORT]/DB[?socket=S].
dsn=$SQLCHECK_MYSQL_DSN
rest=${dsn#*://}
query=
case $rest in *\?*) query=${rest#*\?}; rest=${rest%%\?*} ;; esac
userinfo=${rest%%@*}
hostpart=${rest#*@}
hostpart=${hostpart%%/*}
my_user=${userinfo%%:*}
my_pass=
case $userinfo in *:*) my_pass=${userinfo#*:} ;; esac
my_socket=$(printf '%s\n' "$query" | tr '&' '\n' | sed -n 's/^socket=//p')
set -- --no-defaults -u"$my_user"
[ -n "$my_pass" ] && set -- "$@" -p"$my_pass"
if [ -n "$my_socket" ]; then
	set -- "$@" -S "$my_socket"
else
	set -- "$@" -h "${hostpart%%:*}"
	case $hostpart in *:*) set -- "$@" -P "${hostpart#*:}" ;; esac
fi
MYOPTS=$*
USERDB=safety_user_$$
VICTIM=safety_victim_$$
case $dsn in
*\?*) USERDSN="${dsn%%\?*}"; USERDSN="${USERDSN%/*}/$USERDB?$query" ;;
*) USERDSN="${dsn%/*}/$USERDB" ;;
esac

my()
{
	# shellcheck disable=SC2086
	"$CLIENT" $MYOPTS -N -B "$@"
}

cleanup()
{
	[ -n "$BG_PID" ] && kill -9 "$BG_PID" 2>/dev/null
	my -e "DROP DATABASE IF EXISTS $USERDB; DROP DATABASE IF EXISTS
	    $VICTIM; DROP DATABASE IF EXISTS ${VICTIM}_new;
	    DROP USER IF EXISTS safety_u_$$" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
my -e "DROP DATABASE IF EXISTS $USERDB; CREATE DATABASE $USERDB
    CHARACTER SET utf8mb4; DROP DATABASE IF EXISTS $VICTIM;
    CREATE DATABASE $VICTIM; CREATE TABLE $VICTIM.precious (id int);
    INSERT INTO $VICTIM.precious VALUES (42)"
my "$USERDB" <<'SQL'
CREATE TABLE app_payments (id integer PRIMARY KEY, amount integer NOT NULL);
INSERT INTO app_payments VALUES (7, 70);
SQL

# This script's databases, the scratch databases no session uses (a
# parallel make check's other tests come and go beside), and accounts.
serverlist()
{
	my -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA s WHERE
	    SCHEMA_NAME LIKE 'safety\\_%\\_$$%' OR (SCHEMA_NAME LIKE
	    'sqlcheck\\_%' AND NOT EXISTS (SELECT 1 FROM
	    information_schema.PROCESSLIST p WHERE p.DB = s.SCHEMA_NAME))
	    UNION ALL SELECT CONCAT(User, '@', Host) FROM mysql.user" | sort
}
# shellcheck disable=SC2086
dump_ok "before" "$WORK/user-before.sql" "$DUMP" $MYOPTS --skip-dump-date \
    "$USERDB"
# shellcheck disable=SC2086
dump_ok "before" "$WORK/victim-before.sql" "$DUMP" $MYOPTS \
    --skip-dump-date "$VICTIM"
serverlist >"$WORK/server-before"

# unchanged DESC: both databases dump the same, and no database or
# account came or went.
unchanged()
{
	# shellcheck disable=SC2086
	dump_ok "$1" "$WORK/user-after.sql" "$DUMP" $MYOPTS --skip-dump-date \
	    "$USERDB"
	same_dump "$1" "$WORK/user-before.sql" "$WORK/user-after.sql"
	# shellcheck disable=SC2086
	dump_ok "$1 (other database)" "$WORK/victim-after.sql" "$DUMP" \
	    $MYOPTS --skip-dump-date "$VICTIM"
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
		pass "$1: no database or account appeared"
	else
		fail "$1: no database or account appeared"
		diag "$(comm -13 "$WORK/server-before" "$WORK/server-after")"
	fi
}

# --- 1. implicit commits under --isolation transaction -----------------
cat >"$WORK/leftover.sqltest" <<'EOF2'
-- setup
CREATE TABLE leftover (id INT PRIMARY KEY);
INSERT INTO leftover VALUES (1);

-- test: runs
SELECT 1;
-- expect:
1
EOF2
run_sqlcheck -d mysql --dsn "$USERDSN" --isolation transaction \
    "$WORK/leftover.sqltest"
is_status "1: a setup CREATE TABLE under isolation transaction fails" 1
contains "1: it was refused as an implicit commit" "$OUT" \
    "commits implicitly"
contains "1: the message names CREATE TEMPORARY TABLE" "$OUT" \
    "use CREATE TEMPORARY TABLE"
unchanged "1: refused setup CREATE TABLE"

cat >"$WORK/index.sqltest" <<'EOF2'
-- test: a row, then an index
INSERT INTO app_payments VALUES (2, 20);
CREATE INDEX leftover_idx ON app_payments (amount);
-- expect ok

-- test: an expected error does not make a refusal pass
TRUNCATE TABLE app_payments;
-- expect error
EOF2
run_sqlcheck -d mysql --dsn "$USERDSN" --isolation transaction \
    "$WORK/index.sqltest"
is_status "1: a test's CREATE INDEX under isolation transaction fails" 1
contains "1: the test's CREATE INDEX was refused" "$OUT" \
    "commits implicitly"
contains "1: TRUNCATE names DELETE FROM" "$OUT" "use DELETE FROM"
contains "1: both tests failed" "$(last_line "$OUT")" "0 passed, 2 failed"
unchanged "1: refused CREATE INDEX after an INSERT"

cat >"$WORK/temp.sqltest" <<'EOF2'
-- setup
CREATE TEMPORARY TABLE scratch_t (a int);
INSERT INTO scratch_t VALUES (1), (2);
INSERT INTO app_payments VALUES (3, 30);

-- test: temporary tables and data changes run
SELECT (SELECT COUNT(*) FROM scratch_t) + (SELECT COUNT(*) FROM app_payments);
-- expect:
4
EOF2
run_sqlcheck -d mysql --dsn "$USERDSN" --isolation transaction \
    "$WORK/temp.sqltest"
is_status "1: temporary tables and data run under isolation transaction" 0
unchanged "1: temporary table and INSERT"

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
cat >"$WORK/user.sqltest" <<EOF2
-- test: an account
CREATE USER safety_u_$$ IDENTIFIED BY 'x';
-- expect ok

-- test: a server setting
SET GLOBAL max_connections = 7;
-- expect ok
EOF2
for iso in auto transaction database; do
	run_sqlcheck -d mysql --dsn "$USERDSN" --isolation "$iso" \
	    "$WORK/victim.sqltest" "$WORK/user.sqltest"
	is_status "2: isolation $iso: DROP/CREATE DATABASE, CREATE USER, SET GLOBAL fail" 1
	contains "2: isolation $iso: the message suggests --temp-instance" \
	    "$OUT" "run on a throwaway server (--temp-instance)"
	contains "2: isolation $iso: ... or --allow-server-changes" "$OUT" \
	    "give --allow-server-changes"
	lacks "2: isolation $iso: no message suggests another isolation" \
	    "$OUT" "isolation: database"
	contains "2: isolation $iso: nothing passed" "$(last_line "$OUT")" \
	    "0 passed, 3 failed"
	unchanged "2: isolation $iso: refused server statements"
done
is "2: max_connections is unchanged" \
    "$(my -e "SELECT @@global.max_connections = 7")" 0

# A published schema file that makes a database of its own and moves there.
cat >"$WORK/published.sql" <<EOF2
CREATE DATABASE IF NOT EXISTS safety_pub_$$;
USE safety_pub_$$;
CREATE TABLE artist (id int PRIMARY KEY);
EOF2
cat >"$WORK/plain.sqltest" <<'EOF2'
-- test: runs
SELECT 1;
-- expect:
1
EOF2
run_sqlcheck -d mysql --dsn "$USERDSN" --schema "$WORK/published.sql" \
    "$WORK/plain.sqltest"
is_status "2: a --schema file's CREATE DATABASE fails the file" 1
contains "2: ... refused as a change of the server" "$OUT" \
    "published.sql:1: schema failed: this statement changes another database"
printf 'USE %s;\nCREATE TABLE artist (id int);\n' "$USERDB" \
    >"$WORK/use.sql"
run_sqlcheck -d mysql --dsn "$USERDSN" --schema "$WORK/use.sql" \
    "$WORK/plain.sqltest"
is_status "2: USE out of the scratch database fails the file" 1
contains "2: ... refused" "$OUT" "USE leaves the scratch database"
unchanged "2: schema files that leave the scratch database"

cat >"$WORK/allowed.sqltest" <<EOF2
-- isolation: database
-- test: a database of its own, with the user's consent
CREATE DATABASE ${VICTIM}_new;
-- expect ok
EOF2
run_sqlcheck -d mysql --dsn "$USERDSN" --allow-server-changes \
    "$WORK/allowed.sqltest"
is_status "2: --allow-server-changes sends CREATE DATABASE" 0
is "2: ... and the database persists, as documented" \
    "$(my -e "SHOW DATABASES LIKE '${VICTIM}_new'")" "${VICTIM}_new"
my -e "DROP DATABASE IF EXISTS ${VICTIM}_new"

# --- 3. an open BEGIN ends with its test ------------------------------
cat >"$WORK/begin.sqltest" <<'EOF2'
-- setup
CREATE TEMPORARY TABLE t (a int);

-- test: an open BEGIN that inserts
BEGIN;
INSERT INTO t VALUES (1);
-- expect ok

-- test: an open BEGIN that fails
BEGIN;
INSERT INTO t VALUES (2);
SELECT * FROM no_such_table;
-- expect error

-- test: the next test sees neither insert
SELECT COUNT(*) FROM t;
-- expect:
0
EOF2
for iso in auto transaction database; do
	dsn_for=$USERDSN
	run_sqlcheck -d mysql --dsn "$dsn_for" --isolation "$iso" \
	    "$WORK/begin.sqltest"
	is_status "3: isolation $iso: a later test sees no row of an open BEGIN" 0
	[ "$STATUS" = 0 ] || show_run
done
unchanged "3: open BEGINs"

# --- 4. what a killed run leaves ---------------------------------------
cat >"$WORK/sleep.sqltest" <<'EOF2'
-- test: sleeps
SELECT SLEEP(600);
-- expect ok
EOF2
session_on()
{
	[ "$(my -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST
	    WHERE DB = '$1'")" != 0 ]
}
no_session_on()
{
	! session_on "$1"
}

bg_start -d mysql --dsn "$USERDSN" --timeout 1 "$WORK/sleep.sqltest"
bg_wait_stmt "SLEEP(600)"
scratch=$(bg_scratch)
bg_kill9
if wait_for 30 no_session_on "$scratch"; then
	pass "4: --timeout: after kill -9 the server ended the statement itself"
else
	fail "4: --timeout: after kill -9 the server ended the statement itself"
fi
run_sqlcheck -d mysql --dsn "$USERDSN" --clean
contains "4: --clean then drops the scratch database" "$OUT" \
    "dropped $scratch"

bg_start -d mysql --dsn "$USERDSN" "$WORK/sleep.sqltest"
bg_wait_stmt "SLEEP(600)"
scratch=$(bg_scratch)
bg_kill9
wait_for 30 session_on "$scratch"
run_sqlcheck -d mysql --dsn "$USERDSN" --clean
contains "4: without --timeout, --clean keeps the database in use" "$OUT" \
    "kept $scratch: in use by"
kill_stmt=$(printf '%s\n' "$OUT" | sed -n "s/^kept $scratch.*with \"\\(KILL [0-9]*\\)\".*/\\1/p")
matches "4: ... and names the KILL that ends the session" "$kill_stmt" \
    '^KILL [0-9]+$'
my -e "$kill_stmt" >/dev/null 2>&1
wait_for 30 no_session_on "$scratch"
run_sqlcheck -d mysql --dsn "$USERDSN" --clean
contains "4: after that KILL, --clean drops it" "$OUT" "dropped $scratch"
unchanged "4: killed runs"

bg_start -d mysql --temp-instance "$WORK/sleep.sqltest"
bg_wait_stmt "SLEEP(600)"
bg_kill9
temp_instance_dies "4: kill -9 of a --temp-instance run"

# --- 2 (again). on sqlcheck's own server everything runs --------------
{ echo "-- isolation: database"; cat "$WORK/victim.sqltest"; } \
    >"$WORK/victim-db.sqltest"
run_sqlcheck -d mysql --temp-instance "$WORK/victim-db.sqltest" \
    "$WORK/user.sqltest"
is_status "2: on --temp-instance, DROP/CREATE DATABASE, CREATE USER and SET GLOBAL run" 0

# --- 5. outputs are checked before anything starts ---------------------
for opt in -o --log --coverage-json; do
	run_sqlcheck -v -d mysql --temp-instance --coverage "$opt" \
	    "$WORK/no/such/dir/out.xml" "$WORK/sleep.sqltest"
	is_status "5: an unwritable $opt exits 2" 2
	contains "5: $opt: the message says nothing was started" "$ERR" \
	    "(nothing was started)"
	lacks "5: $opt: no temporary server was started" "$ERR" \
	    "temporary mysql server"
done
run_sqlcheck -v -d mysql --dsn "$USERDSN" -o "$WORK" "$WORK/sleep.sqltest"
is_status "5: -o naming a directory exits 2" 2
lacks "5: ... before any scratch database" "$ERR" "isolation:"
unchanged "5: unwritable outputs"

done_testing
