-- included by \ir from psqlmore.sql
SELECT 1 AS in_sub;
\ir b.sql
