DROP TABLE service_secrets;
DROP TABLE audit_log;
DROP TABLE procedures;
DROP TABLE users;
