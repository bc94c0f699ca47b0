-- shop-data.sql: seed data for shop.sql. Include it after the schema.
-- Rows are inserted parents first, because foreign keys are checked at once
-- on every engine.

-- The category tree:
--   Electronics
--     Computers
--       Laptops
--       Accessories
--     Phones
--   Books
--     Fiction
--     Science
--   Garden          (no products yet)
INSERT INTO categories (id, name, parent_id) VALUES
  (1, 'Electronics', NULL),
  (2, 'Computers',   1),
  (3, 'Laptops',     2),
  (4, 'Accessories', 2),
  (5, 'Phones',      1),
  (6, 'Books',       NULL),
  (7, 'Fiction',     6),
  (8, 'Science',     6),
  (9, 'Garden',      NULL);

-- Cleo and Eve have no known city, only Ann and Dan gave a phone number.
-- Eve has never ordered anything.
INSERT INTO customers (id, name, email, city, phone) VALUES
  (1, 'Ann',  'ann@example.com',  'Berlin', '+49 30 1111'),
  (2, 'Bob',  'bob@example.com',  'Paris',  NULL),
  (3, 'Cleo', 'cleo@example.com', NULL,     NULL),
  (4, 'Dan',  'dan@example.com',  'Berlin', '+49 30 2222'),
  (5, 'Eve',  'eve@example.com',  NULL,     NULL);

-- Grace runs the shop. Henry leads sales, Kim the warehouse.
INSERT INTO employees (id, name, title, manager_id) VALUES
  (1, 'Grace', 'CEO',            NULL),
  (2, 'Henry', 'Sales lead',     1),
  (3, 'Iris',  'Clerk',          2),
  (4, 'Jack',  'Clerk',          2),
  (5, 'Kim',   'Warehouse lead', 1),
  (6, 'Liam',  'Packer',         5);

-- The Cable has never been ordered. Cosmos is out of stock.
INSERT INTO products (id, sku, name, category_id, price_cents, stock) VALUES
  (1, 'LAP-13', 'Laptop 13', 3,  99900,   5),
  (2, 'LAP-15', 'Laptop 15', 3, 129900,   2),
  (3, 'MOU-01', 'Mouse',     4,   1990,  50),
  (4, 'KEY-01', 'Keyboard',  4,   4990,  20),
  (5, 'PHO-01', 'Phone',     5,  59900,  10),
  (6, 'BOO-01', 'Dune',      7,   1200,  30),
  (7, 'BOO-02', 'Cosmos',    8,   1500,   0),
  (8, 'CAB-01', 'Cable',     4,    990, 100);

-- Orders 104 and 106 are not assigned to an employee yet.
INSERT INTO orders (id, customer_id, placed_on, status, handled_by) VALUES
  (101, 1, '2024-01-05', 'shipped',   3),
  (102, 1, '2024-02-10', 'paid',      4),
  (103, 2, '2024-02-11', 'shipped',   3),
  (104, 3, '2024-03-01', 'new',       NULL),
  (105, 4, '2024-03-02', 'cancelled', 4),
  (106, 2, '2024-03-15', 'new',       NULL);

-- In order 106 Cosmos was sold at a discount (1400 instead of 1500).
INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES
  (101, 1, 1, 99900),
  (101, 3, 2,  1990),
  (102, 6, 1,  1200),
  (102, 7, 1,  1500),
  (103, 5, 1, 59900),
  (103, 4, 1,  4990),
  (104, 3, 1,  1990),
  (104, 6, 3,  1200),
  (105, 2, 1, 129900),
  (106, 7, 2,  1400);

INSERT INTO reviews (id, order_id, product_id, rating, body) VALUES
  (1, 101, 1, 5, 'Fast and quiet'),
  (2, 101, 3, 4, NULL),
  (3, 103, 5, 3, 'Battery could be better'),
  (4, 102, 6, 5, 'A classic');
