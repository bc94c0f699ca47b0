COMMENT ON TABLE Album IS 'albums, one row each';
