//! Storage: one connection type for SQLite and PostgreSQL, the pool, embedded migrations.

pub mod address_counts;
pub mod audited_rows;
pub mod backup;
pub mod campaign_reads;
pub mod campaigns;
pub mod changes;
pub mod consultation_reports;
pub mod consultations;
pub mod counts;
pub mod data_demand;
pub mod drafts;
pub mod evaluation;
pub mod feedback;
pub mod gauges;
pub mod identities;
pub mod lifecycle;
pub mod logins;
pub mod originals;
pub mod procedure_search;
pub mod procedures;
pub mod reach;
pub mod reports;
pub mod schema;
pub mod schema_campaigns;
pub mod schema_identities;
pub mod schema_reach;
pub mod schema_transparency;
pub mod sessions;
pub mod subscriptions;
pub mod transparency;
pub mod users;
pub mod wal;

use std::path::Path;
use std::time::Duration;

use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::r2d2::{CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

mod manager;
mod pg_url;
pub use manager::Manager;
mod prepared;
pub use prepared::*;
mod transactions;
pub use transactions::*;

/// A connection to either backend; queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL.
    Postgresql(PgConnection),
    /// SQLite (bundled).
    Sqlite(SqliteConnection),
}

/// The pool of connections shared by the HTTP workers.
pub type DbPool = Pool<Manager>;
/// One connection taken from the pool.
pub type PooledConn = PooledConnection<Manager>;

/// Migrations for SQLite.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
/// Migrations for PostgreSQL.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://PATH`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Backend {
    /// Reads the backend from a database URL.
    pub fn of(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("database_url must start with sqlite:// or postgres:// (got `{url}`)")
        }
    }
}

/// The file path inside a `sqlite://PATH` URL (`sqlite:///abs` gives `/abs`).
pub(crate) fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Translates our URL into what diesel's `establish` expects.
fn diesel_url(url: &str) -> anyhow::Result<String> {
    Ok(match Backend::of(url)? {
        Backend::Sqlite => {
            sqlite_without_global_locks();
            sqlite_path(url).to_string()
        }
        Backend::Postgres => {
            keep_tls_until_the_last_connection_closes();
            pg_url::for_libpq(url, std::env::var("PGSSLMODE").ok().as_deref())
        }
    })
}

/// Initialises OpenSSL, which libpq uses for its TLS connections, without the clean-up that
/// OpenSSL otherwise registers to run at process exit. That clean-up frees OpenSSL's global state
/// while other threads may still hold connections (a pool's idle ones, the comment writer's):
/// one of them closing its connection at that moment freed the same memory twice and aborted a
/// test process after all its tests had passed ("double free or corruption", CI of stop 55;
/// diesel-rs/diesel#3441). Called before every PostgreSQL connection is opened; runs once.
pub fn keep_tls_until_the_last_connection_closes() {
    openssl_sys::init();
}

/// Sets SQLite's library-wide settings before its first connection in this process opens
/// (called before every SQLite connection this code opens, diesel's and rusqlite's):
/// - multi-thread mode (`SQLITE_CONFIG_MULTITHREAD`): a connection is never used by two threads at
///   once (diesel's connection is `Send` but not `Sync`, and the pool hands each to one thread at a
///   time), so SQLite need not take the connection's mutex at every call, as the serialized mode
///   of the bundled build (`SQLITE_THREADSAFE=1`) does (rusqlite, which reads the audit chain,
///   asks for the same with `SQLITE_OPEN_NO_MUTEX`);
/// - no memory statistics (`SQLITE_CONFIG_MEMSTATUS` off): nothing here reads them, and keeping
///   them takes one mutex, shared by every connection of the process, at each of SQLite's
///   allocations and frees.
///
/// Measured (`docs/PERFORMANCE-HISTORY.md`, seventh session): those mutexes took 5.5 % of the
/// SQLite comment writer's CPU under campaign texts. SQLite accepts these settings only before
/// it is initialised; when something opened a connection first they are left as they are.
pub fn sqlite_without_global_locks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use libsqlite3_sys::{
            sqlite3_config, SQLITE_CONFIG_MEMSTATUS, SQLITE_CONFIG_MULTITHREAD, SQLITE_OK,
        };
        // SAFETY: sqlite3_config is documented as callable before sqlite3_initialize from one
        // thread; `Once` keeps it to one call, and SQLite answers SQLITE_MISUSE, changing
        // nothing, when it has been initialised already.
        let (threads, stats) = unsafe {
            (
                sqlite3_config(SQLITE_CONFIG_MULTITHREAD),
                sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0 as std::os::raw::c_int),
            )
        };
        if threads != SQLITE_OK || stats != SQLITE_OK {
            tracing::debug!(threads, stats, "SQLite was initialised before its settings");
        }
    });
}

/// Sets SQLite's per-connection pragmas, in the order that avoids lock errors while WAL is set.
#[derive(Debug, Clone, Copy)]
struct ConnectionSetup;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        prepare(conn).map_err(diesel::r2d2::Error::QueryError)
    }
}

/// The settings of every SQLite connection (also those of `bench/comments.sh`'s one-row
/// baseline, so that the comparison is fair).
pub const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";

fn prepare(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    if let DbConnection::Sqlite(c) = conn {
        // Durable commits (WAL, every commit synced); statement journals of many-row INSERTs
        // in memory rather than in a temporary file opened, written and deleted each time
        // (measured: 3 % of the comment writer's time went to open, close and unlink).
        c.batch_execute(SQLITE_PRAGMAS)?;
    }
    if let DbConnection::Postgresql(c) = conn {
        // As SQLite's busy timeout: a write that waits 10 s for another's lock gives up
        // (503 with Retry-After) instead of holding its request, and its connection, forever.
        c.batch_execute("SET lock_timeout = '10s'")?;
    }
    Ok(())
}

/// Opens one connection (with the SQLite pragmas set), creating the SQLite file and folder.
pub fn establish(url: &str) -> anyhow::Result<DbConnection> {
    let mut conn = manager_for(url)?
        .open()
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    prepare(&mut conn)?;
    Ok(conn)
}

/// What opens connections to the database a URL names (the SQLite file's folder created).
fn manager_for(url: &str) -> anyhow::Result<Manager> {
    let backend = Backend::of(url)?;
    if backend == Backend::Sqlite {
        create_parent(sqlite_path(url))?;
    }
    Ok(Manager::new(backend, diesel_url(url)?))
}

fn create_parent(path: &str) -> anyhow::Result<()> {
    if let Some(parent) = Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| {
                anyhow::anyhow!(
                    "cannot create the folder {} for the database: {e}",
                    parent.display()
                )
            })?;
        }
    }
    Ok(())
}

/// Builds the pool; fails when the database cannot be reached.
pub fn pool(url: &str, size: u32) -> anyhow::Result<DbPool> {
    let manager = manager_for(url)?;
    Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSetup))
        .build(manager)
        .map_err(|e| anyhow::anyhow!("cannot connect to the database: {e}"))
}

/// Runs every pending migration of the connection's backend.
pub fn migrate(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgresql(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    };
    applied.map_err(|e| anyhow::anyhow!("migration failed: {e}"))
}

/// Reverts every applied migration (used by the up-down-up test and by `migrate --revert-all`).
pub fn revert_all(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgresql(c) => c
            .revert_all_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    };
    reverted.map_err(|e| anyhow::anyhow!("reverting migrations failed: {e}"))
}

/// Inserts many rows (a slice of `Insertable` rows) into `$table` in the way each backend
/// does fastest. SQLite, in process, runs one cached prepared INSERT per row: measured, that
/// beats compiling a statement of hundreds of rows, which cost as much as running it.
/// PostgreSQL, over the network, gets one statement per [`consultations::ROWS_PER_INSERT`]
/// rows: one round trip instead of one per row.
#[macro_export]
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let rows = $rows;
        match $conn {
            $crate::db::DbConnection::Sqlite(c) => rows.iter().try_for_each(|row| {
                diesel::insert_into($table)
                    .values(row)
                    .execute(c)
                    .map(|_| ())
            }),
            $crate::db::DbConnection::Postgresql(c) => rows
                .chunks($crate::db::consultations::ROWS_PER_INSERT)
                .try_for_each(|chunk| {
                    diesel::insert_into($table)
                        .values(chunk)
                        .execute(c)
                        .map(|_| ())
                }),
        }
    }};
}

/// True when the error is a unique-constraint violation.
pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(
        err,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Asks the database a trivial question: Ok when it answers.
pub fn ping(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}
