-- scope_salt is restored as 0: texts on an article then need `tramites campaigns rebuild` to find their campaign again.
CREATE TABLE comment_signatures (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    -- The campaign's first comment (time-ordered: the earliest campaign wins).
    campaign_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    -- The article and proposed wording mixed into its band keys (0: the whole draft).
    scope_salt BIGINT NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX comment_signatures_consultation ON comment_signatures (consultation_id, seq);
INSERT INTO comment_signatures (consultation_id, comment_id, campaign_id, group_key, scope_salt, signature)
    SELECT consultation_id, id, COALESCE(campaign_id, id), group_key, 0, signature FROM comments WHERE signature IS NOT NULL ORDER BY id;
ALTER TABLE comments DROP COLUMN campaign_id;
ALTER TABLE comments DROP COLUMN signature;
