//! Passwords, tokens and the slowing-down of repeated failed logins.

pub mod oidc;
pub mod password;
pub mod token;
