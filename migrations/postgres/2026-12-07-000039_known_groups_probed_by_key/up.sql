-- The lookup of a batch's known text groups is one probe of the primary key per (consultation,
-- group key), whatever the plan's age, instead of a statement planned at each call (000034).
-- Planning it took 0.23 ms of PostgreSQL's CPU a batch (pg_stat_statements, 2,513 batches of
-- distinct texts in 10 s: 566 ms of planning against 1,737 of execution). A generic plan of
-- `group_key = ANY (…)` made while comment_groups is small reads every group of the consultation
-- and filters them by key, and a join with the keys' `unnest` becomes a hash join doing the
-- same. A LATERAL subquery with LIMIT cannot be flattened into a join: each key is a nested
-- loop's probe on the primary key's two columns, in the plan made at the first call when the
-- table is empty as in any later one; so is the answer's lookup in comment_responses (an
-- EXISTS there was a hashed subplan reading the whole table at each call).
CREATE OR REPLACE FUNCTION comment_batch_locked(
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
        SELECT n.campaign_generation, NULL::TEXT, n.consultation_id, NULL::TEXT, NULL::BOOLEAN
        FROM consultation_counts n
        WHERE n.consultation_id = ANY (consultation_ids);
    RETURN QUERY
        SELECT NULL::BIGINT, NULL::TEXT, g.consultation_id, g.group_key, r.answered IS NOT NULL
        FROM unnest(consultation_ids, group_keys) AS k (consultation_id, group_key)
        CROSS JOIN LATERAL (
            SELECT g.consultation_id, g.group_key FROM comment_groups g
            WHERE g.consultation_id = k.consultation_id AND g.group_key = k.group_key
            LIMIT 1
        ) g
        LEFT JOIN LATERAL (
            SELECT true AS answered FROM comment_responses r
            WHERE r.consultation_id = g.consultation_id AND r.group_key = g.group_key
            LIMIT 1
        ) r ON true;
END;
$$;
