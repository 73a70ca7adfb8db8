ALTER TABLE comment_responses DROP COLUMN outcome;
