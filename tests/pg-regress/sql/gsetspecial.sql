-- \gset does not set psql's specially treated variables
SELECT 97 AS "EOF", 'ok' AS _foo \gset IGNORE
\echo :IGNORE_foo :IGNOREEOF
SELECT 'x' AS "UIET", 2 AS "ERBOSITY", 3 AS "ETCH_COUNT" \gset Q
\echo :QUIET
SELECT 'on' AS "AUTOCOMMIT", 'off' AS "HIDE_TABLEAM", 1 AS "PROMPT1", 5 AS plain \gset
\echo :AUTOCOMMIT :HIDE_TABLEAM :plain
SELECT 1 AS "ECHO" \gset
SELECT 'terse' AS "VERBOSITY", 'x' AS "LASTOID", 'y' AS "ROW_COUNT" \gset
\echo :VERBOSITY
\set FETCH_COUNT 1
SELECT 'z' AS "SHOW_CONTEXT", 'w' AS other \gset
\echo :other :SHOW_CONTEXT
\unset FETCH_COUNT
