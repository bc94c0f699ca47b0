CREATE INDEX CONCURRENTLY artist_name_idx ON Album (Title);
