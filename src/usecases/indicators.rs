//! The programme's indicators, computed from the inventory at `now`.

use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::db::procedures;
use crate::db::DbConnection;
use crate::domain::indicators::{compute, CountRow, Indicators};
use crate::domain::workflow::{Registry, Tag};
use crate::domain::{Category, Channel};

/// The indicators at `now`.
pub fn indicators(
    conn: &mut DbConnection,
    registry: &Registry,
    now: DateTime<Utc>,
) -> Result<Indicators, AppError> {
    let counts: Vec<CountRow> = procedures::counts(conn)?
        .into_iter()
        .map(|(category, channel, workflow, state, count)| CountRow {
            category: Category::parse(&category),
            channel: Channel::parse(&channel),
            eliminated: registry
                .get(&workflow)
                .is_some_and(|w| w.has_tag(&state, Tag::Eliminated)),
            state,
            count,
        })
        .collect();
    let overdue = procedures::overdue_count(conn, now.naive_utc())?;
    let states: Vec<String> = registry
        .all()
        .iter()
        .flat_map(|w| w.states.iter().map(|s| s.key.clone()))
        .collect();
    let mut ind = compute(&counts, &states, overdue);
    ind.by_use = super::evaluation::shares_by_use(conn)?;
    Ok(ind)
}
