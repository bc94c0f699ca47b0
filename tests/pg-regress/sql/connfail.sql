-- a \connect that fails ends the script (psql drops the old connection
-- of a script and exits with status 2)
SELECT 'before' AS a;
\connect sqlcheck_no_such_database_here
SELECT 'never printed' AS b;
