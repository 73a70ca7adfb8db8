DROP TABLE consultation_translations;
DROP TABLE comment_origins;
