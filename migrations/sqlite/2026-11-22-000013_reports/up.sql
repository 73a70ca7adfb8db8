-- The indicators as measured each day (the series /indicadores charts against the targets),
-- and the accountability reports of ended four-month periods, frozen: the JSON stored here is
-- served unchanged afterwards and its SHA-256 is in the audit chain (`report.frozen`).
CREATE TABLE indicator_snapshots (
    day DATE PRIMARY KEY NOT NULL,
    priority_total BIGINT NOT NULL,
    priority_digital BIGINT NOT NULL,
    general_total BIGINT NOT NULL,
    general_digital BIGINT NOT NULL,
    overdue BIGINT NOT NULL,
    by_state TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE TABLE frozen_reports (
    period TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    frozen_at TIMESTAMP NOT NULL
);
