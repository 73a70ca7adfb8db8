ALTER TABLE procedures DROP COLUMN baseline;
