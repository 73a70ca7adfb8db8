ALTER TABLE consultation_counts DROP COLUMN endorsements;
DROP TABLE endorsements;
ALTER TABLE consultation_counts DROP COLUMN campaign_generation;
DROP TABLE comment_signatures;
