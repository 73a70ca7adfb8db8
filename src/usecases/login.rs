//! Signing in with a user name and password, for the API and the pages alike: the failed-login
//! limits, the constant-time answer for unknown names, and the audit entry.

use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::audit::{AuditKeys, Context};
use crate::auth::password;
use crate::auth::throttle::LoginThrottle;
use crate::db::users::{self, UserRow};
use crate::db::{write_tx, DbConnection};

/// Who is trying to sign in, and from where.
pub struct Attempt<'a> {
    /// The login name typed.
    pub username: &'a str,
    /// The password typed.
    pub password: &'a str,
    /// The client's address, for the per-address limit.
    pub address: &'a str,
}

/// Answers 429 when the user or the address has too many recent failures.
pub fn check_throttle(
    throttle: &LoginThrottle,
    attempt: &Attempt<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match throttle.blocked_for(attempt.username, attempt.address, now) {
        Some(wait) => Err(AppError::RateLimited {
            retry_after: wait.as_secs().max(1),
            detail: "too many failed logins; wait before trying again".into(),
        }),
        None => Ok(()),
    }
}

/// Checks the password and records the attempt in the audit chain; the user when accepted.
/// Wrong user and wrong password take the same time and give the same answer.
pub fn verify(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    attempt: &Attempt<'_>,
    now: DateTime<Utc>,
) -> Result<Option<UserRow>, AppError> {
    let user = users::find_by_username(conn, attempt.username)?;
    let hash = user
        .as_ref()
        .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
    let matches = password::verify(attempt.password, hash);
    let accepted = user.filter(|u| matches && u.active);
    write_tx(conn, |conn| {
        let (actor, action) = match &accepted {
            Some(u) => (u.id.as_str(), "auth.login"),
            None => ("public", "auth.login_failed"),
        };
        let ctx = Context { keys, now, actor };
        let data = serde_json::json!({"address": attempt.address});
        ctx.record(conn, action, "user", attempt.username, data)?;
        Ok::<_, AppError>(())
    })?;
    Ok(accepted)
}

/// Counts the outcome of an attempt against the limits.
pub fn settle(throttle: &LoginThrottle, attempt: &Attempt<'_>, accepted: bool, now: DateTime<Utc>) {
    if accepted {
        throttle.record_success(attempt.username);
    } else {
        throttle.record_failure(attempt.username, attempt.address, now);
    }
}
