//! The shared writes of a batch of citizens' comments, above storage and the audit trail: the
//! batch's new groups, its counters and its audit entries in one go.

use diesel::QueryResult;

use crate::audit;
use crate::db::counts::{self, Delta, NewGroup};
use crate::db::DbConnection;

/// Writes a comment batch's new text groups, what it adds to the known ones (`grown`), its
/// changes to the counters of each consultation and its audit entries, chained after `head`
/// (read under the write lock, in the same transaction). On PostgreSQL one statement: the
/// groups' insert and the counters' update are data-modifying `WITH` queries before the audit
/// insert ([`crate::audit::append_all_after_with`]), so one round trip under the lock for the
/// three; on SQLite [`counts::insert_groups`], [`counts::grow_groups`], [`counts::add`] for
/// each consultation, then the entries.
pub fn write(
    conn: &mut DbConnection,
    groups: &[NewGroup<'_>],
    grown: &[NewGroup<'_>],
    deltas: &[(&str, Delta)],
    keys: &audit::AuditKeys,
    head: (i64, String),
    records: &[(chrono::DateTime<chrono::Utc>, audit::Record<'_>)],
) -> QueryResult<Vec<audit::AuditEntry>> {
    match conn {
        DbConnection::Postgresql(pg) => {
            let writes = counts::batch_writes(groups, grown, deltas);
            audit::append_all_after_with(pg, keys, head, records, writes)
        }
        DbConnection::Sqlite(_) => {
            counts::insert_groups(conn, groups)?;
            counts::grow_groups(conn, grown)?;
            for (consultation_id, delta) in deltas {
                counts::add(conn, consultation_id, *delta)?;
            }
            audit::append_all_after(conn, keys, head, records)
        }
    }
}
