-- COPY with inline data, COPY TO STDOUT, \copy to and from files
CREATE TEMP TABLE copy_t (a int, b text);
COPY copy_t FROM STDIN;
1	one
2	two
\N	null
\.
COPY copy_t (a, b) FROM stdin WITH (FORMAT csv);
3,"three, quoted"
4,
\.
SELECT * FROM copy_t ORDER BY a;
COPY copy_t TO STDOUT;
COPY (SELECT a FROM copy_t WHERE a < 3 ORDER BY a) TO STDOUT WITH (FORMAT csv, HEADER);
\copy copy_t TO 'copy_out.txt'
\copy copy_t (a, b) FROM copy_out.txt
SELECT count(*) FROM copy_t;
\copy copy_t TO copy_out.bin WITH BINARY;
\copy copy_t FROM copy_out.bin WITH BINARY;
SELECT count(*) FROM copy_t;
\copy copy_t FROM no_such_file.txt
COPY copy_t FROM STDIN;
not a number	x
\.
SELECT 'after the failed copy' AS a;
DROP TABLE copy_t;
-- \copy with the script's data (stdin), the query output (stdout, which
-- \o redirects) and psql's own output (pstdout)
CREATE TABLE copy_std (n int, word text);
\copy copy_std from stdin
1	one
2	two
\.
\copy copy_std (word, n) from stdin with (format csv)
three,3
\.
\copy copy_std to stdout
\copy (SELECT n FROM copy_std ORDER BY n DESC) to stdout with csv header
\o /dev/null
\copy copy_std to stdout
\copy (SELECT 'still shown' AS w) to pstdout
\o
\copy copy_std from stdin
not a number	x
\.
SELECT count(*) AS rows_kept FROM copy_std;
DROP TABLE copy_std;
