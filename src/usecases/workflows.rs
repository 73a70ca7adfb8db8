//! Which rules a procedure runs under: the workflow versions recorded in the database.
//!
//! A file whose rules changed must take a new `version`. A file whose rules stayed and whose
//! words or meanings changed (labels, state tags, document kinds) keeps its version: the
//! recorded body is rewritten at start-up, so a label fixed in the file shows everywhere.

use std::sync::Arc;

use super::error::AppError;
use super::procedures::find_procedure;
use crate::db::lifecycle as store;
use crate::db::procedures::ProcedureRow;
use crate::db::DbConnection;
use crate::domain::workflow::{Registry, Workflow};

/// Records each loaded workflow version in the database (refusing a changed file that kept its
/// version number) and loads every recorded version into the registry.
pub fn record_workflows(
    conn: &mut DbConnection,
    registry: &mut Registry,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    for wf in registry.all() {
        let body = serde_json::to_string(&*wf)?;
        match store::definition(conn, &wf.key, wf.version)? {
            // Same rules, new words or meanings (labels, state tags, document kinds): the
            // procedures under this version keep their rules, and read the file's words.
            Some(stored)
                if stored != body
                    && serde_json::from_str::<Workflow>(&stored)
                        .is_ok_and(|old| old.same_rules(&wf)) =>
            {
                store::update_definition(conn, &wf.key, wf.version, &body)?;
            }
            Some(stored) if stored != body => anyhow::bail!(
                "the workflow `{}` version {} differs from the one recorded when it was first used; \
                 give the changed file a new `version`",
                wf.key,
                wf.version
            ),
            Some(_) => {}
            None => {
                if let Err(e) = store::insert_definition(conn, &wf.key, wf.version, &body, now.naive_utc()) {
                    // Another instance recorded it at the same moment.
                    if !crate::db::is_unique_violation(&e) {
                        return Err(e.into());
                    }
                }
            }
        }
    }
    for body in store::all_definitions(conn)? {
        registry.add_version(serde_json::from_str(&body)?);
    }
    Ok(())
}

/// The procedure with this id (or 404) and the rules it runs under.
pub fn load(
    conn: &mut DbConnection,
    registry: &Registry,
    id: &str,
) -> Result<(ProcedureRow, Arc<Workflow>), AppError> {
    let p = find_procedure(conn, id)?;
    let wf = workflow_of(registry, &p)?;
    Ok((p, wf))
}

/// The rules a procedure runs under.
pub fn workflow_of(registry: &Registry, p: &ProcedureRow) -> Result<Arc<Workflow>, AppError> {
    registry
        .version(&p.workflow, p.workflow_version)
        .ok_or_else(|| {
            AppError::Internal(format!(
                "workflow {} version {} is not recorded",
                p.workflow, p.workflow_version
            ))
        })
}
