-- \pset unicode_border_linestyle, unicode_column_linestyle and
-- unicode_header_linestyle (single, double): every combination under
-- \pset border 0 to 2, aligned and \x, multi-line cells; compared with psql
\set QUIET off
\pset unicode_border_linestyle d
\pset unicode_column_linestyle s
\pset unicode_header_linestyle DOUBLE
\pset unicode_header_linestyle x
\pset unicode_column_linestyle ""
\pset unicode_border_linestyle
\pset
\pset linestyle unicode
\set QUIET on
\pset unicode_border_linestyle single
\pset unicode_column_linestyle single
\pset unicode_header_linestyle single
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle single
\pset unicode_column_linestyle single
\pset unicode_header_linestyle double
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle single
\pset unicode_column_linestyle double
\pset unicode_header_linestyle single
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle single
\pset unicode_column_linestyle double
\pset unicode_header_linestyle double
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle double
\pset unicode_column_linestyle single
\pset unicode_header_linestyle single
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle double
\pset unicode_column_linestyle single
\pset unicode_header_linestyle double
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle double
\pset unicode_column_linestyle double
\pset unicode_header_linestyle single
\i sql/unicodelines-tables.sql
\pset unicode_border_linestyle double
\pset unicode_column_linestyle double
\pset unicode_header_linestyle double
\i sql/unicodelines-tables.sql
\pset title T
SELECT 1 AS titled;
\pset title
\pset linestyle ascii
SELECT 1 AS back_to_ascii;
\pset C hello
SELECT 1 AS a;
