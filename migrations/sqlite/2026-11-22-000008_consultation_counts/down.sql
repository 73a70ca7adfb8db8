DROP TABLE comment_groups;
DROP TABLE consultation_counts;
