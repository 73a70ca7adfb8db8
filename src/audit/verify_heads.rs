//! Verification against the published tree heads: while the chain is read, its Merkle tree is
//! rebuilt from the entries themselves, and its root at each published size must be the
//! head's. Entries removed from the end, or any entry rewritten even with every hash and seal
//! recomputed, contradict the first head that covered them.

use serde::Serialize;

use super::tree_heads::TreeHead;
use super::AuditKeys;
use crate::db::transparency::TreeHeadRow;
use crate::domain::merkle::{self, Frontier};

/// The published head the stored log contradicts.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Contradiction {
    /// The head.
    pub tree_head: TreeHead,
    /// What is wrong.
    pub reason: String,
}

/// The heads to hold the chain to, smallest first, and the tree rebuilt so far.
#[derive(Debug, Default)]
pub(super) struct HeadCheck {
    heads: Vec<TreeHeadRow>,
    next: usize,
    frontier: Frontier,
    public_key: Option<String>,
}

impl HeadCheck {
    /// Checks against `heads` (sorted by size); with `keys`, their signatures too.
    pub(super) fn new(heads: Vec<TreeHeadRow>, keys: Option<&AuditKeys>) -> Self {
        Self {
            heads,
            next: 0,
            frontier: Frontier::default(),
            public_key: keys.map(|k| k.public_key_hex()),
        }
    }

    /// Adds the entry whose raw hash is `hash` (the `entries`-th); a contradiction when a
    /// head of this size does not have the rebuilt root or a valid signature.
    pub(super) fn entry(&mut self, hash: &[u8; 32], entries: i64) -> Option<Contradiction> {
        if self.next >= self.heads.len() {
            return None;
        }
        self.frontier.push(merkle::leaf_hash(hash));
        while let Some(head) = self.heads.get(self.next) {
            if head.tree_size > entries {
                break;
            }
            self.next += 1;
            let published = TreeHead::from(head);
            if let Some(key) = &self.public_key {
                if !published.signature_is_valid(key) {
                    return Some(Contradiction {
                        tree_head: published,
                        reason: "the tree head's signature is not valid under the audit key".into(),
                    });
                }
            }
            if head.tree_size == entries && hex::encode(self.frontier.root()) != head.root_hash {
                return Some(Contradiction {
                    tree_head: published,
                    reason: format!(
                        "the log's first {entries} entries do not have this published root: \
                         an entry up to seq {entries} was rewritten"
                    ),
                });
            }
        }
        None
    }

    /// After the last entry (`entries` in all): a head that covers more contradicts the log.
    pub(super) fn end(&self, entries: i64) -> Option<Contradiction> {
        let head = self.heads.iter().find(|h| h.tree_size > entries)?;
        Some(Contradiction {
            tree_head: TreeHead::from(head),
            reason: format!(
                "the log holds {entries} entries, but this tree head was published over {}: \
                 entries were removed",
                head.tree_size
            ),
        })
    }
}
