//! Verification's read path on SQLite: rows are borrowed straight from SQLite's buffers
//! (rusqlite `get_ref`), so checking an entry allocates nothing. Diesel's row decoding,
//! which allocates every text field, was the bottleneck of `verify`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::SqliteConnection;

use super::{Checker, Content};

#[derive(QueryableByName)]
struct DatabaseFile {
    #[diesel(sql_type = Text)]
    file: String,
}

/// The file behind the connection's main database; `None` for memory or temporary ones.
pub(super) fn database_file(conn: &mut SqliteConnection) -> QueryResult<Option<String>> {
    let rows: Vec<DatabaseFile> =
        diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .load(conn)?;
    Ok(rows
        .into_iter()
        .next()
        .map(|r| r.file)
        .filter(|f| !f.is_empty()))
}

/// Parses the text diesel stores for a timestamp: `YYYY-MM-DD HH:MM:SS[.fraction]`.
fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok();
    }
    let mut micros = 0u32;
    if b.len() > 19 {
        if b[19] != b'.' {
            return NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok();
        }
        let fraction = &b[20..];
        for i in 0..6 {
            let d = fraction.get(i).copied().unwrap_or(b'0');
            if !d.is_ascii_digit() {
                return None;
            }
            micros = micros * 10 + u32::from(d - b'0');
        }
    }
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?.and_hms_micro_opt(
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
        micros,
    )
}

/// Checks the chain in the SQLite file at `path`.
pub(super) fn verify(
    path: &str,
    check: &mut Checker<'_>,
    progress: &mut impl FnMut(i64),
) -> rusqlite::Result<()> {
    use rusqlite::types::FromSqlError;
    crate::db::sqlite_without_global_locks();
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject_type, subject_id, data, prev_hash, hash, seal \
         FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let bad_time = |i: usize| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::new(FromSqlError::InvalidType),
        )
    };
    while let Some(row) = rows.next()? {
        let text = |i: usize| row.get_ref(i).and_then(|v| v.as_str().map_err(Into::into));
        let at = parse_timestamp(text(1)?).ok_or_else(|| bad_time(1))?;
        let content = Content {
            seq: row.get_ref(0)?.as_i64()?,
            at: &at,
            actor: text(2)?,
            action: text(3)?,
            subject_type: text(4)?,
            subject_id: text(5)?,
            data: text(6)?,
        };
        if !check.check(content, text(7)?, text(8)?, text(9)?) {
            break;
        }
        if check.report.entries % 20_000 == 0 {
            progress(check.report.entries);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_stored_precision() {
        let t = |s: &str| parse_timestamp(s).map(|d| super::super::canonical_time(&d));
        assert_eq!(
            t("2026-11-21 12:00:00").as_deref(),
            Some("2026-11-21T12:00:00.000000Z")
        );
        assert_eq!(
            t("2026-11-21 12:00:00.5").as_deref(),
            Some("2026-11-21T12:00:00.500000Z")
        );
        assert_eq!(
            t("2026-11-21 12:00:00.000005").as_deref(),
            Some("2026-11-21T12:00:00.000005Z")
        );
        assert_eq!(
            t("2026-11-21 12:00:00.123456789").as_deref(),
            Some("2026-11-21T12:00:00.123456Z")
        );
        assert_eq!(t("2026-02-30 12:00:00"), None);
        assert_eq!(t("garbage"), None);
    }
}
