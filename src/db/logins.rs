//! Login attempts, counted per key (a user's pseudonym or a client address) so that every
//! instance on the database shares the limits.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::login_attempts;
use super::DbConnection;

/// Forgets attempts older than `before` for these keys.
pub fn forget_before(
    conn: &mut DbConnection,
    keys: &[&str],
    before: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::key.eq_any(keys))
            .filter(login_attempts::at.lt(before)),
    )
    .execute(conn)
    .map(|_| ())
}

/// How many attempts a key has since `since`, and when the oldest of them was.
pub fn count_since(
    conn: &mut DbConnection,
    key: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    let rows = login_attempts::table
        .filter(login_attempts::key.eq(key))
        .filter(login_attempts::at.ge(since));
    let count = rows.count().get_result(conn)?;
    let oldest = rows
        .select(diesel::dsl::min(login_attempts::at))
        .first::<Option<NaiveDateTime>>(conn)?;
    Ok((count, oldest))
}

/// Records one attempt under `key`.
pub fn record(conn: &mut DbConnection, id: &str, key: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(id),
            login_attempts::key.eq(key),
            login_attempts::at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets every attempt of `key`, and the attempts with these ids.
pub fn forget(conn: &mut DbConnection, key: &str, ids: &[String]) -> QueryResult<()> {
    diesel::delete(
        login_attempts::table.filter(
            login_attempts::key
                .eq(key)
                .or(login_attempts::id.eq_any(ids)),
        ),
    )
    .execute(conn)
    .map(|_| ())
}
