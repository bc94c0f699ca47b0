-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\du
\du
SELECT 2 AS b;
