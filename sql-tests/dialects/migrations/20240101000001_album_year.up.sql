ALTER TABLE Album ADD COLUMN ReleaseYear integer;
