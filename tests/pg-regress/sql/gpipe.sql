-- \g |COMMAND, \gx |COMMAND and \w |COMMAND: the rows written to the command run by
-- /bin/sh (its output in the test's, after what came before), with \g's
-- options, the environment of \setenv, a query that fails (a command that
-- stops reading early is left out: psql's "Broken pipe" depends on timing,
-- and so is \w to a command that reads nothing: the ones here read their input).
SELECT 1 AS a, 'two' AS b \g | cat
SELECT generate_series(1, 5) AS n \g |sort -r
SELECT 'x' AS one \gx | tr a-z A-Z
SELECT 2 AS c \g (format=unaligned tuples_only=on) | sed 's/^/got: /'
\echo after
SELECT nosuch \g | cat
SELECT 3 AS d \g | cat >&2
\setenv GPV hello
SELECT 5 AS f \g | sed "s/5/$GPV/"
SELECT 7 AS h;
-- more rows than a pipe holds, to a command that reads none: psql's message
SELECT generate_series(1, 20000) AS n \g | exit 3
-- \w |COMMAND: the query buffer (or the previous query) as its input
SELECT 1 AS a,
  2 AS b
\w | cat
\w |tr a-z A-Z
\p
\r
\w | cat
SELECT 3 AS c;
\w | sed 's/^/prev: /'
\w | cat >/dev/null; exit 2
\w |cat >/dev/null; nosuch_cmd_qq
\w
SELECT 4 AS d \w | cat
\echo done
