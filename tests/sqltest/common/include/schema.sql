-- Included by include.sqltest: a schema for every engine.
CREATE TABLE colors (
  id   integer PRIMARY KEY,
  name varchar(20) NOT NULL
);
CREATE TABLE shades (
  color_id integer NOT NULL,
  shade    varchar(20) NOT NULL,
  PRIMARY KEY (color_id, shade),
  FOREIGN KEY (color_id) REFERENCES colors (id)
);
