#!/bin/bash
# secrets-mysql.sh: a MySQL password never appears in sqlcheck's output.
# On a MariaDB server of the test's own, a user whose password is full of
# URI characters runs failing files; every output format (human, -v, -q,
# --format tap/junit/json, -o FILE, --log FILE, --rewrite --diff,
# standard error) is searched for the password, percent-encoded and
# decoded, and for a piece of it.  The password comes in --dsn, in
# DATABASE_URL and in an option file (?option-file=); a wrong password,
# a refused connection and malformed DSNs must not echo it either.  And
# while a run is held open, /proc/PID/cmdline shows --dsn without it.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines mysql
[ "$(id -u)" = 0 ] ||
    skip_all "needs root to create a user (the server's root uses its socket)"
for b in mariadbd mariadb-install-db mariadb-admin mariadb; do
	command -v "$b" >/dev/null 2>&1 ||
	    skip_all_missing "no $b to run a MariaDB server of the test's own"
done
# shellcheck source=tests/faults-lib.sh
. "$top_srcdir/tests/faults-lib.sh"
fl_my_start || {
	echo "Bail out! cannot start a MariaDB server"
	cat "$WORK/server-start.log" >&2
	exit 99
}

PW='My8@x:y/Q3 z'			# decoded
PW_URI='My8%40x%3Ay%2FQ3%20z'		# percent-encoded
FRAG='My8'
WRONG='Wr0ng@Pw:9'
WRONG_URI='Wr0ng%40Pw%3A9'
SOCK=$MY_DIR/mysqld.sock

mariadb --no-defaults -uroot -S "$SOCK" <<SQL
CREATE USER 'secret_user'@'localhost' IDENTIFIED BY '$PW';
GRANT ALL PRIVILEGES ON *.* TO 'secret_user'@'localhost';
CREATE DATABASE secretdb CHARACTER SET utf8mb4;
SQL

run_sqlcheck -d mysql --dsn "mysql://secret_user@localhost/secretdb?socket=$SOCK" \
    "$top_srcdir/sql-tests/joins.sqltest"
is "the server asks for a password" "$STATUS" 2

fl_no_secret "mysql:// DSN" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@localhost/secretdb?socket=$SOCK"
fl_no_secret "mysql:// DSN, decoded form" "$PW" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@localhost/secretdb?socket=$SOCK"
fl_no_secret "mariadb:// DSN" "$PW_URI" "$FRAG" -d mariadb \
    --dsn "mariadb://secret_user:$PW_URI@localhost/secretdb?socket=$SOCK"
export DATABASE_URL="mysql://secret_user:$PW_URI@localhost/secretdb?socket=$SOCK"
fl_no_secret "DATABASE_URL" "$PW_URI" "$FRAG" -d mysql
fl_no_secret "DATABASE_URL, decoded form" "$PW" "$FRAG" -d mysql
unset DATABASE_URL

# A password in an option file (the client library reads it): the runs
# connect, and show it nowhere; a file that cannot be read is an error.
printf '[client]\npassword="%s"\n' "$PW" >"$WORK/my.cnf"
chmod 600 "$WORK/my.cnf"
fl_no_secret "option file" "$PW" "$FRAG" -d mysql --dsn \
    "mysql://secret_user@localhost/secretdb?socket=$SOCK&option-file=$WORK/my.cnf"
printf '[sqlcheck]\nuser=secret_user\npassword="%s"\n' "$PW" >"$WORK/my2.cnf"
fl_no_secret "option file, [sqlcheck] group with the user" "$PW" "$FRAG" \
    -d mysql --dsn \
    "mysql://localhost/secretdb?socket=$SOCK&option-file=$WORK/my2.cnf"
run_sqlcheck -d mysql --dsn \
    "mysql://secret_user@localhost/secretdb?socket=$SOCK&option-file=$WORK/none.cnf" \
    "$top_srcdir/sql-tests/joins.sqltest"
is_status "option file missing: exit status 2" 2
contains "option file missing: says so" "$ERR" \
    "cannot read the option file \"$WORK/none.cnf\": No such file or directory"

# While a run is held open, ps (/proc/PID/cmdline) no longer shows the
# password of --dsn: sqlcheck overwrote it as soon as it had read it.
# shellcheck source=tests/hold-lib.sh
. "$top_srcdir/tests/hold-lib.sh"
hold_cmdline_hides "mysql:// DSN" mysql \
    "mysql://secret_user:$PW_URI@localhost/secretdb?socket=$SOCK" \
    "$PW_URI" "$FRAG"

fl_no_secret_fail "wrong password" "$WRONG_URI" "Wr0ng" -d mysql \
    --dsn "mysql://secret_user:$WRONG_URI@localhost/secretdb?socket=$SOCK"
fl_no_secret_fail "refused" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@127.0.0.1:1/secretdb"
fl_no_secret_fail "no such socket" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@localhost/secretdb?socket=$WORK/none"
fl_no_secret_fail "bad port" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@localhost:3x06/secretdb"
fl_no_secret_fail "unknown parameter" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user@localhost/secretdb?password=$PW_URI"
fl_no_secret_fail "unclosed [" "$PW_URI" "$FRAG" -d mysql \
    --dsn "mysql://secret_user:$PW_URI@[::1/secretdb"
fl_no_secret_fail "not a mysql:// DSN" "$PW_URI" "$FRAG" -d mysql \
    --dsn "postgresql://secret_user:$PW_URI@localhost/secretdb"

done_testing
