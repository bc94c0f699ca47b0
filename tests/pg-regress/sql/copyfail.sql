-- a COPY FROM STDIN that fails before reading its data (no such table,
-- an aborted transaction): psql drops the data lines that follow, up to
-- "\.", instead of running them as SQL; statements after the COPY on
-- its own line still run
COPY copyfail_missing FROM STDIN;
SELECT 'skipped: data of the failed COPY' AS never;
\.
SELECT 'after the data' AS a;
copy copyfail_missing (a, b) from stdin with (format csv);
1,2
\.
/* a comment */ COPY copyfail_missing FROM STDIN; SELECT 'same line' AS b;
3	4
\. 
SELECT 'still data: "\. " is no end' AS never;
\.
SELECT 0 AS zero \; COPY copyfail_missing FROM STDIN;
5
\.
\copy copyfail_missing from stdin
6
\.
\copy copyfail_missing from 'data/include.sql'
SELECT 'after a \copy from a file' AS c;
CREATE TABLE copyfail_t (n int);
BEGIN;
SELECT 1/0;
COPY copyfail_t FROM STDIN;
7
\.
ROLLBACK;
COPY copyfail_t FROM STDIN;
bad
\.
COPY (SELECT 1/0) TO STDOUT;
SELECT 'copy to stdout: nothing skipped' AS d;
SELECT 'copy from stdin' AS mentioned, 1/0;
SELECT 'not skipped' AS e;
SELECT count(*) AS rows FROM copyfail_t;
DROP TABLE copyfail_t;
COPY copyfail_missing FROM STDIN;
SELECT 'skipped to the end of the file' AS never;
