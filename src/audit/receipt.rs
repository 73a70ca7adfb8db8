//! A citizen's receipt: proof that their comment (or opinion) is in the audit log as sent,
//! checkable offline by anyone with the text they wrote. No name, e-mail or address in it.
//!
//! Checked in this order, each failure naming its part ([`Problem`]):
//! 1. the tree head's signature, under the public key given (or the receipt's own);
//! 2. the entry: `SHA-256(prev_hash ‖ canonical entry)` equals `entry_hash`;
//! 3. the inclusion proof leads from leaf `SHA-256(0x00 ‖ entry_hash)` at `seq − 1` to the
//!    head's root (RFC 9162 §2.1.3.2);
//! 4. `text_sha256` is the `sha256` the entry recorded;
//! 5. with the text: its SHA-256, once trimmed of white space at both ends as the service
//!    stores it, equals `text_sha256`.

use diesel::QueryResult;
use serde::{Deserialize, Serialize};

use super::encode::{canonical_time, AuditEntry, Content};
use super::tree_heads::TreeHead;
use super::{tree, AuditKeys};
use crate::db::{transparency as store, DbConnection};
use crate::domain::merkle;

/// The format's name, first in every receipt.
pub const FORMAT: &str = "tramites.receipt.v1";

/// An audit path (RFC 9162 §2.1.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InclusionProof {
    /// The entry's position in the tree: `seq − 1`.
    pub leaf_index: i64,
    /// The tree's size.
    pub tree_size: i64,
    /// Sibling hashes from the leaf up, hex.
    pub audit_path: Vec<String>,
}

/// A consistency proof (RFC 9162 §2.1.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConsistencyProof {
    /// The smaller tree's size.
    pub first: i64,
    /// The larger tree's size.
    pub second: i64,
    /// The proof's hashes, hex.
    pub proof: Vec<String>,
}

/// The fields of the entry its hash covers (see the audit module's canonical encoding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReceiptEntry {
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub at: String,
    /// `public` for the web; the staff member who typed in a paper comment.
    pub actor: String,
    /// `comment.received`, `feedback.received`, …
    pub action: String,
    /// `comment`, `feedback`, …
    pub subject_type: String,
    /// Its id.
    pub subject_id: String,
    /// The entry's data, the exact canonical JSON text hashed.
    pub data: String,
    /// The previous entry's hash.
    pub prev_hash: String,
}

/// The receipt (`GET /api/v1/comments/by-tracking/{code}/receipt`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Receipt {
    /// Always `tramites.receipt.v1`.
    pub format: String,
    /// The entry's position in the audit log.
    pub seq: i64,
    /// The entry's hash, hex.
    pub entry_hash: String,
    /// SHA-256 of the text as stored (trimmed), hex; none for entries without a text.
    pub text_sha256: Option<String>,
    /// The entry.
    pub entry: ReceiptEntry,
    /// The first published tree head that includes it.
    pub tree_head: TreeHead,
    /// Its audit path to that head's root.
    pub inclusion: InclusionProof,
    /// The audit key's public half (hex); compare it with the one the Ministry publishes.
    pub public_key: String,
}

/// The receipt of `entry`, once a published head includes it (`None` before).
pub fn build(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    entry: &AuditEntry,
) -> QueryResult<Option<Receipt>> {
    let Some(head) = store::first_covering(conn, entry.seq)? else {
        return Ok(None);
    };
    let Some(path) = tree::inclusion(conn, entry.seq, head.tree_size)? else {
        return Ok(None);
    };
    let data: serde_json::Value = serde_json::from_str(&entry.data).unwrap_or_default();
    Ok(Some(Receipt {
        format: FORMAT.into(),
        seq: entry.seq,
        entry_hash: entry.hash.clone(),
        text_sha256: data["sha256"].as_str().map(str::to_string),
        entry: ReceiptEntry {
            at: canonical_time(&entry.at),
            actor: entry.actor.clone(),
            action: entry.action.clone(),
            subject_type: entry.subject_type.clone(),
            subject_id: entry.subject_id.clone(),
            data: entry.data.clone(),
            prev_hash: entry.prev_hash.clone(),
        },
        tree_head: TreeHead::from(&head),
        inclusion: InclusionProof {
            leaf_index: entry.seq - 1,
            tree_size: head.tree_size,
            audit_path: path.iter().map(hex::encode).collect(),
        },
        public_key: keys.public_key_hex(),
    }))
}

/// What part of a receipt failed its check.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The tree head's signature is not valid under the key.
    TreeHead,
    /// The entry's fields do not hash to `entry_hash` (or cannot be read).
    Entry,
    /// The proof does not lead from the entry to the head's root.
    Inclusion,
    /// `text_sha256` is not what the entry recorded.
    TextHash,
    /// The text given is not the one the receipt is for.
    Text,
}

fn hash32(hex_text: &str) -> Option<merkle::Hash> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text, &mut out).ok().map(|_| out)
}

/// Checks a receipt (see the module's documentation); `public_key` overrides the receipt's.
pub fn check(r: &Receipt, text: Option<&str>, public_key: Option<&str>) -> Result<(), Problem> {
    if !r
        .tree_head
        .signature_is_valid(public_key.unwrap_or(&r.public_key))
    {
        return Err(Problem::TreeHead);
    }
    let at = chrono::NaiveDateTime::parse_from_str(&r.entry.at, "%Y-%m-%dT%H:%M:%S%.fZ")
        .map_err(|_| Problem::Entry)?;
    if canonical_time(&at) != r.entry.at {
        return Err(Problem::Entry);
    }
    let content = Content {
        seq: r.seq,
        at: &at,
        actor: &r.entry.actor,
        action: &r.entry.action,
        subject_type: &r.entry.subject_type,
        subject_id: &r.entry.subject_id,
        data: &r.entry.data,
    };
    if content.hash(&r.entry.prev_hash) != r.entry_hash {
        return Err(Problem::Entry);
    }
    let proof = &r.inclusion;
    let path: Option<Vec<merkle::Hash>> = proof.audit_path.iter().map(|h| hash32(h)).collect();
    let root = hash32(&r.tree_head.root_hash);
    let (Some(path), Some(root), Some(entry)) = (path, root, hash32(&r.entry_hash)) else {
        return Err(Problem::Inclusion);
    };
    let fits = proof.leaf_index == r.seq - 1
        && proof.tree_size == r.tree_head.tree_size
        && proof.leaf_index >= 0;
    let leaf = merkle::leaf_hash(&entry);
    let (index, size) = (proof.leaf_index as u64, proof.tree_size as u64);
    if !fits || !merkle::verify_inclusion(index, size, &leaf, &path, &root) {
        return Err(Problem::Inclusion);
    }
    let data: serde_json::Value =
        serde_json::from_str(&r.entry.data).map_err(|_| Problem::Entry)?;
    if data["sha256"].as_str() != r.text_sha256.as_deref() {
        return Err(Problem::TextHash);
    }
    if let Some(text) = text {
        let sha = crate::domain::comment::body_sha256(text.trim());
        if r.text_sha256.as_deref() != Some(sha.as_str()) {
            return Err(Problem::Text);
        }
    }
    Ok(())
}
