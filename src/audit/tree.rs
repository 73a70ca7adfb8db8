//! The Merkle tree over the audit entries (RFC 9162 §2.1), stored as its perfect subtrees in
//! `merkle_nodes` (see [`crate::domain::merkle`]).
//!
//! The tree is extended off the write path, by whoever publishes a tree head: entries are
//! read in `seq` order in chunks, each chunk's nodes written in one short transaction
//! (ignoring nodes another instance wrote already: they are the same). A leaf is
//! `SHA-256(0x00 ‖ hash)` with the entry's `hash` as its 32 bytes.

use diesel::{Connection, QueryResult};

use crate::db::{transparency as store, DbConnection};
use crate::domain::merkle::{self, Frontier, Hash, Plan};

/// Entries added to the stored tree per transaction (about 1,000 rows written): on SQLite
/// each holds the turn to write for 5-12 ms, which the comment writer may wait for.
const CHUNK: i64 = 512;

/// The leaf hash of an entry whose hash is `hex` (a malformed hash counts as 32 zero bytes,
/// which verification reports anyway).
pub fn entry_leaf(hex: &str) -> Hash {
    let mut bytes = [0u8; 32];
    let _ = hex::decode_to_slice(hex, &mut bytes);
    merkle::leaf_hash(&bytes)
}

/// Runs `f` in a transaction that holds no lock the comment writers wait for on PostgreSQL
/// (the nodes are idempotent), and in an immediate one on SQLite (its only kind of write).
fn node_tx<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    match conn {
        DbConnection::Sqlite(_) => crate::db::write_tx(conn, f),
        DbConnection::Postgresql(_) => conn.transaction(f),
    }
}

/// Extends the stored tree to at least `target` entries (as far as the chain goes); returns
/// the entries it holds.
pub fn extend(conn: &mut DbConnection, target: i64) -> QueryResult<i64> {
    loop {
        let stored = store::leaves_stored(conn)?;
        if stored >= target {
            return Ok(stored);
        }
        let added = node_tx(conn, |conn| {
            let stored = store::leaves_stored(conn)?;
            let Some(mut frontier) = frontier_at(conn, stored)? else {
                return Err(diesel::result::Error::NotFound);
            };
            let entries = store::entry_hashes(conn, stored, CHUNK.min(target - stored))?;
            let mut rows = Vec::with_capacity(entries.len() * 2);
            for (seq, hash) in &entries {
                if *seq != frontier.size() as i64 + 1 {
                    // A gap in the chain: the tree stops before it (verification names it).
                    break;
                }
                for ((level, idx), hash) in frontier.push(entry_leaf(hash)) {
                    rows.push(store::NodeRow {
                        level: level as i32,
                        idx: idx as i64,
                        hash: hash.to_vec(),
                    });
                }
            }
            store::insert_nodes(conn, &rows)?;
            Ok(frontier.size() as i64 - stored)
        })?;
        if added == 0 {
            return store::leaves_stored(conn);
        }
    }
}

/// The frontier of the stored tree at `size` entries (`None` if a node is missing).
fn frontier_at(conn: &mut DbConnection, size: i64) -> QueryResult<Option<Frontier>> {
    let ids = Frontier::nodes_of(size as u64);
    let found = store::nodes(conn, &ids)?;
    let hashes: Option<Vec<Hash>> = ids.iter().map(|id| found.get(id).copied()).collect();
    Ok(hashes.and_then(|h| Frontier::resume(size as u64, &h)))
}

/// The root of the first `size` entries, from the stored tree (`None` if not stored that far).
pub fn root_at(conn: &mut DbConnection, size: i64) -> QueryResult<Option<Hash>> {
    Ok(frontier_at(conn, size)?.map(|f| f.root()))
}

/// The hashes a proof lists, read from the stored tree (`None` when the plan is impossible
/// or the tree is not stored that far).
fn proof(conn: &mut DbConnection, plan: Option<Plan>) -> QueryResult<Option<Vec<Hash>>> {
    let Some(plan) = plan else { return Ok(None) };
    let found = store::nodes(conn, &plan.needed())?;
    Ok(plan.hashes(|id| found.get(&id).copied()))
}

/// The audit path of entry `seq` in the tree of `size` entries.
pub fn inclusion(conn: &mut DbConnection, seq: i64, size: i64) -> QueryResult<Option<Vec<Hash>>> {
    if seq < 1 || size < 1 {
        return Ok(None);
    }
    proof(conn, Plan::inclusion(seq as u64 - 1, size as u64))
}

/// The consistency proof between the trees of `first` and `second` entries.
pub fn consistency(
    conn: &mut DbConnection,
    first: i64,
    second: i64,
) -> QueryResult<Option<Vec<Hash>>> {
    if first < 1 || second < 1 {
        return Ok(None);
    }
    proof(conn, Plan::consistency(first as u64, second as u64))
}
