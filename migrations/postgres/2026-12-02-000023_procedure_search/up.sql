-- Ranked word search of the catalogue (issue 35): PostgreSQL's Spanish full-text search over the
-- folded name, code and unit (weight A) and the description (weight B). The query repeats this
-- expression exactly so the index serves it (src/db/procedure_search.rs). Hyphens become spaces:
-- the parser would read the "-3" of a code "A-3" as a negative number.
CREATE INDEX procedures_words ON procedures USING gin (
    (setweight(to_tsvector('spanish', replace(search_text, '-', ' ')), 'A') || setweight(to_tsvector('spanish', description), 'B'))
);
