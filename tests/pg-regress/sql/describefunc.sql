-- \df with its kinds (a n p t w); \sf and \sv
CREATE FUNCTION dfunc_add(a int, b int DEFAULT 1) RETURNS int
  LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION dfunc_body(a int) RETURNS int LANGUAGE sql
  BEGIN ATOMIC SELECT a * 2; END;
CREATE FUNCTION dfunc_plpg(a text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN upper(a);
END
$$;
CREATE FUNCTION dfunc_trg() RETURNS trigger LANGUAGE plpgsql
  AS $$BEGIN RETURN NEW; END$$;
CREATE PROCEDURE dfunc_proc(INOUT n int) LANGUAGE plpgsql
  AS $$BEGIN n := 1; END$$;
CREATE AGGREGATE dfunc_agg(int) (sfunc = int4pl, stype = int);
CREATE FUNCTION dfunc_win(int) RETURNS int LANGUAGE internal WINDOW
  AS 'window_row_number';
\df
\dfa
\dfn
\dfp
\dft
\dfw
\dfan dfunc*
\dfpt
\dfanptw dfunc_a*
\dfS+ dfunc_add
\dfaS sum
-- operators
CREATE FUNCTION dfunc_lt(int, int) RETURNS bool LANGUAGE sql
  AS $$SELECT $1 < $2$$;
CREATE OPERATOR <<< (LEFTARG = int, RIGHTARG = int, FUNCTION = dfunc_lt);
CREATE FUNCTION dfunc_neg(int) RETURNS int LANGUAGE sql AS $$SELECT -$1$$;
CREATE OPERATOR ~~~ (RIGHTARG = int, FUNCTION = dfunc_neg);
COMMENT ON OPERATOR <<< (int, int) IS 'less';
\do
\do+
\do ~~~
\doS+ ~*
\doS public.*
\do nothing_here
CREATE VIEW dfunc_v AS SELECT 1 AS one;
CREATE VIEW "Dfunc V2" WITH (security_barrier) AS
  SELECT relname FROM pg_class WHERE relname = 'x' WITH LOCAL CHECK OPTION;
CREATE VIEW dfunc_v3 WITH (check_option = cascaded, security_invoker = true)
  AS SELECT relname FROM pg_class;
\sf dfunc_add
\sf+ dfunc_add
\sf dfunc_body
\sf+ dfunc_body
\sf+ dfunc_plpg(text)
\sf public.dfunc_plpg (text)
\sf dfunc_proc
\sf nosuch
\sf nosuch(int)
\sf dfunc_agg
\sf
\sv dfunc_v
\sv+ dfunc_v
\sv "Dfunc V2"
\sv+ dfunc_v3
\sv nosuch
\sv pg_class
\sv
DROP VIEW dfunc_v, "Dfunc V2", dfunc_v3;
DROP OPERATOR <<< (int, int);
DROP OPERATOR ~~~ (NONE, int);
DROP FUNCTION dfunc_lt, dfunc_neg;
DROP AGGREGATE dfunc_agg(int);
DROP FUNCTION dfunc_add, dfunc_body, dfunc_plpg, dfunc_trg, dfunc_win;
DROP PROCEDURE dfunc_proc;
