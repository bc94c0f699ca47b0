-- FETCH_COUNT under \x: each batch a table of its own, numbered on
\set FETCH_COUNT 2
\x on
SELECT g AS n, repeat('ab', g) AS s FROM generate_series(1, 5) g;
SELECT g AS n FROM generate_series(1, 4) g;
SELECT g AS n FROM generate_series(1, 0) g;
\pset border 2
SELECT g AS n, repeat('ab', g) AS s FROM generate_series(1, 5) g;
SELECT g AS n FROM generate_series(1, 4) g;
SELECT g AS n FROM generate_series(1, 0) g;
\pset border 0
SELECT g AS n, repeat('ab', g) AS s FROM generate_series(1, 5) g;
SELECT g AS n FROM generate_series(1, 4) g;
\pset border 1
\set FETCH_COUNT 1
SELECT g AS n FROM generate_series(8, 12) g;
\pset tuples_only on
SELECT g AS n FROM generate_series(8, 10) g;
\pset border 2
SELECT g AS n FROM generate_series(8, 10) g;
\pset tuples_only off
\pset title 'A title'
SELECT g AS n FROM generate_series(8, 10) g;
\pset title
\x off
SELECT 1 AS one, 2 AS two \gx
\pset format unaligned
\x on
SELECT g AS n FROM generate_series(8, 10) g;
\x off
