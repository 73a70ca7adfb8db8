//! Checking the chain: positions, links, hashes, seals, checkpoints and comments' texts.

use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::schema::audit_log;
use crate::db::DbConnection;

use super::encode::*;
use super::fast;
use super::keys::{AuditKeys, Checkpoint};

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
    /// Rows whose stored state contradicts the chain (at most 100; see `mismatch_count`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mismatches: Vec<Mismatch>,
    /// How many rows contradict the chain.
    #[serde(skip_serializing_if = "is_zero")]
    pub mismatch_count: usize,
    /// The published tree head the log contradicts, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree_head: Option<super::verify_heads::Contradiction>,
    /// Said when the seals were not checked (no audit key): the hashes alone cannot tell a
    /// chain rewritten and re-hashed by someone with database access.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A row whose stored state the chain contradicts.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Mismatch {
    /// The table.
    pub table: String,
    /// The row's key.
    pub row: String,
    /// The entry it contradicts (none when no entry records the row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// What differs.
    pub problem: String,
}

impl Verification {
    /// Adds the rows that contradict the chain; any makes the verification invalid.
    pub fn with_mismatches(mut self, (list, count): (Vec<Mismatch>, usize)) -> Self {
        if let Some(first) = list.first() {
            self.valid = false;
            if self.reason.is_none() {
                self.reason = Some(format!(
                    "{count} stored row(s) contradict the chain; first: {} {}: {}",
                    first.table, first.row, first.problem
                ));
                self.first_invalid_seq = first.seq;
            }
        }
        self.mismatches = list;
        self.mismatch_count = count;
        self
    }

    fn empty() -> Self {
        Self {
            valid: true,
            entries: 0,
            head_hash: String::new(),
            sealed: false,
            first_invalid_seq: None,
            reason: None,
            mismatches: Vec::new(),
            mismatch_count: 0,
            tree_head: None,
            warning: None,
        }
    }

    fn contradicts(mut self, seq: i64, c: super::verify_heads::Contradiction) -> Self {
        let reason = format!("tree head of size {}: {}", c.tree_head.tree_size, c.reason);
        self.tree_head = Some(c);
        self.invalid(seq, &reason)
    }

    fn invalid(mut self, seq: i64, reason: &str) -> Self {
        self.valid = false;
        self.first_invalid_seq = Some(seq);
        self.reason = Some(reason.to_string());
        self
    }
}

/// Reads the stored texts of the comments with these ids, as (id, text): the chain records
/// each comment's SHA-256, and verification recomputes it from what storage gives back.
pub type CommentTexts<'a> =
    &'a mut dyn FnMut(&mut DbConnection, &[String]) -> QueryResult<Vec<(String, String)>>;

/// Checks every entry's position, link and hash, and with `keys` its seal too, reading the
/// chain in batches. Stops at the first fault and names its `seq`.
pub fn verify(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    texts: CommentTexts<'_>,
) -> QueryResult<Verification> {
    verify_with_progress(conn, keys, texts, |_| {})
}

/// [`verify`], calling `progress` with the number of entries checked so far, now and then.
pub fn verify_with_progress(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    texts: CommentTexts<'_>,
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
            mismatches: Vec::new(),
            mismatch_count: 0,
            tree_head: None,
            warning: keys.is_none().then(|| {
                "seals were not checked: the audit key file is absent, so a chain rewritten \
                 and re-hashed by someone with database access would still pass"
                    .to_string()
            }),
        },
        keys,
        buf: Vec::with_capacity(512),
        prev: [0u8; 32],
        comments: Vec::new(),
        heads: super::verify_heads::HeadCheck::new(crate::db::transparency::all(conn)?, keys),
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
    if check.report.valid {
        if let Some(c) = check.heads.end(check.report.entries) {
            let next = check.report.entries + 1;
            check.report = check.report.contradicts(next, c);
        }
    }
    check_comment_texts(conn, texts, &mut check)?;
    Ok(check.report)
}

/// The action whose entry records a comment's SHA-256 and length.
pub const COMMENT_RECEIVED: &str = "comment.received";

/// Recomputes the SHA-256 of every comment the chain recorded from its stored text; the
/// first comment altered or removed makes the chain invalid at its entry.
fn check_comment_texts(
    conn: &mut DbConnection,
    texts: CommentTexts<'_>,
    check: &mut Checker<'_>,
) -> QueryResult<()> {
    let mut first_bad: Option<(i64, &str, [u8; 32])> = None;
    for chunk in check.comments.chunks(1_000) {
        let ids: Vec<String> = chunk.iter().map(|(_, id, _, _)| id.clone()).collect();
        let bodies: std::collections::HashMap<String, String> =
            texts(conn, &ids)?.into_iter().collect();
        for (seq, id, recorded, before) in chunk {
            let fault = match bodies.get(id) {
                None => Some("the comment this entry records was removed"),
                Some(body) if <[u8; 32]>::from(Sha256::digest(body.as_bytes())) != *recorded => {
                    Some("the comment's stored text no longer matches the SHA-256 this entry records")
                }
                Some(_) => None,
            };
            if let Some(reason) = fault {
                first_bad = Some((*seq, reason, *before));
                break;
            }
        }
        if first_bad.is_some() {
            break;
        }
    }
    if let Some((seq, reason, before)) = first_bad {
        if check.report.first_invalid_seq.is_none_or(|s| seq < s) {
            check.report.valid = false;
            check.report.first_invalid_seq = Some(seq);
            check.report.entries = seq - 1;
            // The head is the last entry found intact: the one before the bad comment's.
            check.report.head_hash = hex::encode(before);
            check.report.reason = Some(reason.to_string());
        }
    }
    Ok(())
}

/// Walks the chain entry by entry.
pub(super) struct Checker<'k> {
    pub(super) report: Verification,
    keys: Option<&'k AuditKeys>,
    buf: Vec<u8>,
    /// (seq, comment id, SHA-256 the entry recorded, previous entry's hash) of each
    /// `comment.received` entry.
    comments: Vec<(i64, String, [u8; 32], [u8; 32])>,
    /// The previous entry's hash as raw bytes (zeros before the first).
    prev: [u8; 32],
    /// The published tree heads the chain must match.
    heads: super::verify_heads::HeadCheck,
}

impl Checker<'_> {
    /// True when `hash` (hex) is the content's hash after the previous entry; on success the
    /// digest becomes the next entry's `prev`.
    pub(super) fn hash_matches(&mut self, content: &Content<'_>, hash: &str) -> bool {
        let digest = content.digest(&self.prev, &mut self.buf);
        let mut hex_out = [0u8; 64];
        let ok = hex::encode_to_slice(digest, &mut hex_out).is_ok() && hex_out == hash.as_bytes();
        if ok {
            self.prev = digest;
        }
        ok
    }

    /// Checks a stored entry.
    pub(super) fn entry(&mut self, e: AuditEntry) -> bool {
        self.check(e.content(), &e.prev_hash, &e.hash, &e.seal)
    }

    /// Checks the next entry; false (with the report marked invalid) at the first fault.
    pub(super) fn check(
        &mut self,
        content: Content<'_>,
        prev_hash: &str,
        hash: &str,
        seal: &str,
    ) -> bool {
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
            let mut before = [0u8; 32];
            let _ = hex::decode_to_slice(prev_hash, &mut before);
            self.comments
                .push((expected, content.subject_id.to_string(), recorded, before));
        }
        self.report.head_hash.clear();
        self.report.head_hash.push_str(hash);
        self.report.entries = expected;
        if let Some(c) = self.heads.entry(&self.prev, expected) {
            let report = std::mem::replace(&mut self.report, Verification::empty());
            self.report = report.contradicts(expected, c);
            return false;
        }
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
    texts: CommentTexts<'_>,
    checkpoint: &Checkpoint,
) -> QueryResult<Verification> {
    let report = verify(conn, keys, texts)?;
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
