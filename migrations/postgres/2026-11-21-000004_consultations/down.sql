DROP TABLE comment_responses;
DROP TABLE comments;
DROP TABLE consultations;
