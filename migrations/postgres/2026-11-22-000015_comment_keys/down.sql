DROP INDEX comments_idempotency;
CREATE UNIQUE INDEX comments_idempotency ON comments (consultation_id, idempotency_key);
