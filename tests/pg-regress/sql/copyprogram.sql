-- \copy ... FROM PROGRAM and TO PROGRAM: the command run by /bin/sh (its
-- errors, and with TO its output, in the test's), its exit status as psql
-- reports it, a failing COPY.
CREATE TABLE cpp (a int, b text);
\copy cpp from program 'printf "1\tone\n2\ttwo\n"'
SELECT * FROM cpp ORDER BY a;
\copy cpp to program 'cat'
\copy cpp to program 'sort -r'
\copy (SELECT a FROM cpp ORDER BY a) TO PROGRAM 'sed s/^/row:/' WITH (FORMAT csv)
\copy cpp from program 'echo oops >&2; printf "3\tthree\n"'
\copy cpp from program 'exit 4'
\copy cpp to program 'cat; exit 2'
\copy cpp from program 'nosuch_cmd_xyz'
\copy cpp from program 'printf "bad\n"'
\copy cpp (a) from program 'seq 5 6' with (format csv)
SELECT count(*) FROM cpp;
\copy cpp from program
\copy cpp from program notquoted
SELECT 'end' AS e;
-- more rows than a pipe holds, to a command that reads none
\copy (SELECT generate_series(1, 20000)) to program 'exit 2'
DROP TABLE cpp;
