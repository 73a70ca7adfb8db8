//! Workspace sessions as stored (the id is the SHA-256 of the cookie's secret).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::sessions;
use super::DbConnection;

/// A stored session.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    /// SHA-256 of the secret.
    pub id: String,
    /// Who.
    pub user_id: String,
    /// The token every changing form carries.
    pub csrf: String,
    /// The user's token version at sign-in: a password change ends the session.
    pub token_version: i32,
    /// Sign-in time.
    pub created_at: NaiveDateTime,
    /// Last request.
    pub last_seen_at: NaiveDateTime,
    /// When it was ended (sign-out, expiry, deactivation).
    pub ended_at: Option<NaiveDateTime>,
}

/// Stores a new session.
pub fn insert(conn: &mut DbConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A live (not ended) session by id.
pub fn live(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(id)
        .filter(sessions::ended_at.is_null())
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Records a request.
pub fn touch(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(at))
        .execute(conn)
        .map(|_| ())
}

/// Ends a session; true when it was live.
pub fn end(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::ended_at.eq(Some(at)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Ends every live session of a user (deactivation, password change).
pub fn end_all_of(conn: &mut DbConnection, user_id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::ended_at.eq(Some(at)))
    .execute(conn)
}

/// Deletes the sessions that can no longer be used: ended, idle since before `seen_before`, or
/// signed in before `created_before`. Returns how many.
pub fn purge(
    conn: &mut DbConnection,
    seen_before: NaiveDateTime,
    created_before: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::ended_at
                .is_not_null()
                .or(sessions::last_seen_at.lt(seen_before))
                .or(sessions::created_at.lt(created_before)),
        ),
    )
    .execute(conn)
}
