-- the other object lists: \dA \dL \dy \dconfig \dd \dX \db \dc \dO,
-- \dA[cfop] \dP \ddp \drds \dRp \dRs \dl \da \dC \l, the foreign-data
-- ones \dew \des \deu \det (and \d on foreign tables) and the text
-- search ones \dF \dFd \dFp \dFt, with patterns and the + and S
-- modifiers; \df and \do argument types; dotted patterns
CREATE SCHEMA regress_dmore_s;
-- access methods
CREATE ACCESS METHOD regress_dmore_am TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD regress_dmore_am IS 'a table access method';
\dA
\dA+
\dA regress_dmore*
\dA+ b*
\dA nosuch
-- languages
CREATE LANGUAGE regress_dmore_lang HANDLER plpgsql_call_handler;
COMMENT ON LANGUAGE regress_dmore_lang IS 'a language';
\dL
\dL+
\dLS
\dLS+ regress_dmore_lang
\dL c
-- event triggers
CREATE FUNCTION regress_dmore_evf() RETURNS event_trigger LANGUAGE plpgsql
  AS $$ BEGIN END $$;
CREATE EVENT TRIGGER regress_dmore_evt1 ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION regress_dmore_evf();
CREATE EVENT TRIGGER regress_dmore_evt2 ON sql_drop EXECUTE FUNCTION regress_dmore_evf();
ALTER EVENT TRIGGER regress_dmore_evt2 DISABLE;
COMMENT ON EVENT TRIGGER regress_dmore_evt1 IS 'on tables';
\dy
\dy+
\dy regress_dmore_evt2
\dy+ *evt1
-- settings
SET work_mem = '8MB';
\dconfig work_mem
\dconfig+ work_mem
\dconfig *work_MEM*
\dconfig "Work_mem"
\dconfig+ enable_*scan
\dconfig plpgsql.*
\dconfig regress_dmore_none
RESET work_mem;
-- comments on constraints, operator classes and families, rules, triggers
CREATE TABLE regress_dmore_t (a int CONSTRAINT regress_dmore_pos CHECK (a > 0), b int);
COMMENT ON CONSTRAINT regress_dmore_pos ON regress_dmore_t IS 'positive';
CREATE DOMAIN regress_dmore_d AS int CONSTRAINT regress_dmore_dpos CHECK (VALUE > 0);
COMMENT ON CONSTRAINT regress_dmore_dpos ON DOMAIN regress_dmore_d IS 'domain check';
CREATE OPERATOR FAMILY regress_dmore_fam USING btree;
COMMENT ON OPERATOR FAMILY regress_dmore_fam USING btree IS 'a family';
CREATE OPERATOR CLASS regress_dmore_ops FOR TYPE int USING hash AS
  OPERATOR 1 =, FUNCTION 1 hashint4(int);
COMMENT ON OPERATOR CLASS regress_dmore_ops USING hash IS 'a class';
CREATE RULE regress_dmore_rule AS ON UPDATE TO regress_dmore_t DO ALSO NOTHING;
COMMENT ON RULE regress_dmore_rule ON regress_dmore_t IS 'a rule';
CREATE FUNCTION regress_dmore_trf() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER regress_dmore_trg BEFORE INSERT ON regress_dmore_t
  FOR EACH ROW EXECUTE FUNCTION regress_dmore_trf();
COMMENT ON TRIGGER regress_dmore_trg ON regress_dmore_t IS 'a trigger';
CREATE TABLE regress_dmore_s.t2 (c int CONSTRAINT regress_dmore_c2 CHECK (c <> 0));
COMMENT ON CONSTRAINT regress_dmore_c2 ON regress_dmore_s.t2 IS 'elsewhere';
\dd
\dd regress_dmore_*pos
\dd regress_dmore_s.*
\ddS regress_dmore_rule
\dd nosuch
-- operator classes and families: two patterns, access method then
-- type or family; a class or family not visible is qualified
CREATE OPERATOR CLASS regress_dmore_s.ops2 FOR TYPE int8 USING hash AS
  OPERATOR 1 =, FUNCTION 1 hashint8(int8);
\dAc brin int4*
\dAc+ hash int8
\dAc hash
\dAf btree int4
\dAf+ hash bigint
\dAf hash regress_dmore_s.*
\dAo btree integer_ops
\dAo+ hash regress_dmore*
\dAo hash regress_dmore_s.*
\dAp btree integer_ops
\dAp+ hash regress_dmore_s.ops2
\dAp+ gist nosuch
\dAcS+ hash regress_dmore_s.*
-- partitioned relations (empty: their sizes do not vary)
CREATE TABLE regress_dmore_pt (a int, b int) PARTITION BY RANGE (a);
CREATE TABLE regress_dmore_pt1 PARTITION OF regress_dmore_pt
  FOR VALUES FROM (0) TO (10) PARTITION BY LIST (b);
CREATE TABLE regress_dmore_pt11 PARTITION OF regress_dmore_pt1 FOR VALUES IN (1);
CREATE TABLE regress_dmore_pt2 PARTITION OF regress_dmore_pt FOR VALUES FROM (10) TO (20);
CREATE INDEX regress_dmore_pti ON regress_dmore_pt (a);
COMMENT ON TABLE regress_dmore_pt IS 'partitioned';
CREATE TABLE regress_dmore_s.pt3 (c int) PARTITION BY HASH (c);
\dP
\dP+
\dPt
\dPi+
\dPn
\dPtn+
\dPin
\dP regress_dmore_pt*
\dP+ regress_dmore_s.*
\dPi nosuch
-- partitioned indexes and partitions of indexes
CREATE UNIQUE INDEX regress_dmore_ptu ON regress_dmore_pt (a, b);
\d regress_dmore_pti
\d+ regress_dmore_pti
\d regress_dmore_pt1_a_idx
\d+ regress_dmore_pt1_a_idx
\d regress_dmore_pt11_a_idx
\d+ regress_dmore_pt11_a_idx
\d+ regress_dmore_pt2_a_b_idx
\d+ regress_dmore_ptu
\set HIDE_TABLEAM off
\d+ regress_dmore_ptu
\d+ regress_dmore_pt2_a_b_idx
\set HIDE_TABLEAM on
-- default privileges (the pattern matches the schema or the owner)
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s GRANT USAGE ON TYPES TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
\ddp regress_dmore_s
\ddp nosuch
-- settings per role and database (this database's, from pg_regress)
SELECT current_database() AS dbname \gset
\drds * :dbname
\drds nosuch
\drds nosuch :dbname
-- publications and subscriptions; \d and \dn show the publications
SET client_min_messages = error;
CREATE TABLE regress_dmore_pubt (a int PRIMARY KEY, b text, c int);
CREATE PUBLICATION regress_dmore_pub FOR TABLE regress_dmore_pubt (a, b)
  WHERE (a > 1), regress_dmore_s.t2 WITH (publish = 'insert, update');
CREATE PUBLICATION regress_dmore_pub2 FOR TABLES IN SCHEMA regress_dmore_s;
CREATE PUBLICATION regress_dmore_pub3;
CREATE SUBSCRIPTION regress_dmore_sub CONNECTION 'dbname=regress_dmore_nodb'
  PUBLICATION regress_dmore_pub, regress_dmore_pub2
  WITH (connect = false, slot_name = NONE, enabled = false);
RESET client_min_messages;
\dRp
\dRp+
\dRp regress_dmore_pub?
\dRp+ regress_dmore_pub3
\dRp+ nosuch
\dRs
\dRs+
\dRs nosuch
\d regress_dmore_pubt
\d+ regress_dmore_s.t2
CREATE RULE regress_dmore_rule2 AS ON DELETE TO regress_dmore_t DO INSTEAD NOTHING;
CREATE RULE regress_dmore_rule3 AS ON INSERT TO regress_dmore_t
  WHERE new.a > 100 DO ALSO SELECT 1;
CREATE RULE regress_dmore_rule4 AS ON INSERT TO regress_dmore_t
  WHERE new.a > 200 DO ALSO NOTHING;
ALTER TABLE regress_dmore_t DISABLE RULE regress_dmore_rule2;
ALTER TABLE regress_dmore_t ENABLE ALWAYS RULE regress_dmore_rule3;
ALTER TABLE regress_dmore_t ENABLE REPLICA RULE regress_dmore_rule4;
\d regress_dmore_t
\dn regress_dmore_s
\dn+ regress_dmore_s
DROP SUBSCRIPTION regress_dmore_sub;
DROP PUBLICATION regress_dmore_pub, regress_dmore_pub2, regress_dmore_pub3;
DROP TABLE regress_dmore_pubt;
-- large objects (\dl ignores a pattern, \lo_list its arguments)
SELECT lo_create(4242001) AS lo1, lo_create(4242002) AS lo2 \gset
COMMENT ON LARGE OBJECT 4242001 IS 'a large object';
GRANT SELECT ON LARGE OBJECT 4242002 TO PUBLIC;
\dl
\dl+ x
\lo_list
\lo_list+ x y
SELECT lo_unlink(:lo1) + lo_unlink(:lo2) AS unlinked;
\dl
-- aggregates
CREATE AGGREGATE regress_dmore_agg(int) (sfunc = int4pl, stype = int);
CREATE AGGREGATE regress_dmore_cnt(*) (sfunc = int8inc, stype = int8,
  initcond = '0');
COMMENT ON AGGREGATE regress_dmore_agg(int) IS 'a sum';
\da
\da+ regress_dmore_c*
\daS pg_catalog.bool_and
DROP AGGREGATE regress_dmore_agg(int);
DROP AGGREGATE regress_dmore_cnt(*);
-- the forms psql calls invalid
\dAS
\dFS
\de
\dex
\dk
\dRx
\drx
\dPx
\dfz foo
-- extended statistics
CREATE STATISTICS regress_dmore_st1 (ndistinct) ON a, b FROM regress_dmore_t;
CREATE STATISTICS regress_dmore_st2 ON a, (b + 1) FROM regress_dmore_t;
CREATE STATISTICS regress_dmore_s.st3 (dependencies, mcv) ON c, (c * 2)
  FROM regress_dmore_s.t2;
\dX
\dX regress_dmore_st?
\dX regress_dmore_s.*
\dX+ *st2
-- tablespaces (the sizes of \db+ vary: only its columns)
\db
\db pg_glob*
\db+ regress_dmore_none
-- conversions
CREATE CONVERSION regress_dmore_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION regress_dmore_conv IS 'a conversion';
\dc
\dc+
\dcS+ regress_dmore*
\dcS utf8_to_win125?
-- collations
CREATE COLLATION regress_dmore_coll (locale = 'C');
CREATE COLLATION regress_dmore_s.coll2 (lc_collate = 'POSIX', lc_ctype = 'POSIX');
COMMENT ON COLLATION regress_dmore_coll IS 'a collation';
\dO
\dO+
\dOS "C"
\dO regress_dmore_s.*
-- foreign-data wrappers, servers, user mappings, foreign tables
CREATE FOREIGN DATA WRAPPER regress_dmore_fdw OPTIONS (a '1', "B c" 'it''s');
COMMENT ON FOREIGN DATA WRAPPER regress_dmore_fdw IS 'no handler';
CREATE FOREIGN DATA WRAPPER regress_dmore_fdw2;
CREATE SERVER regress_dmore_srv TYPE 'remote' VERSION '15'
  FOREIGN DATA WRAPPER regress_dmore_fdw OPTIONS (host 'h', port '1');
COMMENT ON SERVER regress_dmore_srv IS 'a server';
CREATE SERVER regress_dmore_srv2 FOREIGN DATA WRAPPER regress_dmore_fdw2;
CREATE USER MAPPING FOR public SERVER regress_dmore_srv OPTIONS (user 'u');
CREATE USER MAPPING FOR public SERVER regress_dmore_srv2;
CREATE FOREIGN TABLE regress_dmore_ft (a int) SERVER regress_dmore_srv
  OPTIONS (table_name 'remote');
COMMENT ON FOREIGN TABLE regress_dmore_ft IS 'a foreign table';
CREATE FOREIGN TABLE regress_dmore_s.ft2 (b text) SERVER regress_dmore_srv2;
\dew
\dew+
\dew regress_dmore_fdw2
\des
\des+
\des+ *srv2
\deu
\deu+
\deu+ public
\deu *srv2
\det
\det+
\det regress_dmore_s.*
\det+ nosuch
-- \d on foreign tables: the FDW options column, Server and FDW options
CREATE FOREIGN TABLE regress_dmore_ft3 (a int NOT NULL DEFAULT 3,
  b text OPTIONS (column_name 'bb', "X y" 'it''s') CHECK (b <> ''))
  SERVER regress_dmore_srv OPTIONS (table_name 'remote', schema_name 's');
COMMENT ON COLUMN regress_dmore_ft3.a IS 'column a';
CREATE TABLE regress_dmore_p (a int, b text) PARTITION BY LIST (a);
CREATE FOREIGN TABLE regress_dmore_fp PARTITION OF regress_dmore_p
  FOR VALUES IN (1) SERVER regress_dmore_srv2;
CREATE TABLE regress_dmore_parent (z int);
CREATE FOREIGN TABLE regress_dmore_fc (q int) INHERITS (regress_dmore_parent)
  SERVER regress_dmore_srv2;
\d regress_dmore_ft3
\d+ regress_dmore_ft3
\d regress_dmore_s.ft2
\d+ regress_dmore_s.ft2
\d regress_dmore_fp
\d+ regress_dmore_fp
\d+ regress_dmore_p
\d regress_dmore_fc
\d+ regress_dmore_parent
\set HIDE_TOAST_COMPRESSION off
\d+ regress_dmore_fc
\set HIDE_TOAST_COMPRESSION on
DROP TABLE regress_dmore_p, regress_dmore_parent CASCADE;
DROP FOREIGN TABLE regress_dmore_ft3;
-- text search
CREATE TEXT SEARCH CONFIGURATION regress_dmore_cfg (COPY = english);
ALTER TEXT SEARCH CONFIGURATION regress_dmore_cfg
  ALTER MAPPING FOR asciiword WITH simple, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION regress_dmore_cfg IS 'a configuration';
CREATE TEXT SEARCH CONFIGURATION regress_dmore_s.cfg2 (PARSER = default);
CREATE TEXT SEARCH DICTIONARY regress_dmore_dict (TEMPLATE = simple, STOPWORDS = english);
COMMENT ON TEXT SEARCH DICTIONARY regress_dmore_dict IS 'a dictionary';
CREATE TEXT SEARCH TEMPLATE regress_dmore_tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH TEMPLATE regress_dmore_s.tmpl2 (LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH PARSER regress_dmore_prs (START = prsd_start,
  GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
COMMENT ON TEXT SEARCH PARSER regress_dmore_prs IS 'a parser';
\dF
\dF regress_dmore*
\dF+ regress_dmore_cfg
\dF+ regress_dmore_s.*
\dF+ nosuch
\dF regress_dmore_s.*
\dFd
\dFd+ regress_dmore*
\dFdS+ simple
\dFp
\dFp+
\dFp+ regress_dmore_prs
\dFp+ nosuch
\dFt
\dFt+
\dFt+ regress_dmore_s.*
-- argument type patterns of \df and \do; an operator name's characters
-- stand for themselves
CREATE FUNCTION regress_dmore_f(int, text) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION regress_dmore_f(int) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION regress_dmore_f() RETURNS int LANGUAGE sql AS 'SELECT 3';
\df regress_dmore_f int
\df regress_dmore_f int -
\df regress_dmore_f integer text
\df regress_dmore_f - 
\df regress_dmore_f * *
\df regress_dmore_f pg_catalog.int* "text"
\df+ regress_dmore_f nosuch
\dfn regress_dmore_f int extra extra2
\do + integer integer
\do - int
\do - - int
\do || text text
\do ~~ text text x
\do * int8 int
\do+ @@ - -
\do |/
\df pg_catalog.abs decimal
\df pg_catalog.float8_accum float[] float
\df pg_catalog.array_dims INT[]
\df pg_catalog.array_dims int4[]
\do pg_catalog.= timestamptz[] timestamptz[]
CREATE FUNCTION regress_dmore_g(int[], timestamptz[], varchar[]) RETURNS int
  LANGUAGE sql AS 'SELECT 1';
\df regress_dmore_g INT[] timestamptz[] varchar[]
\df regress_dmore_g int4[] - -
\df regress_dmore_g integer[] timestamp*
DROP FUNCTION regress_dmore_g(int[], timestamptz[], varchar[]);
DROP FUNCTION regress_dmore_f(int, text), regress_dmore_f(int), regress_dmore_f();
-- casts: from or to the types a pattern names
CREATE TYPE regress_dmore_ty AS (a int);
CREATE FUNCTION regress_dmore_tyint(regress_dmore_ty) RETURNS int
  LANGUAGE sql AS 'SELECT $1.a';
CREATE CAST (regress_dmore_ty AS int) WITH FUNCTION regress_dmore_tyint(regress_dmore_ty);
COMMENT ON CAST (regress_dmore_ty AS int) IS 'a cast';
\dC regress_dmore_ty
\dC+ public.regress_dmore*
\dCS+ pg_catalog.money
\dC "char"
\dC nosuch.int4
DROP CAST (regress_dmore_ty AS int);
DROP FUNCTION regress_dmore_tyint(regress_dmore_ty);
DROP TYPE regress_dmore_ty;
-- databases (the sizes of \l+ vary: only its columns)
\l template0
\list template*
\l+ regress_dmore_nodb
\list+ regress_dmore_nodb
\l a.b
\lS
-- S is ignored where psql ignores it
\dxS plpgsql
\dxS+ nosuch
-- dotted patterns: DATABASE.SCHEMA.NAME with this database, and the
-- ones psql refuses
SELECT current_database() AS dbname \gset
\dt :dbname.public.regress_dmore_t
\d :dbname.public.regress_dmore_t
\dX :"dbname".regress_dmore_s.*
\dt nosuchdb.public.regress_dmore_t
\dt a.b.c.d
\dA a.b
\dy a.b
\dL a.b
\dL a.b.c
\dn a.b
\dn :dbname.regress_dmore_s
\ddp regress_dmore.s
\ddp a.b.c
\ddp a.b.c.d
\drds a.b
\dAc btree a.b.c
\dAo hash regress_dmore_s.ops2
\dew "a.b"
\dF+ nosuchdb.a.b
-- clean up: the lists again show what psql shows without them
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s REVOKE SELECT ON TABLES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA regress_dmore_s GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
DROP TABLE regress_dmore_pt;
DROP SCHEMA regress_dmore_s CASCADE;
DROP TEXT SEARCH CONFIGURATION regress_dmore_cfg;
DROP TEXT SEARCH DICTIONARY regress_dmore_dict;
DROP TEXT SEARCH TEMPLATE regress_dmore_tmpl;
DROP TEXT SEARCH PARSER regress_dmore_prs;
DROP FOREIGN TABLE regress_dmore_ft;
DROP USER MAPPING FOR public SERVER regress_dmore_srv;
DROP USER MAPPING FOR public SERVER regress_dmore_srv2;
DROP SERVER regress_dmore_srv2;
DROP SERVER regress_dmore_srv;
DROP FOREIGN DATA WRAPPER regress_dmore_fdw2;
DROP FOREIGN DATA WRAPPER regress_dmore_fdw;
DROP COLLATION regress_dmore_coll;
DROP CONVERSION regress_dmore_conv;
DROP TABLE regress_dmore_t;
DROP DOMAIN regress_dmore_d;
DROP OPERATOR CLASS regress_dmore_ops USING hash;
DROP OPERATOR FAMILY regress_dmore_ops USING hash;
DROP OPERATOR FAMILY regress_dmore_fam USING btree;
DROP FUNCTION regress_dmore_trf();
DROP EVENT TRIGGER regress_dmore_evt1;
DROP EVENT TRIGGER regress_dmore_evt2;
DROP FUNCTION regress_dmore_evf();
DROP LANGUAGE regress_dmore_lang;
DROP ACCESS METHOD regress_dmore_am;
\dew
\dy
\dA regress_dmore*
