-- Version 2: orders, with payment as a 0/1 flag.
CREATE TABLE orders (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL,
  total_cents integer NOT NULL,
  paid        integer NOT NULL DEFAULT 0,
  FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
