CREATE INDEX artist_name_idx ON Album (Title);
