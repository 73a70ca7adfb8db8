//! `tramites`: a workflow engine for simplifying government procedures (trámites).
//!
//! Data flows one way: http → (domain + workflow decide) → db + audit in one transaction.

pub mod accounts;
pub mod app;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod comment_writer;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod http;
pub mod inventory;
pub mod lifecycle;
pub mod notify;
pub mod participation;
pub mod workflow;
