-- psql 15 sends the "\." line that ends inline COPY data to the server
-- too: a CSV quoted field left open shows it in the error's CONTEXT.
CREATE TABLE cm (a text, b int);
COPY cm FROM STDIN WITH (FORMAT csv);
"open
\.
SELECT count(*) FROM cm;
COPY cm FROM STDIN WITH (FORMAT csv);
"two
lines",1
plain,2
\.
COPY cm FROM STDIN;
text	3
\.
SELECT * FROM cm ORDER BY b;
DROP TABLE cm;
