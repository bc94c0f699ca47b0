-- the values psql 15 checks for its special variables, and what
-- \unset (its default) or an empty value (on, for a boolean) gives them
\set COMP_KEYWORD_CASE nope
\set COMP_KEYWORD_CASE UPPER
\echo :COMP_KEYWORD_CASE
\unset COMP_KEYWORD_CASE
\echo :COMP_KEYWORD_CASE
\set HISTCONTROL nope
\set HISTCONTROL ignoreboth
\unset HISTCONTROL
\echo :HISTCONTROL
\set HISTSIZE many
\set HISTSIZE 20
\unset HISTSIZE
\echo :HISTSIZE
\set ECHO_HIDDEN sometimes
\set ECHO_HIDDEN
\echo :ECHO_HIDDEN
\set ECHO_HIDDEN NoExec
\echo :ECHO_HIDDEN
\unset ECHO_HIDDEN
\echo :ECHO_HIDDEN
\set ON_ERROR_ROLLBACK
\echo :ON_ERROR_ROLLBACK
\unset ON_ERROR_ROLLBACK
\echo :ON_ERROR_ROLLBACK
\set SHOW_ALL_RESULTS perhaps
\set SHOW_ALL_RESULTS
\echo :SHOW_ALL_RESULTS
\set HIDE_TABLEAM x
\set HIDE_TOAST_COMPRESSION x
\set SINGLELINE x
\unset SINGLELINE
\echo :SINGLELINE :HIDE_TABLEAM :HIDE_TOAST_COMPRESSION
\set IGNOREEOF x
\echo :IGNOREEOF
\set IGNOREEOF 3
\echo :IGNOREEOF
\unset IGNOREEOF
\echo :IGNOREEOF
\unset PROMPT1
\echo [:PROMPT1]
\unset VERBOSITY
\echo :VERBOSITY
SELECT 1 AS still_running;
