#!/bin/sh
# bench/csv-load.sh: how long "-- load:" takes for a CSV file of ROWS rows
# (default 100000) of four columns (integer, integer, integer, text with
# quotes, commas, line breaks, NULLs and empty strings), into a table
# without and with a foreign key, on SQLite and, when SQLCHECK_PG_DSN and
# SQLCHECK_MYSQL_DSN are set, PostgreSQL and MySQL/MariaDB.  The time is
# the load's own, as sqlcheck -v prints it; each run is repeated RUNS
# times (default 3).
#
#	bench/csv-load.sh [ROWS]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
SQLCHECK=${SQLCHECK:-$top/src/sqlcheck}
ROWS=${1:-100000}
RUNS=${RUNS:-3}
W=$(mktemp -d "${TMPDIR:-/tmp}/sqlcheck-bench.XXXXXX") || exit 2
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT

awk -v n="$ROWS" 'BEGIN {
	print "id,customer_id,amount,note"
	split("|\"quoted, with comma\"|plain|\"two\nlines\"|\"\"", notes, "|")
	for (i = 1; i <= n; i++)
		printf "%d,%d,%d,%s\n", i, i % 100 + 1, i % 997, notes[i % 5 + 1]
}' >"$W/orders.csv"

# test FILE ENGINE FK: a test file loading the CSV (FK: with a foreign key).
testfile()
{
	case $2 in
	postgres) fill="INSERT INTO customers SELECT x FROM generate_series(1, 100) AS g(x);" ;;
	mysql) fill="INSERT INTO customers SELECT seq FROM seq_1_to_100;" ;;
	*) fill="WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 100) INSERT INTO customers SELECT x FROM g;" ;;
	esac
	ref=
	[ "$3" = fk ] && ref=", FOREIGN KEY (customer_id) REFERENCES customers (id)"
	cat >"$1" <<SQL
-- setup
CREATE TABLE customers (id integer PRIMARY KEY);
$fill
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL,
  amount integer NOT NULL, note text$ref);
-- load: orders FROM 'orders.csv'
-- test: all rows are there
SELECT count(*) FROM orders;
-- expect:
$ROWS
SQL
}

engines=sqlite
[ -n "${SQLCHECK_PG_DSN:-}" ] && engines="$engines postgres"
[ -n "${SQLCHECK_MYSQL_DSN:-}" ] && engines="$engines mysql"
printf '%-9s %-8s %s\n' engine table "load seconds ($RUNS runs, $ROWS rows)"
for e in $engines; do
	case $e in
	postgres) dsn=$SQLCHECK_PG_DSN ;;
	mysql) dsn=$SQLCHECK_MYSQL_DSN ;;
	*) dsn= ;;
	esac
	for fk in nofk fk; do
		testfile "$W/load.sqltest" "$e" "$fk"
		times=
		for r in $(seq 1 "$RUNS"); do
			t=$("$SQLCHECK" -v -d "$e" --dsn "$dsn" "$W/load.sqltest" \
			    2>&1 | sed -n 's/.*rows) in \([0-9.]*\) s$/\1/p')
			times="$times ${t:-failed}"
		done
		printf '%-9s %-8s%s\n' "$e" "$fk" "$times"
	done
done

# For comparison: psql's \copy of the same file, in one transaction.
psql=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
if [ -n "${SQLCHECK_PG_DSN:-}" ] && [ -x "$psql" ]; then
	for fk in nofk fk; do
		testfile "$W/load.sqltest" postgres "$fk"
		{
			echo "BEGIN;"
			sed -n '/^CREATE TABLE customers/,/^-- load/p' \
			    "$W/load.sqltest" | grep -v '^--'
			printf '%s\n' '\timing on' "\\copy orders FROM \
'$W/orders.csv' (FORMAT csv, HEADER)"
			echo "ROLLBACK;"
		} >"$W/copy.sql"
		times=
		for r in $(seq 1 "$RUNS"); do
			t=$("$psql" -X -q "$SQLCHECK_PG_DSN" -f "$W/copy.sql" 2>&1 |
			    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | head -n 1)
			times="$times $(echo "${t:-0}" |
			    awk '{ printf "%.3f", $1 / 1000 }')"
		done
		printf '%-9s %-8s%s\n' "psql" "$fk" "$times"
	done
fi
