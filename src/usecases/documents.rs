//! A procedure's checklist ticks and attached documents.

use super::error::AppError;
use super::procedures::find_procedure;
use super::workflows::load;
use crate::audit::Context;
use crate::db::lifecycle::{self as store, ChecklistRow, DocumentMeta, NewDocument};
use crate::db::procedures::ProcedureRow;
use crate::db::{write_tx, DbConnection};
use crate::domain::error::Problem;
use crate::domain::workflow::Registry;

/// Ticks or unticks a checklist item (any state's checklist may be prepared in advance).
pub fn set_checklist(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    procedure_id: &str,
    item: &str,
    done: bool,
) -> Result<(ProcedureRow, String), AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    write_tx(conn, |conn| {
        let (p, wf) = load(conn, registry, procedure_id)?;
        let state = wf
            .states
            .iter()
            .find(|s| s.checklist.iter().any(|i| i.key == item))
            .ok_or_else(|| {
                AppError::NotFound(Problem::new("inexistente-punto-lista").with("clave", item))
            })?
            .key
            .clone();
        let row = ChecklistRow {
            procedure_id: p.id.clone(),
            state: state.clone(),
            item: item.to_string(),
            done,
            updated_by: ctx.actor.to_string(),
            updated_at: ctx.now.naive_utc(),
        };
        store::set_checklist(conn, &row)?;
        let data = serde_json::json!({"state": state, "item": item, "done": done});
        ctx.record(conn, "checklist.updated", "procedure", &p.id, data)?;
        Ok((p, state))
    })
}

/// A document to attach, already read and checked.
pub struct Upload<'a> {
    /// Kind, e.g. `pilot_report`.
    pub kind: &'a str,
    /// Original file name.
    pub filename: &'a str,
    /// Detected content type.
    pub content_type: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// Attaches a document to a procedure.
pub fn attach(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure_id: &str,
    upload: &Upload<'_>,
) -> Result<DocumentMeta, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    use sha2::Digest;
    let sha256 = hex::encode(sha2::Sha256::digest(upload.bytes));
    let id = uuid::Uuid::now_v7().to_string();
    write_tx(conn, |conn| {
        let p = find_procedure(conn, procedure_id)?;
        let doc = NewDocument {
            id: &id,
            procedure_id: &p.id,
            kind: upload.kind,
            filename: upload.filename,
            content_type: upload.content_type,
            size: upload.bytes.len() as i64,
            sha256: &sha256,
            content: upload.bytes,
            uploaded_by: ctx.actor,
            uploaded_at: ctx.now.naive_utc(),
        };
        store::insert_document(conn, &doc)?;
        let data = serde_json::json!({
            "document_id": id, "kind": upload.kind, "filename": upload.filename,
            "content_type": upload.content_type, "size": upload.bytes.len(), "sha256": sha256,
        });
        ctx.record(conn, "document.attached", "procedure", &p.id, data)?;
        Ok(DocumentMeta {
            id: id.clone(),
            procedure_id: p.id,
            kind: upload.kind.to_string(),
            filename: upload.filename.to_string(),
            content_type: upload.content_type.to_string(),
            size: upload.bytes.len() as i64,
            sha256: sha256.clone(),
            uploaded_by: ctx.actor.to_string(),
            uploaded_at: ctx.now.naive_utc(),
        })
    })
}
