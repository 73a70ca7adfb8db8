//! What waits on a staff member: the requests they may decide (never their own), comments and
//! opinions to moderate, consultations closing within seven days.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::error::AppError;
use crate::db::lifecycle::{self, RequestRow};
use crate::db::users::UserRow;
use crate::db::{consultations, counts, feedback, DbConnection};
use crate::domain::status::RequestStatus;
use crate::domain::workflow::model::Transition;

/// The counts and lists of the board's "waiting for you".
pub struct Waiting {
    /// Requests the user may decide.
    pub requests: usize,
    /// Comments awaiting moderation.
    pub comments: i64,
    /// Opinions awaiting moderation.
    pub feedback: i64,
    /// Survey comments awaiting moderation.
    pub survey: i64,
    /// The user's own requests still waiting for someone to decide them, oldest first, with
    /// their procedure's code.
    pub mine: Vec<(RequestRow, String)>,
    /// Open consultations closing within seven days: (id, title, closes_at).
    pub closing: Vec<(String, String, NaiveDateTime)>,
}

/// True when `user` may decide `request`: an approving role of its rule, and not its author.
pub fn may_decide(user: &UserRow, request: &RequestRow) -> bool {
    if request.requested_by == user.id || request.status != RequestStatus::Pending.as_str() {
        return false;
    }
    serde_json::from_str::<Transition>(&request.rule)
        .map(|rule| rule.approve.iter().any(|r| user.has(*r)))
        .unwrap_or(false)
}

/// The pending requests `user` may decide, oldest first (at most 500).
pub fn decidable(conn: &mut DbConnection, user: &UserRow) -> Result<Vec<RequestRow>, AppError> {
    let pending =
        lifecycle::requests_page(conn, Some(RequestStatus::Pending.as_str()), None, None, 500)?;
    Ok(pending
        .into_iter()
        .filter(|r| may_decide(user, r))
        .collect())
}

/// What waits on `user` at `now`.
pub fn waiting_for(
    conn: &mut DbConnection,
    user: &UserRow,
    now: DateTime<Utc>,
) -> Result<Waiting, AppError> {
    let week = (now + Duration::days(7)).naive_utc();
    let closing = consultations::open_at(conn, now.naive_utc())?
        .into_iter()
        .filter(|c| c.closes_at <= week)
        .map(|c| (c.id, c.title, c.closes_at))
        .collect();
    Ok(Waiting {
        requests: decidable(conn, user)?.len(),
        comments: counts::waiting_everywhere(conn)?,
        feedback: feedback::waiting(conn)?,
        survey: crate::db::evaluation::waiting_count(conn)?,
        mine: lifecycle::requests_page(
            conn,
            Some(RequestStatus::Pending.as_str()),
            None,
            None,
            500,
        )?
        .into_iter()
        .filter(|r| r.requested_by == user.id)
        .take(20)
        .map(|r| {
            let code = crate::db::procedures::find(conn, &r.procedure_id)?
                .map_or_else(String::new, |p| p.code);
            Ok((r, code))
        })
        .collect::<diesel::QueryResult<_>>()?,
        closing,
    })
}
