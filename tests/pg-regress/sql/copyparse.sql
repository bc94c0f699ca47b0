-- \copy's arguments as psql 15 reads them: the COPY it sends rebuilds
-- what precedes FROM/TO token by token ("COPY  t ( a ) TO STDOUT ..."),
-- which the server's LINE 1: of an error shows; its parse errors
CREATE TABLE cpp (n int, s text);
INSERT INTO cpp VALUES (7, 'seven');
\copy cpp to stdout;
\copy cpp to stdout  with  (format yaml)
\copy cpp from stdin with (format yaml)
\.
\copy public.cpp from stdin (format yaml)
\.
\copy public . cpp (n,s) from stdin with (format yaml)
\.
\copy cpp(n, s) to stdout (format yaml)
\copy "cpp" (  n , s  ) to stdout (format yaml)
\copy public.cpp(n) to stdout(format yaml)
\copy (select n, 'x' from cpp) to stdout (format yaml)
\copy ( select   1 as "q r" ,2 ) to stdout with (format yaml)
\copy (select E'it\'s', 'a''b', count(*) from cpp) to stdout (format yaml)
\copy binary cpp to stdout (format yaml)
\copy cpp to stdout nonsense
\copy cpp from stdin where n >
\.
\copy
\copy cpp
\copy cpp sideways stdout
\copy cpp to
\copy (select 1
\copy cpp to 'copy''parse.tmp'
\! cat "copy'parse.tmp"; rm -f "copy'parse.tmp"
\copy cpp to stdout with (format csv, force_quote (s))
DROP TABLE cpp;
