//! The procedure inventory's writes, shared by the API and `tramites demo`: each change is
//! checked, stored and audited in one transaction.

use chrono::{DateTime, Utc};

use crate::audit::{self, Record};
use crate::db::procedures::{self as store, ProcedureRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::procedure::ProcedureFields;
use crate::error::ApiError;
use crate::workflow::Workflow;

/// 409 `duplicate_code`.
pub fn duplicate_code(code: &str) -> ApiError {
    ApiError::conflict(
        "duplicate_code",
        format!("a procedure with code {code} already exists"),
    )
}

/// Registers a procedure in the workflow's initial state.
pub fn create(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    actor: &str,
    fields: &ProcedureFields,
    workflow: &Workflow,
) -> Result<ProcedureRow, ApiError> {
    let row = ProcedureRow::new(fields, workflow, now);
    write_tx(conn, |conn| {
        if store::code_taken(conn, &row.code, &row.id)? {
            return Err(duplicate_code(&row.code));
        }
        store::insert(conn, &row).map_err(|e| {
            if crate::db::is_unique_violation(&e) {
                duplicate_code(&row.code)
            } else {
                e.into()
            }
        })?;
        audit::append(
            conn,
            now,
            Record {
                actor,
                action: "procedure.created",
                subject_type: "procedure",
                subject_id: &row.id,
                data: serde_json::json!({
                    "code": row.code, "name": row.name, "state": row.state,
                    "workflow": row.workflow, "workflow_version": row.workflow_version,
                }),
            },
        )?;
        Ok(row)
    })
}
