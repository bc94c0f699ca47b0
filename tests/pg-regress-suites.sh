#!/bin/sh
# pg-regress-suites.sh: the four real pg_regress suites of the shared
# folder (semver, unit, numeral, pgtap; PG_REGRESS_SUITES, as .ci/run
# sets it) run by "sqlcheck pg-regress" with pg_regress's own arguments
# give pg_regress's verdicts (reference.tsv: all 65 pass), and the same
# through the PGXS line "make installcheck pg_regress_installcheck=...".
# Each suite runs in a copy: tests write files beside themselves.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines postgres
SUITES=${PG_REGRESS_SUITES:-$(cd "$top_srcdir/.." && pwd)/shared/pg-regress-suites}
[ -d "$SUITES" ] || SUITES=/work/shared/pg-regress-suites
if [ ! -f "$SUITES/reference.tsv" ]; then
	missing "the shared pg_regress suites" "no $SUITES (set PG_REGRESS_SUITES)"
	done_testing
fi
for ext in semver unit numeral pgtap tablefunc; do
	if [ ! -f "/usr/share/postgresql/15/extension/$ext.control" ]; then
		missing "the shared pg_regress suites" \
		    "extension $ext is not installed (see .ci/run)"
		done_testing
	fi
done

dsn_get()
{
	printf '%s\n' "$SQLCHECK_PG_DSN" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
PGHOST=$(dsn_get host)
PGPORT=$(dsn_get port)
PGUSER=$(dsn_get user)
export PGHOST PGPORT PGUSER

# Each suite's pg_regress arguments (README of the shared folder); at
# most 20 tests at once, for the test server's max_connections.
args()
{
	case $1 in
	semver) echo "--inputdir=test --dbname=contrib_regression base corpus" ;;
	unit) echo "--dbname=contrib_regression extension tables unit binary unicode prefix units time temperature functions language_functions round derived compare aggregate iec custom crosstab convert" ;;
	numeral) echo "--dbname=contrib_regression extension numeral zahl roman operator" ;;
	pgtap) echo "--inputdir=test --max-connections=89 --schedule test/schedule/main.sch --schedule test/build/run.sch --max-connections=20" ;;
	esac
}

for s in semver unit numeral pgtap; do
	cp -R "$SUITES/$s" "$WORK/$s"
	chmod -R u+w "$WORK/$s"
	# shellcheck disable=SC2046
	(cd "$WORK/$s" && "$SQLCHECK" pg-regress --inputdir=./ \
	    --bindir=/usr/lib/postgresql/15/bin $(args $s)) >"$WORK/$s.out" 2>&1
	is "$s: exit status 0, as pg_regress" "$?" 0
	want=$(awk -F'\t' -v s=$s '$1 == s { print $2 " " $3 }' "$SUITES/reference.tsv" | sort)
	got=$(sed -n 's/^\(test\|    \) *\([a-z_0-9]*\) *\.\.\. \(ok\|FAILED\).*/\2 \3/p' "$WORK/$s.out" | sort)
	is "$s: pg_regress's verdict for every test" "$got" "$want"
done

# The PGXS line, on numeral and unit (their Makefiles as shipped).
PATH=$(dirname "$SQLCHECK_BIN"):$PATH
export PATH
if have pg_config && [ -f "$(pg_config --pgxs 2>/dev/null)" ]; then
	for s in numeral unit; do
		rm -rf "$WORK/$s/results"
		# Not the outer make's flags: with -s the PGXS make would not
		# print the command line looked for below.
		(cd "$WORK/$s" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		    make installcheck \
		    pg_regress_installcheck='sqlcheck pg-regress --inputdir=./') \
		    >"$WORK/$s.pgxs" 2>&1
		is "$s: make installcheck with sqlcheck pg-regress" "$?" 0
		contains "$s: PGXS ran sqlcheck" "$(cat "$WORK/$s.pgxs")" \
		    "sqlcheck pg-regress --inputdir=./"
	done
else
	missing "the PGXS installcheck line" "no pg_config --pgxs (postgresql-server-dev-15)"
fi

done_testing
