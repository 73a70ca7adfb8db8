-- General feedback from citizens (programme, line 20): on services, open data and the
-- population's labour needs. Moderated like comments before anyone sees it.
CREATE TABLE feedback (
    id TEXT PRIMARY KEY NOT NULL,
    tracking_code TEXT NOT NULL UNIQUE,
    topic TEXT NOT NULL,
    body TEXT NOT NULL,
    author_name TEXT,
    email TEXT,
    status TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    moderated_by TEXT REFERENCES users (id),
    moderated_at TIMESTAMP,
    reject_reason TEXT,
    reject_detail TEXT,
    response TEXT,
    responded_by TEXT REFERENCES users (id),
    responded_at TIMESTAMP,
    idempotency_key TEXT UNIQUE
);
CREATE INDEX feedback_by_status ON feedback (status, id);
