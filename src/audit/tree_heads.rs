//! Signed tree heads: `{tree_size, root_hash, timestamp, signature}`, the signature an Ed25519
//! one by the audit key over the UTF-8 bytes of `tree_size + "\n" + root_hash + "\n" +
//! timestamp`. Published at most every `tree_head_interval_seconds` when the log grew, at
//! every report freeze, and on request; every one is kept.
//!
//! Publishing a head is not itself an audit entry: an entry would grow the log each time,
//! and the next head would have to cover it, for ever. The heads are their own record:
//! signed, append-only in the database, and checked by `tramites audit verify`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::QueryResult;
use serde::{Deserialize, Serialize};

use super::keys::{signature_is_valid, AuditKeys};
use super::tree;
use crate::db::transparency::{self as store, TreeHeadRow};
use crate::db::DbConnection;

/// A signed tree head as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TreeHead {
    /// Audit entries covered: `seq` 1 to `tree_size`.
    pub tree_size: i64,
    /// The Merkle tree's root over them, hex.
    pub root_hash: String,
    /// When it was signed (RFC 3339, UTC).
    pub timestamp: String,
    /// Ed25519 signature, hex, of `tree_size\nroot_hash\ntimestamp`.
    pub signature: String,
}

impl TreeHead {
    /// The bytes the signature covers (and the RFC 3161 stamp's imprint is the SHA-256 of).
    pub fn message(&self) -> String {
        format!("{}\n{}\n{}", self.tree_size, self.root_hash, self.timestamp)
    }

    /// True when the signature is valid under `public_key` (hex).
    pub fn signature_is_valid(&self, public_key: &str) -> bool {
        signature_is_valid(public_key, self.message().as_bytes(), &self.signature)
    }
}

impl From<&TreeHeadRow> for TreeHead {
    fn from(row: &TreeHeadRow) -> Self {
        Self {
            tree_size: row.tree_size,
            root_hash: row.root_hash.clone(),
            timestamp: row.signed_at.clone(),
            signature: row.signature.clone(),
        }
    }
}

/// Publishes a head of the whole log now when it grew since the last head and, with
/// `min_interval`, when the last head is at least that old. Returns the new head, if any.
/// Safe to call from every instance: the check is repeated under the write lock.
pub fn publish(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    now: DateTime<Utc>,
    min_interval: Option<chrono::Duration>,
) -> QueryResult<Option<TreeHead>> {
    let (size, _) = super::head(conn)?;
    if !due(store::latest(conn)?.map(|h| h.0), size, now, min_interval) {
        return Ok(None);
    }
    let stored = tree::extend(conn, size)?;
    if stored < size {
        // The chain has a gap or a hole the tree cannot cross: verification says where.
        tracing::warn!(
            size,
            stored,
            "tree head not published: the chain is not whole"
        );
        return Ok(None);
    }
    let Some(root) = tree::root_at(conn, size)? else {
        return Ok(None);
    };
    let mut head = TreeHead {
        tree_size: size,
        root_hash: hex::encode(root),
        timestamp: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        signature: String::new(),
    };
    head.signature = keys.sign_hex(head.message().as_bytes());
    crate::db::write_tx(conn, |conn| {
        if !due(store::latest(conn)?.map(|h| h.0), size, now, min_interval) {
            return Ok(None);
        }
        store::insert_head(
            conn,
            &TreeHeadRow {
                tree_size: head.tree_size,
                root_hash: head.root_hash.clone(),
                signed_at: head.timestamp.clone(),
                signature: head.signature.clone(),
                published_at: now.naive_utc(),
                stamp_attempts: 0,
                stamp_error: None,
                stamp_next_at: None,
            },
        )?;
        Ok(Some(head))
    })
}

/// Whether a head of `size` entries is due after `latest`.
fn due(
    latest: Option<TreeHeadRow>,
    size: i64,
    now: DateTime<Utc>,
    min_interval: Option<chrono::Duration>,
) -> bool {
    match latest {
        _ if size == 0 => false,
        None => true,
        Some(last) if last.tree_size >= size => false,
        Some(last) => min_interval.is_none_or(|iv| last.published_at + iv <= now.naive_utc()),
    }
}

/// When a head waiting for its stamp should be tried again after `attempts` failures:
/// `retry` doubled each time up to eight times `retry`, and never more than an hour.
pub fn next_stamp_attempt(
    now: NaiveDateTime,
    retry: chrono::Duration,
    attempts: i32,
) -> NaiveDateTime {
    let factor = 1i32 << attempts.clamp(0, 3);
    now + (retry * factor).min(chrono::Duration::hours(1))
}
