INSERT INTO colors VALUES (5, 'white');
