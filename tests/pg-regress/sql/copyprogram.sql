-- \copy ... FROM PROGRAM and TO PROGRAM: the command run by /bin/sh (its
-- errors, and with TO its output, in the test's), its exit status as psql
-- reports it, a failing COPY, a command that stops reading early.
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
\copy cpp to program 'head -1'
\copy cpp from program
\copy cpp from program notquoted
SELECT 'end' AS e;
DROP TABLE cpp;
