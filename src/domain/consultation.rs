//! The rules of a public consultation's input: what may be published and when.

use crate::domain::error::Problem;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::char_len;
use super::error::FieldError;

/// What the Committee writes to open a consultation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateConsultation {
    /// Title, 1–300 characters.
    pub title: String,
    /// Summary, up to 5,000 characters.
    #[serde(default)]
    pub summary: String,
    /// The proposal (Markdown), 1–200,000 characters; it never changes once published.
    pub proposal_text: String,
    /// When it opens (RFC 3339); default now; a past time is refused.
    #[serde(default)]
    pub opens_at: Option<String>,
    /// An earlier consultation of the same procedure that this one follows (a second round);
    /// both then link each other, and the earlier comments stay where they are.
    #[serde(default)]
    pub supersedes: Option<String>,
}

/// A consultation's fields, checked.
#[derive(Debug, Clone)]
pub struct CheckedConsultation {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal.
    pub proposal_text: String,
    /// When it opens (never before `now`).
    pub opens_at: DateTime<Utc>,
}

/// What a director writes to extend a consultation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extend {
    /// The new closing time (RFC 3339), later than the current one.
    pub closes_at: String,
    /// Why.
    pub reason: String,
}

/// Parses an RFC 3339 time (Spanish message: staff read it).
pub fn parse_time(field: &str, text: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| FieldError::new(field, "campo-debe-ser-fecha-rfc-3339"))
}

/// Trims a text and checks its length in characters.
pub fn text_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let value = value.trim();
    let len = char_len(value);
    if len < min || len > max {
        errors.push(FieldError::with(
            field,
            Problem::new("campo-largo")
                .with("min", min)
                .with("max", max),
        ));
    }
    value.to_string()
}

/// Checks a new consultation at `now`: a past opening (beyond a minute of grace for clocks
/// that differ a little) is refused; a missing one means now.
pub fn check_new(
    input: &CreateConsultation,
    now: DateTime<Utc>,
) -> Result<CheckedConsultation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = text_field(&mut errors, "title", &input.title, 1, 300);
    let summary = text_field(&mut errors, "summary", &input.summary, 0, 5_000);
    let proposal_text = text_field(
        &mut errors,
        "proposal_text",
        &input.proposal_text,
        1,
        200_000,
    );
    if errors.is_empty() {
        if let Err(faults) = super::draft::parse("proposal_text", &proposal_text) {
            errors.extend(faults);
        }
    }
    let opens_at = match input.opens_at.as_deref() {
        None | Some("") => now,
        Some(text) => match parse_time("opens_at", text) {
            Ok(t) if t < now - chrono::Duration::seconds(60) => {
                errors.push(FieldError::new("opens_at", "campo-no-puede-estar-pasado"));
                now
            }
            Ok(t) => t.max(now),
            Err(e) => {
                errors.push(e);
                now
            }
        },
    };
    if errors.is_empty() {
        Ok(CheckedConsultation {
            title,
            summary,
            proposal_text,
            opens_at,
        })
    } else {
        Err(errors)
    }
}

/// Checks an extension: a reason and a readable new closing time.
pub fn check_extension(input: &Extend) -> Result<(DateTime<Utc>, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let reason = text_field(&mut errors, "reason", &input.reason, 1, 2_000);
    let new_close = match parse_time("closes_at", &input.closes_at) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    match new_close {
        Some(t) if errors.is_empty() => Ok((t, reason)),
        _ => Err(errors),
    }
}
