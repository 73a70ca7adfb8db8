-- Participatory drafts: a comment may name the article of the draft it is about and propose
-- its own wording; an answer may name the articles it led to change; a consultation may
-- supersede an earlier one of the same procedure; the final text is published once.
ALTER TABLE consultations ADD COLUMN supersedes TEXT;
CREATE INDEX consultations_supersedes ON consultations (supersedes) WHERE supersedes IS NOT NULL;
ALTER TABLE comments ADD COLUMN article TEXT;
ALTER TABLE comments ADD COLUMN proposed_text TEXT;
ALTER TABLE comment_responses ADD COLUMN changed_articles TEXT;

-- Only comments on an article are indexed, so comments on the whole draft cost no more to
-- store than before.
CREATE INDEX comments_by_article ON comments (consultation_id, article, id)
    WHERE article IS NOT NULL;

-- Each article's counts, kept in the transaction of each change like consultation_counts.
CREATE TABLE article_counts (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    article TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    published BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, article)
);

-- The text the Committee adopted after the window closed, with a note per article (a JSON
-- object from the article's number to the note).
CREATE TABLE final_texts (
    consultation_id TEXT PRIMARY KEY NOT NULL REFERENCES consultations (id),
    text TEXT NOT NULL,
    notes TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL
);
