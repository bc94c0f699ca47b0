#!/bin/bash
# secrets-pg.sh: a PostgreSQL password never appears in sqlcheck's output.
# On a server of the test's own that checks passwords (scram-sha-256), a
# role with a password full of URI characters runs failing files; every
# output format (human, -v, -q, --format tap/junit/json, -o FILE, --log
# FILE, --rewrite --diff, standard error) is searched for the password
# and for a piece of it.  The password comes in a conninfo DSN, in a URI
# (percent-encoded), in PGPASSWORD and in DATABASE_URL; wrong passwords,
# a refused connection and a malformed DSN must not echo it either.  And
# while a run is held open, /proc/PID/cmdline shows --dsn without it.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
for b in initdb postgres psql pg_isready; do
	[ -x "$PGBIN/$b" ] || skip_all_missing \
	    "no PostgreSQL server binaries to start a server of the test's own"
done
# shellcheck source=tests/faults-lib.sh
. "$top_srcdir/tests/faults-lib.sh"
fl_pg_start || {
	echo "Bail out! cannot start a PostgreSQL server"
	cat "$WORK/server-start.log" >&2
	exit 99
}

PW='Pw7@x:y/Z9 q'		# decoded
PW_URI='Pw7%40x%3Ay%2FZ9%20q'	# percent-encoded
FRAG='Pw7'
WRONG='Wr0ng@Pw:9'

psql_q()
{
	PGOPTIONS='-c client_min_messages=warning' \
	    "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}
psql_q "$FL_DSN" >/dev/null <<SQL
CREATE ROLE secret_user LOGIN CREATEDB PASSWORD '$PW';
CREATE DATABASE secretdb OWNER secret_user;
GRANT pg_read_server_files TO secret_user;
SQL
# Only postgres (this script's administration) still trusts the socket.
printf 'local all postgres trust\nlocal all all scram-sha-256\n' \
    >"$PG_DIR/data/pg_hba.conf"
psql_q "$FL_DSN" -c "SELECT pg_reload_conf()" >/dev/null
# The server reads pg_hba.conf again when it has the signal: wait until a
# session without password is refused.
asks_password()
{
	! "$PGBIN/psql" -X -w -h "$PG_DIR" -U secret_user -d secretdb \
	    -c "SELECT 1" >/dev/null 2>&1
}
wait_for 30 asks_password

run_sqlcheck -d postgres --dsn "host=$PG_DIR user=secret_user dbname=secretdb" \
    "$top_srcdir/sql-tests/joins.sqltest"
is "the server asks for a password" "$STATUS" 2

fl_no_secret "conninfo DSN" "$PW" "$FRAG" -d postgres \
    --dsn "host=$PG_DIR user=secret_user password='$PW' dbname=secretdb"
fl_no_secret "URI DSN" "$PW_URI" "$FRAG" -d postgres \
    --dsn "postgresql://secret_user:$PW_URI@/secretdb?host=$PG_DIR"
fl_no_secret "URI DSN, password as a parameter" "$PW_URI" "$FRAG" \
    -d postgres --dsn "postgresql:///secretdb?host=$PG_DIR&user=secret_user&password=$PW_URI"
export PGPASSWORD="$PW"
fl_no_secret "PGPASSWORD" "$PW" "$FRAG" -d postgres \
    --dsn "host=$PG_DIR user=secret_user dbname=secretdb"
unset PGPASSWORD
export DATABASE_URL="postgresql://secret_user:$PW_URI@/secretdb?host=$PG_DIR"
fl_no_secret "DATABASE_URL" "$PW_URI" "$FRAG" -d postgres
fl_no_secret "DATABASE_URL, decoded form" "$PW" "$FRAG" -d postgres
unset DATABASE_URL

# While a run is held open, ps (/proc/PID/cmdline) no longer shows the
# password of --dsn: sqlcheck overwrote it as soon as it had read it.
# shellcheck source=tests/hold-lib.sh
. "$top_srcdir/tests/hold-lib.sh"
hold_cmdline_hides "conninfo DSN" postgres \
    "host=$PG_DIR user=secret_user password='$PW' dbname=secretdb" "$PW" "$FRAG"
hold_cmdline_hides "URI DSN" postgres \
    "postgresql://secret_user:$PW_URI@/secretdb?host=$PG_DIR" "$PW_URI" "$FRAG"
hold_cmdline_hides "URI DSN, password as a parameter" postgres \
    "postgresql:///secretdb?host=$PG_DIR&user=secret_user&password=$PW_URI" \
    "$PW_URI" "$FRAG"

# Connections that fail, each with the password at hand.
fl_no_secret_fail "wrong password in the DSN" "$WRONG" "Wr0ng" -d postgres \
    --dsn "host=$PG_DIR user=secret_user password='$WRONG' dbname=secretdb"
export PGPASSWORD="$WRONG"
fl_no_secret_fail "wrong PGPASSWORD" "$WRONG" "Wr0ng" -d postgres \
    --dsn "host=$PG_DIR user=secret_user dbname=secretdb"
unset PGPASSWORD
fl_no_secret_fail "refused, password in a URI" "$PW_URI" "$FRAG" -d postgres \
    --dsn "postgresql://secret_user:$PW_URI@127.0.0.1:1/secretdb"
fl_no_secret_fail "refused, password in conninfo" "$PW" "$FRAG" -d postgres \
    --dsn "host=$WORK/nowhere user=secret_user password='$PW' dbname=x"
fl_no_secret_fail "malformed conninfo" "$PW" "$FRAG" -d postgres \
    --dsn "host=$PG_DIR password='$PW"
fl_no_secret_fail "malformed URI" "$PW_URI" "$FRAG" -d postgres \
    --dsn "postgresql://secret_user:$PW_URI@[::1/secretdb"
fl_no_secret_fail "unknown option" "$PW" "$FRAG" -d postgres \
    --dsn "host=$PG_DIR password='$PW' no_such_option=1"

done_testing
