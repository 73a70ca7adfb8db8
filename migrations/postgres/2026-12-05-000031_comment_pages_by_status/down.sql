DROP INDEX comments_group_first;
DROP INDEX comments_status_article;
