-- a psql meta-command sqlcheck does not reproduce
SELECT 1 AS a;
\do
\do
SELECT 2 AS b;
