-- The scanned original of a comment received on paper (issue 37): kept beside the comment the
-- Committee typed in, for staff only (it may show the citizen's handwriting and address).
CREATE TABLE comment_originals (
    comment_id TEXT PRIMARY KEY NOT NULL REFERENCES comments (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
