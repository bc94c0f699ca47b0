-- \pset format wrapped with \pset columns under \x: values narrowed to
-- the width left beside the headers, as psql does
CREATE TABLE memo (k int, "multi
line" text, v text);
INSERT INTO memo VALUES
  (1, 'short', 'a value much longer than the columns allow here'),
  (2, E'first\nsecond line that is long', ''),
  (3, NULL, 'ünïcödé 漢字漢字漢字漢字 wide');
\pset null '(null)'
\pset format wrapped
\x on
\pset columns 30
SELECT * FROM memo ORDER BY k;
\pset border 0
SELECT * FROM memo ORDER BY k;
\pset border 2
SELECT * FROM memo ORDER BY k;
\pset linestyle old-ascii
\pset border 1
SELECT * FROM memo ORDER BY k;
\pset border 0
SELECT * FROM memo ORDER BY k;
\pset border 2
SELECT * FROM memo ORDER BY k;
\pset linestyle unicode
\pset border 1
SELECT * FROM memo ORDER BY k;
\pset linestyle ascii
-- narrower than the headers and three columns of data
\pset columns 5
SELECT * FROM memo ORDER BY k;
\pset tuples_only on
SELECT * FROM memo ORDER BY k;
\pset tuples_only off
\pset columns 200
SELECT * FROM memo ORDER BY k;
SELECT k, v FROM memo WHERE false;
-- FETCH_COUNT's batches, each a table of its own
\set FETCH_COUNT 2
\pset linestyle unicode
\pset border 2
\pset columns 30
SELECT * FROM memo ORDER BY k;
\unset FETCH_COUNT
\pset linestyle ascii
\pset border 1
\pset columns 0
\x off
\pset format aligned
\pset null ''
DROP TABLE memo;
