//! Times on the wire: RFC 3339 in UTC with `Z`.

use chrono::{NaiveDateTime, SecondsFormat};
use serde::Serializer;

/// Formats a stored UTC time as RFC 3339 with `Z`.
pub fn rfc3339(at: &NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Serialises a stored UTC time as RFC 3339 with `Z`.
pub fn naive_utc<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(at))
}

/// Serialises an optional stored UTC time.
pub fn naive_utc_opt<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&rfc3339(at)),
        None => s.serialize_none(),
    }
}
