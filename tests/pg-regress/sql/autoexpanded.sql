-- \x auto with \pset columns: a table wider than the columns (or whose
-- headers are) prints expanded, as psql decides it
\x auto
\pset columns 30
SELECT 1 AS one, 'narrow' AS two;
SELECT 1 AS one, 'a value that makes the table too wide' AS two;
SELECT 'a single column wider than thirty characters' AS only;
SELECT 1 AS "a header wider than it all", 2 AS "and another one";
SELECT 1 AS one, 2 AS two WHERE false;
\pset format wrapped
SELECT 1 AS one, 'a value that makes the table too wide' AS two;
SELECT 1 AS "a header wider than it all", 2 AS "and another one";
\pset border 2
SELECT 1 AS one, 'narrow enough' AS two;
SELECT 1 AS one, 'narrow enough to fit?' AS two;
\pset format aligned
\set FETCH_COUNT 2
SELECT g, repeat('w', g * 6) AS w FROM generate_series(1, 5) g;
\unset FETCH_COUNT
\pset border 1
\pset columns 0
SELECT 1 AS one, 'a value that makes the table too wide' AS two;
-- FETCH_COUNT: after a full batch psql prints \x auto's tables expanded
\set FETCH_COUNT 2
SELECT g, 'w' AS w FROM generate_series(1, 3) g;
SELECT g, 'w' AS w FROM generate_series(1, 2) g;
SELECT g, 'w' AS w FROM generate_series(1, 1) g;
\pset format wrapped
SELECT g, 'w' AS w FROM generate_series(1, 4) g;
\pset format unaligned
SELECT g, 'w' AS w FROM generate_series(1, 3) g;
\pset format aligned
\o autoexpanded-out.txt
SELECT g, 'w' AS w FROM generate_series(1, 3) g;
\o
\! cat autoexpanded-out.txt
\! rm autoexpanded-out.txt
SELECT g, 'w' AS w FROM generate_series(1, 3) g \g autoexpanded-out.txt
\! cat autoexpanded-out.txt
\! rm autoexpanded-out.txt
\unset FETCH_COUNT
\x off
