//! Storage of the transparency log (issue 38): the Merkle tree's perfect subtrees and the
//! signed tree heads with their RFC 3161 stamps.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::QueryResult;

use super::schema::audit_log;
use super::schema_transparency::{merkle_nodes, tree_heads};
use super::DbConnection;

/// A stored node: (level, index) and its hash.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = merkle_nodes)]
pub struct NodeRow {
    /// Level (0: a leaf).
    pub level: i32,
    /// Index within the level.
    pub idx: i64,
    /// SHA-256.
    pub hash: Vec<u8>,
}

/// Leaves the stored tree holds (the level-0 nodes are written in order, with their parents
/// in the same transaction).
pub fn leaves_stored(conn: &mut DbConnection) -> QueryResult<i64> {
    let max: Option<i64> = merkle_nodes::table
        .filter(merkle_nodes::level.eq(0))
        .select(diesel::dsl::max(merkle_nodes::idx))
        .first(conn)?;
    Ok(max.map_or(0, |m| m + 1))
}

/// The audit entries' hashes after `seq`, oldest first, at most `limit`.
pub fn entry_hashes(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, String)>> {
    audit_log::table
        .filter(audit_log::seq.gt(after))
        .order(audit_log::seq)
        .limit(limit)
        .select((audit_log::seq, audit_log::hash))
        .load(conn)
}

/// Stores nodes; one already there (another instance computed the same) is left as it is.
pub fn insert_nodes(conn: &mut DbConnection, rows: &[NodeRow]) -> QueryResult<()> {
    for chunk in rows.chunks(500) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(merkle_nodes::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(merkle_nodes::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// The stored hashes of the nodes asked for (missing ones are absent from the map).
pub fn nodes(
    conn: &mut DbConnection,
    ids: &[(u32, u64)],
) -> QueryResult<HashMap<(u32, u64), [u8; 32]>> {
    let mut found = HashMap::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(found);
    }
    let mut by_level: HashMap<u32, Vec<i64>> = HashMap::new();
    for (level, idx) in ids {
        by_level.entry(*level).or_default().push(*idx as i64);
    }
    // One query for every level (a proof needs one or two nodes on each of ~log n levels).
    let mut query = merkle_nodes::table
        .select((merkle_nodes::level, merkle_nodes::idx, merkle_nodes::hash))
        .into_boxed();
    for (n, (level, idx)) in by_level.into_iter().enumerate() {
        let here = merkle_nodes::level
            .eq(level as i32)
            .and(merkle_nodes::idx.eq_any(idx));
        query = if n == 0 {
            query.filter(here)
        } else {
            query.or_filter(here)
        };
    }
    let rows: Vec<(i32, i64, Vec<u8>)> = query.load(conn)?;
    for (level, idx, hash) in rows {
        if let Ok(hash) = <[u8; 32]>::try_from(hash) {
            found.insert((level as u32, idx as u64), hash);
        }
    }
    Ok(found)
}

/// A published tree head as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tree_heads)]
pub struct TreeHeadRow {
    /// Entries covered.
    pub tree_size: i64,
    /// Root, hex.
    pub root_hash: String,
    /// The RFC 3339 time signed.
    pub signed_at: String,
    /// Ed25519 signature, hex.
    pub signature: String,
    /// When it was stored.
    pub published_at: NaiveDateTime,
    /// Attempts to have it time-stamped.
    pub stamp_attempts: i32,
    /// The last attempt's failure.
    pub stamp_error: Option<String>,
    /// When to try again.
    pub stamp_next_at: Option<NaiveDateTime>,
}

/// A head with whether its stamp arrived.
pub type HeadWithStamp = (TreeHeadRow, bool);

/// Stores a newly signed head.
pub fn insert_head(conn: &mut DbConnection, row: &TreeHeadRow) -> QueryResult<()> {
    diesel::insert_into(tree_heads::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The latest published head.
pub fn latest(conn: &mut DbConnection) -> QueryResult<Option<HeadWithStamp>> {
    Ok(newest(conn, None, 1)?.pop())
}

/// Published heads, newest first, below `before` (a tree size), at most `limit`.
pub fn newest(
    conn: &mut DbConnection,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<HeadWithStamp>> {
    let mut q = tree_heads::table
        .select((TreeHeadRow::as_select(), tree_heads::stamp.is_not_null()))
        .order(tree_heads::tree_size.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        q = q.filter(tree_heads::tree_size.lt(before));
    }
    q.load(conn)
}

/// Every published head, oldest first (for verification).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<TreeHeadRow>> {
    tree_heads::table
        .select(TreeHeadRow::as_select())
        .order(tree_heads::tree_size)
        .load(conn)
}

/// The head of exactly `size` entries.
pub fn head(conn: &mut DbConnection, size: i64) -> QueryResult<Option<HeadWithStamp>> {
    tree_heads::table
        .find(size)
        .select((TreeHeadRow::as_select(), tree_heads::stamp.is_not_null()))
        .first(conn)
        .optional()
}

/// The first head that covers entry `seq`.
pub fn first_covering(conn: &mut DbConnection, seq: i64) -> QueryResult<Option<TreeHeadRow>> {
    tree_heads::table
        .filter(tree_heads::tree_size.ge(seq))
        .order(tree_heads::tree_size)
        .select(TreeHeadRow::as_select())
        .first(conn)
        .optional()
}

/// A head's RFC 3161 time-stamp reply, when it has one.
pub fn stamp(conn: &mut DbConnection, size: i64) -> QueryResult<Option<Vec<u8>>> {
    Ok(tree_heads::table
        .find(size)
        .select(tree_heads::stamp)
        .first::<Option<Vec<u8>>>(conn)
        .optional()?
        .flatten())
}

/// Heads waiting for a stamp whose next attempt is due, oldest first.
pub fn awaiting_stamp(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<TreeHeadRow>> {
    tree_heads::table
        .filter(tree_heads::stamp.is_null())
        .filter(
            tree_heads::stamp_next_at
                .is_null()
                .or(tree_heads::stamp_next_at.le(now)),
        )
        .order(tree_heads::tree_size)
        .limit(limit)
        .select(TreeHeadRow::as_select())
        .load(conn)
}

/// How many heads still wait for a stamp.
pub fn count_awaiting_stamp(conn: &mut DbConnection) -> QueryResult<i64> {
    tree_heads::table
        .filter(tree_heads::stamp.is_null())
        .count()
        .get_result(conn)
}

/// Stores a head's stamp (only if none is there: instances may race).
pub fn set_stamp(conn: &mut DbConnection, size: i64, reply: &[u8]) -> QueryResult<()> {
    diesel::update(
        tree_heads::table
            .find(size)
            .filter(tree_heads::stamp.is_null()),
    )
    .set((
        tree_heads::stamp.eq(reply),
        tree_heads::stamp_error.eq(None::<String>),
        tree_heads::stamp_attempts.eq(tree_heads::stamp_attempts + 1),
    ))
    .execute(conn)
    .map(|_| ())
}

/// Records a failed attempt and when to try again.
pub fn stamp_failed(
    conn: &mut DbConnection,
    size: i64,
    error: &str,
    next_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        tree_heads::table
            .find(size)
            .filter(tree_heads::stamp.is_null()),
    )
    .set((
        tree_heads::stamp_error.eq(error),
        tree_heads::stamp_next_at.eq(next_at),
        tree_heads::stamp_attempts.eq(tree_heads::stamp_attempts + 1),
    ))
    .execute(conn)
    .map(|_| ())
}
