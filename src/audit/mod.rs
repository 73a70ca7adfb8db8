//! The audit trail: an append-only, hash-chained log written inside the caller's transaction.
//!
//! # Canonical encoding (stable; auditors may recompute it)
//! For entry `seq`, `hash = hex(SHA-256(prev_hash_bytes ‖ canonical))`, where `prev_hash_bytes`
//! are the 32 raw bytes of the previous entry's hash (32 zero bytes before the first entry) and
//! `canonical` is the UTF-8 text of the JSON array
//! `[seq, "at", "actor", "action", "subject_type", "subject_id", data]` with no spaces:
//! `seq` a decimal integer, `at` formatted `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds),
//! the four names as JSON strings, and `data` the stored JSON text of the entry's data, which
//! is written with object keys sorted and no spaces.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::schema::audit_log;
use crate::db::DbConnection;

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
    #[serde(serialize_with = "crate::http::time::naive_utc")]
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
}

/// What a caller records; the chain fields are filled in by [`append`].
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
    /// `hex(SHA-256(prev_hash_bytes ‖ canonical))`, as documented at the top of this module.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut prev = [0u8; 32];
        // A prev_hash that is not 64 hex digits hashes as zeros and so never matches a real chain.
        let _ = hex::decode_to_slice(prev_hash, &mut prev);
        let mut hasher = Sha256::new();
        hasher.update(prev);
        let json_str = |s: &str| serde_json::Value::String(s.to_string()).to_string();
        hasher.update(
            format!(
                "[{},\"{}\",{},{},{},{},{}]",
                self.seq,
                canonical_time(self.at),
                json_str(self.actor),
                json_str(self.action),
                json_str(self.subject_type),
                json_str(self.subject_id),
                self.data
            )
            .as_bytes(),
        );
        hex::encode(hasher.finalize())
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

/// Appends one entry. Must run inside the caller's write transaction (see
/// [`crate::db::write_tx`]): the entry commits or rolls back with the change it records.
/// On PostgreSQL a transaction-scoped advisory lock serialises appenders across every
/// instance, so the chain cannot fork; on SQLite the write transaction already does.
pub fn append(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    record: Record<'_>,
) -> QueryResult<AuditEntry> {
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7263847261)").execute(pg)?;
    }
    let head: Option<(i64, String)> = audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()?;
    let (prev_seq, prev_hash) = head.unwrap_or((0, GENESIS_HASH.to_string()));
    let seq = prev_seq + 1;
    let at = now.naive_utc();
    let data = canonical_json(&record.data);
    let hash = Content {
        seq,
        at: &at,
        actor: record.actor,
        action: record.action,
        subject_type: record.subject_type,
        subject_id: record.subject_id,
        data: &data,
    }
    .hash(&prev_hash);
    let entry = AuditEntry {
        seq,
        at,
        actor: record.actor.to_string(),
        action: record.action.to_string(),
        subject_type: record.subject_type.to_string(),
        subject_id: record.subject_id.to_string(),
        data,
        prev_hash,
        hash,
    };
    diesel::insert_into(audit_log::table)
        .values(&entry)
        .execute(conn)?;
    Ok(entry)
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// True when every entry is intact and in place.
    pub valid: bool,
    /// Entries checked.
    pub entries: i64,
    /// Hash of the last entry (the genesis hash for an empty chain).
    pub head_hash: String,
    /// First entry that does not verify, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_invalid_seq: Option<i64>,
    /// Why it does not verify, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Checks every entry's position, link and hash, reading the chain in batches.
pub fn verify(conn: &mut DbConnection) -> QueryResult<Verification> {
    const BATCH: i64 = 10_000;
    let mut expected_seq = 1i64;
    let mut prev_hash = GENESIS_HASH.to_string();
    loop {
        let batch: Vec<AuditEntry> = audit_log::table
            .select(AuditEntry::as_select())
            .filter(audit_log::seq.ge(expected_seq))
            .order(audit_log::seq.asc())
            .limit(BATCH)
            .load(conn)?;
        let len = batch.len() as i64;
        for e in batch {
            let fail = |reason: &str| Verification {
                valid: false,
                entries: expected_seq - 1,
                head_hash: prev_hash.clone(),
                first_invalid_seq: Some(expected_seq),
                reason: Some(reason.to_string()),
            };
            if e.seq != expected_seq {
                return Ok(fail("entry missing: the sequence has a gap"));
            }
            if e.prev_hash != prev_hash {
                return Ok(fail("prev_hash does not match the previous entry's hash"));
            }
            if e.content().hash(&e.prev_hash) != e.hash {
                return Ok(fail("the entry's content does not match its hash"));
            }
            prev_hash = e.hash;
            expected_seq += 1;
        }
        if len < BATCH {
            break;
        }
    }
    Ok(Verification {
        valid: true,
        entries: expected_seq - 1,
        head_hash: prev_hash,
        first_invalid_seq: None,
        reason: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let v = serde_json::json!({"b": 1, "a": {"d": [1, {"z": 0, "y": "é"}], "c": null}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"d":[1,{"y":"é","z":0}]},"b":1}"#
        );
    }

    #[test]
    fn hash_depends_on_every_field() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_micro_opt(12, 0, 0, 5)
            .unwrap();
        let c = Content {
            seq: 1,
            at: &at,
            actor: "u",
            action: "a",
            subject_type: "t",
            subject_id: "i",
            data: "{}",
        };
        let base = c.hash(GENESIS_HASH);
        assert_eq!(base.len(), 64);
        assert_ne!(base, Content { seq: 2, ..c }.hash(GENESIS_HASH));
        assert_ne!(base, Content { actor: "v", ..c }.hash(GENESIS_HASH));
        assert_ne!(base, Content { action: "b", ..c }.hash(GENESIS_HASH));
        assert_ne!(
            base,
            Content {
                subject_type: "x",
                ..c
            }
            .hash(GENESIS_HASH)
        );
        assert_ne!(
            base,
            Content {
                subject_id: "j",
                ..c
            }
            .hash(GENESIS_HASH)
        );
        assert_ne!(
            base,
            Content {
                data: "{\"x\":1}",
                ..c
            }
            .hash(GENESIS_HASH)
        );
        assert_ne!(base, c.hash(&base));
        assert_eq!(canonical_time(&at), "2026-11-21T12:00:00.000005Z");
    }
}
