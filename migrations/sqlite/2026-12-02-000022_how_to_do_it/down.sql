ALTER TABLE procedures DROP COLUMN access;
