//! The months a report covers, as either face receives them (`from`/`to`, `desde`/`hasta`).

use crate::domain::evaluation::Month;
use crate::usecases::AppError;

/// The months of a report period; bad months → 422 naming `from` or `to`.
pub fn period(
    from: Option<&str>,
    to: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
) -> Result<(Month, Month), AppError> {
    use chrono::Datelike;
    let parse = |v: Option<&str>, field: &str| -> Result<Option<Month>, AppError> {
        match v.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(t) => Month::parse(t)
                .map(Some)
                .ok_or_else(|| AppError::field(field, "campo-mes-invalido-use-aaaa-mm")),
        }
    };
    let local = now.with_timezone(&tz);
    let to = parse(to, "to")?.unwrap_or(Month {
        year: local.year(),
        month: local.month(),
    });
    let from = parse(from, "from")?.unwrap_or(to.plus(-11));
    Ok((from, to))
}
