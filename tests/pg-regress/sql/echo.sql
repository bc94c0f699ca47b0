-- psql echoes every line as read; empty lines are skipped
SELECT 1 AS one;

   
/* a C comment before a statement */ SELECT 2 AS two;
SELECT 3 AS three; SELECT 4 AS four; -- trailing comment
SELECT
  5 -- inside
  AS five
;
\set QUIET 0
CREATE TEMP TABLE echo_t (a int);
INSERT INTO echo_t VALUES (1), (2);
INSERT INTO echo_t VALUES (3) RETURNING a;
UPDATE echo_t SET a = a + 1;
DELETE FROM echo_t WHERE a > 100;
BEGIN;
SAVEPOINT s;
RELEASE s;
ROLLBACK;
\set QUIET 1
\set ECHO queries
SELECT 'queries' AS echo_mode;
-- a comment not echoed
\set ECHO none
SELECT 'none' AS echo_mode;
\set ECHO all
SELECT 'all again' AS echo_mode;
\set ECHO bogus
\unset ECHO
SELECT 'unset' AS echo_mode;
\set ECHO all
DROP TABLE echo_t;
SELECT 6 AS six
