-- The batch's lookup of its known text groups (see 000017) is planned at each call (EXECUTE),
-- not once per connection. The comment writers' connections run with
-- `plan_cache_mode = force_generic_plan`, so PL/pgSQL kept the plan it made at the first batch,
-- when comment_groups was nearly empty: a bitmap scan of `comment_groups_by_size` on the
-- consultation alone (000032), then every group of the consultation read and filtered by key.
-- Measured under distinct texts (auto_explain): 50,981 index entries read for a batch of 29
-- keys, 2.4 ms a batch, most of the 163-194 µs of PostgreSQL CPU each distinct comment cost.
-- Planned with the keys at hand and the table's current size, it is the primary key's
-- `(consultation_id, group_key = ANY (…))`, as many probes as keys. A one-shot plan in
-- PL/pgSQL is always a custom plan, whatever plan_cache_mode says.
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
DECLARE
    consultation TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY
        SELECT a.seq, a.hash, NULL::TEXT, NULL::TEXT, NULL::BOOLEAN
        FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    FOR consultation IN SELECT DISTINCT c FROM unnest(consultation_ids) AS u (c) LOOP
        RETURN QUERY EXECUTE
            'SELECT NULL::BIGINT, NULL::TEXT, g.consultation_id, g.group_key,
                EXISTS (SELECT 1 FROM comment_responses r
                        WHERE r.consultation_id = g.consultation_id
                            AND r.group_key = g.group_key)
            FROM comment_groups g
            WHERE g.consultation_id = $1 AND g.group_key = ANY ($2)'
            USING consultation, ARRAY(
                SELECT k.group_key
                FROM unnest(consultation_ids, group_keys) AS k (consultation_id, group_key)
                WHERE k.consultation_id = consultation);
    END LOOP;
END;
$$;
