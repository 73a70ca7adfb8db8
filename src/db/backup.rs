//! Each backend's own consistent copy, and its way back, for `tramites backup` and
//! `tramites restore` (issue 40). SQLite copies itself with `VACUUM INTO` inside one read
//! transaction, so the service keeps writing while it runs; PostgreSQL is copied by `pg_dump`
//! in a snapshot this module exports, so what the manifest reads and what the dump holds are
//! the same instant, and it comes back with `pg_restore` in one transaction.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use diesel::connection::SimpleConnection;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::SqliteConnection;

use super::{establish, sqlite_path, Backend, DbConnection};

/// The migrations' own bookkeeping: not data, and left out of the counts.
const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The names of the database's tables (the current schema's on PostgreSQL), sorted.
pub fn tables(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let names: Vec<Name> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .load(c)?,
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT tablename::text AS name FROM pg_tables \
             WHERE schemaname = current_schema() ORDER BY tablename",
        )
        .load(c)?,
    };
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// How many rows each table holds, by name (the migrations' table aside).
pub fn table_counts(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, i64>> {
    let mut counts = BTreeMap::new();
    for table in tables(conn)? {
        if table == MIGRATIONS_TABLE {
            continue;
        }
        // The name comes from the catalog; quoted all the same.
        let query = format!(
            "SELECT COUNT(*) AS n FROM \"{}\"",
            table.replace('"', "\"\"")
        );
        let count: Count = match conn {
            DbConnection::Sqlite(c) => diesel::sql_query(query).get_result(c)?,
            DbConnection::Postgresql(c) => diesel::sql_query(query).get_result(c)?,
        };
        counts.insert(table, count.n);
    }
    Ok(counts)
}

/// The newest migration applied (its version), if any.
pub fn schema_version(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    let query = format!("SELECT MAX(version) AS name FROM {MIGRATIONS_TABLE}");
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        name: Option<String>,
    }
    let v: Version = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(query).get_result(c)?,
        DbConnection::Postgresql(c) => diesel::sql_query(query).get_result(c)?,
    };
    Ok(v.name)
}

/// The newest migration this binary knows for `backend` (its version).
pub fn newest_migration(backend: Backend) -> String {
    use diesel::migration::MigrationSource;
    let versions: Vec<String> = match backend {
        Backend::Sqlite => {
            MigrationSource::<diesel::sqlite::Sqlite>::migrations(&super::SQLITE_MIGRATIONS)
                .map(|m| m.iter().map(|m| m.name().version().to_string()).collect())
        }
        Backend::Postgres => {
            MigrationSource::<diesel::pg::Pg>::migrations(&super::POSTGRES_MIGRATIONS)
                .map(|m| m.iter().map(|m| m.name().version().to_string()).collect())
        }
    }
    .unwrap_or_default();
    versions.into_iter().max().unwrap_or_default()
}

/// Copies the database at `url`, as it is at one instant, into the new file `payload`, and
/// returns what `read` found on a connection that sees that same instant.
pub fn copy<T>(
    url: &str,
    payload: &Path,
    read: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut conn = establish(url)?;
    match Backend::of(url)? {
        Backend::Sqlite => {
            let target = payload
                .to_str()
                .ok_or_else(|| anyhow::anyhow!("{}: not UTF-8", payload.display()))?;
            diesel::sql_query("VACUUM INTO ?")
                .bind::<Text, _>(target)
                .execute(&mut conn)
                .map_err(|e| anyhow::anyhow!("VACUUM INTO {target}: {e}"))?;
            drop(conn);
            // The copy itself is the instant: read it, not the live file. Opened without the
            // service's pragmas, so it stays one file in rollback-journal mode.
            let copy = SqliteConnection::establish(target)
                .map_err(|e| anyhow::anyhow!("cannot open the copy {target}: {e}"))?;
            read(&mut DbConnection::Sqlite(copy))
        }
        Backend::Postgres => {
            conn.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
            let DbConnection::Postgresql(pg) = &mut conn else {
                unreachable!("a postgres:// URL opens PostgreSQL")
            };
            let snapshot: String =
                diesel::select(sql::<Text>("pg_export_snapshot()")).get_result(pg)?;
            let found = read(&mut conn)?;
            let out = Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg(format!("--snapshot={snapshot}"))
                .arg("--file")
                .arg(payload)
                .arg("--dbname")
                .arg(url)
                .output()
                .map_err(|e| anyhow::anyhow!("cannot run pg_dump: {e}"))?;
            conn.batch_execute("COMMIT")?;
            if !out.status.success() {
                anyhow::bail!(
                    "pg_dump failed ({}): {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            Ok(found)
        }
    }
}

/// The tables of the database at `url`: none when it is empty or, for SQLite, when its file
/// does not exist yet (then it is not created).
pub fn existing_tables(url: &str) -> anyhow::Result<Vec<String>> {
    if Backend::of(url)? == Backend::Sqlite && !Path::new(sqlite_path(url)).exists() {
        return Ok(Vec::new());
    }
    Ok(tables(&mut establish(url)?)?)
}

/// Loads a copy made by [`copy`] into the database at `url`, which the caller has found empty.
pub fn load(url: &str, payload: &Path) -> anyhow::Result<()> {
    match Backend::of(url)? {
        Backend::Sqlite => {
            let target = Path::new(sqlite_path(url));
            // An empty file (or one with no table) and its journals make way for the copy.
            for suffix in ["", "-wal", "-shm"] {
                let mut p = target.as_os_str().to_owned();
                p.push(suffix);
                match std::fs::remove_file(&p) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        anyhow::bail!("cannot replace {}: {e}", Path::new(&p).display())
                    }
                    _ => {}
                }
            }
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            let mut staged = target.as_os_str().to_owned();
            staged.push(".restoring");
            let staged = Path::new(&staged);
            std::fs::copy(payload, staged)?;
            std::fs::File::open(staged)?.sync_all()?;
            std::fs::rename(staged, target)?;
            // The service's pragmas (WAL) from its first connection on.
            establish(url)?;
            Ok(())
        }
        Backend::Postgres => {
            let out = Command::new("pg_restore")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg("--exit-on-error")
                .arg("--single-transaction")
                .arg("--dbname")
                .arg(url)
                .arg(payload)
                .output()
                .map_err(|e| anyhow::anyhow!("cannot run pg_restore: {e}"))?;
            if !out.status.success() {
                anyhow::bail!(
                    "pg_restore failed ({}): {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            Ok(())
        }
    }
}
