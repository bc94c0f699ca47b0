-- \d and \d+ on TOAST tables (pg_statistic's has a known name); the
-- footers of \d in the unaligned format with \x
\d pg_toast.pg_toast_2619
\d+ pg_toast.pg_toast_2619
\set HIDE_TABLEAM off
\d+ pg_toast.pg_toast_1255
\set HIDE_TABLEAM on
CREATE TABLE toasted (id serial PRIMARY KEY, t text) WITH (toast.autovacuum_enabled = false);
\pset format unaligned
\x on
\d toasted_id_seq
\d toasted
\pset tuples_only on
\d toasted_id_seq
\pset tuples_only off
\pset fieldsep ','
\pset recordsep '/'
\d toasted_id_seq
\pset recordsep '\n'
\pset fieldsep '|'
\x off
\pset format aligned
\x on
\d toasted_id_seq
\d toasted
\d toasted_pkey
\d pg_toast.pg_toast_2619
\x off
-- \d on a table is never expanded, in any format
\x on
\pset format csv
\d toasted
\pset format html
\d toasted
\pset format asciidoc
\d toasted
\pset format latex
\d toasted
\pset format troff-ms
\d toasted
\pset format aligned
\x off
DROP TABLE toasted;
