DROP TABLE oidc_requests;
DROP TABLE user_identities;
