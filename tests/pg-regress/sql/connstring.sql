-- \c with a connection string (keyword=value or a URI), double-quoted
-- names and -reuse-previous, as psql 15 reads them: a connection string
-- alone does not reuse the current connection's settings
\set maindb :DBNAME
\set mainuser :USER
CREATE ROLE regress_connstr_role LOGIN;
CREATE DATABASE regress_connstr_db;
\c "dbname=regress_connstr_db user=regress_connstr_role"
SELECT current_database(), current_user,
    current_setting('application_name') AS app,
    current_setting('intervalstyle') AS ist;
\c -reuse-previous=on :maindb :mainuser
SELECT current_database() = :'maindb' AS back, current_user = :'mainuser' AS same_user;
\c -reuse-previous=on "dbname=regress_connstr_db"
SELECT current_database(), current_user = :'mainuser' AS same_user;
\connect postgresql:///regress_connstr_db?application_name=uri_app
SELECT current_database(), current_setting('application_name') AS app;
\c - regress_connstr_role
SELECT current_user, current_setting('application_name') AS app;
\c "regress_connstr_db" -
SELECT current_database();
\c "dbname=regress_connstr_db" regress_connstr_role
\c -reuse-previous=perhaps regress_connstr_db
\c -reuse-previous=off regress_connstr_db :mainuser
SELECT current_database(), current_setting('application_name') AS app;
\c :maindb
\echo :DBNAME
DROP DATABASE regress_connstr_db;
DROP ROLE regress_connstr_role;
