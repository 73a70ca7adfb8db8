//! The procedure inventory's writes, shared by the API and `tramites demo`: each change is
//! checked, stored and audited in one transaction.

use crate::audit::Context;
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
    ctx: &Context<'_>,
    fields: &ProcedureFields,
    workflow: &Workflow,
) -> Result<ProcedureRow, ApiError> {
    let row = ProcedureRow::new(fields, workflow, ctx.now);
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
        let data = serde_json::json!({
            "code": row.code, "name": row.name, "state": row.state,
            "workflow": row.workflow, "workflow_version": row.workflow_version,
        });
        ctx.record(conn, "procedure.created", "procedure", &row.id, data)?;
        Ok(row)
    })
}
