# bench/slt2sql.awk: the SQL that one engine's sqllogictest runner would
# execute from a .test file, as a script for that engine's shell.
#   awk -v engine=sqlite -f bench/slt2sql.awk FILE.test > FILE.sql
# Records are separated by blank lines.  "skipif E" drops a record when E
# is the engine, "onlyif E" when it is not; a "halt" that applies ends the
# file; "#" lines, "hash-threshold" and the result lines after "----" are
# dropped.  Each statement or query is written followed by a line ";".
# At the end, on standard error: "records N" (statements and queries
# written, the count the runner executes) and "errors N" (of them,
# "statement error" records, which the shell reports on stderr).
function flush() {
	if (!skip && nsql > 0) {
		for (i = 1; i <= nsql; i++)
			print sql[i]
		print ";"
		records++
		if (kind == "error")
			errors++
	}
	skip = 0; nsql = 0; mode = "head"; kind = ""
}
BEGIN { mode = "head"; skip = 0; nsql = 0; records = 0; errors = 0 }
{ sub(/\r$/, "") }
/^[ \t]*$/ { flush(); next }
mode == "result" { next }
mode == "sql" {
	if ($0 == "----") { mode = "result"; next }
	sql[++nsql] = $0
	next
}
/^#/ { next }
$1 == "skipif" { if ($2 == engine) skip = 1; next }
$1 == "onlyif" { if ($2 != engine) skip = 1; next }
$1 == "halt" { if (!skip) { halted = 1; exit } ; next }
$1 == "hash-threshold" { next }
$1 == "statement" { mode = "sql"; kind = ($2 == "error" ? "error" : "ok"); next }
$1 == "query" { mode = "sql"; kind = "query"; next }
{ next }
END {
	if (!halted)
		flush()
	printf "records %d\nerrors %d\n", records, errors > "/dev/stderr"
}
