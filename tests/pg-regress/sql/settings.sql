-- psql variables that change what is sent or printed
CREATE TABLE set_t (id int PRIMARY KEY);
\set VERBOSITY sqlstate
INSERT INTO set_t VALUES (1), (1);
\set VERBOSITY verbose
INSERT INTO set_t VALUES (1), (1);
\set VERBOSITY default
\set AUTOCOMMIT off
INSERT INTO set_t VALUES (2);
SELECT count(*) FROM set_t;
ROLLBACK;
SELECT count(*) FROM set_t;
INSERT INTO set_t VALUES (3);
COMMIT;
/* a comment */ -- and another
  begin;
INSERT INTO set_t VALUES (4);
end;
VACUUM set_t;
CREATE INDEX CONCURRENTLY set_i ON set_t (id);
DROP INDEX CONCURRENTLY set_i;
CREATE UNIQUE INDEX set_u ON set_t (id);
ROLLBACK;
PREPARE set_p AS SELECT 1;
EXECUTE set_p;
ROLLBACK;
DISCARD PLANS;
ROLLBACK;
DISCARD ALL;
CLUSTER;
\set AUTOCOMMIT bogus
\set AUTOCOMMIT on
SELECT count(*) FROM set_t;
\unset AUTOCOMMIT
INSERT INTO set_t VALUES (9);
\set AUTOCOMMIT on
SELECT count(*) FROM set_t;
COMMIT;
\set FETCH_COUNT 2
SELECT g FROM generate_series(1, 5) g;
SELECT repeat('x', g) AS r, g FROM generate_series(1, 5) g;
SELECT repeat('y', g) AS r FROM generate_series(1, 4) g;
SELECT 1 AS none WHERE false;
/* c */ ( VALUES (1, 'a'), (22, 'bb'), (333, 'ccc') );
SELECT g, 1/(3 - g) AS boom FROM generate_series(1, 5) g;
SELECT no_such_column
  FROM generate_series(1, 3);
\echo :ROW_COUNT
SELECT 'gset' AS v \gset
\echo :v
SELECT g AS w FROM generate_series(1, 3) g \gset
BEGIN;
SELECT g FROM generate_series(1, 3) g;
COMMIT;
\pset border 2
SELECT repeat('z', g) AS r FROM generate_series(1, 3) g;
\pset border 1
\pset format unaligned
SELECT repeat('u', g) AS r, g FROM generate_series(1, 4) g;
SELECT repeat('u', g) AS r, g FROM generate_series(1, 5) g;
\pset tuples_only on
SELECT g FROM generate_series(1, 3) g;
\pset tuples_only off
\pset format csv
SELECT repeat('c', g) AS r FROM generate_series(1, 3) g;
\pset format aligned
\C 'T'
SELECT g FROM generate_series(1, 3) g;
\C
UPDATE set_t SET id = id WHERE false;
\set FETCH_COUNT x
\set FETCH_COUNT 0
SELECT repeat('x', g) AS r FROM generate_series(1, 3) g;
\set FETCH_COUNT 1
\unset FETCH_COUNT
\set ON_ERROR_ROLLBACK interactive
BEGIN;
INSERT INTO set_t VALUES (3);
SELECT 1;
ROLLBACK;
\set ON_ERROR_ROLLBACK off
DO $$ BEGIN RAISE NOTICE 'n1'; RAISE WARNING 'w1'; END $$;
\set SHOW_CONTEXT always
DO $$ BEGIN RAISE NOTICE 'n2'; END $$;
\set SHOW_CONTEXT never
DO $$ BEGIN RAISE EXCEPTION 'e1'; END $$;
\set SHOW_CONTEXT errors
DO $$ BEGIN RAISE EXCEPTION 'e2'; END $$;
DROP TABLE set_t;
