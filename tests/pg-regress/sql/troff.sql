-- \pset format troff-ms, compared with psql: backslashes, NULLs,
-- alignment, \pset border 0 to 2, title, footers, \x and tbl's .T&
\set QUIET off
\pset format troff-ms
\set QUIET on
SELECT 1 AS a, E'x\\y.z' AS "b\c", NULL::text AS c, E'two\nlines' AS d,
    '' AS e, '.dot' AS f;
SELECT 1 WHERE false;
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, NULL)) v(n, m);
\pset null N_
SELECT NULL AS n;
\pset null ''
\pset border 0
SELECT 1 AS a, 'x' AS b;
\pset border 2
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 3
SELECT 1 AS a, 2 AS b;
\pset border 1
\pset title 'T \ x'
SELECT 1 AS titled;
\pset title
\pset tuples_only on
SELECT 1 AS a, 2 AS b;
\pset tuples_only off
\pset footer off
SELECT 3 AS no_footer;
\pset footer on
-- expanded: a Record line each, tbl's format changes, no "(N rows)"
\x on
SELECT n, 'v\' || n AS v, '' AS e FROM generate_series(1, 3) n;
\pset border 0
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 2
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\C 'Expanded'
SELECT 1 AS titled;
\C
\pset tuples_only on
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 1
SELECT 1 AS a UNION ALL SELECT 2;
\pset border 0
SELECT 1 AS a UNION ALL SELECT 2;
\pset tuples_only off
\pset border 1
\x off
-- \d: the title centred, the footers in the left display
CREATE TABLE troff_t (id int PRIMARY KEY, n text NOT NULL DEFAULT 'x');
\d troff_t
\pset format aligned
DROP TABLE troff_t;
