-- \crosstabview's column arguments read as psql 15 reads them
CREATE TABLE pets (kind text, colour text, n int, "Odd Name" int);
INSERT INTO pets VALUES ('cat', 'black', 2, 1), ('dog', 'white', 3, 2),
  ('cat', 'white', 1, 3);
SELECT kind, colour, n FROM pets \crosstabview kind "colour" n
SELECT kind, colour, n FROM pets \crosstabview KIND COLOUR N
SELECT kind, colour, n, "Odd Name" FROM pets \crosstabview kind colour "Odd Name"
SELECT kind, colour, n, "Odd Name" FROM pets \crosstabview kind colour "Odd"" Name"
SELECT kind, colour, n FROM pets \crosstabview kind "col"our n
SELECT kind, colour, n FROM pets \crosstabview kind "colour":n n
SELECT kind, colour, n FROM pets \crosstabview kind colour:n n
SELECT kind, colour, n FROM pets \crosstabview 1 2 03
SELECT kind, colour, n FROM pets \crosstabview 1 2 0
SELECT kind, colour, n FROM pets \crosstabview 1 2 3x
SELECT kind, colour, n, n FROM pets \crosstabview kind colour n
SELECT kind, colour, n, "Odd Name" FROM pets \crosstabview kind colour n "Odd Name"
-- the horizontal header has at most 1600 columns
SELECT 'v', g, g FROM generate_series(1, 1600) g \crosstabview
\echo :ROW_COUNT
SELECT 'v', g, g FROM generate_series(1, 1601) g \crosstabview
DROP TABLE pets;
