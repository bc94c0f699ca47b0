-- ON_ERROR_STOP ends the script at the failing line (psql exits 3)
\set ON_ERROR_STOP on
SELECT 'before' AS a;
SELECT 1/0; SELECT 'same line' AS b;
SELECT 'never' AS c;
