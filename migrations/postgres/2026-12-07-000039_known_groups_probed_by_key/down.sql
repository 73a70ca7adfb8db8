-- The lookup of a batch's known text groups planned at each call again (000036).
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
    RETURN QUERY
        SELECT n.campaign_generation, NULL::TEXT, n.consultation_id, NULL::TEXT, NULL::BOOLEAN
        FROM consultation_counts n
        WHERE n.consultation_id = ANY (consultation_ids);
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
