#!/bin/sh
# engine-sqlite.sh: the example suite (sql-tests/), the engine-neutral
# files (tests/sqltest/common/) and the SQLite-only files
# (tests/sqltest/sqlite/) on SQLite.  One TAP point per file, read from
# sqlcheck's line for it ("ok   PATH", "FAIL PATH", "skip PATH"), with the
# failure text as diagnostics; one for the exit status.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

require_engines sqlite
cd "$top_srcdir" || {
	echo "Bail out! cannot cd to $top_srcdir"
	exit 99
}
DIRS="sql-tests tests/sqltest/common tests/sqltest/sqlite"

# shellcheck disable=SC2086
run_sqlcheck -d sqlite --color never $DIRS
printf '%s\n' "$OUT" >"$WORK/out"

# The test files sqlcheck should have found, in its order.
for d in $DIRS; do
	find "$d" -type f \( -name '*.sqltest' -o -name '*.test' -o \
	    -name '*.slt' \) ! -name '.*' | sort
done >"$WORK/files"
[ -s "$WORK/files" ]
ok "test files found under $DIRS" $?

# The report of one file: its line and the indented lines under it.
file_report()
{
	awk -v f="$1" '
	    /^[^ ]/ { inside = ($2 == f) }
	    inside { print }' "$WORK/out"
}

while read -r f; do
	line=$(awk -v f="$f" '$2 == f { print; exit }' "$WORK/out")
	case $line in
	"ok "*)
		pass "$f"
		;;
	"skip "*)
		skip "$f" "$(printf '%s\n' "$line" | sed 's/^[^(]*(//; s/)$//')"
		;;
	"")
		fail "$f"
		diag "no line for this file in sqlcheck's output"
		;;
	*)
		fail "$f"
		diag "$(file_report "$f")"
		;;
	esac
done <"$WORK/files"

is_status "exit status 0" 0
diag "$(last_line "$OUT")"

done_testing
