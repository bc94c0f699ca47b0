-- \pset fieldsep, recordsep and their _zero forms (a zero byte), in
-- unaligned output and under \x, with titles; \pset columns and
-- pager_min_lines as settings; compared with psql
\set QUIET off
\pset fieldsep_zero
\pset fieldsep
\pset recordsep
\pset recordsep_zero
\pset recordsep
\pset recordsep ;
\pset recordsep
\pset fieldsep_zero off
\pset columns 40
\pset columns
\pset columns 0
\pset pager_min_lines 1
\pset pager_min_lines 3
\pset pager_min_lines
\pset
\a
\set QUIET on
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\x
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset recordsep_zero
\pset fieldsep ,
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\x
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\pset recordsep ;
\pset title TT
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\x
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
SELECT 1 WHERE false;
\t
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
\x
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4;
SELECT 1 WHERE false;
\t
\pset title
SELECT 1 WHERE false;
\pset footer off
SELECT 1 WHERE false;
SELECT 1 AS a;
\pset footer on
\set QUIET off
\pset columns abc
\pset pager_min_lines -5
\pset pager_min_lines x
\pset
\pset recordsep '\n'
\pset fieldsep '|'
\a
\set QUIET on
-- columns does nothing to the aligned format without \x auto
\pset columns 10
SELECT 'a long value, longer than ten' AS wide;
\pset columns 0
