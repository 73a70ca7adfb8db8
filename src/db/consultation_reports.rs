//! Frozen reports of closed consultations (see `usecases::consultation_report`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::consultation_reports;
use super::DbConnection;

/// A consultation's frozen report.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consultation_reports)]
pub struct FrozenReportRow {
    /// The consultation.
    pub consultation_id: String,
    /// The consultation's counts when frozen (a change freezes a new version).
    pub version: String,
    /// The report's JSON.
    pub body: String,
    /// SHA-256 of `body`, hex.
    pub sha256: String,
    /// The PDF, once drawn.
    pub pdf: Option<Vec<u8>>,
    /// SHA-256 of `pdf`, hex.
    pub pdf_sha256: Option<String>,
    /// When it was frozen.
    pub frozen_at: NaiveDateTime,
}

/// The frozen report of a consultation, if any.
pub fn get(conn: &mut DbConnection, id: &str) -> QueryResult<Option<FrozenReportRow>> {
    consultation_reports::table
        .find(id)
        .select(FrozenReportRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a version, replacing the one before.
pub fn put(conn: &mut DbConnection, row: &FrozenReportRow) -> QueryResult<()> {
    diesel::delete(consultation_reports::table.find(&row.consultation_id)).execute(conn)?;
    diesel::insert_into(consultation_reports::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Stores the PDF of `version`; false when that version is no longer the frozen one or has
/// its PDF already.
pub fn put_pdf(
    conn: &mut DbConnection,
    id: &str,
    version: &str,
    pdf: &[u8],
    sha256: &str,
) -> QueryResult<bool> {
    diesel::update(
        consultation_reports::table
            .filter(consultation_reports::consultation_id.eq(id))
            .filter(consultation_reports::version.eq(version))
            .filter(consultation_reports::pdf.is_null()),
    )
    .set((
        consultation_reports::pdf.eq(Some(pdf)),
        consultation_reports::pdf_sha256.eq(Some(sha256)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
