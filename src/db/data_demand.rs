//! Storage of the open-data survey (issue 37): one row per answer about a file of `/datos`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::QueryResult;

use super::schema_reach::data_demand;
use super::DbConnection;

/// One answer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = data_demand)]
pub struct DemandRow {
    /// Id.
    pub id: String,
    /// The file (`tramites.csv`…).
    pub dataset: String,
    /// Whether it serves the person.
    pub useful: bool,
    /// What they wrote, stored as feedback on open data.
    pub feedback_id: Option<String>,
    /// The page's one-time token, as a pseudonym scoped to its sender.
    pub idempotency_key: String,
    /// When.
    pub received_at: NaiveDateTime,
}

/// Whether an answer with this key is stored already.
pub fn known(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
    use diesel::dsl::{exists, select};
    select(exists(
        data_demand::table.filter(data_demand::idempotency_key.eq(key)),
    ))
    .get_result(conn)
}

/// Stores an answer.
pub fn insert(conn: &mut DbConnection, row: &DemandRow) -> QueryResult<()> {
    diesel::insert_into(data_demand::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Per file: (answers, how many said it serves them).
pub fn counts(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, (i64, i64)>> {
    use diesel::dsl::count_star;
    let rows: Vec<(String, bool, i64)> = data_demand::table
        .group_by((data_demand::dataset, data_demand::useful))
        .select((data_demand::dataset, data_demand::useful, count_star()))
        .load(conn)?;
    let mut out: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (dataset, useful, n) in rows {
        let e = out.entry(dataset).or_default();
        e.0 += n;
        if useful {
            e.1 += n;
        }
    }
    Ok(out)
}
