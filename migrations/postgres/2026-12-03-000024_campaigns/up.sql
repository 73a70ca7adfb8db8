-- Near-duplicate campaigns (issue 36). A comment's campaign is its text group: comments.group_key
-- names the campaign (the exact-text key of its first text), so moderation, answers and counts
-- by group act on campaigns. These tables are what the write path looks up instead of earlier
-- comments: the LSH band buckets (at most 8 texts each) and the signatures of the texts in them.
CREATE TABLE campaign_bands (
    consultation_id TEXT NOT NULL,
    band_key BIGINT NOT NULL,
    comment_id TEXT NOT NULL,
    -- The campaign's first comment (time-ordered UUIDv7: the earliest campaign wins).
    campaign_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    PRIMARY KEY (consultation_id, band_key, comment_id)
);
CREATE TABLE comment_signatures (
    comment_id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL,
    signature BYTEA NOT NULL
);
CREATE INDEX comment_signatures_consultation ON comment_signatures (consultation_id);

-- "Me sumo": a citizen adds their name to a published comment instead of copying it.
CREATE TABLE endorsements (
    id TEXT PRIMARY KEY NOT NULL,
    comment_id TEXT NOT NULL REFERENCES comments (id),
    consultation_id TEXT NOT NULL,
    tracking_code TEXT NOT NULL UNIQUE,
    author_name TEXT,
    email TEXT,
    -- SHA-256 of the client's address as the per-address limits count it (never the address).
    address_sha256 TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    idempotency_key TEXT
);
CREATE INDEX endorsements_comment ON endorsements (comment_id, address_sha256, received_at);
CREATE UNIQUE INDEX endorsements_idempotency ON endorsements (consultation_id, idempotency_key);
ALTER TABLE consultation_counts ADD COLUMN endorsements BIGINT NOT NULL DEFAULT 0;
