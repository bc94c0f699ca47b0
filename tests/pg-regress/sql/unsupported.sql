-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\dRp
\dRp
SELECT 2 AS b;
