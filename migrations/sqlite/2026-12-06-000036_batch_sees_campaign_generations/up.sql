-- Nothing on SQLite: a batch holds the write lock from its start, placement included (see the
-- PostgreSQL migration of the same name).
SELECT 1;
