-- The index of one article's comments by status (migration 000031) holds only comments on an
-- article: the queries that use it name the article (`article = ?` implies it is not null), and
-- a comment on the whole draft, the usual case, no longer costs the writer one more place in
-- a B-tree (issue 36, distinct texts; docs/PERFORMANCE.md).
DROP INDEX comments_status_article;
CREATE INDEX comments_status_article ON comments (consultation_id, status, article, id)
    WHERE article IS NOT NULL;
