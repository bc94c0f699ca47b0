-- \cd: the session's directory for \i, \o, \w, \copy, \lo_* and \!;
-- errors for a missing directory and a file; compared with psql
\cd data
\! ls
\i include.sql
CREATE TEMP TABLE cd_t (a int, b text);
INSERT INTO cd_t VALUES (1, 'one'), (2, 'two');
\copy cd_t to 'cd-copy.txt'
\o cd-out.txt
SELECT * FROM cd_t ORDER BY a;
\o
SELECT 'buffer' AS w \w cd-w.sql
\r
\set QUIET on
\lo_import include.sql
SELECT length(lo_get(:LASTOID)) > 0 AS imported;
\lo_unlink :LASTOID
\set QUIET off
\cd sub
\! ls
\cd ..
\! cat cd-copy.txt cd-out.txt cd-w.sql
TRUNCATE cd_t;
\copy cd_t from 'cd-copy.txt'
SELECT count(*) FROM cd_t;
\! rm cd-copy.txt cd-out.txt cd-w.sql
\cd no-such-dir
\cd include.sql
\! ls
\cd /
\! pwd
\cd
\! test "$(pwd)" = "$(getent passwd "$(id -u)" | cut -d: -f6)" && echo home
