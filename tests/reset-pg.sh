#!/bin/sh
# reset-pg.sh: the reset of a PostgreSQL session between two files
# (ROLLBACK, then DISCARD ALL), which travels with the next file's first
# statements instead of costing a round trip of its own.  On one session
# (-j 1): what a file leaves (rows of the user's table, a table, a
# prepared statement, a session advisory lock) is gone for the file after
# the next, though that one failed its setup and left its transaction
# aborted; that setup's error names its own file and line, and the files
# around it pass; what sqlcheck sets for every session (the check for a
# vanished client) is set again after DISCARD ALL.  At -j 2: a worker with no file left rolls its last
# file back at once, so that a file of the other worker waiting for a
# lock that file held gets it (it would wait until --timeout otherwise).
# The server's log (log_statement, SQLCHECK_PG_LOG) shows each reset sent
# with the next file's BEGIN.  The user's database is the same per
# pg_dump afterwards.  Fixtures: tests/fixtures/reset.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres

pg_tools
[ -x "$PSQL" ] && [ -x "$PGDUMP" ] || skip_all_missing "no psql and pg_dump"
F=$top_srcdir/tests/fixtures/reset
USERDB=sqlcheck_reset_$$
USERDSN="$SQLCHECK_PG_DSN dbname=$USERDB"

psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" \
    -c "CREATE DATABASE $USERDB" >/dev/null || {
	echo "Bail out! cannot create the database $USERDB"
	exit 99
}
trap 'psql_q "$SQLCHECK_PG_DSN" -c "DROP DATABASE IF EXISTS $USERDB" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
psql_q "$USERDSN" >/dev/null <<'SQL' || {
CREATE TABLE app_users (id integer PRIMARY KEY, email varchar(100) UNIQUE);
INSERT INTO app_users VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
SQL
	echo "Bail out! cannot create the user's table"
	exit 99
}
# pg_dump 15.14 and later write a random \restrict key: leave it out.
pgdump()
{
	"$PGDUMP" "$USERDSN" >"$WORK/pgdump.raw" || return
	sed '/^\\\(un\)\{0,1\}restrict /d' "$WORK/pgdump.raw"
}
dump_save user pgdump

# logged_run FILE ARGS...: sqlcheck ARGS with log_statement=all; the
# server's log lines it added go to FILE (empty without the log).
pglog=${SQLCHECK_PG_LOG:-}
logged_run()
{
	_file=$1
	shift
	_size=$(wc -c <"$pglog" 2>/dev/null || echo 0)
	PGOPTIONS="-c log_statement=all" run_sqlcheck "$@"
	tail -c +"$((_size + 1))" "$pglog" 2>/dev/null |
	    grep -E "(statement|execute [^:]*): " >"$_file"
}

# One session, three files: the second fails its setup, the third would
# fail if anything of the first two were left.
logged_run "$WORK/seq.log" -j 1 -d postgres --dsn "$USERDSN" \
    "$F/1-leaves.sqltest" "$F/2-setup-fails.sqltest" "$F/3-clean.sqltest"
is_status "one session: exit status 1 (a setup failed)" 1
is "one session: the counts" "$(last_line "$OUT")" \
    "7 passed, 1 failed, 0 skipped"
contains "one session: the first file passes" "$OUT" \
    "ok   $F/1-leaves.sqltest  (3 tests"
contains "one session: the setup error names its file and line" "$OUT" \
    "2-setup-fails.sqltest:8: setup failed: duplicate key value"
contains "one session: ... and its statement" "$OUT" \
    "  INSERT INTO reset_failing VALUES (1)"
contains "one session: the file after the failed setup passes" "$OUT" \
    "ok   $F/3-clean.sqltest  (4 tests"
lacks "one session: no other file is blamed for the setup error" \
    "$(printf '%s\n' "$OUT" | grep -v '2-setup-fails')" "duplicate key"
same_dump "one session: the user's database is unchanged" user pgdump

# The server's log: each file's BEGIN comes right after the reset of the
# file before (ROLLBACK, DISCARD ALL), and the last file is rolled back
# too.  One session ran them all.
if [ -z "$pglog" ] || [ ! -r "$pglog" ]; then
	missing "server's log: a reset before each later file's BEGIN" \
	    "the server's log is unknown (SQLCHECK_PG_LOG, tests/servers.sh sets it)"
	missing "server's log: ... and after the last file" \
	    "the server's log is unknown (SQLCHECK_PG_LOG)"
else
	sed -E 's/.*(statement|execute [^:]*): //' "$WORK/seq.log" |
	    grep -E '^(BEGIN|ROLLBACK|DISCARD ALL)$' | tr '\n' ' ' \
	    >"$WORK/seq.txn"
	is "server's log: a reset before each later file's BEGIN" \
	    "$(cat "$WORK/seq.txn")" \
	    "BEGIN ROLLBACK DISCARD ALL BEGIN ROLLBACK DISCARD ALL BEGIN ROLLBACK DISCARD ALL "
	is "server's log: one session ran the three files" \
	    "$(sed -E 's/^[^[]*\[([0-9]+)\].*/\1/' "$WORK/seq.log" | sort -u |
	    wc -l | tr -d ' ')" 1
fi

# Two workers: the holder's worker has no file left once the holder is
# done; the waiter gets the lock when that worker rolls the holder back.
# --timeout only bounds the wait if it does not.
run_sqlcheck -j 2 --timeout 120 -d postgres --dsn "$USERDSN" \
    "$F/lock-holder.sqltest" "$F/lock-waiter.sqltest"
is_status "idle worker: exit status 0" 0
is "idle worker: the waiter got the lock" "$(last_line "$OUT")" \
    "3 passed, 0 failed, 0 skipped"
lacks "idle worker: nothing timed out" "$OUT" "timed out"
same_dump "idle worker: the user's database is unchanged" user pgdump

done_testing
