//! Institutional accounts linked to users, and the sign-ins waiting for the provider's answer
//! (issue 40).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::schema_identities::{oidc_requests, user_identities};
use super::users::UserRow;
use super::DbConnection;

/// A sign-in sent to the provider: what its callback must match and prove.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oidc_requests)]
pub struct OidcRequestRow {
    /// The `state` sent (random; also in the browser's cookie).
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the challenge sent.
    pub verifier: String,
    /// The workspace page to land on.
    pub volver: String,
    /// When it was sent.
    pub created_at: NaiveDateTime,
}

/// Keeps a sign-in sent to the provider, and forgets those sent before `stale`.
pub fn remember(
    conn: &mut DbConnection,
    row: &OidcRequestRow,
    stale: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(oidc_requests::table.filter(oidc_requests::created_at.lt(stale)))
        .execute(conn)?;
    diesel::insert_into(oidc_requests::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Takes the sign-in of `state` once: whoever deletes it has it (another instance, or a
/// second use of the same callback, finds nothing).
pub fn take(conn: &mut DbConnection, state: &str) -> QueryResult<Option<OidcRequestRow>> {
    let Some(row) = oidc_requests::table
        .find(state)
        .select(OidcRequestRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let deleted = diesel::delete(oidc_requests::table.find(state)).execute(conn)?;
    Ok((deleted == 1).then_some(row))
}

/// The user an institutional account is linked to.
pub fn user_of(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
) -> QueryResult<Option<UserRow>> {
    user_identities::table
        .inner_join(users::table.on(users::id.eq(user_identities::user_id)))
        .filter(user_identities::issuer.eq(issuer))
        .filter(user_identities::subject.eq(subject))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Active users with this e-mail address (compared without regard to case) and no account of
/// `issuer` linked yet.
pub fn unlinked_with_email(
    conn: &mut DbConnection,
    issuer: &str,
    email: &str,
) -> QueryResult<Vec<UserRow>> {
    let linked = user_identities::table
        .filter(user_identities::issuer.eq(issuer))
        .select(user_identities::user_id);
    let found: Vec<UserRow> = users::table
        .filter(users::active.eq(true))
        .filter(users::id.ne_all(linked))
        .select(UserRow::as_select())
        .load(conn)?;
    Ok(found
        .into_iter()
        .filter(|u| u.email.trim().eq_ignore_ascii_case(email.trim()))
        .collect())
}

/// Links an institutional account to a user.
pub fn link(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(user_identities::table)
        .values((
            user_identities::issuer.eq(issuer),
            user_identities::subject.eq(subject),
            user_identities::user_id.eq(user_id),
            user_identities::linked_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}
