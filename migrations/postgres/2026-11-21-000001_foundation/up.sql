CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE procedures (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    responsible_unit TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    category TEXT NOT NULL,
    audience TEXT NOT NULL,
    channel TEXT NOT NULL,
    requirements TEXT NOT NULL,
    steps INTEGER NOT NULL,
    in_person_visits INTEGER NOT NULL,
    resolution_days INTEGER NOT NULL,
    fee_gtq DOUBLE PRECISION NOT NULL,
    annual_volume BIGINT NOT NULL,
    citizen_hours DOUBLE PRECISION NOT NULL,
    workflow TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    regulation_reference TEXT,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    state_entered_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP,
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX procedures_state ON procedures (state, id);
CREATE INDEX procedures_category ON procedures (category, id);
CREATE INDEX procedures_due_at ON procedures (due_at);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    seal TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq);

CREATE TABLE service_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
