-- Tokens end when a password changes or an account is blocked: each token carries the
-- version it was issued under, and these changes move the version on.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;

-- Failed-login limits shared by every instance on the database: one row per attempt and key
-- (a user's pseudonym, or a client address), counted before the password is checked.
CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);

-- The token secret is now derived from the audit key file, outside the database.
DELETE FROM service_secrets WHERE name = 'jwt_secret';
