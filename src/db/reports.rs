//! The indicators' daily series and the frozen accountability reports, as stored.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{frozen_reports, indicator_snapshots};
use super::DbConnection;

/// The indicators as measured on one day.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = indicator_snapshots)]
pub struct SnapshotRow {
    /// The day (in the service's time zone).
    pub day: NaiveDate,
    /// Priority services counted.
    pub priority_total: i64,
    /// Of those, online.
    pub priority_digital: i64,
    /// General services counted.
    pub general_total: i64,
    /// Of those, online.
    pub general_digital: i64,
    /// Procedures past their stage's time limit.
    pub overdue: i64,
    /// Procedures per state, as a JSON object.
    pub by_state: String,
    /// When it was measured.
    pub recorded_at: NaiveDateTime,
}

/// Stores a day's measurement, replacing an earlier one of the same day.
pub fn put_snapshot(conn: &mut DbConnection, row: &SnapshotRow) -> QueryResult<()> {
    let updated = diesel::update(indicator_snapshots::table.find(row.day))
        .set(row)
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(indicator_snapshots::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// The day's measurement, if any.
pub fn snapshot(conn: &mut DbConnection, day: NaiveDate) -> QueryResult<Option<SnapshotRow>> {
    indicator_snapshots::table
        .find(day)
        .select(SnapshotRow::as_select())
        .first(conn)
        .optional()
}

/// The last measurement on or before `day`.
pub fn snapshot_on_or_before(
    conn: &mut DbConnection,
    day: NaiveDate,
) -> QueryResult<Option<SnapshotRow>> {
    indicator_snapshots::table
        .filter(indicator_snapshots::day.le(day))
        .order(indicator_snapshots::day.desc())
        .select(SnapshotRow::as_select())
        .first(conn)
        .optional()
}

/// The whole series, oldest first.
pub fn series(conn: &mut DbConnection) -> QueryResult<Vec<SnapshotRow>> {
    indicator_snapshots::table
        .order(indicator_snapshots::day.asc())
        .select(SnapshotRow::as_select())
        .load(conn)
}

/// A frozen report.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = frozen_reports)]
pub struct FrozenRow {
    /// `2026-3`.
    pub period: String,
    /// The report's JSON, served as stored.
    pub body: String,
    /// SHA-256 of `body`, hex.
    pub sha256: String,
    /// When it was frozen.
    pub frozen_at: NaiveDateTime,
}

/// The frozen report of a period.
pub fn frozen(conn: &mut DbConnection, period: &str) -> QueryResult<Option<FrozenRow>> {
    frozen_reports::table
        .find(period)
        .select(FrozenRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a frozen report.
pub fn freeze(conn: &mut DbConnection, row: &FrozenRow) -> QueryResult<()> {
    diesel::insert_into(frozen_reports::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Every frozen report's period, hash and time (not the bodies), by period.
pub fn frozen_list(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    frozen_reports::table
        .order(frozen_reports::period.asc())
        .select((
            frozen_reports::period,
            frozen_reports::sha256,
            frozen_reports::frozen_at,
        ))
        .load(conn)
}
