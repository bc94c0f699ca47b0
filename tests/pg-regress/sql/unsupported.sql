-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\password
\password
SELECT 2 AS b;
