-- \pset format asciidoc, compared with psql: '|' escaped, blank cells
-- (last of a row or not), NULLs, alignment, border, title, footers, \x
\set QUIET off
\pset format asciidoc
\set QUIET on
SELECT 1 AS a, 'x|y' AS "b|c", NULL::text AS c, E'two\n  lines' AS d, '' AS e;
SELECT 2.5 AS num, '' AS empty, '   ' AS blanks, E' \t ' AS tab,
    '  lead  and  inner  ' AS spaces;
SELECT 1 WHERE false;
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, NULL)) v(n, m);
\pset null (null)
SELECT NULL AS n, '(null)' AS s;
\pset null ''
\pset border 0
SELECT 1 AS b0, 'x' AS y;
\pset border 2
\pset title 'A | title'
SELECT 1 AS b2;
\pset title
\pset border 1
\pset tuples_only on
SELECT 1 AS a, 'only' AS b, '' AS c;
\pset tuples_only off
\pset footer off
SELECT 3 AS no_footer;
\pset footer on
-- expanded: a Record row each, no "(N rows)"
\x on
SELECT n, 'v|' || n AS v, '' AS e, NULL AS z FROM generate_series(1, 2) n;
\pset tuples_only on
SELECT 1 AS a, 2 AS b;
\pset tuples_only off
\pset border 0
SELECT 1 AS x0;
\pset border 2
\C 'Expanded'
SELECT 1 AS titled;
\C
\pset border 1
\x off
-- \d: the title, the footers in a literal block
CREATE TABLE adoc_t (id int PRIMARY KEY, n text NOT NULL DEFAULT 'x');
\d adoc_t
\pset format aligned
DROP TABLE adoc_t;
