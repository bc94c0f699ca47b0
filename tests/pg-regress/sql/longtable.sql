-- \pset format latex-longtable, compared with psql: heads repeated,
-- \pset border 0 to 3 (rules), the title as caption, \pset tableattr as
-- column widths, no footers, \x as latex
\set QUIET off
\pset format latex-longtable
\pset format latex-
\pset format late
\pset format latex-longtable
\set QUIET on
SELECT 1 AS a, 'x&y_z' AS "b_c", NULL::text AS c, E'two\nlines' AS d;
SELECT 1 WHERE false;
\pset null N_
SELECT NULL AS n;
\pset null ''
\pset border 0
SELECT 1 AS a, 2 AS b;
\pset border 2
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 3
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset title 'T & t'
SELECT 1 AS titled;
\pset border 2
SELECT 1 AS titled;
\pset border 0
SELECT 1 AS titled;
\pset title
\pset tuples_only on
\pset border 2
SELECT 1 AS a;
\pset border 3
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset border 1
SELECT 1 AS a, 2 AS b;
\pset tuples_only off
\pset tableattr ' 0.1  0.3 '
SELECT 'a' AS a, 1 AS n, 'b' AS b, 'c' AS c;
\pset tableattr '  '
SELECT 'a' AS a, 'b' AS b;
\pset tableattr
\pset footer off
SELECT 3 AS no_footer;
\pset footer on
\x on
SELECT n, 'v_' || n AS v FROM generate_series(1, 2) n;
\x off
-- \d: the title as caption; its footers are not printed
CREATE TABLE lt_t (id int PRIMARY KEY, n text NOT NULL DEFAULT 'x');
\d lt_t
\set QUIET off
\pset
\pset format aligned
\set QUIET on
DROP TABLE lt_t;
