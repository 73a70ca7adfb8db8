//! Workflow definitions (parsed from `workflows/*.toml`) and the rules that move procedures.
//! Pure code: no database, no HTTP, no clock; callers pass `now`.

pub mod definition;
pub mod engine;
#[cfg(test)]
mod tests;

pub use definition::{Registry, Workflow};
