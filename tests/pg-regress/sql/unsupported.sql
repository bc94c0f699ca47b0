-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\dT
\dT
SELECT 2 AS b;
