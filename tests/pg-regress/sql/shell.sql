-- \! runs a shell command; its output and errors come where psql's own
-- output goes (not into an \o file), after what psql printed so far,
-- with psql's environment (\setenv too)
SELECT 'before' AS a;
\! echo from the shell
\! echo "to stderr" 1>&2
\setenv SHELL_TEST_VALUE 'set by setenv'
\! echo "$SHELL_TEST_VALUE"
\setenv SHELL_TEST_VALUE
\! echo "[$SHELL_TEST_VALUE]"
\! printf 'no newline'
\echo
\o /dev/null
SELECT 'hidden' AS h;
\! echo not redirected by \\o
\o
\! exit 3
\! echo still running; false
SELECT 'after' AS z;
-- \pset without an option lists every setting; numericlocale groups
-- the digits of numeric columns only
\pset
\pset numericlocale on
SELECT 1234567.891 AS num, -9876543 AS int, 12 AS small, 1e20::float8 AS flt,
    '1234567'::text AS txt, 1234.5::money AS m, NULL::int AS nothing;
\x on
SELECT 1234567 AS big;
\x off
\pset format unaligned
SELECT 1234567 AS big;
\pset format aligned
\pset numericlocale
\pset title 'it''s a\ntitle'
\pset null '[null]'
\pset
\pset title
\pset null ''
