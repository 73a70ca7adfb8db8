-- Nothing on SQLite: it has no comment_batch_locked function (see the PostgreSQL migration of
-- the same name).
SELECT 1;
