//! What a procedure's guards may look at, gathered from storage at `now`.

use std::collections::{BTreeMap, BTreeSet};

use diesel::QueryResult;

use crate::db::lifecycle as store;
use crate::db::procedures::ProcedureRow;
use crate::db::DbConnection;
use crate::domain::workflow::engine::Facts;

/// What the guards may look at for one procedure at `now`.
pub fn facts(
    conn: &mut DbConnection,
    p: &ProcedureRow,
    now: chrono::DateTime<chrono::Utc>,
) -> QueryResult<Facts> {
    let (consultation_closed, published_comments_answered) =
        super::consultations::facts(conn, &p.id, now)?;
    let mut checklist_done: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in store::checklist(conn, &p.id)?
        .into_iter()
        .filter(|r| r.done)
    {
        checklist_done
            .entry(row.state)
            .or_default()
            .insert(row.item);
    }
    Ok(Facts {
        consultation_closed,
        published_comments_answered,
        fields_set: p
            .regulation_reference
            .iter()
            .map(|_| "regulation_reference".to_string())
            .collect(),
        documents: store::documents_of(conn, &p.id)?
            .into_iter()
            .map(|d| d.kind)
            .collect(),
        checklist_done,
    })
}
