//! Verifying the audit chain against what storage holds, comments' texts included.

use diesel::QueryResult;

use crate::audit::{self, AuditKeys, Checkpoint, Verification};
use crate::db::{consultations, DbConnection};

/// Checks the whole chain, with the seals when `keys` is given, and every comment's text.
pub fn verify(conn: &mut DbConnection, keys: Option<&AuditKeys>) -> QueryResult<Verification> {
    let report = audit::verify(conn, keys, &mut consultations::bodies)?;
    with_state(conn, report)
}

/// Holds the stored rows to the verified part of the chain (`audit_state`).
fn with_state(conn: &mut DbConnection, report: Verification) -> QueryResult<Verification> {
    let found = super::audit_state::check(conn, report.entries)?;
    Ok(report.with_mismatches(found))
}

/// [`verify`], reporting how many entries were checked now and then.
pub fn verify_with_progress(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    progress: impl FnMut(i64),
) -> QueryResult<Verification> {
    let report = audit::verify_with_progress(conn, keys, &mut consultations::bodies, progress)?;
    with_state(conn, report)
}

/// [`verify`], then proves the chain extends a checkpoint saved earlier.
pub fn verify_against(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    checkpoint: &Checkpoint,
) -> QueryResult<Verification> {
    let report = audit::verify_against(conn, keys, &mut consultations::bodies, checkpoint)?;
    with_state(conn, report)
}

/// Writes every entry of the chain, oldest first, one JSON object per line; `progress` gets the
/// last sequence number written after each page. Returns how many were written.
pub fn export(
    conn: &mut DbConnection,
    out: &mut dyn std::io::Write,
    mut progress: impl FnMut(i64),
) -> Result<i64, super::AppError> {
    let io = |e: std::io::Error| super::AppError::Internal(e.to_string());
    let mut after = 0;
    loop {
        let page = audit::page(conn, &audit::Filter::default(), after, 10_000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for entry in &page {
            serde_json::to_writer(&mut *out, entry)
                .map_err(|e| super::AppError::Internal(e.to_string()))?;
            out.write_all(b"\n").map_err(io)?;
        }
        progress(after);
    }
    out.flush().map_err(io)?;
    Ok(after)
}
