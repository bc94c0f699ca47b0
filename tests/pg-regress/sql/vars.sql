-- variables, interpolation, \echo, \gset, \if
\set x 42
\set name 'it''s'
\set ident 'Mixed Case'
\set joined a 'b c' d
\echo :x :name :'name' :"ident" :joined :undefined
SELECT :x AS x, :'name' AS name, 1 AS :"ident";
SELECT ':x' AS not_in_quotes, $$:x$$ AS dollar, 1::int AS cast;
\echo -n no newline
\echo
\echo 'tab\there' "double quoted" `echo backtick`
\unset x
\echo :x
SELECT 10 AS a, 'txt' AS b, NULL AS c \gset
\echo :a :b :c
SELECT 7 AS a \gset pre_
\echo :pre_a
SELECT 1 AS a WHERE false \gset
SELECT generate_series(1, 2) AS a \gset
\if true
  \echo in true branch
  \if false
    \echo never
    SELECT 'never' AS a;
  \elif :a
    \echo elif taken :a
  \else
    \echo never either
  \endif
\elif true
  \echo not after a true branch
\else
  \echo no
\endif
\if off
  SELECT 'skipped' AS s;
\else
  SELECT 'else' AS s;
\endif
\if maybe
\echo after bad if
\endif
\set ON_ERROR_STOP
\echo :ON_ERROR_STOP
\unset ON_ERROR_STOP
\echo :ON_ERROR_STOP
\set QUIET yes
\set 1bad x
SELECT :'VERSION_NUM' IS NOT NULL AS has_version, :'DBNAME' = current_database() AS db;
SELECT :'SERVER_VERSION_NUM'::int >= 150000 AS server15;
SELECT 1/0;
\echo :ERROR :SQLSTATE :LAST_ERROR_MESSAGE
SELECT 1;
\echo :ERROR :ROW_COUNT
\set backslash 'a\\b'
SELECT :'backslash' AS bs;
-- :{?name}: TRUE or FALSE as the variable is set, in SQL and in \if
\set present 1
SELECT :{?present} AS set_one, :{?absent} AS unset_one, ':{?present}' AS quoted;
\echo :{?present} :{?absent} :{?} :{?present
\if :{?absent}
\echo absent is set
\else
\echo absent is not set
\endif
-- \set alone lists the variables in name order (LASTOID before
-- LAST_ERROR_MESSAGE); the client's version ones are psql's own
\unset VERSION
\unset VERSION_NAME
\unset VERSION_NUM
\set zz_last 1
\set AA_first 2
CREATE TEMP TABLE vars_lastoid (a int);
\echo :LASTOID
\set
\unset zz_last
\unset AA_first
DROP TABLE vars_lastoid;
