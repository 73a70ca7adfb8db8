DROP TABLE login_attempts;
ALTER TABLE users DROP COLUMN token_version;
