//! The indicators' daily series, as the open data and the charts read it.

use super::*;

/// One day of the indicators' series.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesPoint {
    /// The day (`YYYY-MM-DD`, service time zone).
    pub day: NaiveDate,
    /// Priority services counted.
    pub priority_total: i64,
    /// Of those, online.
    pub priority_digital: i64,
    /// Share online, percent.
    pub priority_percent: f64,
    /// General services counted.
    pub general_total: i64,
    /// Of those, online.
    pub general_digital: i64,
    /// Share online, percent.
    pub general_percent: f64,
    /// Procedures past their stage's time limit.
    pub overdue: i64,
    /// Procedures per state.
    pub by_state: BTreeMap<String, i64>,
}

impl From<&SnapshotRow> for SeriesPoint {
    fn from(row: &SnapshotRow) -> Self {
        let ind = snapshot_indicators(row);
        SeriesPoint {
            day: row.day,
            priority_total: ind.priority.total,
            priority_digital: ind.priority.digital,
            priority_percent: ind.priority.percent,
            general_total: ind.general.total,
            general_digital: ind.general.digital,
            general_percent: ind.general.percent,
            overdue: row.overdue,
            by_state: ind.by_state,
        }
    }
}

/// The series as points, oldest first.
pub fn series_points(conn: &mut DbConnection) -> Result<Vec<SeriesPoint>, AppError> {
    Ok(series(conn)?.iter().map(SeriesPoint::from).collect())
}
