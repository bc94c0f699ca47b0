-- \d on relations and indexes in a tablespace that is not the
-- database's default: the "Tablespace:" footer (after Replica Identity,
-- before Access method and Options) and ", tablespace" on index lines.
SET allow_in_place_tablespaces = true;
CREATE TABLESPACE regress_sqlcheck_ts LOCATION '';
CREATE TABLE ts_t (k int PRIMARY KEY USING INDEX TABLESPACE regress_sqlcheck_ts, v text)
  WITH (fillfactor = 60) TABLESPACE regress_sqlcheck_ts;
CREATE INDEX ts_t_v ON ts_t (v) TABLESPACE regress_sqlcheck_ts;
CREATE INDEX ts_t_kv ON ts_t (k, v);
ALTER TABLE ts_t REPLICA IDENTITY FULL;
CREATE TABLE ts_child () INHERITS (ts_t);
\d ts_t
\set HIDE_TABLEAM off
\d+ ts_t
\set HIDE_TABLEAM on
\d ts_t_v
\d+ ts_t_v
\d ts_t_pkey
\d ts_t_kv
CREATE MATERIALIZED VIEW ts_m TABLESPACE regress_sqlcheck_ts AS SELECT 1 AS one;
\d ts_m
\d+ ts_m
CREATE TABLE ts_p (k int) PARTITION BY RANGE (k) TABLESPACE regress_sqlcheck_ts;
CREATE INDEX ts_p_k ON ts_p (k) TABLESPACE regress_sqlcheck_ts;
CREATE TABLE ts_p1 PARTITION OF ts_p FOR VALUES FROM (0) TO (10);
\d ts_p
\d+ ts_p
\d ts_p1
\d ts_p_k
\d+ ts_p_k
CREATE TABLE ts_plain (k int);
CREATE INDEX ts_plain_k ON ts_plain (k) TABLESPACE regress_sqlcheck_ts;
\d ts_plain
DROP TABLE ts_plain, ts_p, ts_child, ts_t;
DROP MATERIALIZED VIEW ts_m;
DROP TABLESPACE regress_sqlcheck_ts;
-- a shared catalog: in pg_global, its indexes too
\d pg_catalog.pg_tablespace
