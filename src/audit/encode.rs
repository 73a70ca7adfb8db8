//! The canonical encoding of an entry and its hash (see the module's documentation).

use chrono::{Datelike, Timelike};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::schema::audit_log;

/// The hash that precedes the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A stored entry.
#[derive(
    Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema,
)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    /// Position in the chain: 1, 2, 3, … without gaps.
    pub seq: i64,
    /// When it happened (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: chrono::NaiveDateTime,
    /// Who acted: a user id, `public`, `system` or `cli`.
    pub actor: String,
    /// What was done, e.g. `procedure.created`.
    pub action: String,
    /// Kind of thing acted on.
    pub subject_type: String,
    /// Id of the thing acted on.
    pub subject_id: String,
    /// Details (canonical JSON text).
    pub data: String,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// Hash of this entry.
    pub hash: String,
    /// `HMAC-SHA256(audit key, hash)`: only the holder of the audit key can make it.
    pub seal: String,
}

/// What a caller records; the chain fields are filled in by [`super::append()`].
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Who acted.
    pub actor: &'a str,
    /// What was done.
    pub action: &'a str,
    /// Kind of thing acted on.
    pub subject_type: &'a str,
    /// Id of the thing acted on.
    pub subject_id: &'a str,
    /// Details; never personal data or secrets.
    pub data: serde_json::Value,
}

/// Formats a time as the canonical encoding does.
pub fn canonical_time(at: &chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Writes a JSON value with object keys sorted, whatever map type serde_json was built with.
pub fn canonical_json(value: &serde_json::Value) -> String {
    fn write(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::String((*key).clone()).to_string());
                    out.push(':');
                    write(&map[key.as_str()], out);
                }
                out.push('}');
            }
            serde_json::Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The hashed fields of an entry.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    /// Position.
    pub seq: i64,
    /// Time (UTC).
    pub at: &'a chrono::NaiveDateTime,
    /// Who acted.
    pub actor: &'a str,
    /// What was done.
    pub action: &'a str,
    /// Kind of subject.
    pub subject_type: &'a str,
    /// Subject id.
    pub subject_id: &'a str,
    /// Canonical JSON text of the data.
    pub data: &'a str,
}

impl Content<'_> {
    /// Appends the canonical bytes (documented at the top of this module) to `out`.
    pub fn write_canonical(&self, out: &mut Vec<u8>) {
        // Hand-formatted: this runs once per entry when a million entries are verified.
        let at = self.at;
        out.push(b'[');
        if self.seq < 0 {
            out.push(b'-');
        }
        let magnitude = self.seq.unsigned_abs();
        let width = magnitude.checked_ilog10().unwrap_or(0) + 1;
        let mut div = 10u64.pow(width - 1);
        while div > 0 {
            out.push(b'0' + (magnitude / div % 10) as u8);
            div /= 10;
        }
        out.extend_from_slice(b",\"");
        let year = at.year();
        if (0..=9999).contains(&year) {
            digits(out, year as u32, 4);
        } else {
            out.extend_from_slice(format!("{year:04}").as_bytes());
        }
        out.push(b'-');
        digits(out, at.month(), 2);
        out.push(b'-');
        digits(out, at.day(), 2);
        out.push(b'T');
        digits(out, at.hour(), 2);
        out.push(b':');
        digits(out, at.minute(), 2);
        out.push(b':');
        digits(out, at.second(), 2);
        out.push(b'.');
        digits(out, at.nanosecond() / 1_000 % 1_000_000, 6);
        out.extend_from_slice(b"Z\",");
        for text in [self.actor, self.action, self.subject_type, self.subject_id] {
            json_string(text, out);
            out.push(b',');
        }
        out.extend_from_slice(self.data.as_bytes());
        out.push(b']');
    }

    /// `SHA-256(prev ‖ canonical)`, raw.
    pub(super) fn digest(&self, prev: &[u8; 32], buf: &mut Vec<u8>) -> [u8; 32] {
        buf.clear();
        self.write_canonical(buf);
        let mut hasher = Sha256::new();
        hasher.update(prev);
        hasher.update(&buf[..]);
        hasher.finalize().into()
    }

    /// `hex(SHA-256(prev_hash_bytes ‖ canonical))`.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut prev = [0u8; 32];
        // A prev_hash that is not 64 hex digits hashes as zeros and so never matches a real chain.
        let _ = hex::decode_to_slice(prev_hash, &mut prev);
        hex::encode(self.digest(&prev, &mut Vec::with_capacity(256)))
    }
}

/// Writes `value` as exactly `width` decimal digits (zero-padded).
fn digits(out: &mut Vec<u8>, value: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    while div > 0 {
        out.push(b'0' + (value / div % 10) as u8);
        div /= 10;
    }
}

/// Writes `text` as serde_json would: quoted, escaping `"`, `\\` and control characters.
fn json_string(text: &str, out: &mut Vec<u8>) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

impl AuditEntry {
    /// The fields the hash covers.
    pub fn content(&self) -> Content<'_> {
        Content {
            seq: self.seq,
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            subject_type: &self.subject_type,
            subject_id: &self.subject_id,
            data: &self.data,
        }
    }
}
