DROP INDEX comment_groups_published;
