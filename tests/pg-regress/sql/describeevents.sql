-- \d footers of what fires on a relation: rules, publications and
-- triggers, each in psql's categories (enabled, disabled, always,
-- replica), a partition's inherited triggers, a view's rules and
-- INSTEAD OF triggers
CREATE FUNCTION ev_noop() RETURNS trigger LANGUAGE plpgsql
    AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE ev_main (id int PRIMARY KEY, label text);
CREATE TABLE ev_ref (id int REFERENCES ev_main);
CREATE TRIGGER ev_before BEFORE INSERT ON ev_main
    FOR EACH ROW EXECUTE FUNCTION ev_noop();
CREATE TRIGGER ev_stmt AFTER UPDATE ON ev_main
    FOR EACH STATEMENT EXECUTE FUNCTION ev_noop();
CREATE TRIGGER ev_always BEFORE DELETE ON ev_main
    FOR EACH ROW EXECUTE FUNCTION ev_noop();
CREATE TRIGGER ev_replica BEFORE DELETE ON ev_main
    FOR EACH ROW WHEN (OLD.id > 0) EXECUTE FUNCTION ev_noop();
CREATE CONSTRAINT TRIGGER ev_constraint AFTER INSERT ON ev_main
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ev_noop();
ALTER TABLE ev_main DISABLE TRIGGER ev_stmt;
ALTER TABLE ev_main ENABLE ALWAYS TRIGGER ev_always;
ALTER TABLE ev_main ENABLE REPLICA TRIGGER ev_replica;
\d ev_main
CREATE RULE ev_skip AS ON INSERT TO ev_ref WHERE NEW.id < 0
    DO INSTEAD NOTHING;
CREATE RULE ev_notify AS ON UPDATE TO ev_ref DO ALSO NOTIFY ev_ref;
CREATE RULE ev_select AS ON DELETE TO ev_ref DO INSTEAD SELECT 1;
CREATE RULE ev_main_rule AS ON DELETE TO ev_main DO ALSO NOTIFY ev_main;
ALTER TABLE ev_ref DISABLE RULE ev_notify;
ALTER TABLE ev_ref ENABLE ALWAYS RULE ev_select;
ALTER TABLE ev_main ENABLE REPLICA RULE ev_main_rule;
\d ev_ref
\d+ ev_main
CREATE VIEW ev_view AS SELECT id, label FROM ev_main;
CREATE RULE ev_view_insert AS ON INSERT TO ev_view
    DO INSTEAD INSERT INTO ev_main VALUES (NEW.id, NEW.label);
CREATE TRIGGER ev_view_update INSTEAD OF UPDATE ON ev_view
    FOR EACH ROW EXECUTE FUNCTION ev_noop();
\d ev_view
\d+ ev_view
CREATE TABLE ev_parted (a int, b int) PARTITION BY RANGE (a);
CREATE TABLE ev_part1 PARTITION OF ev_parted FOR VALUES FROM (0) TO (10)
    PARTITION BY RANGE (b);
CREATE TABLE ev_part11 PARTITION OF ev_part1 FOR VALUES FROM (0) TO (10);
CREATE TRIGGER ev_top AFTER INSERT ON ev_parted
    FOR EACH ROW EXECUTE FUNCTION ev_noop();
CREATE TRIGGER ev_middle AFTER INSERT ON ev_part1
    FOR EACH ROW EXECUTE FUNCTION ev_noop();
\d ev_part1
\d ev_part11
CREATE SCHEMA ev_schema;
CREATE TABLE ev_schema.pubbed (a int PRIMARY KEY, b int, c text);
CREATE PUBLICATION ev_pub_cols FOR TABLE ev_main (id, label)
    WHERE (id > 5), ev_schema.pubbed;
CREATE PUBLICATION ev_pub_schema FOR TABLES IN SCHEMA ev_schema;
CREATE PUBLICATION ev_pub_reordered FOR TABLE ev_schema.pubbed (c, a);
CREATE PUBLICATION ev_pub_filter FOR TABLE ONLY ev_main
    WHERE (label IS NOT NULL) WITH (publish = 'insert');
\d ev_main
\d+ ev_schema.pubbed
CREATE PUBLICATION ev_pub_all FOR ALL TABLES;
\d ev_part11
\d ev_view
DROP PUBLICATION ev_pub_cols, ev_pub_schema, ev_pub_reordered,
    ev_pub_filter, ev_pub_all;
DROP SCHEMA ev_schema CASCADE;
DROP TABLE ev_parted;
DROP VIEW ev_view;
DROP TABLE ev_ref, ev_main;
DROP FUNCTION ev_noop();
