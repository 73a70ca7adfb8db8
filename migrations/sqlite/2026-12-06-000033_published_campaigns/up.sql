-- The campaigns the public sees are the groups with published comments (issue 39): found in
-- this index, whose rows are only those groups, instead of counting every comment of the
-- consultation by group and status. A group enters it when its first comment is published,
-- so a comment arriving (unpublished) writes nothing here.
CREATE INDEX comment_groups_published ON comment_groups (consultation_id) WHERE published > 0;
