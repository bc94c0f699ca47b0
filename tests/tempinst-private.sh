#!/bin/bash
# tempinst-private.sh: nobody but the user who runs sqlcheck (and root)
# gets into a --temp-instance server (issue 23).  While a run of each
# engine is held open (tests/hold-lib.sh), as root: the instance
# directory is 0700 and owned by the server's account, the user nobody
# can neither list it, read any file of it nor connect to its socket
# (psql, mariadb as root and as sqlcheck), while root can; the server
# listens on no TCP port; and even with the directory opened up, the
# server itself refuses nobody (peer, unix_socket, a password).  Then, run
# as nobody, the server asks for a password (scram-sha-256 on
# PostgreSQL, the sqlcheck account's on MariaDB).
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

[ "$(id -u)" = 0 ] ||
    skip_all "needs root, to try the server as the user nobody"
id nobody >/dev/null 2>&1 || skip_all "no user nobody to try the server as"
command -v runuser >/dev/null 2>&1 || skip_all "no runuser"
# shellcheck source=tests/hold-lib.sh
. "$top_srcdir/tests/hold-lib.sh"

as_nobody()
{
	runuser -u nobody -- "$@"
}

# The runs as nobody use a copy of sqlcheck and its modules that nobody
# may execute: the build directory may be private (a clone in mktemp -d).
NOBODY_BIN=$WORK/nobody-bin
mkdir -p "$NOBODY_BIN"
cp "$SQLCHECK_BIN" "$NOBODY_BIN/sqlcheck"
cp "$(dirname "$SQLCHECK_BIN")"/sqlcheck-*.so "$NOBODY_BIN/" 2>/dev/null
chmod 755 "$WORK" "$NOBODY_BIN" "$NOBODY_BIN"/*

# The instance directory a held run's -v output names.
instance_dir()
{
	sed -n 's/.*temporary [a-z]* server in \([^ ]*\) started.*/\1/p' \
	    "$WORK/hold.err"
}

# check_private ENGINE DIR ACCOUNT: the directory and its files.
check_private()
{
	check "$1: the run names its instance directory" test -n "$2" -a \
	    -d "$2"
	is "$1: directory mode and owner" "$(stat -c '%a %U' "$2")" "700 $3"
	as_nobody ls "$2" >/dev/null 2>&1
	ok "$1: nobody cannot list the directory" "$(($? == 0))"
	is "$1: no file is readable by nobody" \
	    "$(as_nobody find "$2" -readable 2>/dev/null)" ""
	is "$1: no file grants anything to others" \
	    "$(find "$2" ! -type s -perm /o=rwx)" ""
	lacks "$1: no file is world-readable" \
	    "$(find "$2" -maxdepth 1 -type f -printf '%m %p\n')" "644 "
}

# driver_ready NAME: the driver is built; else skip its checks, or bail
# out when SQLCHECK_REQUIRE_ENGINES names it.
driver_ready()
{
	"$SQLCHECK" -d "$1" --dsn "$WORK/.probe" "$WORK/.probe" 2>&1 |
	    grep -q 'not compiled-in' || return 0
	case ",${SQLCHECK_REQUIRE_ENGINES:-}," in
	*",$1,"*)
		echo "Bail out! sqlcheck was built without the $1 driver," \
		    "but SQLCHECK_REQUIRE_ENGINES requires it"
		exit 99
		;;
	esac
	skip "$1: temporary instance" "sqlcheck was built without the $1 driver"
	return 1
}

# refused DESC WHY CMD...: CMD, as nobody, fails, saying WHY (the
# mariadb client says "(13)" for EACCES, "Permission denied").
refused()
{
	_desc=$1
	_why=$2
	shift 2
	_out=$(as_nobody "$@" 2>&1)
	_st=$?
	ok "$_desc: refused" "$((_st == 0))"
	contains "$_desc: because of $_why" "$_out" "$_why"
}

# --- PostgreSQL ---------------------------------------------------------
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
PSQL=$PGBIN/psql
[ -x "$PSQL" ] || PSQL=$(command -v psql)
if driver_ready postgres; then
	hold_file postgres "$WORK/hold-pg.sqltest"
	if hold_start -d postgres --temp-instance "$WORK/hold-pg.sqltest"; then
		dir=$(instance_dir)
		sock=$dir/.s.PGSQL.5432
		check_private postgres "$dir" postgres
		is "postgres: socket mode" "$(stat -c '%a' "$sock")" 700
		is "postgres: root gets in (peer)" \
		    "$("$PSQL" -X -A -t -h "$dir" -U postgres -d postgres \
		    -c 'SELECT 1' 2>&1)" 1
		is "postgres: no TCP listener" \
		    "$("$PSQL" -X -A -t -h "$dir" -U postgres -d postgres \
		    -c 'SHOW listen_addresses' 2>&1)" ""
		is "postgres: only peer authentication" \
		    "$("$PSQL" -X -A -t -h "$dir" -U postgres -d postgres \
		    -c 'SELECT DISTINCT type || $$ $$ || auth_method
			FROM pg_hba_file_rules' 2>&1)" "local peer"
		refused "postgres: nobody on the socket" "Permission denied" \
		    "$PSQL" -X -h "$dir" -U postgres -d postgres -c 'SELECT 1'
		# Open the directory up: the server must still say no.
		chmod 711 "$dir"
		chmod 777 "$sock"
		refused "postgres: nobody with the directory open" \
		    "Peer authentication failed" \
		    "$PSQL" -X -h "$dir" -U postgres -d postgres -c 'SELECT 1'
		chmod 700 "$sock"
		chmod 700 "$dir"
		hold_end
		is "postgres: the held run passes" "$HOLD_STATUS" 0
	else
		fail "postgres: the run reached the held test"
		diag "$HOLD_ERR"
	fi
	# Run by someone else than root: a password, scram-sha-256.
	cat >"$WORK/hba.sqltest" <<'EOF'
-- test: the server asks for a scram password
SELECT DISTINCT type || ' ' || auth_method FROM pg_hba_file_rules;
-- expect:
local scram-sha-256
EOF
	chmod 644 "$WORK/hba.sqltest"
	out=$(cd / && as_nobody "$NOBODY_BIN/sqlcheck" -d postgres --temp-instance \
	    "$WORK/hba.sqltest" 2>&1)
	ok "postgres, run as nobody: password authentication" $?
	diag "$out"
fi

# --- MariaDB ------------------------------------------------------------
CLIENT=$(command -v mariadb || command -v mysql)
if driver_ready mysql; then
	hold_file mysql "$WORK/hold-my.sqltest"
	if hold_start -d mysql --temp-instance "$WORK/hold-my.sqltest"; then
		dir=$(instance_dir)
		sock=$dir/mysqld.sock
		owner=root
		id mysql >/dev/null 2>&1 && owner=mysql
		check_private mysql "$dir" "$owner"
		is "mysql: root gets in (unix_socket)" \
		    "$("$CLIENT" --no-defaults -N -B -S "$sock" -u root \
		    -e 'SELECT 1' 2>&1)" 1
		is "mysql: no TCP listener" \
		    "$("$CLIENT" --no-defaults -N -B -S "$sock" -u root \
		    -e 'SELECT @@skip_networking' 2>&1)" 1
		is "mysql: no account without a password or unix_socket" \
		    "$("$CLIENT" --no-defaults -N -B -S "$sock" -u root \
		    -e "SELECT COUNT(*) FROM mysql.global_priv
			WHERE JSON_VALUE(priv, '$.authentication_string') = ''
			AND JSON_VALUE(priv, '$.plugin') <> 'unix_socket'
			AND NOT IFNULL(JSON_VALUE(priv, '$.account_locked'),
			    0)" 2>&1)" 0
		refused "mysql: nobody as root on the socket" \
		    "mysqld.sock' (13)" \
		    "$CLIENT" --no-defaults -S "$sock" -u root -e 'SELECT 1'
		refused "mysql: nobody as sqlcheck on the socket" \
		    "mysqld.sock' (13)" \
		    "$CLIENT" --no-defaults -S "$sock" -u sqlcheck -e 'SELECT 1'
		chmod 711 "$dir"
		refused "mysql: nobody as root with the directory open" \
		    "Access denied" \
		    "$CLIENT" --no-defaults -S "$sock" -u root -e 'SELECT 1'
		refused "mysql: nobody as sqlcheck with the directory open" \
		    "Access denied" \
		    "$CLIENT" --no-defaults -S "$sock" -u sqlcheck -e 'SELECT 1'
		chmod 700 "$dir"
		hold_end
		is "mysql: the held run passes" "$HOLD_STATUS" 0
	else
		fail "mysql: the run reached the held test"
		diag "$HOLD_ERR"
	fi
	cat >"$WORK/acct.sqltest" <<'EOF'
-- test: sqlcheck logs in with a password
SELECT CURRENT_USER(), JSON_VALUE(priv, '$.authentication_string') <> ''
FROM mysql.global_priv WHERE User = 'sqlcheck';
-- expect:
sqlcheck@localhost | 1
EOF
	chmod 644 "$WORK/acct.sqltest"
	out=$(cd / && as_nobody "$NOBODY_BIN/sqlcheck" -d mysql --temp-instance \
	    "$WORK/acct.sqltest" 2>&1)
	ok "mysql, run as nobody: the sqlcheck account has a password" $?
	diag "$out"
fi

done_testing
