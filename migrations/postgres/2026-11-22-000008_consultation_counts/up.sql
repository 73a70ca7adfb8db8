-- A consultation's counts, kept up to date in the transaction of each change, so reading them
-- costs the same at 10 and at 1,000,000 comments.
CREATE TABLE consultation_counts (
    consultation_id TEXT PRIMARY KEY NOT NULL REFERENCES consultations (id),
    received BIGINT NOT NULL DEFAULT 0,
    distinct_texts BIGINT NOT NULL DEFAULT 0,
    published BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0
);

INSERT INTO consultation_counts (consultation_id, received, distinct_texts, published, rejected, answered)
SELECT c.id,
    (SELECT COUNT(*) FROM comments m WHERE m.consultation_id = c.id),
    (SELECT COUNT(DISTINCT m.group_key) FROM comments m WHERE m.consultation_id = c.id),
    (SELECT COUNT(*) FROM comments m WHERE m.consultation_id = c.id AND m.status = 'published'),
    (SELECT COUNT(*) FROM comments m WHERE m.consultation_id = c.id AND m.status = 'rejected'),
    (SELECT COUNT(*) FROM comments m WHERE m.consultation_id = c.id AND m.status = 'published'
        AND EXISTS (SELECT 1 FROM comment_responses r
                    WHERE r.consultation_id = m.consultation_id AND r.group_key = m.group_key))
FROM consultations c;

-- Each group of identical texts: how many of its comments are published ("enviado por N
-- personas"), kept the same way.
CREATE TABLE comment_groups (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    group_key TEXT NOT NULL,
    published BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, group_key)
);

INSERT INTO comment_groups (consultation_id, group_key, published)
SELECT consultation_id, group_key, SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END)
FROM comments
GROUP BY consultation_id, group_key;
