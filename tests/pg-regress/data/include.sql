-- an included file: its messages carry psql:FILE:LINE:
SELECT 'included' AS a;

SELECT 1/0;
DO $$ BEGIN RAISE NOTICE 'from include'; END $$;
\nosuchcommand
