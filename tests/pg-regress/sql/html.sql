-- \pset format html, \H and \T, compared with psql: escaping, blank
-- cells, NULLs, alignment, border, attributes, title, footers, \x
\set QUIET off
\pset format html
\set QUIET on
SELECT 1 AS a, 'x<y & "z" > w' AS b, NULL::text AS c, E'two\n  lines' AS d;
SELECT 2.5 AS num, '' AS empty, '   ' AS blanks, E' \t ' AS tab,
    '  lead  and  inner  ' AS spaces;
SELECT 1 WHERE false;
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, NULL)) v(n, "H&N");
\pset null (null)
SELECT NULL AS n, '(null)' AS s;
\pset null ''
\pset border 0
SELECT 1 AS b0;
\pset border 2
\pset title 'A <title> & "more"'
SELECT 1 AS b2;
\pset title
\set QUIET off
\T 'class="t" cellpadding=2'
\pset tableattr
\pset tableattr 'id=x'
\pset border 1
\set QUIET on
SELECT 1 AS attr;
\T
\pset tuples_only on
SELECT 1 AS a, 'only' AS b;
\pset tuples_only off
\pset footer off
SELECT 3 AS no_footer;
\pset footer on
-- expanded: a Record row each, no "(N rows)"
\x on
SELECT n, 'v' || n AS v FROM generate_series(1, 2) n;
\pset tuples_only on
SELECT 1 AS a, 2 AS b;
\pset tuples_only off
\C 'Expanded <t>'
SELECT 1 AS titled;
\C
\x off
-- \d: the title a caption, the footers in a paragraph
CREATE TABLE html_t (id int PRIMARY KEY, n text NOT NULL DEFAULT 'x');
CREATE INDEX html_t_n ON html_t (n);
\d html_t
-- the settings listed
\T 'summary="s"'
\pset
\T
-- \H goes back to aligned, and again to html
\set QUIET off
\H
\set QUIET on
SELECT 1 AS aligned;
\H
SELECT E'x\ny' AS back_in_html;
\pset format aligned
\a
\a
DROP TABLE html_t;
