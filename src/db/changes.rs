//! Whether the database may have changed: what a kept copy of a rendered page is checked
//! against before it is served again (`crate::web::page_cache`).
//!
//! A [`Changes`] reads a version that differs whenever a write may have committed since it
//! was last read. It is made of two parts:
//! - this process's own commits, counted by [`write_tx`](super::write_tx) and
//!   [`write_tx_lock_later`](super::write_tx_lock_later) after each one, so a page read after
//!   a write of this process never comes from before it;
//! - every other writer (another instance, the command line):
//!   - SQLite: `PRAGMA data_version` on a connection of its own, which changes whenever
//!     another connection, of any process, has committed to the file. Read on every check
//!     (about 2 µs); exact.
//!   - PostgreSQL: the snapshot's `xmax` (`pg_current_snapshot()`), which moves whenever any
//!     transaction that wrote anything ends. Read at most every [`POLL`] through the pool, so
//!     another process's write shows within that time.
//!
//! False alarms (a write elsewhere in the cluster, one that changed nothing shown) only cost
//! a page being rendered again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl, SqliteConnection};

use super::{DbConnection, DbPool};

/// How long a PostgreSQL reading is trusted for writes of other processes.
pub const POLL: Duration = Duration::from_millis(20);

/// This process's commits ([`committed`]).
static COMMITS: AtomicU64 = AtomicU64::new(0);

/// Counts a commit of this process (called after it, whatever its outcome).
pub fn committed() {
    COMMITS.fetch_add(1, Ordering::AcqRel);
}

/// A version of the database: equal readings mean nothing was committed in between.
pub type Version = (u64, u64);

/// The watch on one database's changes.
pub enum Changes {
    /// `PRAGMA data_version` on its own connection.
    Sqlite(parking_lot::Mutex<SqliteConnection>),
    /// `xmax` of the current snapshot, polled through the pool.
    Postgresql(Polled),
}

/// The last PostgreSQL reading and when it was taken.
pub struct Polled {
    pool: DbPool,
    xmax: AtomicU64,
    /// Milliseconds since `start` of the last reading.
    read_at: AtomicU64,
    start: Instant,
    polling: AtomicBool,
}

#[derive(QueryableByName)]
struct DataVersion {
    #[diesel(sql_type = BigInt)]
    data_version: i64,
}

#[derive(QueryableByName)]
struct Xmax {
    #[diesel(sql_type = Text)]
    xmax: String,
}

impl Changes {
    /// Watches the database of `pool` (at `url`): a connection of its own on SQLite.
    pub fn open(url: &str, pool: DbPool) -> anyhow::Result<Changes> {
        Ok(match super::establish(url)? {
            DbConnection::Sqlite(c) => Changes::Sqlite(parking_lot::Mutex::new(c)),
            DbConnection::Postgresql(_) => Changes::Postgresql(Polled {
                pool,
                xmax: AtomicU64::new(0),
                read_at: AtomicU64::new(0),
                start: Instant::now(),
                polling: AtomicBool::new(false),
            }),
        })
    }

    /// The current version; `None` when it cannot be read (nothing kept should be trusted).
    /// On PostgreSQL a reading older than [`POLL`] is renewed first, by one caller at a time
    /// (the others use the previous one, at most one round trip older).
    pub async fn version(&self) -> Option<Version> {
        let own = COMMITS.load(Ordering::Acquire);
        match self {
            Changes::Sqlite(conn) => {
                let mut conn = conn.lock();
                let v: DataVersion = diesel::sql_query("PRAGMA data_version")
                    .get_result(&mut *conn)
                    .ok()?;
                Some((own, v.data_version as u64))
            }
            Changes::Postgresql(p) => {
                let now = p.start.elapsed().as_millis() as u64;
                let fresh = now.saturating_sub(p.read_at.load(Ordering::Acquire))
                    < POLL.as_millis() as u64
                    && p.xmax.load(Ordering::Acquire) != 0;
                if !fresh && !p.polling.swap(true, Ordering::AcqRel) {
                    let pool = p.pool.clone();
                    let read = tokio::task::spawn_blocking(move || {
                        let mut conn = pool.get().ok()?;
                        diesel::sql_query(
                            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax",
                        )
                        .get_result::<Xmax>(&mut *conn)
                        .ok()?
                        .xmax
                        .parse::<u64>()
                        .ok()
                    })
                    .await
                    .ok()
                    .flatten();
                    if let Some(xmax) = read {
                        p.xmax.store(xmax, Ordering::Release);
                        p.read_at.store(now, Ordering::Release);
                    }
                    p.polling.store(false, Ordering::Release);
                    read?;
                }
                match p.xmax.load(Ordering::Acquire) {
                    0 => None,
                    xmax => Some((own, xmax)),
                }
            }
        }
    }
}
