-- Public pages show identical comments once with how many sent them: find a group fast.
CREATE INDEX comments_group ON comments (consultation_id, group_key, status);
