-- Public pages show identical comments once with how many sent them: find a group fast.
CREATE INDEX comments_group ON comments (consultation_id, group_key, status, id);
-- A page of comments in order, whatever their status mix, without sorting them all.
CREATE INDEX comments_in_order ON comments (consultation_id, id);
