-- The "mysql" dialect: MySQL/MariaDB-only syntax, so that another engine
-- running this file would fail.
CREATE TABLE dialect_note (id integer NOT NULL AUTO_INCREMENT PRIMARY KEY,
    said varchar(40) NOT NULL) ENGINE=InnoDB;
INSERT INTO dialect_note (id, said) VALUES (1, 'mysql schema');
