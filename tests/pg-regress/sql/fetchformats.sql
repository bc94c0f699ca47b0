-- FETCH_COUNT's batches in the html, asciidoc, latex, latex-longtable and
-- troff-ms formats, and unaligned with a title: one table, the footer counts
-- every row; compared with psql
\set FETCH_COUNT 2
\pset format html
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset format asciidoc
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset format latex
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset format latex-longtable
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset format troff-ms
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset format unaligned
\pset title T
SELECT n, 'v' || n AS v FROM generate_series(1, 5) n;
\pset title
-- a last batch with no rows, and no rows at all
\pset format html
SELECT n FROM generate_series(1, 4) n;
SELECT 1 WHERE false;
\pset format asciidoc
SELECT n FROM generate_series(1, 4) n;
SELECT 1 WHERE false;
\pset format latex
SELECT n FROM generate_series(1, 4) n;
SELECT 1 WHERE false;
\pset format latex-longtable
SELECT n FROM generate_series(1, 4) n;
SELECT 1 WHERE false;
\pset format troff-ms
SELECT n FROM generate_series(1, 4) n;
SELECT 1 WHERE false;
\pset format unaligned
\pset recordsep ';'
SELECT n FROM generate_series(1, 4) n;
\pset recordsep '\n'
\unset FETCH_COUNT
\pset format aligned
