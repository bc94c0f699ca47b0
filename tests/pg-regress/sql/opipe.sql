-- \o |COMMAND: query results, command tags and \qecho as the input of the
-- command run by /bin/sh, which is waited for when the output changes again
-- or the test ends (commands that write only at the end of their input: the
-- output of one such as cat depends on timing in psql itself).
\o | sort -r
SELECT 1 AS a;
\echo echoed while piped
SELECT 2 AS b;
\qecho qecho line
\o
SELECT 3 AS c;
\o | wc -l
SELECT generate_series(1, 10) AS n;
\o | tr a-z A-Z
SELECT 'lower' AS x;
\o
\o
\o | sort
SELECT 'z' AS last;
\o
