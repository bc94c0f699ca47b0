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
