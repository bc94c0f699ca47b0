-- the session ends under the script: psql names the lost connection
SELECT 1 AS before;
SELECT pg_terminate_backend(pg_backend_pid());
SELECT 2 AS never;
