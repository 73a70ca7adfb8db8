//! Workflow definitions (parsed from the text of `workflows/*.toml`) and the rules that move
//! procedures. Pure code: no database, no HTTP, no clock, no files; callers pass `now` and
//! the files' contents.

pub mod engine;
pub mod model;
pub mod parse;
#[cfg(test)]
mod parse_tests;
pub mod registry;
#[cfg(test)]
mod tests;

pub use model::{Tag, Workflow, DEFAULT_KEY};
pub use registry::Registry;
