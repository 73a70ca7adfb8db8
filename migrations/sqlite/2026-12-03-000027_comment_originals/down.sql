DROP TABLE comment_originals;
