#!/bin/sh
# bench/make.sh: how long "-- make: t ROWS" takes (default 100000 rows of
# a four-column table: an integer primary key, a name, an amount with a
# CHECK, a date), against "-- load:" of the same rows from a CSV file, on
# SQLite and, when SQLCHECK_PG_DSN and SQLCHECK_MYSQL_DSN are set,
# PostgreSQL and MySQL/MariaDB.  The CSV file is what make made on SQLite,
# read back.  Two times per run: the directive's own, as sqlcheck -v
# prints it (for -- load: without reading and parsing the CSV file, which
# happens before), and the whole sqlcheck run (wall clock, which for
# -- load: includes reading the file).  Each run is repeated RUNS times
# (default 3).
#
#	bench/make.sh [ROWS]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
SQLCHECK=${SQLCHECK:-$top/src/sqlcheck}
ROWS=${1:-100000}
RUNS=${RUNS:-3}
W=$(mktemp -d "${TMPDIR:-/tmp}/sqlcheck-bench.XXXXXX") || exit 2
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT

# testfile FILE DIRECTIVE: the table, the directive, a count.
testfile()
{
	cat >"$1" <<SQL
-- setup
CREATE TABLE t (id integer PRIMARY KEY, name varchar(40) NOT NULL,
  amount integer NOT NULL CHECK (amount > 0), created date NOT NULL);
$2
-- test: all rows are there
SELECT count(*) FROM t;
-- expect:
$ROWS
-- test: the rows
SELECT id || ',' || name || ',' || amount || ',' || created FROM t ORDER BY id;
-- expect:
SQL
}

# The rows make makes, as CSV: the diff --rewrite would write.
testfile "$W/rows.sqltest" "-- make: t $ROWS"
{
	echo "id,name,amount,created"
	"$SQLCHECK" --rewrite --diff "$W/rows.sqltest" 2>/dev/null |
	    sed -n 's/^+\([0-9][0-9]*,.*\)/\1/p'
} >"$W/rows.csv"
[ "$(wc -l <"$W/rows.csv")" -eq $((ROWS + 1)) ] || {
	echo "bench/make.sh: could not read the made rows back" >&2
	exit 1
}

engines=sqlite
[ -n "${SQLCHECK_PG_DSN:-}" ] && engines="$engines postgres"
[ -n "${SQLCHECK_MYSQL_DSN:-}" ] && engines="$engines mysql"
printf '%-9s %-6s %s\n' engine how \
    "directive seconds / whole run seconds ($RUNS runs, $ROWS rows)"
for e in $engines; do
	case $e in
	postgres) dsn=$SQLCHECK_PG_DSN ;;
	mysql) dsn=$SQLCHECK_MYSQL_DSN ;;
	*) dsn= ;;
	esac
	for how in make load; do
		if [ $how = make ]; then
			testfile "$W/t.sqltest" "-- make: t $ROWS"
		else
			testfile "$W/t.sqltest" "-- load: t FROM 'rows.csv'"
		fi
		times=
		for r in $(seq 1 "$RUNS"); do
			start=$(date +%s.%N)
			t=$("$SQLCHECK" -v -d "$e" --dsn "$dsn" -k 'all rows' \
			    "$W/t.sqltest" 2>&1 |
			    sed -n 's/.*-- \(make\|load\): .* in \([0-9.]*\) s$/\2/p')
			end=$(date +%s.%N)
			whole=$(echo "$start $end" |
			    awk '{ printf "%.3f", $2 - $1 }')
			times="$times ${t:-failed}/$whole"
		done
		printf '%-9s %-6s%s\n' "$e" "$how" "$times"
	done
done
