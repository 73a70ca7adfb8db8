-- Near-duplicate campaigns (issue 36). A comment's campaign is its text group: comments.group_key
-- names the campaign (the exact-text key of its first text), so moderation, answers and counts
-- by group act on campaigns. The LSH buckets live in the comment writer's memory, per
-- consultation; what they are rebuilt from is stored here: the MinHash signature of each text
-- that entered a bucket (at most 8 texts a bucket), with its campaign and the salt of its band
-- keys. Rows are written under the write lock, so their seq follows the order of the commits: a
-- writer reads only the rows after the last seq it saw, and misses none.
CREATE TABLE comment_signatures (
    seq BIGSERIAL PRIMARY KEY,
    consultation_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    -- The campaign's first comment (time-ordered: the earliest campaign wins).
    campaign_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    -- The article and proposed wording mixed into its band keys (0: the whole draft).
    scope_salt BIGINT NOT NULL,
    signature BYTEA NOT NULL
);
CREATE INDEX comment_signatures_consultation ON comment_signatures (consultation_id, seq);
-- Bumped by a rebuild or a split: writers then reload the consultation's buckets.
ALTER TABLE consultation_counts ADD COLUMN campaign_generation BIGINT NOT NULL DEFAULT 0;

-- "Me sumo": a citizen adds their name to a published comment instead of copying it.
CREATE TABLE endorsements (
    id TEXT PRIMARY KEY NOT NULL,
    comment_id TEXT NOT NULL REFERENCES comments (id),
    consultation_id TEXT NOT NULL,
    tracking_code TEXT NOT NULL UNIQUE,
    author_name TEXT,
    email TEXT,
    -- A keyed pseudonym of the client's address as the per-address limits count it (never the address).
    address_sha256 TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    idempotency_key TEXT
);
CREATE INDEX endorsements_comment ON endorsements (comment_id, address_sha256, received_at);
CREATE UNIQUE INDEX endorsements_idempotency ON endorsements (consultation_id, idempotency_key);
ALTER TABLE consultation_counts ADD COLUMN endorsements BIGINT NOT NULL DEFAULT 0;
