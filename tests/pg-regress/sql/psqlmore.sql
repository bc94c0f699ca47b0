-- \getenv, \setenv, \ir, \gexec, ECHO errors, \errverbose
\errverbose
\getenv user PGUSER
\echo :user
\setenv SQLCHECK_TEST_VAR some_value
\getenv v SQLCHECK_TEST_VAR
\echo :v
\setenv SQLCHECK_TEST_VAR
\getenv v SQLCHECK_TEST_VAR
\echo :v
\i data/sub/a.sql
SELECT format('SELECT %s AS x', g) FROM generate_series(1, 2) g \gexec
SELECT 'SELECT 1/0', NULL, 'SELECT 3 AS y' \gexec
\set ECHO errors
SELECT 1/0;
SELECT 5 AS ok;
\set ECHO all
SELECT 1/0;
\errverbose
SELECT 'still here' AS s;
