DROP FUNCTION comment_batch_locked(BIGINT, BIGINT, TEXT[], TEXT[]);
