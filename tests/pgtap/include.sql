-- Included by include.pg (no .pg: not a test file of its own).
CREATE TABLE include_things (id integer);
SELECT ok(true, 'from the included file');
