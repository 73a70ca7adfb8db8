CREATE TABLE consultations (
    id TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    proposal_text TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX consultations_procedure ON consultations (procedure_id);
CREATE INDEX consultations_closes_at ON consultations (closes_at, id);

CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    tracking_code TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    group_key TEXT NOT NULL,
    author_name TEXT,
    email TEXT,
    organization TEXT,
    status TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    moderated_by TEXT,
    moderated_at TIMESTAMP,
    reject_reason TEXT,
    reject_detail TEXT,
    idempotency_key TEXT
);
CREATE INDEX comments_consultation ON comments (consultation_id, status, id);
CREATE UNIQUE INDEX comments_idempotency ON comments (consultation_id, idempotency_key);

-- One answer per group of identical comments (same normalised text) of a consultation.
CREATE TABLE comment_responses (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    group_key TEXT NOT NULL,
    body TEXT NOT NULL,
    responded_by TEXT NOT NULL,
    responded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, group_key)
);
