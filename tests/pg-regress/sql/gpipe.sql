-- \g |COMMAND and \gx |COMMAND: the rows written to the command run by
-- /bin/sh (its output in the test's, after what came before), with \g's
-- options, the environment of \setenv, a command that fails or stops
-- reading early.
SELECT 1 AS a, 'two' AS b \g | cat
SELECT generate_series(1, 5) AS n \g |sort -r
SELECT 'x' AS one \gx | tr a-z A-Z
SELECT 2 AS c \g (format=unaligned tuples_only=on) | sed 's/^/got: /'
\echo after
SELECT generate_series(1, 1000) AS n \g | head -2
SELECT nosuch \g | cat
SELECT 3 AS d \g | cat >&2
SELECT 4 AS e \g | exit 3
\setenv GPV hello
SELECT 5 AS f \g | sed "s/5/$GPV/"
SELECT 6 AS g \g | nosuchcommand_xyz
SELECT 7 AS h;
