-- Version 3: the paid flag becomes a status ('open' or 'paid'), and the
-- data moves with it.
ALTER TABLE orders ADD COLUMN status varchar(10) NOT NULL DEFAULT 'open';
UPDATE orders SET status = 'paid' WHERE paid = 1;
ALTER TABLE orders DROP COLUMN paid;
