-- Ranked word search of the catalogue (issue 35): an FTS5 index over the folded name, code and
-- unit (`search_text`) and the description, kept by triggers so every writer keeps it true.
-- Its own procedure_id column, not the rowid: VACUUM may renumber the rowids of a table whose key is text.
CREATE VIRTUAL TABLE procedure_search USING fts5(
    procedure_id UNINDEXED,
    search_text,
    description,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO procedure_search (procedure_id, search_text, description)
    SELECT id, search_text, description FROM procedures;
CREATE TRIGGER procedure_search_insert AFTER INSERT ON procedures BEGIN
    INSERT INTO procedure_search (procedure_id, search_text, description)
        VALUES (new.id, new.search_text, new.description);
END;
CREATE TRIGGER procedure_search_update AFTER UPDATE OF search_text, description ON procedures BEGIN
    DELETE FROM procedure_search WHERE procedure_id = old.id;
    INSERT INTO procedure_search (procedure_id, search_text, description)
        VALUES (new.id, new.search_text, new.description);
END;
CREATE TRIGGER procedure_search_delete AFTER DELETE ON procedures BEGIN
    DELETE FROM procedure_search WHERE procedure_id = old.id;
END;
