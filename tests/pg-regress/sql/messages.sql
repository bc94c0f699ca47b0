-- server messages as psql prints them
SELECT 1/0;
SELECT *
  FROM no_such_table
  WHERE true;
SELEC 1;
SELECT 'abc' +
  1;
SELECT no_such_function(1, 'x');
CREATE TEMP TABLE msg_t (id int PRIMARY KEY, v text CHECK (v <> 'bad'));
INSERT INTO msg_t VALUES (1, 'ok');
INSERT INTO msg_t VALUES (1, 'dup');
INSERT INTO msg_t VALUES (2, 'bad');
DO $$
BEGIN
  RAISE NOTICE 'first notice';
  RAISE WARNING 'a warning';
  RAISE NOTICE 'with detail' USING DETAIL = 'the detail', HINT = 'the hint';
END
$$;
CREATE FUNCTION msg_boom(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'boom called with %', x;
  RETURN x / 0;
END
$$;
SELECT msg_boom(3);
SELECT 'after' AS a, msg_boom(0) AS b;
\set VERBOSITY terse
SELECT 1/0;
SELECT msg_boom(4);
\set VERBOSITY default
SET client_min_messages = warning;
DO $$ BEGIN RAISE NOTICE 'hidden'; RAISE WARNING 'shown'; END $$;
RESET client_min_messages;
\set SHOW_CONTEXT always
DO $$ BEGIN RAISE NOTICE 'with context'; END $$;
\set SHOW_CONTEXT errors
\i data/include.sql
SELECT 'back from include' AS a;
\i data/no_such_file.sql
\nosuchcommand
DROP TABLE msg_t;
DROP FUNCTION msg_boom(int);
