-- The burden a procedure had when it first entered analysis (JSON of its fields): the
-- baseline its savings are measured from.
ALTER TABLE procedures ADD COLUMN baseline TEXT;
