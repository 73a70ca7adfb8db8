-- Each campaign (text group) keeps its size, changed in the transaction of each comment, split
-- and rebuild (issue 39): a consultation's largest campaigns are then one index seek, not a
-- count over all of its comments.
ALTER TABLE comment_groups ADD COLUMN size BIGINT NOT NULL DEFAULT 0;
UPDATE comment_groups SET size = (
    SELECT count(*) FROM comments c
    WHERE c.consultation_id = comment_groups.consultation_id
      AND c.group_key = comment_groups.group_key
);
CREATE INDEX comment_groups_by_size ON comment_groups (consultation_id, size);
