-- The index of a consultation's campaigns by size (migration 000032) holds only campaigns of
-- more than one comment: a consultation's largest campaign is one seek in it, or, when no text
-- was sent twice, a seek for any group at all (`db::counts::largest_campaign`). A comment with a
-- new text, which starts a group of one, no longer costs the writer one more place in a B-tree
-- (issue 36, distinct texts; docs/PERFORMANCE.md).
DROP INDEX comment_groups_by_size;
CREATE INDEX comment_groups_by_size ON comment_groups (consultation_id, size) WHERE size > 1;
