-- The music schema, SQLite dialect: case kept in names.
CREATE TABLE Artist (
    ArtistId INTEGER PRIMARY KEY,
    Name     TEXT NOT NULL UNIQUE
);
CREATE TABLE Album (
    AlbumId  INTEGER PRIMARY KEY,
    Title    TEXT NOT NULL,
    ArtistId INTEGER NOT NULL REFERENCES Artist (ArtistId)
);
INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Accept');
INSERT INTO Album VALUES (1, 'For Those About To Rock', 1),
    (2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2);
