-- What became of a group of comments: accepted, partially_accepted, not_accepted or
-- not_applicable, given with the Committee's answer.
ALTER TABLE comment_responses ADD COLUMN outcome TEXT;
