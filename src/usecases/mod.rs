//! The use cases: one function per thing a person does. Each takes its inputs and `now`
//! (inside the audit [`Context`](crate::audit::Context)), asks the core, and writes the change,
//! its audit entry and its outbox rows in one transaction; it returns a result or an
//! [`AppError`], which knows nothing of HTTP. Both faces (the JSON API and the pages) and
//! the command line call these and nothing below them for a change.

pub mod accounts;
pub mod audit;
pub mod audit_state;
pub mod backup;
pub mod campaigns;
pub mod comment_batch;
pub mod comments;
pub mod consultation_report;
pub mod consultation_report_articles;
pub mod consultation_report_campaigns;
pub mod consultations;
pub mod data_demand;
pub mod demo;
pub mod documents;
pub mod drafts;
pub mod error;
pub mod evaluation;
pub mod facts;
pub mod feedback;
pub mod import;
pub mod indicators;
pub mod institutional;
pub mod login;
pub mod moderation;
pub mod open_data;
pub mod originals;
pub mod period;
pub mod procedure_view;
pub mod procedures;
pub mod reach;
pub mod reminders;
pub mod reports;
pub mod sessions;
pub mod subscriber_notices;
pub mod subscriptions;
pub mod transition_mail;
pub mod transitions;
pub mod transparency;
pub mod workflows;
pub mod workspace;

pub use error::AppError;
