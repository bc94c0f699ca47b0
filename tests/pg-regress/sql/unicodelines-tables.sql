-- the tables of unicodelines.sql, under each \pset border, then \x
\pset border 0
SELECT 1 AS a, E'x\ny' AS b, 'z' AS c;
\pset border 1
SELECT 1 AS a, E'x\ny' AS b, 'z' AS c;
\pset border 2
SELECT 1 AS a, E'x\ny' AS b, 'z' AS c;
\x
\pset border 0
SELECT 1 AS a, E'x\ny' AS b UNION ALL SELECT 2, 'w';
\pset border 1
SELECT 1 AS a, E'x\ny' AS b UNION ALL SELECT 2, 'w';
\pset border 2
SELECT 1 AS a, E'x\ny' AS b UNION ALL SELECT 2, 'w';
\x
