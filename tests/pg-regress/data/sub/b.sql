SELECT 2 AS in_sub_b;
SELECT 1/0;
