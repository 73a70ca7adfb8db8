-- A page of one article's comments of one status in id order, as one index range (issue 39):
-- the public pages show published and withheld comments while most may still wait.
CREATE INDEX comments_status_article ON comments (consultation_id, status, article, id);
-- A group's first comment (its campaign's id) in one seek, whatever the statuses of its copies.
CREATE INDEX comments_group_first ON comments (consultation_id, group_key, id);
