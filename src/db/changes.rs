//! Whether the database may have changed: what a kept copy of a rendered page is checked
//! against before it is served again (`crate::web::page_cache`).
//!
//! A [`Changes`] reads a version that differs whenever a write may have committed since it
//! was last read. It is made of two parts:
//! - this process's own commits, counted by [`write_tx`](super::write_tx) and
//!   [`write_tx_lock_later`](super::write_tx_lock_later) after each one, so a page read after
//!   a write of this process never comes from before it;
//! - every other writer's (another instance, the command line), read from the database at
//!   most every [`Source::every`] (1 ms on SQLite, 20 ms on PostgreSQL), so another process's
//!   write shows within that time:
//!   - SQLite: `PRAGMA data_version` on a connection of its own, which changes whenever
//!     another connection, of any process, has committed to the file;
//!   - PostgreSQL: the snapshot's `xmax` (`pg_current_snapshot()`), which moves whenever any
//!     transaction that wrote anything ends, read through the pool.
//!
//! One reader at a time renews the reading; the others meanwhile use the one before. False
//! alarms (a write elsewhere in the cluster, one that changed nothing shown) only cost a page
//! being rendered again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::sql_types::{BigInt, Text};
use diesel::{RunQueryDsl, SqliteConnection};

use super::{DbConnection, DbPool};

/// This process's commits ([`committed`]).
static COMMITS: AtomicU64 = AtomicU64::new(0);

/// Counts a commit of this process (called after it, whatever its outcome).
pub fn committed() {
    COMMITS.fetch_add(1, Ordering::AcqRel);
}

/// A version of the database: equal readings mean nothing was committed in between.
pub type Version = (u64, u64);

/// Where other processes' commits are read.
pub enum Source {
    /// `PRAGMA data_version` on a connection of its own.
    Sqlite(parking_lot::Mutex<SqliteConnection>),
    /// `xmax` of the current snapshot, through the pool.
    Postgresql(DbPool),
}

impl Source {
    /// How long a reading is trusted.
    pub fn every(&self) -> Duration {
        match self {
            Source::Sqlite(_) => Duration::from_millis(1),
            Source::Postgresql(_) => Duration::from_millis(20),
        }
    }
}

/// The watch on one database's changes: its last reading and when it was taken.
pub struct Changes {
    source: Source,
    reading: AtomicU64,
    /// Microseconds since `start` of the last reading.
    read_at: AtomicU64,
    start: Instant,
    reading_now: AtomicBool,
}

impl Changes {
    /// Watches the database of `pool` (at `url`): a connection of its own on SQLite.
    pub fn open(url: &str, pool: DbPool) -> anyhow::Result<Changes> {
        let source = match super::establish(url)? {
            DbConnection::Sqlite(c) => Source::Sqlite(parking_lot::Mutex::new(c)),
            DbConnection::Postgresql(_) => Source::Postgresql(pool),
        };
        Ok(Changes {
            source,
            reading: AtomicU64::new(0),
            read_at: AtomicU64::new(0),
            start: Instant::now(),
            reading_now: AtomicBool::new(false),
        })
    }

    /// The current version; `None` when it cannot be read (nothing kept should be trusted).
    pub async fn version(&self) -> Option<Version> {
        let own = COMMITS.load(Ordering::Acquire);
        let now = self.start.elapsed().as_micros() as u64;
        let age = now.saturating_sub(self.read_at.load(Ordering::Acquire));
        let fresh = age < self.source.every().as_micros() as u64
            && self.reading.load(Ordering::Acquire) != 0;
        if !fresh && !self.reading_now.swap(true, Ordering::AcqRel) {
            let read = self.read().await;
            if let Some(value) = read {
                // Never 0, which stands for "no reading yet".
                self.reading.store(value.max(1), Ordering::Release);
                self.read_at.store(now, Ordering::Release);
            }
            self.reading_now.store(false, Ordering::Release);
            read?;
        }
        match self.reading.load(Ordering::Acquire) {
            0 => None,
            value => Some((own, value)),
        }
    }

    /// Reads the database's own count of commits.
    async fn read(&self) -> Option<u64> {
        match &self.source {
            Source::Sqlite(conn) => {
                // A prepared statement kept by the connection: a few microseconds.
                let value: i64 = diesel::select(diesel::dsl::sql::<BigInt>(
                    "(SELECT data_version FROM pragma_data_version)",
                ))
                .get_result(&mut *conn.lock())
                .ok()?;
                Some(value as u64)
            }
            Source::Postgresql(pool) => {
                let pool = pool.clone();
                tokio::task::spawn_blocking(move || {
                    let mut conn = pool.get().ok()?;
                    let xmax: String = diesel::select(diesel::dsl::sql::<Text>(
                        "pg_snapshot_xmax(pg_current_snapshot())::text",
                    ))
                    .get_result(&mut *conn)
                    .ok()?;
                    xmax.parse::<u64>().ok()
                })
                .await
                .ok()
                .flatten()
            }
        }
    }
}
