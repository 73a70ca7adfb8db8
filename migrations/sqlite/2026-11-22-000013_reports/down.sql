DROP TABLE frozen_reports;
DROP TABLE indicator_snapshots;
