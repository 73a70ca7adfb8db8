DROP INDEX comments_in_order;
DROP INDEX comments_group;
