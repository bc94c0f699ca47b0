-- notifications this session listens to, printed after each query
LISTEN chan;
LISTEN "Chan two";
NOTIFY chan;
SELECT pg_notify('Chan two', 'a payload') AS sent;
\o /dev/null
NOTIFY chan, 'into the query output: not shown';
\o
BEGIN;
NOTIFY chan, 'sent at commit';
SELECT 'in the transaction' AS t;
COMMIT;
\set ON_ERROR_ROLLBACK on
BEGIN;
NOTIFY chan, 'kept';
SELECT 1/0;
COMMIT;
\set ON_ERROR_ROLLBACK off
SELECT 'gset' AS g \gset
NOTIFY chan, 'by \g' \g
NOTIFY chan, 'one' \; NOTIFY chan, 'two' \; SELECT 'chain' AS c;
UNLISTEN *;
NOTIFY chan;
SELECT 'no more' AS done;
