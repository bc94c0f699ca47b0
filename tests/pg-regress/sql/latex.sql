-- \pset format latex, compared with psql: LaTeX's special characters,
-- NULLs, alignment, \pset border 0 to 3, title, footers, \x
\set QUIET off
\pset format latex
\set QUIET on
SELECT 1 AS a, 'x&y_z$%#{}~^\<>|"' AS "b_c", NULL::text AS c,
    E'two\nlines' AS d, '' AS e;
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
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset tuples_only on
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 2
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset tuples_only off
\pset border 1
\pset title 'T&t {x}'
SELECT 1 AS titled;
\pset title
\pset tuples_only on
SELECT 1 AS a, 2 AS b;
\pset tuples_only off
\pset footer off
SELECT 3 AS no_footer;
\pset footer on
-- expanded: a Record row each, no "(N rows)"
\x on
SELECT n, 'v_' || n AS v, '' AS e FROM generate_series(1, 2) n;
\pset border 0
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 2
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 3
\C 'Expanded'
SELECT 1 AS titled;
\C
\pset tuples_only on
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 1
SELECT 1 AS a;
\pset tuples_only off
\x off
-- \d: the title centred, the footers after \noindent
CREATE TABLE latex_t (id int PRIMARY KEY, n text NOT NULL DEFAULT 'x');
\d latex_t
\pset format aligned
DROP TABLE latex_t;
