DROP INDEX artist_name_idx;
