-- schema.sql: every kind of constraint that SQLite, PostgreSQL and MariaDB
-- share, for tests/coverage.sh: primary keys (one composite), a UNIQUE
-- constraint, a unique index, foreign keys, named and unnamed CHECKs and
-- NOT NULL columns.  exclusion.sqltest adds PostgreSQL's exclusion
-- constraint.  The column email is NOT NULL in two tables, so that a
-- MariaDB message naming only the column fits two constraints.

CREATE TABLE authors (
  id    integer      NOT NULL,
  email varchar(100) NOT NULL,
  name  varchar(100),
  CONSTRAINT pk_authors PRIMARY KEY (id),
  CONSTRAINT uq_authors_email UNIQUE (email),
  CONSTRAINT ck_authors_email CHECK (email LIKE '%@%')
);

CREATE TABLE books (
  id        integer      NOT NULL,
  author_id integer      NOT NULL,
  isbn      varchar(20)  NOT NULL,
  title     varchar(100) NOT NULL,
  pages     integer,
  stock     integer      CHECK (stock >= 0),
  CONSTRAINT pk_books PRIMARY KEY (id),
  CONSTRAINT uq_books_isbn UNIQUE (isbn),
  CONSTRAINT ck_books_pages CHECK (pages > 0 AND pages < 10000),
  CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id)
);
CREATE UNIQUE INDEX ux_books_title ON books (author_id, title);

CREATE TABLE loans (
  book_id integer      NOT NULL,
  email   varchar(100) NOT NULL,
  CONSTRAINT pk_loans PRIMARY KEY (book_id, email),
  CONSTRAINT fk_loans_book FOREIGN KEY (book_id) REFERENCES books (id)
);

INSERT INTO authors (id, email, name) VALUES
  (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', NULL);
INSERT INTO books (id, author_id, isbn, title, pages, stock) VALUES
  (10, 1, '111', 'First', 100, 1), (11, 2, '222', 'Second', 200, 0);
INSERT INTO loans (book_id, email) VALUES (10, 'zoe@example.com');
