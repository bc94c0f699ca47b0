CREATE TABLE crdb_only (id INT8 PRIMARY KEY) WITH (ttl_expire_after = '1 day');
