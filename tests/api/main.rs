//! API tests: each runs a real server on a random port over a real database (SQLite by
//! default; PostgreSQL when TEST_DATABASE_URL is set).

mod audit;
mod audit_cli;
mod binary;
mod binary_hardening;
mod consultation_report;
mod consultation_walk;
mod consultations;
mod counts;
mod crash;
mod documents;
mod feedback;
mod hardening;
mod hardening_http;
mod hardening_identity;
mod health;
mod helpers;
mod identity;
mod import;
mod indicators;
mod malformed;
mod moderation;
mod notifications;
mod open_data;
mod openapi;
mod pages;
mod procedures;
mod races;
mod refusals;
mod savings;
mod storage;
mod subscriptions_mail;
mod users;
mod workflow;
mod workspace;
mod workspace_more;
