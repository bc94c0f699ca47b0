#!/bin/sh
# tests/slt-corpus.sh: SQLite's sqllogictest corpus subset, unchanged, on
# every engine at hand.  For each file: sqlcheck executes exactly as many
# statements and queries as SQLite's own runner does (tests/slt/
# reference-counts); for each engine: the records that fail are exactly
# the known ones (tests/slt/known-failures, each with its cause).  Also: a
# corrupted copy of a corpus file fails with the record's file:line and a
# readable diff.
#
# The corpus is looked for in $SLT_CORPUS, then beside the repository
# (../shared/slt-corpus/test); without it the test is skipped.  Engines:
# sqlite always, postgres with SQLCHECK_PG_DSN, mysql with
# SQLCHECK_MYSQL_DSN; SLT_ENGINES overrides the list.  SLT_FILES (paths
# relative to the corpus, space-separated) runs only those files: the
# sanitizer build (make check-sanitize) runs a sample, the corpus whole
# runs in make check.
. "${top_srcdir:-.}/tests/lib.sh"

corpus=${SLT_CORPUS:-}
for c in "$top_srcdir/../shared/slt-corpus/test" /work/shared/slt-corpus/test; do
	[ -n "$corpus" ] && break
	[ -d "$c" ] && corpus=$c
done
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
	# CI (SQLCHECK_REQUIRE_ENGINES set) gives the corpus in SLT_CORPUS.
	[ -n "${SQLCHECK_REQUIRE_ENGINES:-}" ] &&
	    echo "Bail out! no sqllogictest corpus in \"$corpus\" (set SLT_CORPUS)" &&
	    exit 99
	skip_all "no sqllogictest corpus (set SLT_CORPUS)"
fi

engines=${SLT_ENGINES:-sqlite}
if [ -z "${SLT_ENGINES:-}" ]; then
	[ -n "${SQLCHECK_PG_DSN:-}" ] && engines="$engines postgres"
	[ -n "${SQLCHECK_MYSQL_DSN:-}" ] && engines="$engines mysql"
fi
require_engines $engines

counts="$top_srcdir/tests/slt/reference-counts"
known="$top_srcdir/tests/slt/known-failures"
targets=
if [ -n "${SLT_FILES:-}" ]; then
	for f in $SLT_FILES; do
		[ -f "$corpus/$f" ] ||
		    { echo "Bail out! SLT_FILES: no $corpus/$f"; exit 99; }
		grep -q "^$f " "$counts" ||
		    { echo "Bail out! SLT_FILES: $f has no reference count"; exit 99; }
		targets="$targets $corpus/$f"
	done
fi

# 1 if file (relative to the corpus) is one of the files run.
selected() {
	[ -z "${SLT_FILES:-}" ] && return 0
	case " $SLT_FILES " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# Run the corpus on one engine; check counts and failures.
corpus_engine() {
	engine=$1
	col=$2
	dsn=
	case $engine in
	postgres) dsn=$SQLCHECK_PG_DSN ;;
	mysql) dsn=$SQLCHECK_MYSQL_DSN ;;
	esac
	out="$WORK/corpus-$engine.out"
	status=0
	if [ -z "${SLT_FILES:-}" ]; then
		SQLCHECK_DSN=$dsn "$SQLCHECK" -d "$engine" --color never "$corpus" \
		    >"$out" 2>"$WORK/corpus-$engine.err" || status=$?
	else
		# shellcheck disable=SC2086
		SQLCHECK_DSN=$dsn "$SQLCHECK" -d "$engine" --color never $targets \
		    >"$out" 2>"$WORK/corpus-$engine.err" || status=$?
	fi
	# Executed records per file, against SQLite's runner.
	grep -v '^#' "$counts" | while read -r file sqlite postgres mysql; do
		selected "$file" || continue
		case $col in
		2) want=$sqlite ;;
		3) want=$postgres ;;
		4) want=$mysql ;;
		esac
		got=$(awk -v f="$corpus/$file" '
		    ($1 == "ok" || $1 == "FAIL") && $2 == f {
			sub(/^\(/, "", $3)
			if ($1 == "ok") print $3; else print $5
		    }' "$out")
		is "$engine: $file runs $want records" "$got" "$want"
	done
	# Failing records: exactly the known ones.
	sed -n "s|^  $corpus/\([^:]*:[0-9]*\): .*|\1|p" "$out" | sort >"$WORK/got"
	awk -v e="$engine" '$1 == e { print $2 }' "$known" |
	    while IFS=: read -r file line; do
		selected "$file" && echo "$file:$line"
	    done | sort >"$WORK/want"
	if cmp -s "$WORK/got" "$WORK/want"; then
		ok "$engine: the $(wc -l <"$WORK/want" | tr -d ' ') failing records are the known ones"
	else
		not_ok "$engine: failing records differ from tests/slt/known-failures"
		diff "$WORK/want" "$WORK/got" | sed 's/^/# /' | head -n 40
	fi
	if [ -s "$WORK/want" ]; then
		is "$engine: exit status 1 (known failures)" "$status" 1
	else
		is "$engine: exit status 0" "$status" 0
	fi
}

for engine in $engines; do
	case $engine in
	sqlite) corpus_engine sqlite 2 ;;
	postgres) corpus_engine postgres 3 ;;
	mysql) corpus_engine mysql 4 ;;
	esac
done

# A corrupted copy: a wrong value and a wrong hash.
bad="$WORK/select1-corrupted.test"
sed -e '99s/^30 values hashing to 3c13/30 values hashing to 0000/' \
    "$corpus/select1.test" >"$bad"
first_value=$(awk '/^----$/ { getline; if ($0 !~ /hashing/) { print NR; exit } }' "$bad")
sed -i "${first_value}s/.*/-999999/" "$bad"
status=0
"$SQLCHECK" --color never "$bad" >"$WORK/bad.out" 2>&1 || status=$?
is "corrupted copy: exit status 1" "$status" 1
contains "corrupted copy: wrong hash names its record" "$(cat "$WORK/bad.out")" "$bad:94: query I"
contains "corrupted copy: hash diff" "$(cat "$WORK/bad.out")" "- 30 values hashing to 0000dee48d9356ae19af2515e05e6b54"
contains "corrupted copy: wrong value shown as expected" "$(cat "$WORK/bad.out")" "- -999999"
contains "corrupted copy: 2 failed" "$(tail -n 1 "$WORK/bad.out")" "1029 passed, 2 failed"

done_testing
