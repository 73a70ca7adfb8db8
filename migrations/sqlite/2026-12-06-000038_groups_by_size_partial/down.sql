DROP INDEX comment_groups_by_size;
CREATE INDEX comment_groups_by_size ON comment_groups (consultation_id, size);
