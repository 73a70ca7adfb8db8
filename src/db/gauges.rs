//! What the operators' metrics read from the database at each scrape (issue 40): the outbox's
//! backlog and the audit chain's length, each one indexed query.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;

use super::schema::{audit_log, outbox};
use super::DbConnection;

/// Messages waiting to be sent (`pending`) and when the oldest of them was queued.
pub fn outbox_backlog(conn: &mut DbConnection) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    outbox::table
        .filter(outbox::status.eq("pending"))
        .select((count_star(), min(outbox::created_at)))
        .first(conn)
}

/// The audit chain's length (its last sequence number; 0 when empty).
pub fn chain_length(conn: &mut DbConnection) -> QueryResult<i64> {
    audit_log::table
        .select(max(audit_log::seq))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}
