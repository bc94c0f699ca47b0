-- \if branches that are skipped: the query text they added is dropped
-- at \else, \elif and \endif, their commands are read but not run
\set v hello
SELECT 'kept' AS a;
\if false
  SELECT 'never' AS b;
  half a statement
\endif
\g
SELECT
\if true
  'first' AS c
\else
  (no such
\endif
;
SELECT \if false \\ (broken \else \\ 'second' \endif \\ AS d;
\if false
  part one
\elif true
  SELECT 'from elif' AS e;
\else
  part two
\endif
\if true
  SELECT 'from if'
\elif true
  nothing
\endif
  AS f;
-- commands of a skipped branch: arguments as psql reads them
\if false
  \echo `echo never` :v :'v'
  \w |/no/such/file \else
  \! echo not run \endif
  \o |cat \else
  \copy x from y \endif
  \nosuchcommand arg
  \lo nothing
  \sf+ whole line \else
  \z
\else
  \echo 'else branch'
\endif
\nosuchcommand too
-- extra arguments: not expanded, backticks not run
\pset null | `echo no` :v :'v' :"v" :'unset_variable'
\pset null ''
-- \echo -n only when it comes first and unquoted
\echo -n -n twice
\echo
\echo '-n' quoted
\echo "-n" double
\set dash -n
\echo :dash variable
\echo :'unset_variable' :"unset_variable" :unset_variable
\echo :'v' :"v"
