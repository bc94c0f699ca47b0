-- Foreign keys of partitioned tables and partitions as psql 15 lists them:
-- a partition shows those of the tables above it as TABLE "parent"
-- CONSTRAINT ..., the copies in each partition are not listed, and a
-- referenced table shows each foreign key once.
CREATE TABLE fk_r (a int PRIMARY KEY, b int UNIQUE);
CREATE TABLE fk_p (a int REFERENCES fk_r, b int, c int) PARTITION BY RANGE (a);
CREATE TABLE fk_p1 PARTITION OF fk_p FOR VALUES FROM (0) TO (10) PARTITION BY RANGE (a);
CREATE TABLE fk_p11 PARTITION OF fk_p1 FOR VALUES FROM (0) TO (5);
ALTER TABLE fk_p1 ADD CONSTRAINT fk_p1_b FOREIGN KEY (b) REFERENCES fk_r (b);
ALTER TABLE fk_p11 ADD CONSTRAINT fk_p11_c FOREIGN KEY (c) REFERENCES fk_r (a) ON DELETE CASCADE;
CREATE TABLE fk_q (x int PRIMARY KEY, y int) PARTITION BY LIST (x);
CREATE TABLE fk_q1 PARTITION OF fk_q FOR VALUES IN (1, 2);
CREATE TABLE fk_s (x int REFERENCES fk_q, z int REFERENCES fk_s (x2), x2 int UNIQUE);
CREATE TABLE fk_t (a int, b int, FOREIGN KEY (b) REFERENCES fk_r (b) DEFERRABLE INITIALLY DEFERRED);
CREATE SCHEMA fk_other;
CREATE TABLE fk_other.o (a int REFERENCES fk_q1 (x));
\d fk_r
\d fk_p
\d+ fk_p1
\d fk_p11
\d fk_q
\d fk_q1
\d fk_s
\d fk_t
\d fk_other.o
DROP TABLE fk_other.o, fk_t, fk_s, fk_q, fk_p, fk_r;
DROP SCHEMA fk_other;
