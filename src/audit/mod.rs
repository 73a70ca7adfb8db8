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

//!
//! The files: `encode` (the canonical encoding and hashing), `append` (writing an entry in the
//! caller's transaction), `query` (reading pages of the chain), `verify` (checking it; the
//! comments' texts come through a function the caller gives), `keys` (seals and checkpoints);
//! the transparency log (issue 38): `tree` (the Merkle tree over the entries), `tree_heads`
//! (signed heads), `receipt` (citizens' receipts and their offline check), `tsa` (RFC 3161
//! stamps), `verify_heads` (the chain held to every published head).

mod append;
mod encode;
mod fast;
pub mod keys;
mod query;
pub mod receipt;
pub mod tree;
pub mod tree_heads;
pub mod tsa;
mod verify;
mod verify_heads;

pub use append::{
    append, append_all, append_all_after, append_all_after_with, append_all_in_write_tx, head,
    Context,
};
pub use encode::{canonical_json, canonical_time, AuditEntry, Content, Record, GENESIS_HASH};
pub use keys::{AuditKeys, Checkpoint};
pub use query::{latest, page, Filter};
pub use receipt::{ConsistencyProof, InclusionProof, Receipt};
pub use tree_heads::TreeHead;
use verify::Checker;
pub use verify::{
    verify, verify_against, verify_with_progress, CommentTexts, Mismatch, Verification,
    COMMENT_RECEIVED,
};
pub use verify_heads::Contradiction;

#[cfg(test)]
mod tests;
