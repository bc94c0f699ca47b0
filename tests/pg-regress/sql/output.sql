-- \o FILE: query results, command tags and \qecho go to the file; the
-- echo, \echo and messages stay on psql's output
\o /dev/null
SELECT 1 AS hidden;
CREATE TEMP TABLE o (i int);
\echo echo stays
\qecho qecho is hidden
SELECT 1/0;
\o
SELECT 2 AS shown;
\qecho qecho shown
-- a file made with \o, run back with \i
\pset format unaligned
\t on
\o o_made.sql
SELECT 'INSERT INTO o VALUES (' || g || ');' FROM generate_series(1, 3) g;
\qecho SELECT sum(i) AS from_file FROM o;
COPY (SELECT 'SELECT ''copied'' AS c;') TO STDOUT;
\o
\t off
\pset format aligned
\i o_made.sql
\o o_made.sql
\o
\i o_made.sql
\o /nonexistent/dir/file
SELECT 3 AS still_shown;
-- \timing: its messages (the times themselves differ from run to run)
\timing on
\timing bogus
\timing off
\set QUIET off
\timing
\timing
\set QUIET on
