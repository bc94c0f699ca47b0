-- Exclusion constraints in \d's Indexes: as psql 15 prints them, the
-- constraint's own definition (DEFERRABLE and INITIALLY DEFERRED said
-- once, by the definition), then CLUSTER / INVALID as for any index;
-- deferrable unique and primary keys get the words from psql itself.
CREATE TABLE ex_booking (room int4range, during tsrange,
    EXCLUDE USING gist (room WITH &&, during WITH &&) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE ex_slots (id int PRIMARY KEY DEFERRABLE, slot int4range,
    code text UNIQUE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT ex_slots_no_overlap EXCLUDE USING gist (slot WITH &&) DEFERRABLE,
    CONSTRAINT ex_slots_now EXCLUDE USING gist (slot WITH -|-) WHERE (id > 0));
CLUSTER ex_slots USING ex_slots_no_overlap;
\d ex_booking
\d+ ex_slots
\d ex_slots_no_overlap
INSERT INTO ex_booking VALUES ('[1,2)', '[2020-01-01 10:00, 2020-01-01 12:00)');
BEGIN;
INSERT INTO ex_booking VALUES ('[1,3)', '[2020-01-01 11:00, 2020-01-01 13:00)');
COMMIT;
DROP TABLE ex_booking, ex_slots;
