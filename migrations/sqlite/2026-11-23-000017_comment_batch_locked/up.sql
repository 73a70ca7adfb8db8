-- Nothing on SQLite: its comment batches hold the write lock from their first statement and
-- read in process, with no round trips to save (see the PostgreSQL migration of the same name).
SELECT 1;
