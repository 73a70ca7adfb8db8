//! Signing staff in with their institutional account (issue 40): the provider has proved who
//! they are; this finds the user and opens a session. A user is found by the provider's
//! subject; at the first sign-in, by the provider's verified e-mail address to one active
//! account, which is then linked (audited `auth.identity_linked`). Nobody is created and no
//! role is given here: an administrator adds accounts and roles. Every sign-in is audited as a
//! password sign-in is (`auth.login` or `auth.login_failed`, with `"method": "oidc"`).

use chrono::{DateTime, Utc};
use serde_json::json;

use super::error::AppError;
use super::sessions::{open, Session};
use crate::audit::{AuditKeys, Context};
use crate::auth::oidc::Identity;
use crate::db::identities::{self, OidcRequestRow};
use crate::db::{write_tx, DbConnection};

/// How long a sign-in sent to the provider may take to come back.
pub const REQUEST_MINUTES: i64 = 10;

/// Keeps a sign-in sent to the provider (and forgets those older than the limit).
pub fn remember(
    conn: &mut DbConnection,
    row: &OidcRequestRow,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let stale = (now - chrono::Duration::minutes(REQUEST_MINUTES)).naive_utc();
    Ok(write_tx(conn, |conn| {
        identities::remember(conn, row, stale)
    })?)
}

/// The sign-in a callback's `state` answers, once, if it is not too old.
pub fn take(
    conn: &mut DbConnection,
    state: &str,
    now: DateTime<Utc>,
) -> Result<Option<OidcRequestRow>, AppError> {
    let row = write_tx(conn, |conn| identities::take(conn, state))?;
    let fresh = chrono::Duration::minutes(REQUEST_MINUTES);
    Ok(row.filter(|r| now.naive_utc() - r.created_at <= fresh))
}

/// Signs in whom the provider vouched for: the session's secret and the session, or None
/// when no active account is theirs.
pub fn sign_in(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    issuer: &str,
    who: &Identity,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<(String, Session)>, AppError> {
    write_tx(conn, |conn| {
        let mut user = identities::user_of(conn, issuer, &who.subject)?;
        let mut linked = false;
        if user.is_none() {
            if let Some(email) = &who.verified_email {
                let mut found = identities::unlinked_with_email(conn, issuer, email)?;
                if found.len() == 1 {
                    let u = found.remove(0);
                    identities::link(conn, issuer, &who.subject, &u.id, now.naive_utc())?;
                    user = Some(u);
                    linked = true;
                }
            }
        }
        let accepted = user.filter(|u| u.active);
        let subject = accepted.as_ref().map_or_else(
            || {
                format!(
                    "unknown:{}",
                    keys.pseudonym("oidc-subject", &format!("{issuer} {}", who.subject))
                )
            },
            |u| u.id.clone(),
        );
        let ctx = Context {
            keys,
            now,
            actor: accepted.as_ref().map_or("public", |u| u.id.as_str()),
            roles: &[],
        };
        if linked {
            ctx.record(
                conn,
                "auth.identity_linked",
                "user",
                &subject,
                json!({"issuer": issuer, "subject": who.subject}),
            )?;
        }
        let action = if accepted.is_some() {
            "auth.login"
        } else {
            "auth.login_failed"
        };
        let data = json!({"address": address, "method": "oidc"});
        ctx.record(conn, action, "user", &subject, data)?;
        accepted.map(|u| open(conn, u, now)).transpose()
    })
}
