DROP TABLE usage_months;
DROP TABLE survey_answers;
