#!/bin/sh
# diagnostics.sh: what -v, --log, -q -v and the hints of failed setups
# and connections say, on SQLite always and on PostgreSQL and
# MySQL/MariaDB when SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN are set
# (issue 15, items 6 and 13).
#  - Statements of --schema files, "-- include:" files and migrations are
#    shown (-v) and logged (--log) at their own FILE:LINE, not at the test
#    file's name with the other file's line; SQLite's schema template
#    build is shown and logged too.
#  - -q -v: the report is the quiet one (no isolation lines); the
#    statements are still echoed on standard error.
#  - A setup failing on a missing table, when no --schema or --migrations
#    was given, hints at them; a server engine that cannot be reached
#    with no DSN at all hints at --temp-instance.
# Fixtures: tests/fixtures/labels.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
F=$top_srcdir/tests/fixtures/labels
cd "$F/../../.." || {
	echo "Bail out! cannot cd to $top_srcdir"
	exit 99
}
F=tests/fixtures/labels

engines_at_hand "diagnostics"

# The reproduction: a --schema file, an "-- include:" file and a
# migration, each with its statements at lines the test file does not
# have at those places.
PRELUDE="--schema $F/schema.sql --migrations $F/migrations"
for e in $engines; do
	log=$WORK/$e.log
	# shellcheck disable=SC2086
	run_on "$e" -v --log "$log" $PRELUDE "$F/labels.sqltest"
	is_status "$e: the labels fixture passes" 0
	for where in "$F/schema.sql:4" "$F/migrations/0001_labelled.sql:2" \
	    "$F/include.sql:2" "$F/include.sql:3" "$F/labels.sqltest:12"; do
		matches "$e: -v shows a statement at $where" "$ERR" \
		    "^sqlcheck: (schema template: )?$where: (CREATE|INSERT|SELECT)"
		matches "$e: --log labels a statement $where" "$(cat "$log")" \
		    "^$where	[0-9.]+	ok	(CREATE|INSERT|SELECT)"
	done
	lacks "$e: -v: no statement at the test file's name and another's line" \
	    "$ERR" "labels.sqltest:2: INSERT"
	lacks "$e: --log: nothing at the test file's name and another's line" \
	    "$(cat "$log")" "labels.sqltest:4	"

	# -q -v: the quiet report; statements still echoed.
	# shellcheck disable=SC2086
	run_on "$e" -q -v $PRELUDE "$F/labels.sqltest"
	is "$e: -q -v: the report is the summary alone" "$OUT" \
	    "2 passed, 0 failed, 0 skipped"
	lacks "$e: -q -v: no isolation line anywhere" "$OUT$ERR" "isolation:"
	contains "$e: -q -v: statements are still echoed" "$ERR" \
	    "$F/include.sql:2: INSERT INTO labelled_schema VALUES (1)"
	# shellcheck disable=SC2086
	run_on "$e" -v $PRELUDE "$F/labels.sqltest"
	contains "$e: -v alone: the report shows the isolation" "$OUT" \
	    "  isolation: "

	# A setup on a missing table, with nothing given to create it.
	run_on "$e" "$F/labels.sqltest"
	is_status "$e: a setup on a missing table fails the file" 1
	contains "$e: ... with the include's FILE:LINE" "$OUT" \
	    "$F/include.sql:2: setup failed:"
	contains "$e: ... and a hint at --schema and --migrations" "$OUT" \
	    "hint: no --schema or --migrations was given"
	# shellcheck disable=SC2086
	run_on "$e" --schema "$F/migrations/0001_labelled.sql" \
	    "$F/labels.sqltest"
	is_status "$e: the same with a --schema that lacks the table" 1
	lacks "$e: ... no hint when a --schema was given" "$OUT" "hint:"
done

# SQLite builds --schema and --migrations once, as the schema template:
# its build is shown and logged, and its name is no internal number.
run_sqlcheck -v --log "$WORK/t.log" $PRELUDE "$F/labels.sqltest"
contains "sqlite: -v says the schema template was built" "$ERR" \
    "schema template built: each file starts from an in-memory copy of it"
contains "sqlite: the isolation names the schema template" "$OUT" \
    "isolation: in-memory copy of the schema template + transaction (rolled back)"
lacks "sqlite: no internal template number" "$OUT$ERR" "template 1"
is "sqlite: the template build is logged once per statement" \
    "$(grep -c "^$F/schema.sql:4	" "$WORK/t.log")" 1

# A server engine with no DSN at all, and no server where the client
# library looks by default: a hint at --temp-instance.
for e in postgres mysql; do
	if engine_missing "$e"; then
		skip_engine "$e: no DSN, no server: a hint" "$e"
		continue
	fi
	_out=$(env -u SQLCHECK_DSN -u PGSERVICE PGHOST="$WORK/no-server" \
	    MYSQL_UNIX_PORT="$WORK/no-server.sock" "$SQLCHECK" -d "$e" \
	    "$F/labels.sqltest" 2>&1)
	_status=$?
	is "$e: no DSN, no server: exit status 2" "$_status" 2
	contains "$e: ... a hint at --temp-instance" "$_out" \
	    "hint: no --dsn was given (nor SQLCHECK_DSN): give the server to test on with --dsn, or let sqlcheck start a throwaway one with --temp-instance"
	_out=$(env PGHOST="$WORK/no-server" \
	    MYSQL_UNIX_PORT="$WORK/no-server.sock" "$SQLCHECK" -d "$e" \
	    --dsn "$(if [ "$e" = postgres ]; then echo "host=$WORK/no-server"; else echo "mysql://u@localhost/d?socket=$WORK/no-server.sock"; fi)" \
	    "$F/labels.sqltest" 2>&1)
	lacks "$e: ... no such hint when a DSN was given" "$_out" "hint:"
done

done_testing
