-- Only comments sent with an Idempotency-Key (every web form, some API clients) need the
-- unique index: the others skip one B-tree insert each (NULLs never conflicted anyway).
DROP INDEX comments_idempotency;
CREATE UNIQUE INDEX comments_idempotency ON comments (consultation_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
