#!/bin/bash
# scratch-private.sh: a scratch database ("-- isolation: database") on a
# user's server is open to no one the user's own databases would not be
# (issue 23).  While a run is held open in its scratch database
# (tests/hold-lib.sh), a role or account of the server that has no
# privilege of its own, and can log in, cannot connect to it or use it:
# on PostgreSQL sqlcheck takes CONNECT and TEMPORARY from PUBLIC, on
# MariaDB a new database grants nothing.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"
# shellcheck source=tests/hold-lib.sh
. "$top_srcdir/tests/hold-lib.sh"

OTHER=sqlcheck_other_$$

# hold_scratch ENGINE: start a held run of a file in a scratch database
# (1 if it did not get there).
hold_scratch()
{
	hold_file "$1" "$WORK/held.sqltest"
	{
		echo '-- isolation: database'
		cat "$WORK/held.sqltest"
	} >"$WORK/scratch-$1.sqltest"
	hold_start -d "$1" "$WORK/scratch-$1.sqltest" || {
		fail "$1: the run reached the held test"
		diag "$HOLD_ERR"
		return 1
	}
}

# --- PostgreSQL ---------------------------------------------------------
if engine_missing postgres; then
	skip_engine "postgres: scratch database" postgres
else
	PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
	    sort -V | tail -n 1)}
	PSQL=$PGBIN/psql
	[ -x "$PSQL" ] || PSQL=$(command -v psql)
	pg()
	{
		PGOPTIONS='-c client_min_messages=warning' \
		    "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
	}
	export SQLCHECK_DSN=$SQLCHECK_PG_DSN
	pg "$SQLCHECK_PG_DSN" -c "DROP ROLE IF EXISTS $OTHER" \
	    -c "CREATE ROLE $OTHER LOGIN PASSWORD 'other'"
	if hold_scratch postgres; then
		db=$(pg "$SQLCHECK_PG_DSN" -c "SELECT datname
		    FROM pg_stat_activity WHERE query LIKE '%$HOLD_FIFO%'
		    AND pid <> pg_backend_pid()")
		matches "postgres: the held file runs in a scratch database" \
		    "$db" '^sqlcheck_[0-9a-f]{16}$'
		is "postgres: the other role logs in elsewhere" \
		    "$(PGPASSWORD=other pg "$SQLCHECK_PG_DSN user=$OTHER" \
		    -c 'SELECT current_user' 2>&1)" "$OTHER"
		out=$(PGPASSWORD=other pg \
		    "$SQLCHECK_PG_DSN user=$OTHER dbname=$db" -c 'SELECT 1' 2>&1)
		ok "postgres: the other role cannot connect to it" \
		    "$(($? == 0))"
		contains "postgres: for want of CONNECT" "$out" \
		    "permission denied for database"
		is "postgres: PUBLIC has neither CONNECT nor TEMPORARY" \
		    "$(pg "$SQLCHECK_PG_DSN" -c "SELECT
		    has_database_privilege('$OTHER', '$db', 'CONNECT') OR
		    has_database_privilege('$OTHER', '$db', 'TEMPORARY')")" f
		hold_end
		is "postgres: the held run passes" "$HOLD_STATUS" 0
	fi
	pg "$SQLCHECK_PG_DSN" -c "DROP ROLE IF EXISTS $OTHER"
	unset SQLCHECK_DSN
fi

# --- MariaDB ------------------------------------------------------------
if engine_missing mysql; then
	skip_engine "mysql: scratch database" mysql
elif ! CLIENT=$(command -v mariadb || command -v mysql); then
	missing "mysql: scratch database" "no mariadb client"
else
	# Client options from the DSN mysql://USER:PASS@localhost/DB?socket=S.
	rest=${SQLCHECK_MYSQL_DSN#*://}
	userinfo=${rest%%@*}
	my_user=${userinfo%%:*}
	my_pass=
	case $userinfo in *:*) my_pass=${userinfo#*:} ;; esac
	my_socket=$(printf '%s\n' "${rest#*\?}" | tr '&' '\n' |
	    sed -n 's/^socket=//p')
	my()
	{
		"$CLIENT" --no-defaults -N -B -u"$my_user" \
		    ${my_pass:+-p"$my_pass"} -S "$my_socket" "$@"
	}
	export SQLCHECK_DSN=$SQLCHECK_MYSQL_DSN
	my -e "DROP USER IF EXISTS '$OTHER'@'localhost';
	    CREATE USER '$OTHER'@'localhost' IDENTIFIED BY 'other'"
	if hold_scratch mysql; then
		db=$(my -e "SELECT DB FROM information_schema.PROCESSLIST
		    WHERE INFO LIKE '%$HOLD_FIFO%' AND ID <> CONNECTION_ID()")
		matches "mysql: the held file runs in a scratch database" \
		    "$db" '^sqlcheck_[0-9a-f]{16}$'
		other()
		{
			"$CLIENT" --no-defaults -N -B -u"$OTHER" -pother \
			    -S "$my_socket" "$@"
		}
		is "mysql: the other account logs in" \
		    "$(other -e 'SELECT CURRENT_USER()' 2>&1)" "$OTHER@localhost"
		out=$(other -D "$db" -e 'SELECT 1' 2>&1)
		ok "mysql: the other account cannot use it" "$(($? == 0))"
		contains "mysql: access denied" "$out" "Access denied"
		is "mysql: nor see it" \
		    "$(other -e "SHOW DATABASES LIKE '$db'" 2>&1)" ""
		hold_end
		is "mysql: the held run passes" "$HOLD_STATUS" 0
	fi
	my -e "DROP USER IF EXISTS '$OTHER'@'localhost'"
	unset SQLCHECK_DSN
fi

done_testing
