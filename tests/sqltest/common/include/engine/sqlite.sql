-- The "sqlite" dialect: the only one this file's SQLite run reads.
CREATE TABLE dialect_note (id integer PRIMARY KEY, said text NOT NULL);
INSERT INTO dialect_note VALUES (1, 'sqlite schema');
