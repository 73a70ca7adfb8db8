-- A batch of comments takes the write lock and reads what it needs under the lock in the
-- same round trip as its insert (src/db/consultations.rs, insert_comments_and_lock): the
-- audit chain's head, and which of the batch's text groups exist and have an answer. Two
-- round trips fewer while the lock is held, where the batches of the two comment writers
-- queue.
--
-- The reads must see everything committed before the lock was granted. A single statement
-- `SELECT pg_advisory_xact_lock(...), (SELECT ... FROM audit_log ...)` would not: its
-- snapshot is taken before it waits for the lock. PL/pgSQL runs each query of a VOLATILE
-- function with a fresh snapshot (READ COMMITTED), so the queries after PERFORM see the
-- commits of whoever held the lock before.
--
-- `inserted` only orders the work: the caller passes the count of the rows its statement
-- inserted (`(SELECT count(*) FROM ins)`), so its insert is complete before the function is
-- called, and the lock is held for as short a time as possible.
CREATE FUNCTION comment_batch_locked(
    inserted BIGINT,
    lock_key BIGINT,
    consultation_ids TEXT[],
    group_keys TEXT[]
) RETURNS TABLE (
    head_seq BIGINT,
    head_hash TEXT,
    known_consultation TEXT,
    known_group TEXT,
    known_answered BOOLEAN
) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY
        SELECT a.seq, a.hash, NULL::TEXT, NULL::TEXT, NULL::BOOLEAN
        FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    RETURN QUERY
        SELECT NULL::BIGINT, NULL::TEXT, g.consultation_id, g.group_key,
            EXISTS (SELECT 1 FROM comment_responses r
                    WHERE r.consultation_id = g.consultation_id AND r.group_key = g.group_key)
        FROM comment_groups g
        JOIN unnest(consultation_ids, group_keys) AS k (consultation_id, group_key)
            ON g.consultation_id = k.consultation_id AND g.group_key = k.group_key;
END;
$$;
