-- \lo_import, \lo_export and \lo_unlink with the client's files, each in
-- a transaction of its own outside a transaction block; LASTOID
\lo_import data/include.sql 'imported by a test'
SELECT obj_description(:LASTOID, 'pg_largeobject') AS comment,
    length(lo_get(:LASTOID)) > 0 AS has_data;
\set QUIET off
\lo_export :LASTOID lo_exported.txt
\set QUIET on
\! cmp data/include.sql lo_exported.txt && echo same bytes
\! rm lo_exported.txt
\lo_unlink :LASTOID
SELECT count(*) AS left_over FROM pg_largeobject_metadata
    WHERE oid = :LASTOID;
\lo_import data/no-such-file.txt
\lo_export 4000000000 lo_never.txt
\lo_unlink 4000000000
\lo_import
\lo_export 1
BEGIN;
SELECT 1/0;
\lo_unlink 1
ROLLBACK;
BEGIN;
\lo_import data/include.sql
SELECT count(*) AS in_this_transaction FROM pg_largeobject_metadata
    WHERE oid = :LASTOID;
ROLLBACK;
SELECT count(*) AS rolled_back FROM pg_largeobject_metadata
    WHERE oid = :LASTOID;
\if false
\! echo not run in a false branch
\lo_unlink 1
\endif
