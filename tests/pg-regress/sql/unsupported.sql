-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\dt
\dt
SELECT 2 AS b;
