-- A comment's consultation is guaranteed by the writer and by this trigger instead of a
-- foreign key. The foreign key ran a check for every comment inserted (a query on
-- consultations locking its row FOR KEY SHARE, planned and run through SPI): 10 % of
-- PostgreSQL's CPU under a flash crowd of comments. The comment path reads the consultation
-- in the same transaction before it stores a comment for it (src/usecases/comments.rs), and
-- nothing deletes a consultation; the database now refuses to, so no comment can lose its
-- consultation. SQLite keeps its foreign key (its check is a B-tree lookup, no query).
ALTER TABLE comments DROP CONSTRAINT comments_consultation_id_fkey;

CREATE FUNCTION consultations_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consultations are never deleted: their comments and audit entries refer to them';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consultations_no_delete BEFORE DELETE ON consultations
    FOR EACH ROW EXECUTE FUNCTION consultations_kept();
CREATE TRIGGER consultations_no_truncate BEFORE TRUNCATE ON consultations
    FOR EACH STATEMENT EXECUTE FUNCTION consultations_kept();
