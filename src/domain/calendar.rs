//! Calendar rules of public consultations, in the ministry's time zone. Pure: `now` and the
//! opening time are passed in.

use chrono::{DateTime, Months, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// When a consultation opened at `opens_at` closes: the end (23:59:59) of the same day number
/// `months` calendar months after the local date of `opens_at`, clamped to the last day of
/// that month (opened 31 January → closes at the end of 28 or 29 February).
pub fn closes_at(opens_at: DateTime<Utc>, tz: Tz, months: u32) -> DateTime<Utc> {
    let local_date = opens_at.with_timezone(&tz).date_naive();
    // chrono clamps to the month's last day when the day does not exist.
    let date = local_date
        .checked_add_months(Months::new(months))
        .unwrap_or(local_date);
    let end = date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
    match tz.from_local_datetime(&end) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        // A repeated hour (daylight saving ends): the later instant keeps the day whole.
        chrono::LocalResult::Ambiguous(_, later) => later.with_timezone(&Utc),
        // A skipped hour cannot contain 23:59:59 in any real zone; fall back to UTC reading.
        chrono::LocalResult::None => end.and_utc(),
    }
}

pub use super::status::ConsultationStatus as Status;

/// A consultation is still open at `now` while its `closes_at` is later than this instant:
/// the closing second counts whole. The one statement of the window's end, used by
/// [`status`] and by the storage's listing by status.
pub fn still_open_after(now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::seconds(1)
}

/// The status at `now`: open from `opens_at` until the end of the closing second.
pub fn status(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> Status {
    if now < opens_at {
        Status::Scheduled
    } else if closes_at > still_open_after(now) {
        Status::Open
    } else {
        Status::Closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Guatemala;

    /// A local Guatemala time as UTC.
    fn gt(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Guatemala
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn local_close(opens: DateTime<Utc>) -> String {
        closes_at(opens, Guatemala, 1)
            .with_timezone(&Guatemala)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    #[test]
    fn one_calendar_month_to_the_end_of_the_day() {
        assert_eq!(local_close(gt(2027, 1, 15, 10, 0)), "2027-02-15 23:59:59");
        assert_eq!(local_close(gt(2027, 1, 31, 10, 0)), "2027-02-28 23:59:59");
        assert_eq!(local_close(gt(2028, 1, 31, 10, 0)), "2028-02-29 23:59:59");
        assert_eq!(local_close(gt(2026, 12, 15, 10, 0)), "2027-01-15 23:59:59");
        assert_eq!(local_close(gt(2027, 8, 31, 10, 0)), "2027-09-30 23:59:59");
    }

    #[test]
    fn the_local_date_counts_not_the_utc_one() {
        // 31 March 23:30 in Guatemala (UTC-6) is already 1 April in UTC.
        let opens = gt(2027, 3, 31, 23, 30);
        assert_eq!(opens.format("%Y-%m-%d").to_string(), "2027-04-01");
        assert_eq!(local_close(opens), "2027-04-30 23:59:59");
        assert_eq!(
            closes_at(opens, Guatemala, 1).to_rfc3339(),
            "2027-05-01T05:59:59+00:00"
        );
    }

    #[test]
    fn midnight_opens_the_same_local_day() {
        assert_eq!(local_close(gt(2027, 6, 1, 0, 0)), "2027-07-01 23:59:59");
        // One second earlier is still the previous local day.
        let before = gt(2027, 6, 1, 0, 0) - chrono::Duration::seconds(1);
        assert_eq!(local_close(before), "2027-06-30 23:59:59");
    }

    #[test]
    fn the_window_length_comes_from_the_workflow() {
        let opens = gt(2027, 1, 31, 9, 0);
        let close = closes_at(opens, Guatemala, 2).with_timezone(&Guatemala);
        assert_eq!(
            close.format("%Y-%m-%d %H:%M:%S").to_string(),
            "2027-03-31 23:59:59"
        );
    }

    #[test]
    fn status_follows_the_clock() {
        let opens = gt(2027, 1, 15, 10, 0);
        let closes = closes_at(opens, Guatemala, 1);
        assert_eq!(
            status(opens, closes, opens - chrono::Duration::seconds(1)),
            Status::Scheduled
        );
        assert_eq!(status(opens, closes, opens), Status::Open);
        assert_eq!(status(opens, closes, closes), Status::Open);
        assert_eq!(
            status(opens, closes, closes + chrono::Duration::milliseconds(999)),
            Status::Open
        );
        assert_eq!(
            status(opens, closes, closes + chrono::Duration::seconds(1)),
            Status::Closed
        );
    }
}
