DROP INDEX comment_groups_by_size;
ALTER TABLE comment_groups DROP COLUMN size;
