DROP TABLE documents;
DROP TABLE checklist_items;
DROP TABLE procedure_history;
DROP TABLE transition_requests;
DROP TABLE workflow_definitions;
