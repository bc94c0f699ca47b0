-- shop.sql: the schema of a small web shop, used by the example tests in sql-tests/.
--
-- It is written to run unchanged on SQLite 3.40+, PostgreSQL 15+ and MariaDB 10.11+
-- (InnoDB), so it keeps to the common subset of SQL:
--   * integer, varchar(n) and date columns only. Money is kept in integer cents,
--     so sums and averages of prices render alike everywhere.
--   * no SERIAL, AUTO_INCREMENT, AUTOINCREMENT or IDENTITY: ids are given explicitly.
--   * foreign keys are written as table constraints. MariaDB silently ignores a
--     REFERENCES clause written inside a column definition.
--   * no booleans (PostgreSQL renders them t/f, the others 1/0).
--   * tables are created parents first, so every FOREIGN KEY names an existing table.
-- Every constraint has a name, so error messages name it the same way on all engines.
--
-- Tables: categories (a tree), customers, employees (with managers), products,
-- orders, order_items (composite key) and reviews (composite foreign key).
-- Seed data is in shop-data.sql.

-- Product categories form a tree: parent_id points at the parent category,
-- NULL marks a top-level category.
CREATE TABLE categories (
  id        integer     NOT NULL,
  name      varchar(50) NOT NULL,
  parent_id integer,
  CONSTRAINT pk_categories PRIMARY KEY (id),
  CONSTRAINT uq_categories_name UNIQUE (name),
  CONSTRAINT ck_categories_not_own_parent CHECK (parent_id <> id),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id)
);

-- city and phone are optional: NULL means "unknown". phone is UNIQUE, yet many
-- customers may have no phone, because a UNIQUE constraint ignores NULLs.
CREATE TABLE customers (
  id    integer      NOT NULL,
  name  varchar(100) NOT NULL,
  email varchar(100) NOT NULL,
  city  varchar(50),
  phone varchar(20),
  CONSTRAINT pk_customers PRIMARY KEY (id),
  CONSTRAINT uq_customers_email UNIQUE (email),
  CONSTRAINT uq_customers_phone UNIQUE (phone),
  CONSTRAINT ck_customers_email CHECK (email LIKE '%_@_%')
);

-- Staff. manager_id is NULL for the boss, otherwise another employee.
CREATE TABLE employees (
  id         integer      NOT NULL,
  name       varchar(100) NOT NULL,
  title      varchar(50)  NOT NULL,
  manager_id integer,
  CONSTRAINT pk_employees PRIMARY KEY (id),
  CONSTRAINT ck_employees_not_own_manager CHECK (manager_id <> id),
  CONSTRAINT fk_employees_manager FOREIGN KEY (manager_id) REFERENCES employees (id)
);

-- sku is the natural key, id the surrogate key. Prices are in cents.
CREATE TABLE products (
  id          integer      NOT NULL,
  sku         varchar(20)  NOT NULL,
  name        varchar(100) NOT NULL,
  category_id integer      NOT NULL,
  price_cents integer      NOT NULL,
  stock       integer      DEFAULT 0 NOT NULL,
  CONSTRAINT pk_products PRIMARY KEY (id),
  CONSTRAINT uq_products_sku UNIQUE (sku),
  CONSTRAINT ck_products_price CHECK (price_cents > 0),
  CONSTRAINT ck_products_stock CHECK (stock >= 0),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id)
);

-- handled_by is the employee who takes care of the order, NULL while unassigned.
CREATE TABLE orders (
  id          integer     NOT NULL,
  customer_id integer     NOT NULL,
  placed_on   date        NOT NULL,
  status      varchar(10) DEFAULT 'new' NOT NULL,
  handled_by  integer,
  CONSTRAINT pk_orders PRIMARY KEY (id),
  CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_orders_handled_by FOREIGN KEY (handled_by) REFERENCES employees (id)
);

-- One line per product in an order: the key is the pair (order_id, product_id).
-- Deleting an order deletes its lines (ON DELETE CASCADE). Deleting a product
-- that was ever ordered is refused (the default, NO ACTION).
-- unit_price_cents is the price paid, which may differ from today's list price.
CREATE TABLE order_items (
  order_id         integer NOT NULL,
  product_id       integer NOT NULL,
  quantity         integer NOT NULL,
  unit_price_cents integer NOT NULL,
  CONSTRAINT pk_order_items PRIMARY KEY (order_id, product_id),
  CONSTRAINT ck_order_items_quantity CHECK (quantity > 0),
  CONSTRAINT ck_order_items_price CHECK (unit_price_cents >= 0),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id)
    REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_product FOREIGN KEY (product_id)
    REFERENCES products (id)
);

-- A review belongs to one purchased order line: a composite foreign key onto the
-- composite primary key of order_items, and at most one review per line.
-- The cascade continues: deleting an order deletes its lines and their reviews.
CREATE TABLE reviews (
  id         integer NOT NULL,
  order_id   integer NOT NULL,
  product_id integer NOT NULL,
  rating     integer NOT NULL,
  body       varchar(500),
  CONSTRAINT pk_reviews PRIMARY KEY (id),
  CONSTRAINT uq_reviews_line UNIQUE (order_id, product_id),
  CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT fk_reviews_line FOREIGN KEY (order_id, product_id)
    REFERENCES order_items (order_id, product_id) ON DELETE CASCADE
);
