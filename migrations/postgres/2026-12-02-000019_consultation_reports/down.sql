DROP TABLE consultation_reports;
