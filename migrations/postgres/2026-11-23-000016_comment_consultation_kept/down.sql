DROP TRIGGER consultations_no_truncate ON consultations;
DROP TRIGGER consultations_no_delete ON consultations;
DROP FUNCTION consultations_kept();
ALTER TABLE comments ADD CONSTRAINT comments_consultation_id_fkey
    FOREIGN KEY (consultation_id) REFERENCES consultations (id);
