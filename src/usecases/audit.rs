//! Verifying the audit chain against what storage holds, comments' texts included.

use diesel::QueryResult;

use crate::audit::{self, AuditKeys, Checkpoint, Verification};
use crate::db::{consultations, DbConnection};

/// Checks the whole chain, with the seals when `keys` is given, and every comment's text.
pub fn verify(conn: &mut DbConnection, keys: Option<&AuditKeys>) -> QueryResult<Verification> {
    audit::verify(conn, keys, &mut consultations::bodies)
}

/// [`verify`], reporting how many entries were checked now and then.
pub fn verify_with_progress(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    progress: impl FnMut(i64),
) -> QueryResult<Verification> {
    audit::verify_with_progress(conn, keys, &mut consultations::bodies, progress)
}

/// [`verify`], then proves the chain extends a checkpoint saved earlier.
pub fn verify_against(
    conn: &mut DbConnection,
    keys: Option<&AuditKeys>,
    checkpoint: &Checkpoint,
) -> QueryResult<Verification> {
    audit::verify_against(conn, keys, &mut consultations::bodies, checkpoint)
}
