-- psql's name patterns: regular-expression characters, "[]" of array
-- type names, argument type patterns of \df and \do, and a catalog
-- query that the server refuses (no blank line after its error)
CREATE TYPE pat_pair AS (l int, r int);
CREATE FUNCTION pat_f(int4[], text) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION pat_f(int8) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION pat_f(pat_pair, pat_pair) RETURNS bool LANGUAGE sql
    AS 'SELECT true';
CREATE OPERATOR <~> (FUNCTION = pat_f, LEFTARG = pat_pair,
    RIGHTARG = pat_pair);
\df pat_f int4[]
\df pat_f int[] text
\df pat_f int(8|4)
\df pat_f "int8"
\df pat_f -
\df pat_f (int8
\do <~> pat_pair pat_pair
\do <~> pat_(pair|x) pat_p*
\do <~> (pat_pair, pat_pair)
SELECT 'after a refused pattern' AS next;
\dT int4[]
\dT integer[]
\dT _int4
\dT pat_pair[]
\dT (pat_pair|int8)
\dT int4[
\dT "int4[]"
\dT pat_p?ir
DROP OPERATOR <~> (pat_pair, pat_pair);
DROP FUNCTION pat_f(pat_pair, pat_pair);
DROP FUNCTION pat_f(int4[], text);
DROP FUNCTION pat_f(int8);
DROP TYPE pat_pair;
