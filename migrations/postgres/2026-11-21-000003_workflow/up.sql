-- Every workflow definition a procedure ever ran under, so later edits of a file
-- never change the rules of what already happened or is pending.
CREATE TABLE workflow_definitions (
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE transition_requests (
    id TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    transition TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    note TEXT NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    decision_note TEXT
);
-- At most one pending request per procedure, whatever the number of instances.
CREATE UNIQUE INDEX transition_requests_one_pending ON transition_requests (procedure_id) WHERE status = 'pending';
CREATE INDEX transition_requests_status ON transition_requests (status, id);

CREATE TABLE procedure_history (
    id TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    request_id TEXT UNIQUE REFERENCES transition_requests (id),
    transition TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    approved_by TEXT,
    at TIMESTAMP NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX procedure_history_procedure ON procedure_history (procedure_id, at);

CREATE TABLE checklist_items (
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    state TEXT NOT NULL,
    item TEXT NOT NULL,
    done BOOLEAN NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_id, state, item)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_procedure ON documents (procedure_id, kind);
