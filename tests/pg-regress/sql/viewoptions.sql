-- \d+ on views with options (WITH CHECK OPTION, security_barrier):
-- psql prints "Options:" last, after the definition, rules and triggers
CREATE TABLE vo_base (k int PRIMARY KEY, label text);
CREATE VIEW vo_cascaded AS SELECT k, label FROM vo_base WHERE k > 0
    WITH CHECK OPTION;
CREATE VIEW vo_local WITH (security_barrier = true) AS
    SELECT k FROM vo_cascaded WHERE k < 100 WITH LOCAL CHECK OPTION;
CREATE VIEW vo_plain AS SELECT label FROM vo_base;
CREATE FUNCTION vo_trg() RETURNS trigger LANGUAGE plpgsql
    AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER vo_instead INSTEAD OF INSERT ON vo_plain
    FOR EACH ROW EXECUTE FUNCTION vo_trg();
ALTER VIEW vo_plain SET (security_invoker = on);
\d+ vo_cascaded
\d+ vo_local
\d+ vo_plain
\d vo_local
ALTER VIEW vo_local RESET (check_option, security_barrier);
\d+ vo_local
DROP VIEW vo_local, vo_cascaded, vo_plain;
DROP FUNCTION vo_trg();
DROP TABLE vo_base;
