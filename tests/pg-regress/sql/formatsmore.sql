-- the new output formats on what is not a query's rows: \d's footers,
-- \dt's title, \crosstabview, \gx, \gdesc, \sf's lines; compared with psql
CREATE TABLE fm_t (id int PRIMARY KEY, n text NOT NULL CHECK (n <> ''));
CREATE INDEX fm_t_n ON fm_t (n);
INSERT INTO fm_t VALUES (1, 'a'), (2, 'b');
CREATE FUNCTION fm_f(a int) RETURNS int LANGUAGE sql AS 'SELECT a + 1';
\pset format html
\d fm_t
\dt fm_*
SELECT id, n, id * 10 AS v FROM fm_t \crosstabview id n v
SELECT * FROM fm_t \gx
SELECT id, n FROM fm_t \gdesc
\pset format asciidoc
\d fm_t
\dt fm_*
SELECT id, n, id * 10 AS v FROM fm_t \crosstabview id n v
SELECT * FROM fm_t \gx
\pset format latex
\d fm_t
\dt fm_*
SELECT * FROM fm_t \gx
\pset format latex-longtable
\d fm_t
\dt fm_*
\pset format troff-ms
\d fm_t
\dt fm_*
SELECT id, n, id * 10 AS v FROM fm_t \crosstabview id n v
SELECT * FROM fm_t \gx
\pset format aligned
DROP TABLE fm_t;
DROP FUNCTION fm_f(int);
