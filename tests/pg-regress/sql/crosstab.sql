-- \crosstabview
CREATE TEMP TABLE ct (v text, h text, d int, s int);
INSERT INTO ct VALUES ('r1', 'c1', 1, 2), ('r1', 'c2', 2, 1), ('r2', 'c1', 3, 2),
  ('r3', 'c3', 4, 3);
SELECT v, h, d FROM ct ORDER BY v, h
\crosstabview
SELECT v, h, d, s FROM ct ORDER BY v, h
\crosstabview v h d s
SELECT h, v, d FROM ct ORDER BY h
\crosstabview 1 2 3
SELECT v, h, d::text AS d FROM ct
\crosstabview
SELECT v, h FROM ct
\crosstabview
SELECT 'r' AS v, 'c' AS h, 1 AS d UNION ALL SELECT 'r', 'c', 2
\crosstabview
DROP TABLE ct;
