-- meta-commands of psql 16 and later: psql 15 knows none of them
SELECT 1 AS a \bind \g
SELECT $1::int AS b \bind 7 \g
SELECT 2 AS c \parse s1
\bind_named s1 \g
\close_prepared s1
\drg
\startpipeline
\syncpipeline
\getresults
\endpipeline
;
SELECT 3 AS d;
