ALTER TABLE orders ADD COLUMN paid integer NOT NULL DEFAULT 0;
UPDATE orders SET paid = 1 WHERE status = 'paid';
ALTER TABLE orders DROP COLUMN status;
