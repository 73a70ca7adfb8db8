ALTER TABLE consultation_counts DROP COLUMN endorsements;
DROP TABLE endorsements;
DROP TABLE comment_signatures;
DROP TABLE campaign_bands;
