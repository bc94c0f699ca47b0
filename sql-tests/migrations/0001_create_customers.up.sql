-- Version 1: customers.
CREATE TABLE customers (
  id   integer PRIMARY KEY,
  name varchar(100) NOT NULL
);
