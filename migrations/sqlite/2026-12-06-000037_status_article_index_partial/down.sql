DROP INDEX comments_status_article;
CREATE INDEX comments_status_article ON comments (consultation_id, status, article, id);
