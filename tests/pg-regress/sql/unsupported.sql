-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\dF
\dF
SELECT 2 AS b;
