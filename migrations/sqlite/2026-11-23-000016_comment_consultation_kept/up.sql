-- Consultations are never deleted (their comments and audit entries refer to them); the
-- database refuses to, as on PostgreSQL, where this guarantee replaces the comments' foreign
-- key (see the PostgreSQL migration of the same name). SQLite keeps the foreign key too.
CREATE TRIGGER consultations_no_delete BEFORE DELETE ON consultations
BEGIN
    SELECT RAISE(ABORT, 'consultations are never deleted: their comments and audit entries refer to them');
END;
