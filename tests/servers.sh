#!/bin/bash
# tests/servers.sh: start and stop the PostgreSQL and MariaDB servers that
# the engine tests use, each in its own temporary directory, on a unix
# socket only (no TCP port).  Source it, then:
#   servers_start          sets SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN
#   servers_stop           stops both and removes their directories
# Runs as root (the servers drop to the postgres and mysql users) or as
# the owner of the directories.

servers_pg_start() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -x "$bin/initdb" ] || { echo "servers.sh: no PostgreSQL server found" >&2; return 1; }
	PG_DIR=$(mktemp -d /tmp/sqlcheck-ci-pg.XXXXXX)
	chmod 755 "$PG_DIR"
	local run=()
	if [ "$(id -u)" = 0 ]; then
		chown postgres:postgres "$PG_DIR"
		run=(setpriv --reuid=postgres --regid=postgres --init-groups)
	fi
	"${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
	    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
	    { cat "$PG_DIR/initdb.log" >&2; return 1; }
	"${run[@]}" "$bin/postgres" -D "$PG_DIR/data" -c listen_addresses= \
	    -k "$PG_DIR" -p 5432 -c fsync=off -c synchronous_commit=off \
	    -c full_page_writes=off -c max_connections=50 \
	    >"$PG_DIR/server.log" 2>&1 </dev/null &
	PG_PID=$!
	local i
	for i in $(seq 1 300); do
		"$bin/pg_isready" -q -h "$PG_DIR" -p 5432 && break
		kill -0 "$PG_PID" 2>/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
		sleep 0.1
	done
	export PGBIN="$bin"
	# The server's log: tests/engine-pg.sh reads the statements a run
	# sent (log_statement) from it.
	export SQLCHECK_PG_LOG="$PG_DIR/server.log"
	export SQLCHECK_PG_DSN="host=$PG_DIR port=5432 user=postgres dbname=postgres"
}

servers_mysql_start() {
	MY_DIR=$(mktemp -d /tmp/sqlcheck-ci-my.XXXXXX)
	chmod 755 "$MY_DIR"
	local user=()
	if [ "$(id -u)" = 0 ]; then
		chown mysql:mysql "$MY_DIR"
		user=(--user=mysql)
	fi
	cat >"$MY_DIR/init.sql" <<'SQL'
FLUSH PRIVILEGES;
CREATE USER 'sqlcheck'@'localhost' IDENTIFIED BY 'sqlcheck';
GRANT ALL PRIVILEGES ON *.* TO 'sqlcheck'@'localhost';
CREATE DATABASE sqlcheck CHARACTER SET utf8mb4;
SQL
	local fast=(--innodb-log-file-size=16M --innodb-buffer-pool-size=64M
	    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0
	    --skip-log-bin --innodb-flush-method=O_DIRECT_NO_FSYNC
	    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci)
	mariadb-install-db --no-defaults "${user[@]}" --datadir="$MY_DIR/data" \
	    --tmpdir="$MY_DIR" --skip-test-db --skip-name-resolve \
	    --auth-root-authentication-method=socket \
	    --extra-file="$MY_DIR/init.sql" "${fast[@]}" >"$MY_DIR/install-db.log" 2>&1 ||
	    { cat "$MY_DIR/install-db.log" >&2; return 1; }
	setsid mariadbd --no-defaults "${user[@]}" --datadir="$MY_DIR/data" \
	    --socket="$MY_DIR/mysqld.sock" --skip-networking \
	    --pid-file="$MY_DIR/mysqld.pid" --log-error="$MY_DIR/error.log" \
	    --tmpdir="$MY_DIR" \
	    --skip-name-resolve "${fast[@]}" </dev/null >/dev/null 2>&1 &
	MY_PID=$!
	local i
	for i in $(seq 1 600); do
		mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot ping \
		    >/dev/null 2>&1 && break
		kill -0 "$MY_PID" 2>/dev/null || { cat "$MY_DIR/error.log" >&2; return 1; }
		sleep 0.1
	done
	export SQLCHECK_MYSQL_DSN="mysql://sqlcheck:sqlcheck@localhost/sqlcheck?socket=$MY_DIR/mysqld.sock"
	export SQLCHECK_MYSQL_SOCKET="$MY_DIR/mysqld.sock"
}

servers_stop() {
	if [ -n "${PG_PID:-}" ]; then
		kill -INT "$PG_PID" 2>/dev/null
		wait "$PG_PID" 2>/dev/null
		PG_PID=
	fi
	if [ -n "${MY_PID:-}" ]; then
		kill -TERM "$MY_PID" 2>/dev/null
		wait "$MY_PID" 2>/dev/null
		MY_PID=
	fi
	[ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
	[ -n "${MY_DIR:-}" ] && rm -rf "$MY_DIR"
	PG_DIR= MY_DIR=
}

servers_start() {
	trap servers_stop EXIT
	servers_pg_start && servers_mysql_start
}
