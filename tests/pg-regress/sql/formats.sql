-- \pset format csv and wrapped, csv_fieldsep, format names
CREATE TABLE fmt_t (id int, name text, note text);
INSERT INTO fmt_t VALUES (1, 'plain', NULL), (2, 'has,comma', 'say "hi"'),
  (3, E'two\nlines', '\.'), (4, 'semi;colon', E'cr\rhere');
\pset format csv
SELECT * FROM fmt_t ORDER BY id;
SELECT 1 AS "a,b", 'x' AS """q""";
\pset null (null)
SELECT * FROM fmt_t ORDER BY id;
\pset null ''
\pset tuples_only on
SELECT * FROM fmt_t ORDER BY id;
\pset tuples_only off
\x on
SELECT * FROM fmt_t ORDER BY id;
\x off
\pset csv_fieldsep ;
SELECT * FROM fmt_t ORDER BY id;
\pset csv_fieldsep .
SELECT * FROM fmt_t WHERE id = 1;
\pset csv_fieldsep ,,
\pset csv_fieldsep '"'
\pset csv_fieldsep ,
SELECT 'no rows' AS x WHERE false;
\C 'ignored title'
SELECT 1 AS one;
\C
\pset format wrapped
SELECT * FROM fmt_t ORDER BY id;
\x on
SELECT * FROM fmt_t WHERE id = 2;
\x off
\pset format a
\pset format nosuch
\pset format u
SELECT 1 AS one, 2 AS two;
\pset format al
\set QUIET off
\pset format
\pset format csv
\pset csv_fieldsep
\pset format wrap
\pset format aligned
\set QUIET on
DROP TABLE fmt_t;
