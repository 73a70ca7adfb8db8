//! Citizens' submissions per address and hour, shared by the instances on one PostgreSQL
//! database (see `http::shared_limit`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text, Timestamp};

use super::DbConnection;

#[derive(QueryableByName)]
struct KeyCount {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// Adds this instance's submissions of `hour` and returns the totals of those addresses and of
/// every address that has reached `hot` in that hour on any instance. Forgets earlier hours.
/// Nothing on SQLite (one instance).
pub fn add_and_read(
    conn: &mut DbConnection,
    hour: NaiveDateTime,
    added: &[(String, i64)],
    hot: i64,
) -> QueryResult<Vec<(String, i64)>> {
    let DbConnection::Postgresql(c) = conn else {
        return Ok(Vec::new());
    };
    let (keys, counts): (Vec<String>, Vec<i64>) = added.iter().cloned().unzip();
    let rows: Vec<KeyCount> = diesel::sql_query(
        "WITH added AS (\
           INSERT INTO address_counts (key, hour, count) \
           SELECT k, $3, n FROM unnest($1::text[], $2::bigint[]) AS a (k, n) \
           ON CONFLICT (key, hour) DO UPDATE SET count = address_counts.count + excluded.count \
           RETURNING key, count) \
         SELECT key, count FROM added \
         UNION ALL SELECT key, count FROM address_counts \
           WHERE hour = $3 AND count >= $4 AND key <> ALL ($1::text[])",
    )
    .bind::<Array<Text>, _>(keys)
    .bind::<Array<BigInt>, _>(counts)
    .bind::<Timestamp, _>(hour)
    .bind::<BigInt, _>(hot)
    .load(c)?;
    diesel::sql_query("DELETE FROM address_counts WHERE hour < $1")
        .bind::<Timestamp, _>(hour)
        .execute(c)?;
    Ok(rows.into_iter().map(|r| (r.key, r.count)).collect())
}
