//! A field that failed a rule: the one validation error of the core.

use serde::Serialize;

/// One invalid field of an input.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldError {
    /// Path of the field, e.g. `requirements[0].name`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}
