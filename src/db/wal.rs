//! SQLite's write-ahead log written out to its working size before the comments need it.
//!
//! While the log file grows, each commit's sync also records the file's new size, and on ext4
//! that waits for a journal commit, which waits for whatever else was written meanwhile (the
//! checkpoints copying pages into the database file): measured, the first 16 MB of a new log
//! had commits whose sync took 43-255 ms, and they were the whole of the comment path's p99
//! over 25 ms. Once the log has been restarted it is overwritten in place and a sync only
//! writes data. PostgreSQL fills each new segment of its log with zeros for the same reason
//! (`wal_init_zero`); this does the same for SQLite's one log, once per process.

use std::os::unix::fs::FileExt;

use diesel::connection::SimpleConnection;
use diesel::SqliteConnection;

/// Bytes of one log frame: its header and one 4 KB page.
pub const FRAME: u64 = 24 + 4096;

/// Writes zeros after the end of the log of the database at `path` (`{path}-wal`) until it
/// is `bytes` long, and flushes them; `false` when it already was (or has no log yet).
///
/// The zeros go past the last frame SQLite wrote, while this process's turn to write
/// ([`super::sqlite_turn`]) and SQLite's own write lock (`BEGIN IMMEDIATE`) are held, so no
/// connection of any process appends meanwhile; readers never read past the last frame, and
/// a log that ends in zeros is one SQLite reads as ending at its last valid frame (as after
/// every restart of the log, which keeps the file's size).
pub fn presize_log(conn: &mut SqliteConnection, path: &str, bytes: u64) -> anyhow::Result<bool> {
    let log = format!("{path}-wal");
    let short = |log: &str| std::fs::metadata(log).is_ok_and(|m| m.len() < bytes);
    if !short(&log) {
        return Ok(false);
    }
    let _turn = super::sqlite_turn(conn)?;
    conn.batch_execute("BEGIN IMMEDIATE")?;
    let written = extend(&log, bytes);
    conn.batch_execute("COMMIT")?;
    written
}

fn extend(log: &str, bytes: u64) -> anyhow::Result<bool> {
    // The log is only opened, never created: SQLite creates it in WAL mode.
    let file = std::fs::OpenOptions::new().write(true).open(log)?;
    let mut at = file.metadata()?.len();
    if at >= bytes {
        return Ok(false);
    }
    let zeros = vec![0u8; 1 << 20];
    while at < bytes {
        let n = zeros.len().min((bytes - at) as usize);
        file.write_all_at(&zeros[..n], at)?;
        at += n as u64;
    }
    file.sync_data()?;
    Ok(true)
}
