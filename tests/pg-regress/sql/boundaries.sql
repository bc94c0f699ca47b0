-- statement boundaries: semicolons inside quotes, comments, bodies
SELECT 'a;b' AS q, "x;y".c FROM (SELECT 1 AS c) AS "x;y";
SELECT E'it\'s; here' AS e, 'doubled '' quote;' AS d;
SELECT $$dollar ; quoted$$ AS d1, $tag$ $$ ; $tag$ AS d2;
SELECT /* a /* nested ; */ comment ; */ 1 AS n;
SELECT (SELECT 1;
) AS paren;
SELECT 1 AS a \; SELECT 2 AS b;
CREATE FUNCTION pg_temp.f(x int) RETURNS int LANGUAGE plpgsql AS $body$
DECLARE y int;
BEGIN
  y := x + 1;
  RETURN y;
END
$body$;
SELECT pg_temp.f(1);
CREATE FUNCTION pg_temp.g(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT x + 1;
  SELECT CASE WHEN x > 0 THEN x ELSE 0 END;
END;
SELECT pg_temp.g(5);
SELECT 1 AS a$b;
SELECT 'multi
line;
string' AS s;
SELECT 1 -- comment with ; semicolon
  AS c;
-- SHOW_ALL_RESULTS off: only the last result of a \; chain is shown
-- (an INSERT ... RETURNING's status and the errors still are)
\set QUIET off
\set SHOW_ALL_RESULTS off
SELECT 1 AS first \; SELECT 2 AS second \; SELECT 3 AS last_one;
CREATE TEMP TABLE sar (a int) \; INSERT INTO sar VALUES (1) RETURNING a \; SELECT 'end' AS e;
SELECT 1 AS shown_not \; SELECT 1/0 \; SELECT 3 AS never;
SET search_path = public \; RESET search_path;
\set SHOW_ALL_RESULTS on
\set QUIET on
DROP TABLE sar;
-- "\\" ends a meta-command's arguments, the rest of the line is SQL;
-- after a command that fails, psql drops the rest of its line
\echo before the separator \\ SELECT 'sql after \\' AS after_sep;
\nosuchcommand arg \echo dropped with the rest of the line
SELECT 1 AS kept \\ \echo dropped too
