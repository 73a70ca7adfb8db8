-- Reach (issue 37). Where a comment came from when it did not come through the web form, or
-- the language it was written in when not Spanish: one row only for such comments, so that a
-- web comment in Spanish (nearly all of them) writes nothing more than before. A comment with
-- no row here came through the web (`web`) in Spanish (`spa`).
CREATE TABLE comment_origins (
    comment_id TEXT PRIMARY KEY NOT NULL REFERENCES comments (id),
    consultation_id TEXT NOT NULL,
    -- web, paper, phone, in_person, email or whatsapp.
    channel TEXT NOT NULL,
    -- ISO 639-3 code of the language it was written in.
    language TEXT NOT NULL,
    -- The day an office received it (paper, phone…); it was typed in at comments.received_at.
    received_on DATE,
    -- The staff member who typed it in.
    recorded_by TEXT
);
CREATE INDEX comment_origins_consultation ON comment_origins (consultation_id, channel);

-- Translations of a consultation's title, summary and draft, frozen like the original.
CREATE TABLE consultation_translations (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    -- ISO 639-3 code listed in the setting draft_languages.
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    proposal_text TEXT NOT NULL,
    translator TEXT NOT NULL,
    -- SHA-256 of title, summary and draft as published (domain::translation::sha256).
    sha256 TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, language)
);
