//! Workspace sessions: signing in with the API's users, passwords, limits and audit entry;
//! finding the session a cookie names; signing out. The cookie carries a random secret; the
//! database keeps only its SHA-256, with the session's CSRF token and its two lifetimes.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::error::AppError;
use super::login::{sign_in, Attempt};
use crate::audit::{AuditKeys, Context};
use crate::auth::password::random_secret;
use crate::db::sessions::{self as store, SessionRow};
use crate::db::users::{self, UserRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::login::LoginLimits;
use crate::domain::session::SessionLimits;

/// A session as its holder uses it.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who.
    pub user: UserRow,
    /// The stored session's id (the secret's hash).
    pub id: String,
    /// The CSRF token of its forms.
    pub csrf: String,
}

fn id_of(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Signs in (limits, password, audit entry as the API's) and opens a session. Returns the
/// cookie's secret and the session, or None for a wrong name or password.
pub fn start(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    limits: &LoginLimits,
    attempt: &Attempt<'_>,
    now: DateTime<Utc>,
) -> Result<Option<(String, Session)>, AppError> {
    let Some(user) = sign_in(conn, keys, limits, attempt, now)? else {
        return Ok(None);
    };
    open(conn, user, now).map(Some)
}

/// Opens a session for a user who has just proved who they are; returns the cookie's secret.
pub(crate) fn open(
    conn: &mut DbConnection,
    user: UserRow,
    now: DateTime<Utc>,
) -> Result<(String, Session), AppError> {
    let secret = random_secret(32);
    let row = SessionRow {
        id: id_of(&secret),
        user_id: user.id.clone(),
        csrf: random_secret(24),
        token_version: user.token_version,
        created_at: now.naive_utc(),
        last_seen_at: now.naive_utc(),
        ended_at: None,
    };
    store::insert(conn, &row)?;
    Ok((
        secret,
        Session {
            user,
            id: row.id,
            csrf: row.csrf,
        },
    ))
}

/// The live session a cookie's secret names, if any. A session idle or old past its limits,
/// or whose user was deactivated or changed password since, ends here.
pub fn resume(
    conn: &mut DbConnection,
    limits: &SessionLimits,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<Session>, AppError> {
    let id = id_of(secret);
    let Some(row) = store::live(conn, &id)? else {
        return Ok(None);
    };
    let user = users::find(conn, &row.user_id)?;
    let valid = user
        .as_ref()
        .is_some_and(|u| u.active && u.token_version == row.token_version)
        && limits.alive(row.created_at.and_utc(), row.last_seen_at.and_utc(), now);
    if !valid {
        store::end(conn, &id, now.naive_utc())?;
        return Ok(None);
    }
    if limits.worth_touching(row.last_seen_at.and_utc(), now) {
        store::touch(conn, &id, now.naive_utc())?;
    }
    Ok(user.map(|user| Session {
        user,
        id,
        csrf: row.csrf,
    }))
}

/// Signs out: the session ends at once, on every instance; audited.
pub fn end(conn: &mut DbConnection, ctx: &Context<'_>, session_id: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        if store::end(conn, session_id, ctx.now.naive_utc())? {
            ctx.record(
                conn,
                "auth.logout",
                "user",
                ctx.actor,
                serde_json::json!({}),
            )?;
        }
        Ok(())
    })
}

/// Forgets the sessions that have ended or expired at `now` (run every minute): a stored session
/// is only a hash and a CSRF token, but nothing should be kept that no longer serves.
pub fn purge(
    conn: &mut DbConnection,
    limits: &SessionLimits,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let now = now.naive_utc();
    Ok(store::purge(
        conn,
        now - limits.idle,
        now - limits.absolute,
    )?)
}
