//! Write transactions: serialised on both backends (SQLite's turn per file in this process,
//! then `BEGIN IMMEDIATE`; PostgreSQL's advisory [`WRITE_LOCK`]), and on PostgreSQL the lock
//! released before the commit's flush ([`write_tx_lock_later`]).

use diesel::connection::{
    AnsiTransactionManager, SimpleConnection, TransactionDepthChange, TransactionManager,
    TransactionManagerStatus,
};
use diesel::{Connection, RunQueryDsl, SqliteConnection};

use super::{bind, DbConnection, Prepared};

/// The transaction-scoped advisory lock every PostgreSQL write transaction takes first.
pub const WRITE_LOCK: i64 = 7263847261;

/// This process's turns to write to each SQLite file (by the file's path), each held from
/// `BEGIN IMMEDIATE` to the commit.
///
/// SQLite lets one connection write at a time; a connection that finds the lock taken sleeps
/// in its busy handler, in steps of up to 100 ms, and does not wake when the lock is freed.
/// The transparency log's timer extending the Merkle tree (a thousand entries a transaction)
/// beside the comment writer made comments wait 100-470 ms (p99 up to 300 ms at 64
/// connections). Writers of one process queue here instead and each wakes the moment the one
/// before it commits; another process (a second instance, the CLI) still meets the busy
/// handler. Waiting longer than SQLite's busy timeout (10 s) fails as SQLite would.
static SQLITE_WRITERS: std::sync::LazyLock<
    parking_lot::Mutex<std::collections::HashMap<String, std::sync::Arc<parking_lot::Mutex<()>>>>,
> = std::sync::LazyLock::new(Default::default);

/// Waits and writes longer than this are logged (level info, target [`STALLS`]): what a
/// comment's tail is made of.
pub const SLOW: std::time::Duration = std::time::Duration::from_millis(10);

/// The log target of steps slower than [`SLOW`] (`TRAMITES_LOG=warn,tramites::stalls=info`).
pub const STALLS: &str = "tramites::stalls";

/// A turn to write to a SQLite file ([`sqlite_turn`]).
pub type SqliteTurn = parking_lot::ArcMutexGuard<parking_lot::RawMutex, ()>;

/// Takes this process's turn to write to the file of `conn` ([`SQLITE_WRITERS`]), or fails as
/// a locked database after 10 s; `None` for an in-memory database (no one else writes to it).
/// [`write_tx`] takes it; the comment writer's checkpointer takes it to restart the log.
pub fn sqlite_turn(conn: &mut SqliteConnection) -> diesel::QueryResult<Option<SqliteTurn>> {
    use diesel::sql_types::Text;
    let file: String = diesel::select(diesel::dsl::sql::<Text>(
        "(SELECT file FROM pragma_database_list WHERE name = 'main')",
    ))
    .get_result(conn)?;
    if file.is_empty() {
        return Ok(None);
    }
    let turn = SQLITE_WRITERS.lock().entry(file).or_default().clone();
    let asked = std::time::Instant::now();
    let taken = turn.try_lock_arc_for(std::time::Duration::from_secs(10));
    let waited = asked.elapsed();
    if waited > SLOW {
        let thread = std::thread::current();
        tracing::info!(
            target: STALLS,
            waited_ms = waited.as_millis() as u64,
            thread = thread.name(),
            "waited for the turn to write"
        );
    }
    taken.map(Some).ok_or_else(|| {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new("database is locked (10 s waiting for this process's writer)".to_string()),
        )
    })
}

/// Runs `f` in a write transaction. Writers are serialised on both backends, so no two of
/// them ever hold locks in opposite orders (no deadlocks) and the audit chain has one head:
/// SQLite begins `IMMEDIATE`, taking its write lock first (no `SQLITE_BUSY` half-way);
/// PostgreSQL takes [`WRITE_LOCK`] first, across every instance on the database.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let _turn;
    match conn {
        DbConnection::Sqlite(c) => {
            _turn = sqlite_turn(c)?;
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(c) => {
            // One round trip for both (the simple-query protocol runs them in order).
            let begun = AnsiTransactionManager::begin_transaction_sql(
                c,
                &format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
            );
            match begun {
                Ok(()) => {}
                // Nested in another write_tx: a savepoint; the lock is already held.
                Err(diesel::result::Error::AlreadyInTransaction) => {
                    AnsiTransactionManager::begin_transaction(c)?
                }
                Err(e) => {
                    // The lock failed inside the begun transaction (the manager did not count it).
                    let _ = diesel::connection::SimpleConnection::batch_execute(c, "ROLLBACK");
                    return Err(e.into());
                }
            }
        }
    }
    match f(conn) {
        Ok(value) => {
            let committing = std::time::Instant::now();
            let committed =
                <DbConnection as Connection>::TransactionManager::commit_transaction(conn);
            super::changes::committed();
            committed?;
            let took = committing.elapsed();
            if took > SLOW {
                tracing::info!(target: STALLS, took_ms = took.as_millis() as u64, "slow commit");
            }
            Ok(value)
        }
        Err(err) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(err)
        }
    }
}

/// A write transaction whose first statements only add rows that no other transaction can
/// see or lock yet (new comments), and which takes the write lock afterwards with
/// [`lock_writes`] (the comment batches: in their insert,
/// [`consultations::insert_comments_and_lock`]), before anything shared (counters, the audit
/// chain, the outbox). On
/// PostgreSQL it begins without the lock, so that one such transaction adds its rows while
/// another holds the lock and commits; on SQLite it is [`write_tx`] (`BEGIN IMMEDIATE`: the
/// lock from the start). Holding no lock before taking it while waiting on nobody who
/// holds it, such a transaction cannot deadlock with the others.
///
/// On PostgreSQL the write lock is also released before the disk is flushed, and `Ok` still
/// means durable. The transaction commits with `synchronous_commit = off` (for it alone), so
/// PostgreSQL releases the lock as soon as the commit is logged, without waiting for the
/// flush; in the same round trip an empty transaction then commits synchronously
/// ([`DURABLE_AFTER_COMMIT`]). Its commit record comes after this one in the write-ahead log and
/// PostgreSQL flushes the log in order, so when it returns this transaction is on disk too.
/// Another writer meanwhile takes the lock and works while this one waits on the disk,
/// instead of waiting for this one's flush; flushes of both writers can share one fsync. A
/// crash of PostgreSQL before the flush loses this transaction, which nobody was told had
/// been stored, together with anything logged after it, so the audit chain on disk is always
/// a whole prefix of the chain. Other transactions can see its rows during that flush (as
/// with any asynchronous commit in PostgreSQL), never the client that sent them.
pub fn write_tx_lock_later<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, NotStored<E>>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    if let DbConnection::Postgresql(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(
            c,
            "BEGIN; SET LOCAL synchronous_commit = off",
        )
        .map_err(|e| NotStored::Failed(e.into()))?;
    } else {
        return write_tx(conn, f).map_err(NotStored::Failed);
    }
    let value = match f(conn) {
        Ok(value) => value,
        Err(err) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)
                .map_err(|e| NotStored::Failed(e.into()))?;
            return Err(NotStored::Failed(err));
        }
    };
    let DbConnection::Postgresql(c) = conn else {
        return Err(NotStored::Unconfirmed(
            diesel::result::Error::NotInTransaction,
        ));
    };
    let flushed = c.batch_execute(DURABLE_AFTER_COMMIT);
    super::changes::committed();
    match flushed {
        Ok(()) => {
            // What diesel's own commit does after its `COMMIT`; the connection usually has
            // seen the transaction end already (PostgreSQL reports it with every answer).
            match AnsiTransactionManager::transaction_manager_status_mut(c) {
                TransactionManagerStatus::Valid(status) => {
                    match status.change_transaction_depth(TransactionDepthChange::DecreaseDepth) {
                        Ok(()) | Err(diesel::result::Error::NotInTransaction) => {}
                        Err(e) => return Err(NotStored::Unconfirmed(e)),
                    }
                }
                TransactionManagerStatus::InError => {
                    return Err(NotStored::Unconfirmed(
                        diesel::result::Error::BrokenTransactionManager,
                    ))
                }
            }
            Ok(value)
        }
        Err(err) => {
            // Committed or not, and flushed or not: unknown. A ROLLBACK outside a transaction
            // is only a warning; one that fails leaves the connection marked broken.
            let _ = AnsiTransactionManager::rollback_transaction(c);
            Err(NotStored::Unconfirmed(err))
        }
    }
}

/// Commits a [`write_tx_lock_later`] transaction on PostgreSQL, then logs an empty message in
/// a transaction of its own, committed synchronously: one round trip whose answer means both
/// are on disk (see [`write_tx_lock_later`]). The message (`pg_logical_emit_message`, allowed
/// to any user, at any `wal_level`) is the smallest write that makes a commit wait for the
/// flush: a transaction that writes nothing, even one given an id, commits without waiting.
pub const DURABLE_AFTER_COMMIT: &str =
    "COMMIT; SELECT pg_logical_emit_message(true, 'tramites', 'comments stored')";

/// Why a [`write_tx_lock_later`] transaction did not answer `Ok`.
#[derive(Debug)]
pub enum NotStored<E> {
    /// It failed before its commit: nothing of it was stored.
    Failed(E),
    /// Its commit was sent but not confirmed durable (the connection broke, say): its rows may
    /// be stored or not, so it must not be run again as new.
    Unconfirmed(diesel::result::Error),
}

/// Takes the write lock inside [`write_tx_lock_later`] (PostgreSQL's [`WRITE_LOCK`]; nothing on
/// SQLite, whose transaction holds it already). The statements after it see every change
/// committed before it was granted.
pub fn lock_writes(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    if let DbConnection::Postgresql(c) = conn {
        Prepared {
            head: "SELECT pg_advisory_xact_lock(",
            binds: (bind::<diesel::sql_types::BigInt, _>(WRITE_LOCK),),
            tail: ")",
        }
        .execute(c)?;
    }
    Ok(())
}
