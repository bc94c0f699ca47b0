#!/bin/sh
# tests/modules.sh: the loader refuses a driver module of another build
# with a message, instead of calling into structures it does not know:
# one that predates the version mark (no sqlcheck_module), and one that
# carries another driver interface and version.  The fake modules are
# built here with the C compiler ($CC, default cc).
. "${0%/*}/lib.sh"

CC=${CC:-cc}
printf 'SELECT 1;\n-- expect: ok\n' >"$WORK/t.sqltest"

# build_module DIR ENGINE: compile $WORK/mod.c into DIR/sqlcheck-ENGINE.so
build_module()
{
	mkdir -p "$1" &&
	    $CC -shared -fPIC -o "$1/sqlcheck-$2.so" "$WORK/mod.c" 2>"$WORK/cc.err"
}

cat >"$WORK/mod.c" <<'C'
/* A module of an older build: its entry point has the old name. */
const void *sqlcheck_module_driver(void) { return 0; }
C
if ! build_module "$WORK/old" postgres; then
	skip_all_missing "no C compiler to build a fake module ($CC): $(cat "$WORK/cc.err")"
fi
SQLCHECK_MODULE_DIR=$WORK/old run_sqlcheck -d postgres --dsn x "$WORK/t.sqltest"
is_status "a module without the version mark: exit status 2" 2
contains "a module without the version mark: says it is of another build" \
    "$ERR" "driver module was built for another version of sqlcheck"
contains "a module without the version mark: says how to fix it" "$ERR" \
    "rebuild it, or set SQLCHECK_MODULE_DIR"

cat >"$WORK/mod.c" <<'C'
/* A module of another build: driver interface 999, its own version. */
struct driver_module { int abi; const char *version; const void *driver; };
const struct driver_module sqlcheck_module = { 999, "9.9.9-other", (const void *)1 };
C
build_module "$WORK/other" mysql || fail "cc: $(cat "$WORK/cc.err")"
SQLCHECK_MODULE_DIR=$WORK/other run_sqlcheck -d mariadb --dsn x "$WORK/t.sqltest"
is_status "a module of another interface: exit status 2" 2
contains "a module of another interface: names both builds" "$ERR" \
    "built for sqlcheck 9.9.9-other (driver interface 999), not for this sqlcheck"

# The same mark as this build, so only the version differs.
abi=$(sed -n 's/^#define SQLCHECK_DRIVER_ABI[^0-9]*\([0-9]*\).*/\1/p' \
    "$top_srcdir/src/driver.h")
sed "s/999/$abi/" "$WORK/mod.c" >"$WORK/mod2.c" && mv "$WORK/mod2.c" "$WORK/mod.c"
build_module "$WORK/version" postgres || fail "cc: $(cat "$WORK/cc.err")"
SQLCHECK_MODULE_DIR=$WORK/version run_sqlcheck -d postgres --dsn x "$WORK/t.sqltest"
is_status "a module of another version, same interface: exit status 2" 2
contains "a module of another version, same interface: refused" "$ERR" \
    "built for sqlcheck 9.9.9-other (driver interface $abi)"

done_testing
