//! API tests: each runs a real server on a random port over a real database (SQLite by
//! default; PostgreSQL when TEST_DATABASE_URL is set).

mod audit;
mod binary;
mod consultations;
mod crash;
mod health;
mod helpers;
mod identity;
mod malformed;
mod notifications;
mod openapi;
mod procedures;
mod storage;
mod users;
mod workflow;
