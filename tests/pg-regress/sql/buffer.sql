-- The query buffer and one-off output: \r \p \gx \gdesc \a \C \f \encoding
CREATE TABLE buf_t (id int PRIMARY KEY, name text, price numeric(8,2));
INSERT INTO buf_t VALUES (1, 'one', 1.50), (2, 'two', NULL);
\p
SELECT id FROM buf_t
\p
\r
\p
SELECT name FROM buf_t ORDER BY id;
SELECT (1 +
\r
SELECT 'after reset' AS r;
SELECT 'written' AS w
\w w_out.sql
\r
\w w_prev.sql
\i w_out.sql
\i w_prev.sql
\w
\w no_such_dir/w.sql
\write w_out.sql
SELECT * FROM buf_t ORDER BY id \gx
SELECT * FROM buf_t ORDER BY id;
SELECT 1 AS a; SELECT 2 AS b \gx
\x on
SELECT * FROM buf_t WHERE id = 1 \gx
SELECT * FROM buf_t WHERE id = 1;
\x off
SELECT id, name, price, now() AS t, 1::int8 AS "Mixed Case" FROM buf_t \gdesc
SELECT * FROM buf_t;
\gdesc
SELECT * FROM no_such_table \gdesc
SELECT 1/0 AS x \gdesc
CREATE TABLE buf_u (x int) \gdesc
SELECT count(*) FROM buf_u;
SELECT name FROM buf_t ORDER BY id \gx
SELECT 'SELECT ' || id || ' AS from_g_file;' FROM buf_t ORDER BY id \g (format=unaligned tuples_only) g_out.sql
\i g_out.sql
SELECT * FROM buf_t ORDER BY id;
SELECT 'SELECT ''x'' AS "' || name || '";' AS q FROM buf_t WHERE id = 1 \g (format=unaligned t=on footer=off) g_out.sql
\i g_out.sql
SELECT id FROM buf_t ORDER BY id \g g_plain.sql
\i g_plain.sql
INSERT INTO buf_t VALUES (3, 'three', 3) RETURNING 'SELECT 3 AS returned;' \g (tuples_only=on format=unaligned) g_ret.sql
\i g_ret.sql
DELETE FROM buf_t WHERE id = 3;
CREATE TABLE buf_v (x int) \g g_none.sql
\i g_none.sql
DROP TABLE buf_v;
SELECT 1 AS a \g (format=unaligned
\r
SELECT 2 AS b \g (nosuch=1) g_x.sql
\r
SELECT 3 AS c \g no_such_dir/g.sql
SELECT 4 AS d \gx (tuples_only) g_x.sql
\i g_x.sql
SELECT 5 AS e \g (format=csv)
SELECT 6 AS f \gx (format=unaligned)
SELECT 7 AS g;
\a
SELECT * FROM buf_t ORDER BY id;
\f ;
SELECT * FROM buf_t ORDER BY id;
\f
\f '|'
\a
SELECT * FROM buf_t ORDER BY id;
\C 'A title'
SELECT * FROM buf_t ORDER BY id;
\x on
SELECT * FROM buf_t ORDER BY id;
\x off
\C
SELECT * FROM buf_t ORDER BY id;
\encoding
\encoding LATIN1
\encoding
\echo :ENCODING
\encoding no_such_encoding
\encoding UTF8
\set QUIET off
\r
\p
\a
\a
\C 'loud'
\C
\f ,
\f |
\set QUIET on
SELECT 'end' AS e;
DROP TABLE buf_t;
