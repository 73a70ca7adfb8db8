-- Workspace sessions, kept in the database so every instance shares them, they survive a
-- restart, and signing out or deactivating a user ends them at once. The id is the SHA-256 of
-- the cookie's secret: the table alone does not let anyone take over a session.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    token_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id);
