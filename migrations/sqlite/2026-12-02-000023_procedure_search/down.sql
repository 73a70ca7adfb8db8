DROP TRIGGER procedure_search_delete;
DROP TRIGGER procedure_search_update;
DROP TRIGGER procedure_search_insert;
DROP TABLE procedure_search;
