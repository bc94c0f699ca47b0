#!/bin/sh
# checks.sh: the checks of tests/lib.sh fail when what they guard is
# broken (a check of the check).  A dump tool that exits 1 after printing
# the expected dump, an empty dump and a changed one fail same_dump, and a
# failing dump before the runs is a bail out; an empty or non-numeric
# status fails ok; nothing_left fails on what stays; same_with_jobs fails
# when the two runs exit differently or do not finish; require_engines
# skips a driver whose module is missing and bails out when CI requires
# it; a missing tool is a skip, and a failure under CI.  Each case runs
# as a script of its own that sources lib.sh, or through check_fails.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

# child NAME BODY: run BODY in a script of its own after lib.sh, ended by
# done_testing; sets COUT (its output) and CSTATUS.
child()
{
	printf '. "%s/tests/lib.sh"\n%s\ndone_testing\n' "$top_srcdir" "$2" \
	    >"$WORK/$1.sh"
	COUT=$(sh "$WORK/$1.sh" 2>&1)
	CSTATUS=$?
}

printf 'one\ntwo\n' >"$WORK/dump.txt"
cat >"$WORK/dump-fails" <<EOF
#!/bin/sh
cat "$WORK/dump.txt"
exit 1
EOF
chmod +x "$WORK/dump-fails"

dump_save d cat "$WORK/dump.txt"
same_dump "same_dump: the same dump passes" d cat "$WORK/dump.txt"
check_fails "same_dump: a dump tool that exits 1 fails it" \
    same_dump "the dump is unchanged" d "$WORK/dump-fails"
check_fails "same_dump: an empty dump fails it" \
    same_dump "the dump is unchanged" d true
printf 'one\nTWO\n' >"$WORK/changed.txt"
check_fails "same_dump: a changed dump fails it" \
    same_dump "the dump is unchanged" d cat "$WORK/changed.txt"
check_fails "same_dump: a dump of nothing at all fails it" \
    same_dump "the dump is unchanged" d cat "$WORK/no-such-file"

child save-fails "dump_save d '$WORK/dump-fails'
pass 'after the dump'"
is "dump_save: a failing dump is a bail out (exit 99)" "$CSTATUS" 99
contains "dump_save: ... saying why" "$COUT" "Bail out! the dump failed (exit 1)"
lacks "dump_save: ... before any run" "$COUT" "after the dump"
child save-empty "dump_save d true"
is "dump_save: an empty dump is a bail out" "$CSTATUS" 99

check_fails "ok: an empty status fails" ok "desc" ""
check_fails "ok: a status that is not a number fails" ok "desc" "x"
check_fails "ok: status 1 fails" ok "desc" 1
ok "ok: status 0 passes" 0

mkdir "$WORK/left"
check_fails "nothing_left: a directory left fails it" \
    nothing_left "desc" 0.5 ls -d "$WORK/left"
touch "$WORK/left/a-file"
check_fails "nothing_left: a file left fails it" \
    nothing_left "desc" 0.5 ls -A "$WORK/left"
check_fails "nothing_left: a listing that fails fails it" \
    nothing_left "desc" 0.5 ls "$WORK/no-such-dir"
rm "$WORK/left/a-file"
nothing_left "nothing_left: nothing left passes" 1 ls -A "$WORK/left"
( sleep 0.3; rm -rf "$WORK/left" ) &
nothing_left "nothing_left: waits for what goes away" 30 \
    sh -c "ls -d '$WORK/left' 2>/dev/null; true"
wait

check_fails "wait_for: gives up after its limit" \
    sh -c '. "$1/tests/lib.sh"; wait_for 0.3 false || fail x' sh "$top_srcdir"

# A sqlcheck that exits otherwise with -j 2, and one that prints nothing.
cat >"$WORK/sqlcheck-j2" <<EOF
#!/bin/sh
case " \$* " in *" -j 2 "*) "$SQLCHECK" "\$@" >/dev/null 2>&1; exit 3 ;; esac
exec "$SQLCHECK" "\$@"
EOF
printf '#!/bin/sh\nexit 134\n' >"$WORK/sqlcheck-crash"
chmod +x "$WORK/sqlcheck-j2" "$WORK/sqlcheck-crash"
fx=$top_srcdir/tests/fixtures
same_with_jobs "same_with_jobs: the same report passes" "$fx/pass.sqltest"
real=$SQLCHECK
SQLCHECK=$WORK/sqlcheck-j2
check_fails "same_with_jobs: another exit status fails it" \
    same_with_jobs "desc" "$fx/pass.sqltest"
SQLCHECK=$WORK/sqlcheck-crash
check_fails "same_with_jobs: two runs that crash alike fail it" \
    same_with_jobs "desc" "$fx/pass.sqltest"
SQLCHECK=$real

# sqlcheck copied where there is no module beside it.
mkdir "$WORK/bin"
cp "$SQLCHECK_BIN" "$WORK/bin/sqlcheck"
if [ -e /usr/local/lib/sqlcheck/sqlcheck-postgres.so ]; then
	skip "require_engines: a driver whose module is missing" \
	    "a sqlcheck-postgres.so is installed in /usr/local/lib/sqlcheck"
else
	child no-module "SQLCHECK_BIN='$WORK/bin/sqlcheck'
SQLCHECK_PG_DSN=x
SQLCHECK_REQUIRE_ENGINES=
require_engines postgres"
	is "require_engines: a missing module: skipped" "$(printf '%s\n' \
	    "$COUT" | grep -v '^#')" \
	    "1..0 # SKIP sqlcheck was built without the postgres driver"
	child no-module-ci "SQLCHECK_BIN='$WORK/bin/sqlcheck'
SQLCHECK_PG_DSN=x
SQLCHECK_REQUIRE_ENGINES=sqlite,postgres
require_engines postgres"
	is "require_engines: a missing module CI requires: exit 99" \
	    "$CSTATUS" 99
	contains "require_engines: ... a bail out" "$COUT" \
	    "Bail out! sqlcheck was built without the postgres driver"
fi
child no-dsn "SQLCHECK_MYSQL_DSN=
SQLCHECK_REQUIRE_ENGINES=mysql
require_engines mysql"
contains "require_engines: no DSN CI requires: a bail out" "$COUT" \
    "Bail out! no mysql server (set SQLCHECK_MYSQL_DSN)"

child tool-ci "SQLCHECK_REQUIRE_ENGINES=sqlite
missing 'a point' 'no frobnicate'"
is "missing: under CI, a failure" "$CSTATUS" 1
contains "missing: ... saying what is missing" "$COUT" "# no frobnicate"
child tool "SQLCHECK_REQUIRE_ENGINES=
missing 'a point' 'no frobnicate'"
contains "missing: outside CI, a skip" "$COUT" \
    "ok 1 - a point # SKIP no frobnicate"
child tools-ci "SQLCHECK_REQUIRE_ENGINES=sqlite
require_tools sh no-such-tool-here"
is "require_tools: under CI, a missing tool is a bail out" "$CSTATUS" 99
child tools "SQLCHECK_REQUIRE_ENGINES=
require_tools sh no-such-tool-here"
contains "require_tools: outside CI, a skip" "$COUT" \
    "1..0 # SKIP no no-such-tool-here"

done_testing
