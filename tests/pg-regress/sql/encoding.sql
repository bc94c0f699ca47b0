-- display widths follow the client encoding, as psql's do: bytes under
-- SQL_ASCII, single-byte characters under LATIN1, UTF-8 widths (wide,
-- zero-width and combining characters) under UTF8
SELECT 'é' AS e, '日本' AS wide, 'e' || U&'\0301' AS combining,
    U&'\200B' AS zero_width, U&'\00AD' AS soft_hyphen, 'x' AS plain;
SET client_encoding = 'SQL_ASCII';
SELECT 'é' AS e, '日本' AS wide, 'ab' AS plain;
\x on
SELECT 'café' AS "naïve", 1 AS n;
\x off
SET client_encoding = 'LATIN1';
SELECT 'café au lait' AS drink, 'x' AS y;
SELECT E'tab\there' AS t, E'\x01' AS ctl;
RESET client_encoding;
SELECT 'café au lait' AS drink, 'x' AS y;
