//! The procedure inventory's writes, shared by the API, the pages and `tramites demo`: each
//! change is checked, stored and audited in one transaction.

use super::error::AppError;
use crate::audit::Context;
use crate::db::procedures::{self as store, ProcedureRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::error::FieldError;
use crate::domain::error::Problem;
use crate::domain::procedure::{CreateProcedure, PatchProcedure, ProcedureFields};
use crate::domain::workflow::{Registry, Workflow, DEFAULT_KEY};

/// 409 `duplicate_code`.
pub fn duplicate_code(code: &str) -> AppError {
    AppError::conflict(
        "duplicate_code",
        Problem::new("conflicto-duplicate-code").with("codigo", code),
    )
}

/// The procedure with this id, or 404.
pub fn find_procedure(conn: &mut DbConnection, id: &str) -> Result<ProcedureRow, AppError> {
    store::find(conn, id)?.ok_or_else(|| AppError::not_found("inexistente-tramite"))
}

/// Checks a new procedure and the workflow it names (default `simplificacion`), reporting
/// every fault at once.
pub fn check_new(
    registry: &Registry,
    input: &CreateProcedure,
) -> Result<(ProcedureFields, std::sync::Arc<Workflow>), AppError> {
    let fields = ProcedureFields::from_create(input);
    let key = input.workflow.as_deref().unwrap_or(DEFAULT_KEY);
    match (fields, registry.get(key)) {
        (Ok(f), Some(w)) => Ok((f, w)),
        (Ok(_), None) => Err(AppError::field_with(
            "workflow",
            Problem::new("campo-flujo-desconocido").with("clave", key),
        )),
        (Err(mut errors), wf) => {
            if wf.is_none() {
                errors.push(FieldError::with(
                    "workflow",
                    Problem::new("campo-flujo-desconocido").with("clave", key),
                ));
            }
            Err(AppError::Validation(errors))
        }
    }
}

/// Registers a procedure in its workflow's initial state.
pub fn register(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    input: &CreateProcedure,
) -> Result<ProcedureRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    let (fields, workflow) = check_new(registry, input)?;
    create(conn, ctx, &fields, &workflow)
}

/// Registers checked fields in the workflow's initial state.
pub fn create(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    fields: &ProcedureFields,
    workflow: &Workflow,
) -> Result<ProcedureRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    write_tx(conn, |conn| insert_new(conn, ctx, fields, workflow))
}

/// [`create`] inside the caller's write transaction.
pub fn insert_new(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    fields: &ProcedureFields,
    workflow: &Workflow,
) -> Result<ProcedureRow, AppError> {
    let row = ProcedureRow::new(fields, workflow, ctx.now);
    {
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
    }
}

/// Changes a procedure's descriptive fields (never its state). `expected` lists the versions
/// the editor saw (None: any); another version answers `version_conflict`.
pub fn edit(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    expected: Option<&[i32]>,
    patch: &PatchProcedure,
) -> Result<ProcedureRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    write_tx(conn, |conn| {
        let mut row = find_procedure(conn, id)?;
        if let Some(versions) = expected {
            if !versions.contains(&row.version) {
                return Err(AppError::VersionConflict(
                    Problem::new("detalle-version").with("version", row.version),
                ));
            }
        }
        let after = row.fields().patched(patch)?;
        update_fields(conn, ctx, &mut row, &after)?;
        Ok(row)
    })
}

/// Writes new descriptive fields over a stored procedure (never its state), with its audit
/// entry naming the fields changed, inside the caller's write transaction.
pub fn update_fields(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    row: &mut ProcedureRow,
    after: &ProcedureFields,
) -> Result<Vec<String>, AppError> {
    let before = row.fields();
    if after.code != before.code && store::code_taken(conn, &after.code, &row.id)? {
        return Err(duplicate_code(&after.code));
    }
    let changed = before.changed_fields(after);
    let previous_version = row.version;
    row.set_fields(after);
    row.version += 1;
    row.updated_at = ctx.now.naive_utc();
    if !store::update_if_version(conn, row, previous_version)? {
        return Err(AppError::VersionConflict(Problem::new(
            "conflicto-cambio-mientras",
        )));
    }
    let data = serde_json::json!({"changed": changed, "version": row.version, "code": row.code, "name": row.name});
    ctx.record(conn, "procedure.updated", "procedure", &row.id, data)?;
    Ok(changed)
}
