CREATE INDEX comments_group_first ON comments (consultation_id, group_key, id);
