-- \restrict KEY and \unrestrict KEY (psql 15.14 and later)
\restrict
\unrestrict
\unrestrict nokey
-- a restricted session: SQL runs, backslash commands are refused
\restrict k1 extra
SELECT 'sql runs' AS r;
\echo refused
\set refused 1
\if true
\endif
SELECT 'kept in the buffer' AS g \g
\unrestrict wrong
\unrestrict k1 extra
\unrestrict 'k1'
-- the rest of the line, without blanks and semicolons
\unrestrict   k1 ;;  
\echo :refused
-- the key: one argument, quotes and variables as usual
\set v var_key
\restrict :v
\unrestrict :v
\unrestrict var_key
\restrict 'two words'
\unrestrict two words
\restrict k2 \echo refused at once
\unrestrict k2 \echo part of the key
\unrestrict k2
-- a false \if branch skips \restrict
\if false
\restrict k3
\endif
\echo not restricted
SELECT 1 AS one;
