-- ON_ERROR_ROLLBACK keeps a transaction going; \c reconnects
CREATE TEMP TABLE rb (a int);
\set ON_ERROR_ROLLBACK 1
BEGIN;
INSERT INTO rb VALUES (1);
SELECT 1/0;
INSERT INTO rb VALUES (2);
SAVEPOINT mine;
INSERT INTO rb VALUES (3);
ROLLBACK TO mine;
COMMIT;
SELECT * FROM rb ORDER BY a;
\set ON_ERROR_ROLLBACK off
BEGIN;
SELECT 1/0;
SELECT 1;
ROLLBACK;
SELECT pg_backend_pid() AS old_pid \gset
\c
SELECT pg_backend_pid() <> :old_pid AS new_session;
\c :DBNAME
SELECT current_database() = :'DBNAME' AS same_db;
