-- The music schema, MySQL/MariaDB dialect.
CREATE TABLE Artist (
    ArtistId int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    Name     varchar(120) NOT NULL UNIQUE
) ENGINE=InnoDB;
CREATE TABLE Album (
    AlbumId  int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    Title    varchar(160) NOT NULL,
    ArtistId int NOT NULL,
    FOREIGN KEY (ArtistId) REFERENCES Artist (ArtistId)
) ENGINE=InnoDB;
INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Accept');
INSERT INTO Album VALUES (1, 'For Those About To Rock', 1),
    (2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2);
