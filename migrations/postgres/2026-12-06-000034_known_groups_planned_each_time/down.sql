-- The lookup planned once per connection again (000017).
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
    -- One lookup per consultation (a batch nearly always has one), written as the
    -- primary key's two columns, `= consultation AND group_key = ANY (…)`, so that the plan
    -- is an index scan even when it was made while the table was empty: a join with the
    -- unnested pairs was planned as a hash join over the whole table (128 ms at 300,000
    -- groups), and the plan stays until the table is analysed.
    FOR consultation IN SELECT DISTINCT c FROM unnest(consultation_ids) AS u (c) LOOP
        RETURN QUERY
            SELECT NULL::BIGINT, NULL::TEXT, g.consultation_id, g.group_key,
                EXISTS (SELECT 1 FROM comment_responses r
                        WHERE r.consultation_id = g.consultation_id
                            AND r.group_key = g.group_key)
            FROM comment_groups g
            WHERE g.consultation_id = consultation
                AND g.group_key = ANY (ARRAY(
                    SELECT k.group_key
                    FROM unnest(consultation_ids, group_keys) AS k (consultation_id, group_key)
                    WHERE k.consultation_id = consultation));
    END LOOP;
END;
$$;
