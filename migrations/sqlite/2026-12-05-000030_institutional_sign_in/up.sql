-- Staff sign-in through an OpenID Connect provider (issue 40).
-- An institutional account linked to a user: matched by the provider's verified subject.
CREATE TABLE user_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    linked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);
-- Sign-ins sent to the provider and not back yet: each state is used once (deleted when its
-- callback arrives), and only within ten minutes.
CREATE TABLE oidc_requests (
    state TEXT PRIMARY KEY NOT NULL,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    volver TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
