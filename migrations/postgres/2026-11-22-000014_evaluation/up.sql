-- The acceptance evaluation of launched procedures (programme, line 5): citizens' survey
-- answers (counted and averaged, never shown one by one with their time; the optional comment
-- is moderated like other comments) and the Committee's monthly transactions per channel.
CREATE TABLE survey_answers (
    id TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    satisfaction INTEGER NOT NULL,
    ease INTEGER NOT NULL,
    completed_online BOOLEAN NOT NULL,
    channel TEXT NOT NULL,
    comment TEXT,
    comment_status TEXT NOT NULL,
    reject_reason TEXT,
    moderated_by TEXT,
    moderated_at TIMESTAMP,
    idempotency_key TEXT UNIQUE,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX survey_answers_procedure ON survey_answers (procedure_id);
CREATE TABLE usage_months (
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    month TEXT NOT NULL,
    online BIGINT NOT NULL,
    in_person BIGINT NOT NULL,
    other BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_id, month)
);
