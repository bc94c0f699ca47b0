INSERT INTO colors VALUES (1, 'red'), (2, 'green'), (3, 'blue');
INSERT INTO shades VALUES (1, 'crimson'), (1, 'scarlet'), (3, 'navy');
