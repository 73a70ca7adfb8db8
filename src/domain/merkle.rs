//! The Merkle tree of RFC 9162 §2.1 over a log of entries: hashes, proofs and their checks.
//!
//! - Leaf hash `SHA-256(0x00 ‖ data)`, node hash `SHA-256(0x01 ‖ left ‖ right)`; a tree of
//!   `n > 1` leaves splits at the largest power of two smaller than `n`.
//! - A *perfect* subtree of level `l` and index `i` covers leaves `[i·2^l, (i+1)·2^l)`: these
//!   are the only nodes ever stored. Any range the RFC's recursion reaches is a few perfect
//!   subtrees side by side (one per bit of its size), folded from the right, so a proof needs
//!   O(log n) stored nodes ([`Plan`]).
//! - [`Frontier`] keeps the perfect subtrees of a growing tree (one per bit of its size):
//!   appending a leaf makes at most log n new nodes, and gives the root at any size.

use sha2::{Digest, Sha256};

/// A SHA-256 value.
pub type Hash = [u8; 32];

/// A perfect subtree: (level, index).
pub type NodeId = (u32, u64);

/// `SHA-256(0x00 ‖ data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The perfect subtrees that make up leaves `[start, end)`, largest first, for a range the
/// RFC's recursion reaches (its start is a multiple of its largest part).
pub fn range_nodes(start: u64, end: u64) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    let mut at = start;
    let size = end - start;
    for level in (0..64u32).rev() {
        if size & (1 << level) != 0 {
            nodes.push((level, at >> level));
            at += 1 << level;
        }
    }
    nodes
}

/// Folds perfect subtrees (largest first) from the right, as the RFC's split does.
fn fold(hashes: &[Hash]) -> Option<Hash> {
    let (last, rest) = hashes.split_last()?;
    Some(rest.iter().rev().fold(*last, |acc, h| node_hash(h, &acc)))
}

/// The ranges whose hashes a proof lists, in the proof's order; then the nodes to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    ranges: Vec<(u64, u64)>,
}

impl Plan {
    /// The audit path of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1).
    pub fn inclusion(index: u64, size: u64) -> Option<Self> {
        if index >= size {
            return None;
        }
        let mut ranges = Vec::new();
        path(index, 0, size, &mut ranges);
        Some(Self { ranges })
    }

    /// The consistency proof between the trees of `first` and `second` leaves
    /// (RFC 9162 §2.1.4.1; empty when they are equal).
    pub fn consistency(first: u64, second: u64) -> Option<Self> {
        if first == 0 || first > second {
            return None;
        }
        let mut ranges = Vec::new();
        if first < second {
            subproof(first, 0, second, true, &mut ranges);
        }
        Some(Self { ranges })
    }

    /// The stored nodes the proof needs, without repeats.
    pub fn needed(&self) -> Vec<NodeId> {
        let mut nodes: Vec<NodeId> = (self.ranges.iter())
            .flat_map(|&(a, b)| range_nodes(a, b))
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes
    }

    /// The proof's hashes from the nodes read (`None` when one is missing).
    pub fn hashes(&self, node: impl Fn(NodeId) -> Option<Hash>) -> Option<Vec<Hash>> {
        (self.ranges.iter())
            .map(|&(a, b)| {
                let parts: Option<Vec<Hash>> = range_nodes(a, b).into_iter().map(&node).collect();
                fold(&parts?)
            })
            .collect()
    }
}

fn path(m: u64, start: u64, n: u64, out: &mut Vec<(u64, u64)>) {
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(m, start, k, out);
        out.push((start + k, start + n));
    } else {
        path(m - k, start + k, n - k, out);
        out.push((start, start + k));
    }
}

fn subproof(m: u64, start: u64, n: u64, whole: bool, out: &mut Vec<(u64, u64)>) {
    if m == n {
        if !whole {
            out.push((start, start + m));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, start, k, whole, out);
        out.push((start + k, start + n));
    } else {
        subproof(m - k, start + k, n - k, false, out);
        out.push((start, start + k));
    }
}

/// Shifts `a` and `b` right together while `a` is odd (`odd`) or even and non-zero.
fn shift_while(a: &mut u64, b: &mut u64, odd: bool) {
    while *a != 0 && (*a & 1 == 1) == odd {
        *a >>= 1;
        *b >>= 1;
    }
}

/// The root an audit path leads to from a leaf hash (RFC 9162 §2.1.3.2), `None` when the
/// path's length does not fit the index and size.
pub fn root_from_inclusion(index: u64, size: u64, leaf: &Hash, path: &[Hash]) -> Option<Hash> {
    if index >= size {
        return None;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s == 0 {
            return None;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            shift_while(&mut f, &mut s, false);
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    (s == 0).then_some(r)
}

/// True when `path` proves leaf `index` with hash `leaf` is in the tree of `size` with `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, path: &[Hash], root: &Hash) -> bool {
    root_from_inclusion(index, size, leaf, path).as_ref() == Some(root)
}

/// True when `proof` proves the tree of `first` leaves with root `first_root` is a prefix of
/// the tree of `second` leaves with root `second_root` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> bool {
    if first == 0 || first > second {
        return false;
    }
    if first == second {
        return proof.is_empty() && first_root == second_root;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    let Some((head, rest)) = path.split_first() else {
        return false;
    };
    let (mut f, mut s) = (first - 1, second - 1);
    shift_while(&mut f, &mut s, true);
    let (mut fr, mut sr) = (*head, *head);
    for c in rest {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            shift_while(&mut f, &mut s, false);
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && fr == *first_root && sr == *second_root
}

/// The perfect subtrees of a tree being built leaf by leaf: one per bit of its size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frontier {
    size: u64,
    /// (level, hash), largest first.
    parts: Vec<(u32, Hash)>,
}

impl Frontier {
    /// The nodes a frontier of `size` leaves holds (read them to resume it).
    pub fn nodes_of(size: u64) -> Vec<NodeId> {
        range_nodes(0, size)
    }

    /// Resumes a frontier from the hashes of [`Frontier::nodes_of`] `size`, in that order.
    pub fn resume(size: u64, hashes: &[Hash]) -> Option<Self> {
        let ids = Self::nodes_of(size);
        (ids.len() == hashes.len()).then(|| Self {
            size,
            parts: ids
                .iter()
                .map(|n| n.0)
                .zip(hashes.iter().copied())
                .collect(),
        })
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash; returns the perfect subtrees this completes, the leaf first.
    pub fn push(&mut self, leaf: Hash) -> Vec<(NodeId, Hash)> {
        let index = self.size;
        self.size += 1;
        let mut made = vec![((0, index), leaf)];
        self.parts.push((0, leaf));
        while let [.., (l1, left), (l2, right)] = self.parts[..] {
            if l1 != l2 {
                break;
            }
            let hash = node_hash(&left, &right);
            self.parts.truncate(self.parts.len() - 2);
            self.parts.push((l1 + 1, hash));
            made.push(((l1 + 1, index >> (l1 + 1)), hash));
        }
        made
    }

    /// The root of the tree so far.
    pub fn root(&self) -> Hash {
        let hashes: Vec<Hash> = self.parts.iter().map(|p| p.1).collect();
        fold(&hashes).unwrap_or_else(empty_root)
    }
}

#[cfg(test)]
#[path = "merkle_tests.rs"]
mod tests;
