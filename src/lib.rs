//! `tramites`: a workflow engine for simplifying government procedures (trámites).
//!
//! Three rings (see the README's "Architecture"):
//! - [`domain`], the pure core: types of the trade, validation, calendar, workflow engine.
//! - [`usecases`], one function per thing a person does, each one write transaction with its
//!   audit entry and outbox rows.
//! - adapters: [`db`] (storage), [`audit`], [`notify`], [`http`] (JSON API), [`web`] (pages),
//!   [`cli`], [`workers`].
//!
//! Data flows one way: request → use case → core decides → storage + audit in one
//! transaction → e-mail after commit.

pub mod audit;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod format;
pub mod http;
pub mod i18n;
pub mod notify;
pub mod pdf;
pub mod server;
pub mod sheets;
pub mod startup;
pub mod usecases;
pub mod web;
pub mod words;
pub mod workers;
