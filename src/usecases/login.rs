//! Signing in with a user name and password, for the API and the pages alike: the failed-login
//! limits (counted in the database, before the password is checked, so that neither
//! simultaneous guesses nor several instances can beat them), the same answer for unknown
//! names and wrong passwords, and the audit entry, which never stores what was typed.

use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::audit::{AuditKeys, Context};
use crate::auth::password;
use crate::db::users::{self, UserRow};
use crate::db::{logins, write_tx, DbConnection};
use crate::domain::login::LoginLimits;

/// Who is trying to sign in, and from where.
pub struct Attempt<'a> {
    /// The login name typed.
    pub username: &'a str,
    /// The password typed.
    pub password: &'a str,
    /// The client's address, for the per-address limit.
    pub address: &'a str,
}

/// The counting keys of an attempt: the user name's keyed pseudonym (bounded, and not the
/// text typed) and the address.
fn keys_of(keys: &AuditKeys, attempt: &Attempt<'_>) -> (String, String) {
    (
        format!(
            "u:{}",
            keys.pseudonym("login-user", &attempt.username.to_lowercase())
        ),
        format!("a:{}", attempt.address),
    )
}

/// Counts the attempt against the limits before anything else: 429 when the user name or the
/// address already has its quota in the window; otherwise the attempt is recorded (and
/// forgotten again if the password turns out right).
fn reserve(
    conn: &mut DbConnection,
    limits: &LoginLimits,
    user_key: &str,
    address_key: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    write_tx(conn, |conn| {
        let since = limits.window_start(now).naive_utc();
        logins::forget_before(conn, &[user_key, address_key], since)?;
        for (key, max) in [
            (user_key, limits.max_per_user),
            (address_key, limits.max_per_address),
        ] {
            let (count, oldest) = logins::count_since(conn, key, since)?;
            if let Some(wait) = limits.wait(count, max, oldest.map(|t| t.and_utc()), now) {
                return Err(AppError::RateLimited {
                    retry_after: wait,
                    detail: crate::domain::error::Problem::new("detalle-muchos-intentos"),
                });
            }
        }
        let address_row = uuid::Uuid::now_v7().to_string();
        logins::record(
            conn,
            &uuid::Uuid::now_v7().to_string(),
            user_key,
            now.naive_utc(),
        )?;
        logins::record(conn, &address_row, address_key, now.naive_utc())?;
        Ok(address_row)
    })
}

/// Checks a sign-in: the limits first, then the password; records the attempt in the audit
/// chain (subject: the user's id when the name exists, else its keyed pseudonym). Returns the
/// user when accepted, None when the name or password is wrong.
pub fn sign_in(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    limits: &LoginLimits,
    attempt: &Attempt<'_>,
    now: DateTime<Utc>,
) -> Result<Option<UserRow>, AppError> {
    let (user_key, address_key) = keys_of(keys, attempt);
    let address_row = reserve(conn, limits, &user_key, &address_key, now)?;
    let user = users::find_by_username(conn, attempt.username)?;
    let hash = user
        .as_ref()
        .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
    let matches = password::verify(attempt.password, hash);
    let subject = user
        .as_ref()
        .map_or_else(|| format!("unknown:{}", &user_key[2..]), |u| u.id.clone());
    let accepted = user.filter(|u| matches && u.active);
    write_tx(conn, |conn| {
        let (actor, action) = match &accepted {
            Some(u) => (u.id.as_str(), "auth.login"),
            None => ("public", "auth.login_failed"),
        };
        if accepted.is_some() {
            logins::forget(conn, &user_key, std::slice::from_ref(&address_row))?;
        }
        let ctx = Context {
            keys,
            now,
            actor,
            roles: &[],
        };
        let data = serde_json::json!({"address": attempt.address});
        ctx.record(conn, action, "user", &subject, data)?;
        Ok::<_, AppError>(())
    })?;
    Ok(accepted)
}
