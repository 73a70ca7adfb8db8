-- A closed consultation's report, frozen: its JSON (and, once drawn, its PDF) stored and
-- hashed into the audit chain, served byte for byte until the consultation's counts change
-- (a late answer or moderation freezes a new version).
CREATE TABLE consultation_reports (
    consultation_id TEXT PRIMARY KEY NOT NULL,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BYTEA,
    pdf_sha256 TEXT,
    frozen_at TIMESTAMP NOT NULL
);
