-- COPY TO STDOUT under \g FILE: the data goes to the file (every
-- result of the query), also while \o sends results elsewhere
\set QUIET off
COPY (SELECT 'plain') TO STDOUT;
\copy (SELECT 'client') to stdout
COPY (SELECT 'one') TO STDOUT \g gcopy-1.txt
\echo :ROW_COUNT
\! cat gcopy-1.txt
COPY (SELECT 'two') TO STDOUT \; SELECT 'three' AS t \; COPY (SELECT 'four') TO STDOUT \g gcopy-1.txt
\! cat gcopy-1.txt
\o gcopy-2.txt
COPY (SELECT 'five') TO STDOUT;
\echo :ROW_COUNT
COPY (SELECT 'six') TO STDOUT \; COPY (SELECT 'seven') TO STDOUT \g gcopy-1.txt
\o
\set QUIET on
\! cat gcopy-1.txt
\! cat gcopy-2.txt
\! rm gcopy-1.txt gcopy-2.txt
