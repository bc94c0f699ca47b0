-- Semicolons after the arguments of meta-commands: psql drops the
-- unquoted ones that end an argument of \c, \d..., \x, \t, \C, \i, \o,
-- \lo_*, \cd, and keeps them elsewhere (\set, \echo, \pset, \gset,
-- \timing, \sf) and inside quotes or an interpolated value.
CREATE TABLE semi_t (a int);
CREATE VIEW semi_v AS SELECT 1 AS x;
SELECT current_user AS me \gset
\c - :me;
\c :DBNAME :me;;
SELECT current_database() = :'DBNAME' AS same_db;
\d semi_t;
\dt semi_t;;
\dv semi_v ;
\dt 'semi_t;'
\dt semi_t';'
\x on;
SELECT 1 AS a;
\x off;
\x ;
SELECT 2 AS b;
\x ;;
\t on;
SELECT 3 AS c;
\t off;
\C title;
SELECT 4 AS d;
\C 'kept;'
SELECT 5 AS e;
\C
\pset null none;
SELECT NULL AS n;
\pset null ''
\set v semi;
\echo :v
\echo a; b;
\timing off;
\sf int4eq;
\i nonexistent;
\o /dev/null;
SELECT 6 AS f;
\o
\lo_unlink 4242;
SELECT 7 AS g \gset p_;
\set q 'semi_t;'
\dt :q
\cd .;
DROP VIEW semi_v;
DROP TABLE semi_t;
