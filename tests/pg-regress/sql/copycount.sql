-- ROW_COUNT after COPY: psql 15 keeps the count of a COPY FROM and of a
-- COPY TO a file, but not of a COPY whose data went where query results
-- go (COPY TO STDOUT, \copy to stdout): there it is 0
CREATE TABLE cc (n int, t text);
INSERT INTO cc VALUES (1, 'one'), (2, NULL), (3, 'three');
\echo :ROW_COUNT
COPY cc TO STDOUT;
\echo :ROW_COUNT :ERROR :SQLSTATE
COPY (SELECT n FROM cc WHERE n > 1) TO STDOUT WITH (FORMAT csv, HEADER);
\echo :ROW_COUNT
COPY cc FROM STDIN;
4	four
\.
\echo :ROW_COUNT
\copy cc to stdout
\echo :ROW_COUNT
\copy cc from stdin
5	five
6	six
\.
\echo :ROW_COUNT
\copy (SELECT n FROM cc) to 'copycount.tmp'
\echo :ROW_COUNT
\o copycount.out.tmp
COPY cc TO STDOUT;
\copy cc to pstdout
\o
\echo :ROW_COUNT
\copy cc to stdout
\echo :ROW_COUNT
SELECT 1 AS first \; COPY cc TO STDOUT \; SELECT 2 AS last;
\echo :ROW_COUNT
SELECT 1 AS first \; COPY (SELECT 7) TO STDOUT;
\echo :ROW_COUNT
\! rm -f copycount.tmp copycount.out.tmp
DROP TABLE cc;
