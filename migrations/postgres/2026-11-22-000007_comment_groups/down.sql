DROP INDEX comments_group;
