-- \pset border 0|1|2 and \pset linestyle ascii|old-ascii|unicode on
-- aligned tables: multi-line cells and headers, titles, no rows, \t
CREATE TABLE border_t (n int, "long header" text, m text, z text);
INSERT INTO border_t VALUES (1, 'xx', E'l1\nline2', NULL),
  (22, E'a\nb\nc', '', E'last\ncol'), (NULL, 'é中', 'wide', 'q');
\pset null '(null)'
\pset border
\pset linestyle
\pset border 0
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset title 'A title'
SELECT 1 AS a, 'xx' AS "long header";
SELECT 'a title longer than the table' AS x;
\pset title
SELECT 1 AS a WHERE false;
\pset border 2
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset title 'A title'
SELECT 1 AS a, 'xx' AS "long header";
\pset title
SELECT 1 AS a WHERE false;
\t on
SELECT * FROM border_t ORDER BY n;
\t off
\d border_t
\pset linestyle old-ascii
\pset border 1
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 0
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 2
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset linestyle u
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 1
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 0
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset title 'A title'
SELECT 1 AS a, 'xx' AS "long header";
\pset title
\pset border 7
SELECT * FROM border_t ORDER BY n;
\pset linestyle bogus
\pset linestyle
\pset format unaligned
\pset border 2
SELECT * FROM border_t ORDER BY n;
\pset format aligned
\set QUIET 0
\pset border 1
\pset linestyle ascii
\set QUIET 1
SELECT * FROM border_t ORDER BY n;
-- expanded (\x) under each border and line style
CREATE SEQUENCE border_t_seq OWNED BY border_t.n;
\x
\pset title 'A title'
SELECT * FROM border_t ORDER BY n;
\pset title
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
SELECT 1 AS a WHERE false;
\d border_t_seq
\t on
SELECT * FROM border_t ORDER BY n;
\t off
\pset border 0
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\t on
SELECT * FROM border_t ORDER BY n;
\t off
\pset border 2
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
SELECT 1 AS a WHERE false;
\d border_t_seq
\t on
SELECT * FROM border_t ORDER BY n;
\t off
\pset linestyle old-ascii
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 1
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 0
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset linestyle unicode
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\pset border 1
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
\d border_t_seq
\pset border 2
SELECT * FROM border_t ORDER BY n;
SELECT n AS U&"multi\000Aline", z AS U&"h\000Ai\000Aj", m FROM border_t ORDER BY n;
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4 UNION ALL SELECT 5, 6
  UNION ALL SELECT 7, 8 UNION ALL SELECT 9, 10 UNION ALL SELECT 11, 12
  UNION ALL SELECT 13, 14 UNION ALL SELECT 15, 16 UNION ALL SELECT 17, 18
  UNION ALL SELECT 19, 20;
\x
\pset linestyle ascii
\pset border 1
DROP TABLE border_t;
