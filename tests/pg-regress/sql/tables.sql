-- aligned tables as psql prints them
SELECT 1::int2 AS i2, 2::int4 AS i4, 3::int8 AS i8, 1.5::float4 AS f4,
  2.25::float8 AS f8, 3.125::numeric AS num, 26::oid AS o, 'text' AS t,
  true AS b, NULL::int AS n, '12.50'::money AS m;
SELECT 'a longer value' AS c, 1234567 AS "a long header name";
SELECT 'é' AS accent, '日本語' AS wide, 'e' || U&'\0301' AS combining, 'x' AS x;
SELECT E'line one\nline two\nthree' AS multi, 42 AS n, E'a\nb' AS other;
SELECT 1 AS "multi
line header", 2 AS "x";
SELECT E'tab\there' AS tabbed, E'cr\rhere' AS cr, E'bell\x07' AS ctl;
SELECT * FROM (VALUES (1, 'one'), (2, NULL), (NULL, 'three')) v(n, s);
SELECT 1 AS n WHERE false;
SELECT;
SELECT '' AS empty, ' ' AS space;
EXPLAIN (COSTS OFF) SELECT * FROM pg_class WHERE relname = 'x' ORDER BY oid;
\pset null (null)
SELECT NULL AS a, 1 AS b;
\pset null ''
\pset format unaligned
SELECT 1 AS a, 'two' AS b, NULL AS c;
SELECT E'multi\nline' AS m;
SELECT 1 WHERE false;
\pset tuples_only true
SELECT 1 AS a, 'two' AS b;
SELECT 1 WHERE false;
\pset format aligned
SELECT 1 AS a, 'two' AS b;
\pset tuples_only false
\pset pager
\pset pager off
\t
SELECT 'toggled' AS t;
\t
SELECT 'back' AS t;
SELECT generate_series(1, 3) AS g, repeat('x', generate_series(1, 3)) AS r;
