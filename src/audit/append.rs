//! Appending an entry inside the caller's write transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::DbConnection;

use super::encode::*;
use super::keys::AuditKeys;

/// The insert's text before its values.
macro_rules! insert {
    () => {
        "INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, data, \
         prev_hash, hash, seal) "
    };
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
    /// The roles the actor holds now (none for the public; every role for the system's own
    /// work, the command line and the demo): the use cases authorise by them.
    pub roles: &'a [crate::domain::Role],
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
    let mut entries = append_all(conn, keys, &[(now, record)])?;
    Ok(entries.remove(0))
}

/// Appends several entries in order, reading the head once and writing them as
/// [`crate::insert_rows`] does: the hash chain is computed in memory. Same transaction rule as [`append`].
pub fn append_all(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    records: &[(DateTime<Utc>, Record<'_>)],
) -> QueryResult<Vec<AuditEntry>> {
    if !records.is_empty() {
        // Re-entrant: write_tx already holds it; this guards appends made any other way.
        crate::db::lock_writes(conn)?;
    }
    append_all_in_write_tx(conn, keys, records)
}

/// [`append_all`] for a caller that runs inside [`crate::db::write_tx`] and so already holds
/// its lock: one round trip fewer on PostgreSQL (the comment writer's batches).
pub fn append_all_in_write_tx(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    records: &[(DateTime<Utc>, Record<'_>)],
) -> QueryResult<Vec<AuditEntry>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let head = head(conn)?;
    append_all_after(conn, keys, head, records)
}

/// [`append_all_in_write_tx`] with the chain's head (sequence number and hash) read already
/// under the write lock, in the same transaction
/// ([`crate::db::consultations::insert_comments_and_lock`]).
pub fn append_all_after(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    head: (i64, String),
    records: &[(DateTime<Utc>, Record<'_>)],
) -> QueryResult<Vec<AuditEntry>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let entries = chain(keys, head, records);
    match conn {
        DbConnection::Sqlite(lite) => insert_entries_sqlite(lite, &entries)?,
        DbConnection::Postgresql(pg) => {
            use crate::db::Prepared;
            Prepared {
                head: concat!(insert!(), "SELECT * FROM unnest("),
                binds: entry_arrays(&entries),
                tail: ")",
            }
            .execute(pg)?;
        }
    }
    Ok(entries)
}

/// [`append_all_after`] on PostgreSQL, with other writes of the same transaction in the
/// insert's statement: `with` is a list of data-modifying `WITH` queries (`name AS (INSERT
/// …), other AS (UPDATE …)`), written before the insert. One round trip for all, where a
/// round trip under the write lock is time the other writers wait (the comment batches:
/// their text groups and counters). `with` must not read `audit_log`. Runs `with` even when
/// `records` is empty.
pub fn append_all_after_with<W>(
    pg: &mut diesel::PgConnection,
    keys: &AuditKeys,
    head: (i64, String),
    records: &[(DateTime<Utc>, Record<'_>)],
    with: W,
) -> QueryResult<Vec<AuditEntry>>
where
    W: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
{
    use crate::db::{Prepared, Then};
    let entries = chain(keys, head, records);
    Prepared {
        head: "WITH ",
        binds: Then(
            with,
            Prepared {
                head: concat!(" ", insert!(), "SELECT * FROM unnest("),
                binds: entry_arrays(&entries),
                tail: ")",
            },
        ),
        tail: "",
    }
    .execute(pg)?;
    Ok(entries)
}

/// The entries of `records` chained after `head`, hashed and sealed.
fn chain(
    keys: &AuditKeys,
    head: (i64, String),
    records: &[(DateTime<Utc>, Record<'_>)],
) -> Vec<AuditEntry> {
    let (mut seq, mut prev_hash) = head;
    let mut entries = Vec::with_capacity(records.len());
    for (now, record) in records {
        seq += 1;
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
            prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
            seal: keys.seal(&hash),
            hash,
        };
        entries.push(entry);
    }
    entries
}

/// Writes entries on SQLite: one prepared statement executed for each (see
/// [`crate::db::consultations::insert_comments_and_lock`]).
fn insert_entries_sqlite(
    lite: &mut diesel::SqliteConnection,
    entries: &[AuditEntry],
) -> QueryResult<()> {
    use crate::db::{bind, Prepared};
    use diesel::sql_types::{BigInt, Text, Timestamp};
    entries.iter().try_for_each(|e| {
        let binds = (
            bind::<BigInt, _>(e.seq),
            bind::<Timestamp, _>(&e.at),
            bind::<Text, _>(&e.actor),
            bind::<Text, _>(&e.action),
            bind::<Text, _>(&e.subject_type),
            bind::<Text, _>(&e.subject_id),
            bind::<Text, _>(&e.data),
            bind::<Text, _>(&e.prev_hash),
            bind::<Text, _>(&e.hash),
            bind::<Text, _>(&e.seal),
        );
        Prepared {
            head: concat!(insert!(), "VALUES ("),
            binds,
            tail: ")",
        }
        .execute(lite)
        .map(|_| ())
    })
}

/// Entries as PostgreSQL arrays, one per column, for `SELECT * FROM unnest(…)`: one
/// statement whatever their number.
fn entry_arrays(
    entries: &[AuditEntry],
) -> impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + '_ {
    use crate::db::bind;
    use diesel::sql_types::{Array, BigInt, Text, Timestamp};
    let text = |f: fn(&AuditEntry) -> &str| {
        bind::<Array<Text>, _>(entries.iter().map(f).collect::<Vec<&str>>())
    };
    (
        bind::<Array<BigInt>, _>(entries.iter().map(|e| e.seq).collect::<Vec<_>>()),
        bind::<Array<Timestamp>, _>(entries.iter().map(|e| e.at).collect::<Vec<_>>()),
        text(|e| &e.actor),
        text(|e| &e.action),
        text(|e| &e.subject_type),
        text(|e| &e.subject_id),
        text(|e| &e.data),
        text(|e| &e.prev_hash),
        text(|e| &e.hash),
        text(|e| &e.seal),
    )
}

/// The last entry's `seq` and hash (0 and the genesis hash for an empty chain).
pub fn head(conn: &mut DbConnection) -> QueryResult<(i64, String)> {
    let head = crate::db::audited_rows::chain_head(conn)?;
    Ok(head.unwrap_or((0, GENESIS_HASH.to_string())))
}
