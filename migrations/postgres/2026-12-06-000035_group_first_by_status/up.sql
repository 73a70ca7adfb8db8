-- A group's first comment is found with one seek per status in comments_group (consultation,
-- group, status, id), three at most: the index of migration 000031 that found it in one seek
-- was one more place in a large B-tree for every comment with a new text, and cost the writer
-- more than its reads ever saved (issue 36, distinct texts).
DROP INDEX comments_group_first;
