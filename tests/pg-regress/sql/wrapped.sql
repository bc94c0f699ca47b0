-- \pset format wrapped with \pset columns: columns narrowed and values
-- wrapped as psql does, in each line style and border
CREATE TABLE notes (id int, title text, body text);
INSERT INTO notes VALUES
  (1, 'short', 'a fairly long sentence that will not fit in the width'),
  (22, 'a title longer than most', E'two\nlines here, the second one long'),
  (333, NULL, ''),
  (4444, 'ünïcödé wide 漢字漢字漢字', 'x');
\pset null '(null)'
\pset format wrapped
\pset columns 40
SELECT * FROM notes ORDER BY id;
\pset border 0
SELECT * FROM notes ORDER BY id;
\pset border 2
SELECT * FROM notes ORDER BY id;
\pset linestyle old-ascii
\pset border 1
SELECT * FROM notes ORDER BY id;
\pset border 0
SELECT * FROM notes ORDER BY id;
\pset linestyle unicode
\pset border 1
SELECT * FROM notes ORDER BY id;
\pset border 2
\pset title 'Notes, wrapped'
SELECT * FROM notes ORDER BY id;
\pset title
\pset linestyle ascii
\pset border 1
-- the headers alone are wider: nothing is wrapped
\pset columns 10
SELECT * FROM notes ORDER BY id;
-- wide enough: as aligned
\pset columns 200
SELECT * FROM notes ORDER BY id;
\pset columns 25
SELECT id, body, repeat('z', id % 50) AS zs FROM notes ORDER BY id;
SELECT 'only header' AS h WHERE false;
\pset columns 0
SELECT * FROM notes ORDER BY id;
\pset format aligned
\pset null ''
DROP TABLE notes;
