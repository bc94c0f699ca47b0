-- \x expanded display, \pset title
\x
SELECT 1 AS a, 22.5 AS bbbb, E'x\ny' AS c, NULL AS d;
SELECT 1 AS a WHERE false;
SELECT x, repeat('ab', x) AS long_column_name FROM generate_series(1, 2) x;
SELECT;
SELECT 1 AS a, 123456789 AS b, 'xy' AS c, E'a\nb' AS "h
h";
SELECT x, 1 AS yyyyyyyyyyyyy FROM generate_series(1, 2) x;
\t
SELECT x, 1 AS b FROM generate_series(1, 2) x;
\t
\pset format unaligned
SELECT x, 1 AS b FROM generate_series(1, 2) x;
\pset format aligned
\x off
\pset expanded on
SELECT 'é' AS "wide 日本", 2 AS n;
\x auto
SELECT 1 AS a;
\x
\pset title abcdefghijklmnopqrstuvwxyz
SELECT 1 AS a;
\pset title t
SELECT 1 AS a, 2 AS b;
\pset title
\set QUIET 0
\x
\x off
\t on
\t off
\pset null NULL
\pset format unaligned
\pset format aligned
\pset footer off
SELECT 1 AS a;
\pset footer on
\set QUIET 1
