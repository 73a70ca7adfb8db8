DROP TABLE final_texts;
DROP TABLE article_counts;
DROP INDEX comments_by_article;
DROP INDEX consultations_supersedes;
ALTER TABLE comment_responses DROP COLUMN changed_articles;
ALTER TABLE comments DROP COLUMN proposed_text;
ALTER TABLE comments DROP COLUMN article;
ALTER TABLE consultations DROP COLUMN supersedes;
