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

use chrono::{DateTime, Datelike, Timelike, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::schema::audit_log;
use crate::db::DbConnection;

mod fast;
pub mod keys;

pub use keys::{AuditKeys, Checkpoint};

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
    fn digest(&self, prev: &[u8; 32], buf: &mut Vec<u8>) -> [u8; 32] {
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

/// Who makes a change, when, and the key that seals its entry: passed to every audited write.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The audit key.
    pub keys: &'a AuditKeys,
    /// The time of the change (read once by the caller).
    pub now: DateTime<Utc>,
    /// Who acts: a user id, `public`, `system`, `cli` or `demo`.
    pub actor: &'a str,
}

impl Context<'_> {
    /// Appends the entry for one change (see [`append`]).
    pub fn record(
        &self,
        conn: &mut DbConnection,
        action: &str,
        subject_type: &str,
        subject_id: &str,
        data: serde_json::Value,
    ) -> QueryResult<AuditEntry> {
        let record = Record {
            actor: self.actor,
            action,
            subject_type,
            subject_id,
            data,
        };
        append(conn, self.keys, self.now, record)
    }
}

/// Appends one entry. Must run inside the caller's write transaction (see
/// [`crate::db::write_tx`]): the entry commits or rolls back with the change it records.
/// On PostgreSQL a transaction-scoped advisory lock serialises appenders across every
/// instance, so the chain cannot fork; on SQLite the write transaction already does.
pub fn append(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    now: DateTime<Utc>,
    record: Record<'_>,
) -> QueryResult<AuditEntry> {
    if let DbConnection::Postgresql(pg) = conn {
        // Re-entrant: write_tx already holds it; this guards appends made any other way.
        diesel::sql_query(format!(
            "SELECT pg_advisory_xact_lock({})",
            crate::db::WRITE_LOCK
        ))
        .execute(pg)?;
    }
    let (prev_seq, prev_hash) = head(conn)?;
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
        seal: keys.seal(&hash),
        hash,
    };
    diesel::insert_into(audit_log::table)
        .values(&entry)
        .execute(conn)?;
    Ok(entry)
}

/// The last entry's `seq` and hash (0 and the genesis hash for an empty chain).
pub fn head(conn: &mut DbConnection) -> QueryResult<(i64, String)> {
    let head: Option<(i64, String)> = audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()?;
    Ok(head.unwrap_or((0, GENESIS_HASH.to_string())))
}

/// Filters of the audit listing.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this kind of subject.
    pub subject_type: Option<String>,
    /// Only this subject.
    pub subject_id: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// At or after.
    pub from: Option<chrono::NaiveDateTime>,
    /// Before.
    pub to: Option<chrono::NaiveDateTime>,
}

/// Entries after `after_seq`, oldest first: a primary-key range scan at any depth.
pub fn page(
    conn: &mut DbConnection,
    filter: &Filter,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .filter(audit_log::seq.gt(after_seq))
        .order(audit_log::seq.asc())
        .into_boxed();
    if let Some(v) = &filter.subject_type {
        query = query.filter(audit_log::subject_type.eq(v.clone()));
    }
    if let Some(v) = &filter.subject_id {
        query = query.filter(audit_log::subject_id.eq(v.clone()));
    }
    if let Some(v) = &filter.actor {
        query = query.filter(audit_log::actor.eq(v.clone()));
    }
    if let Some(v) = &filter.action {
        query = query.filter(audit_log::action.eq(v.clone()));
    }
    if let Some(v) = filter.from {
        query = query.filter(audit_log::at.ge(v));
    }
    if let Some(v) = filter.to {
        query = query.filter(audit_log::at.lt(v));
    }
    query.limit(limit).load(conn)
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// True when every entry is intact and in place.
    pub valid: bool,
    /// Entries checked and found intact.
    pub entries: i64,
    /// Hash of the last intact entry (the genesis hash for an empty chain).
    pub head_hash: String,
    /// True when each entry's seal was checked with the audit key too.
    pub sealed: bool,
    /// First entry that does not verify, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_invalid_seq: Option<i64>,
    /// Why it does not verify, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Verification {
    fn invalid(mut self, seq: i64, reason: &str) -> Self {
        self.valid = false;
        self.first_invalid_seq = Some(seq);
        self.reason = Some(reason.to_string());
        self
    }
}

/// Checks every entry's position, link and hash, and with `keys` its seal too, reading the
/// chain in batches. Stops at the first fault and names its `seq`.
pub fn verify(conn: &mut DbConnection, keys: Option<&AuditKeys>) -> QueryResult<Verification> {
    verify_with_progress(conn, keys, |_| {})
}

/// [`verify`], calling `progress` with the number of entries checked so far, now and then.
pub fn verify_with_progress(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    mut progress: impl FnMut(i64),
) -> QueryResult<Verification> {
    const BATCH: i64 = 20_000;
    let mut check = Checker {
        report: Verification {
            valid: true,
            entries: 0,
            head_hash: GENESIS_HASH.to_string(),
            sealed: keys.is_some(),
            first_invalid_seq: None,
            reason: None,
        },
        keys,
        buf: Vec::with_capacity(512),
        prev: [0u8; 32],
        comments: Vec::new(),
    };
    match conn {
        // SQLite: a file database is read in place through its own read-only connection
        // (no allocation per field); otherwise the chain streams through diesel.
        DbConnection::Sqlite(c) => match fast::database_file(c)? {
            Some(path) => fast::verify(&path, &mut check, &mut progress)
                .map_err(|e| diesel::result::Error::QueryBuilderError(Box::new(e)))?,
            None => {
                let rows = audit_log::table
                    .select(AuditEntry::as_select())
                    .order(audit_log::seq.asc())
                    .load_iter::<AuditEntry, diesel::connection::DefaultLoadingMode>(c)?;
                for row in rows {
                    if !check.entry(row?) {
                        break;
                    }
                    if check.report.entries % BATCH == 0 {
                        progress(check.report.entries);
                    }
                }
            }
        },
        // PostgreSQL's default mode buffers a whole result: read in key-range batches.
        DbConnection::Postgresql(_) => loop {
            let batch: Vec<AuditEntry> = audit_log::table
                .select(AuditEntry::as_select())
                .filter(audit_log::seq.gt(check.report.entries))
                .order(audit_log::seq.asc())
                .limit(BATCH)
                .load(conn)?;
            let full = batch.len() as i64 == BATCH;
            if !batch.into_iter().all(|e| check.entry(e)) || !full {
                break;
            }
            progress(check.report.entries);
        },
    }
    progress(check.report.entries);
    check_comment_texts(conn, &mut check)?;
    Ok(check.report)
}

/// The action whose entry records a comment's SHA-256 and length.
pub const COMMENT_RECEIVED: &str = "comment.received";

/// Recomputes the SHA-256 of every comment the chain recorded from its stored text; the
/// first comment altered or removed makes the chain invalid at its entry.
fn check_comment_texts(conn: &mut DbConnection, check: &mut Checker<'_>) -> QueryResult<()> {
    let mut first_bad: Option<(i64, &str)> = None;
    for chunk in check.comments.chunks(1_000) {
        let ids: Vec<String> = chunk.iter().map(|(_, id, _)| id.clone()).collect();
        let bodies: std::collections::HashMap<String, String> =
            crate::db::consultations::bodies(conn, &ids)?
                .into_iter()
                .collect();
        for (seq, id, recorded) in chunk {
            let fault = match bodies.get(id) {
                None => Some("the comment this entry records was removed"),
                Some(body) if <[u8; 32]>::from(Sha256::digest(body.as_bytes())) != *recorded => {
                    Some("the comment's stored text no longer matches the SHA-256 this entry records")
                }
                Some(_) => None,
            };
            if let Some(reason) = fault {
                first_bad = Some((*seq, reason));
                break;
            }
        }
        if first_bad.is_some() {
            break;
        }
    }
    if let Some((seq, reason)) = first_bad {
        if check.report.first_invalid_seq.is_none_or(|s| seq < s) {
            check.report.valid = false;
            check.report.first_invalid_seq = Some(seq);
            check.report.entries = seq - 1;
            check.report.reason = Some(reason.to_string());
        }
    }
    Ok(())
}

/// Walks the chain entry by entry.
struct Checker<'k> {
    report: Verification,
    keys: Option<&'k AuditKeys>,
    buf: Vec<u8>,
    /// (seq, comment id, SHA-256 the entry recorded) of each `comment.received` entry.
    comments: Vec<(i64, String, [u8; 32])>,
    /// The previous entry's hash as raw bytes (zeros before the first).
    prev: [u8; 32],
}

impl Checker<'_> {
    /// True when `hash` (hex) is the content's hash after the previous entry; on success the
    /// digest becomes the next entry's `prev`.
    fn hash_matches(&mut self, content: &Content<'_>, hash: &str) -> bool {
        let digest = content.digest(&self.prev, &mut self.buf);
        let mut hex_out = [0u8; 64];
        let ok = hex::encode_to_slice(digest, &mut hex_out).is_ok() && hex_out == hash.as_bytes();
        if ok {
            self.prev = digest;
        }
        ok
    }

    /// Checks a stored entry.
    fn entry(&mut self, e: AuditEntry) -> bool {
        self.check(e.content(), &e.prev_hash, &e.hash, &e.seal)
    }

    /// Checks the next entry; false (with the report marked invalid) at the first fault.
    fn check(&mut self, content: Content<'_>, prev_hash: &str, hash: &str, seal: &str) -> bool {
        let expected = self.report.entries + 1;
        let fault = if content.seq != expected {
            Some("entry missing: the sequence has a gap")
        } else if prev_hash != self.report.head_hash {
            Some("prev_hash does not match the previous entry")
        } else if !self.hash_matches(&content, hash) {
            Some("the entry's content does not match its hash")
        } else if self
            .keys
            .is_some_and(|k| !k.seal_matches_raw(&self.prev, seal))
        {
            Some("the seal does not match: the entry was rewritten without the audit key")
        } else {
            None
        };
        if let Some(reason) = fault {
            self.report.valid = false;
            self.report.first_invalid_seq = Some(expected);
            self.report.reason = Some(reason.to_string());
            return false;
        }
        if content.action == COMMENT_RECEIVED {
            let recorded = serde_json::from_str::<serde_json::Value>(content.data)
                .ok()
                .and_then(|d| d["sha256"].as_str().and_then(|h| hex::decode(h).ok()))
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .unwrap_or([0u8; 32]);
            self.comments
                .push((expected, content.subject_id.to_string(), recorded));
        }
        self.report.head_hash.clear();
        self.report.head_hash.push_str(hash);
        self.report.entries = expected;
        true
    }
}

/// [`verify`], then checks that the chain extends `checkpoint`: its signature is valid (and,
/// with `keys`, made by this service's key), the chain reaches its `seq`, and the entry there
/// still has its `head_hash`. A history rewritten and re-hashed after the checkpoint was saved
/// fails here even when every hash in the database is consistent.
pub fn verify_against(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    checkpoint: &Checkpoint,
) -> QueryResult<Verification> {
    let report = verify(conn, keys)?;
    if !checkpoint.signature_is_valid() {
        return Ok(report.invalid(checkpoint.seq, "the checkpoint's signature is not valid"));
    }
    if keys.is_some_and(|k| k.public_key_hex() != checkpoint.public_key) {
        return Ok(report.invalid(checkpoint.seq, "the checkpoint was signed by another key"));
    }
    if !report.valid {
        return Ok(report);
    }
    if report.entries < checkpoint.seq {
        let next = report.entries + 1;
        return Ok(report.invalid(
            next,
            "the chain is shorter than the checkpoint: entries were removed",
        ));
    }
    let hash: String = audit_log::table
        .find(checkpoint.seq)
        .select(audit_log::hash)
        .first(conn)?;
    if hash != checkpoint.head_hash {
        return Ok(report.invalid(
            checkpoint.seq,
            "the chain does not extend the checkpoint: history up to this entry was rewritten",
        ));
    }
    Ok(report)
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
        let mut buf = Vec::new();
        c.write_canonical(&mut buf);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            r#"[1,"2026-11-21T12:00:00.000005Z","u","a","t","i",{}]"#
        );
        let tricky = Content {
            actor: "quote\" back\\ \n tab\t é",
            ..c
        };
        let mut buf = Vec::new();
        tricky.write_canonical(&mut buf);
        let expected = format!(
            "[1,\"2026-11-21T12:00:00.000005Z\",{},\"a\",\"t\",\"i\",{{}}]",
            serde_json::to_string(tricky.actor).unwrap()
        );
        assert_eq!(String::from_utf8(buf).unwrap(), expected);
    }
}
