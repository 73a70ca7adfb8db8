//! `tramites backup FILE` and `tramites restore FILE` (issue 40).
//!
//! A backup is one ZIP file: the backend's own copy (`database.sqlite3`, or `database.pgdump`
//! in `pg_dump`'s custom format) and `manifest.json`, read from the same instant as the copy:
//! the audit chain's length and head hash, every table's row count, the schema version and the
//! copy's SHA-256. A restore writes only into an empty database, checks the copy's hash before
//! loading it, then holds what it loaded to the manifest (the counts, the chain's head) and
//! verifies the whole chain, comments' texts and seals included when the audit key is there.
//! The audit key and the settings are not in the backup (see the README, "Backups").

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{AuditKeys, Verification};
use crate::db::{self, backup as copies, Backend};
use crate::tr;

/// What the manifest's `format` says: files of another format are refused.
pub const FORMAT: &str = "tramites-backup/1";
const MANIFEST: &str = "manifest.json";

/// What a backup holds, written beside the copy.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// `sqlite` or `postgres`: a copy goes back only into the backend it came from.
    pub backend: String,
    /// When the copy was taken.
    pub created_at: DateTime<Utc>,
    /// The version of `tramites` that took it.
    pub tramites_version: String,
    /// The newest migration applied to the copied database.
    pub schema_version: Option<String>,
    /// The audit chain's length (its last `seq`) in the copy.
    pub chain_length: i64,
    /// The hash of the chain's last entry in the copy.
    pub head_hash: String,
    /// Rows per table in the copy.
    pub tables: BTreeMap<String, i64>,
    /// The copy's entry in the ZIP file.
    pub payload: String,
    /// Its size in bytes.
    pub payload_bytes: u64,
    /// Its SHA-256 (hex).
    pub payload_sha256: String,
}

/// What a restore found.
#[derive(Debug, Serialize)]
pub struct Restored {
    /// The backup's manifest.
    pub manifest: Manifest,
    /// Tables whose rows differ from the manifest's counts, as (table, manifest, restored).
    pub count_mismatches: Vec<(String, i64, i64)>,
    /// The restored chain's (length, head hash) when it differs from the manifest's.
    pub head_mismatch: Option<(i64, String)>,
    /// Migrations applied after loading (a backup of an older version).
    pub migrations_applied: usize,
    /// The whole chain verified on the restored database.
    pub verification: Verification,
}

impl Restored {
    /// True when the restored database is the manifest's and its chain verifies.
    pub fn holds(&self) -> bool {
        self.count_mismatches.is_empty() && self.head_mismatch.is_none() && self.verification.valid
    }
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// `path` with `suffix` added to its name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Removes a file when it exists, and when it is dropped (the staging files).
struct Staged(PathBuf);

impl Staged {
    fn new(path: PathBuf) -> anyhow::Result<Self> {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                anyhow::bail!("{}: {e}", path.display())
            }
            _ => Ok(Staged(path)),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Copies `reader` into `out`, returning the bytes copied and their SHA-256 (hex).
fn copy_hashing(reader: &mut impl Read, out: &mut impl Write) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

/// Writes a backup of the database at `url` into the new file `file` while the service may
/// run. Nothing is left at `file` unless the whole backup was written and synced.
pub fn take(url: &str, file: &Path, now: DateTime<Utc>) -> anyhow::Result<Manifest> {
    if file.exists() {
        anyhow::bail!(tr!("respaldo-existe", archivo = file.display().to_string()));
    }
    let backend = Backend::of(url)?;
    let payload_name = match backend {
        Backend::Sqlite => "database.sqlite3",
        Backend::Postgres => "database.pgdump",
    };
    let payload = Staged::new(beside(file, ".copy"))?;
    let mut manifest = copies::copy(url, &payload.0, |conn| {
        let (chain_length, head_hash) = crate::audit::head(conn)?;
        Ok(Manifest {
            format: FORMAT.into(),
            backend: backend_name(backend).into(),
            created_at: now,
            tramites_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: copies::schema_version(conn)?,
            chain_length,
            head_hash,
            tables: copies::table_counts(conn)?,
            payload: payload_name.into(),
            payload_bytes: 0,
            payload_sha256: String::new(),
        })
    })?;
    let partial = Staged::new(beside(file, ".partial"))?;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&partial.0)?);
    let method = match backend {
        // pg_dump's custom format is compressed already.
        Backend::Postgres => zip::CompressionMethod::Stored,
        Backend::Sqlite => zip::CompressionMethod::Deflated,
    };
    let stamp = now.naive_utc();
    let stamp = zip::DateTime::from_date_and_time(
        stamp.year().clamp(1980, 2107) as u16,
        stamp.month() as u8,
        stamp.day() as u8,
        stamp.hour() as u8,
        stamp.minute() as u8,
        stamp.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .last_modified_time(stamp)
        .compression_method(method)
        .large_file(true);
    zip.start_file(payload_name, options)?;
    let (bytes, sha) = copy_hashing(&mut std::fs::File::open(&payload.0)?, &mut zip)?;
    manifest.payload_bytes = bytes;
    manifest.payload_sha256 = sha;
    zip.start_file(
        MANIFEST,
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false),
    )?;
    zip.write_all(serde_json::to_string_pretty(&manifest)?.as_bytes())?;
    zip.finish()?.sync_all()?;
    std::fs::rename(&partial.0, file)?;
    std::mem::forget(partial);
    Ok(manifest)
}

/// Reads a backup's manifest, refusing what is not a backup of this format.
pub fn read_manifest(file: &Path) -> anyhow::Result<Manifest> {
    let not_a_backup = |e: &dyn std::fmt::Display| {
        anyhow::anyhow!(
            "{} ({e})",
            tr!("respaldo-no-es", archivo = file.display().to_string())
        )
    };
    let reader =
        std::fs::File::open(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| not_a_backup(&e))?;
    let mut text = String::new();
    zip.by_name(MANIFEST)
        .map_err(|e| not_a_backup(&e))?
        .read_to_string(&mut text)
        .map_err(|e| not_a_backup(&e))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| not_a_backup(&e))?;
    if manifest.format != FORMAT {
        return Err(not_a_backup(&manifest.format));
    }
    Ok(manifest)
}

/// Restores the backup `file` into the empty database at `url`, then holds the result to the
/// manifest and verifies the chain (`progress` gets the entries verified so far).
pub fn restore(
    url: &str,
    file: &Path,
    keys: Option<&AuditKeys>,
    progress: impl FnMut(i64),
) -> anyhow::Result<Restored> {
    let manifest = read_manifest(file)?;
    let backend = Backend::of(url)?;
    if manifest.backend != backend_name(backend) {
        anyhow::bail!(tr!(
            "respaldo-otro-motor",
            copia = manifest.backend.as_str(),
            destino = backend_name(backend)
        ));
    }
    if let Some(version) = &manifest.schema_version {
        if version.as_str() > copies::newest_migration(backend).as_str() {
            anyhow::bail!(tr!("respaldo-mas-nuevo", version = version.as_str()));
        }
    }
    let present = copies::existing_tables(url)?;
    if !present.is_empty() {
        anyhow::bail!(tr!("respaldo-destino-no-vacio", tablas = present.len()));
    }
    let payload = Staged::new(beside(file, ".restoring"))?;
    {
        let damaged = |e: &dyn std::fmt::Display| {
            anyhow::anyhow!(
                "{} ({e})",
                tr!("respaldo-danado", archivo = file.display().to_string())
            )
        };
        let mut zip = zip::ZipArchive::new(std::fs::File::open(file)?).map_err(|e| damaged(&e))?;
        let mut entry = zip.by_name(&manifest.payload).map_err(|e| damaged(&e))?;
        let mut out = std::fs::File::create(&payload.0)?;
        let (bytes, sha) = copy_hashing(&mut entry, &mut out).map_err(|e| damaged(&e))?;
        if bytes != manifest.payload_bytes || sha != manifest.payload_sha256 {
            return Err(damaged(&"SHA-256"));
        }
        out.sync_all()?;
    }
    copies::load(url, &payload.0)?;
    let mut conn = db::establish(url)?;
    let counts = copies::table_counts(&mut conn)?;
    let mut count_mismatches = Vec::new();
    for (table, expected) in &manifest.tables {
        let found = counts.get(table).copied().unwrap_or(-1);
        if found != *expected {
            count_mismatches.push((table.clone(), *expected, found));
        }
    }
    let head = crate::audit::head(&mut conn)?;
    let head_mismatch =
        (head != (manifest.chain_length, manifest.head_hash.clone())).then_some(head);
    let migrations_applied = db::migrate(&mut conn)?;
    let verification = super::audit::verify_with_progress(&mut conn, keys, progress)?;
    Ok(Restored {
        manifest,
        count_mismatches,
        head_mismatch,
        migrations_applied,
        verification,
    })
}
