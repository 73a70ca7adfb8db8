//! The open-data survey (issue 37, the programme's "demanda y oferta de datos abiertos"): for
//! each file of `/datos`, whether it serves the person who answered, and optionally what it
//! lacks or what other data they need. The vote is counted at once (counts are published on
//! `/datos`); the words are feedback on open data, moderated and answered like any feedback.

use super::comments::Receipt;
use super::error::AppError;
use crate::audit::Context;
use crate::db::data_demand::{self as store, DemandRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::error::FieldError;
use crate::domain::feedback::CheckedFeedback;

/// Checks the file named: one of the files `/datos` lists.
pub fn check_dataset(file: &str) -> Result<String, FieldError> {
    crate::usecases::open_data::DATASETS
        .iter()
        .find(|d| d.file == file.trim())
        .map(|d| d.file.to_string())
        .ok_or_else(|| FieldError::new("dataset", "campo-elija-opcion-lista"))
}

/// Records an answer; its words, if any, as feedback (receipt returned). The same page sent
/// twice (the same `key`) counts once and stores nothing more. Each write carries its own
/// audit entry: `feedback.received` for the words, `data_demand.received` for the vote.
pub fn record(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    (dataset, useful): (&str, bool),
    words: Option<&CheckedFeedback>,
    key: String,
) -> Result<Option<Receipt>, AppError> {
    if store::known(conn, &key)? {
        return Ok(None);
    }
    let receipt = match words {
        Some(w) => Some(super::feedback::submit(conn, ctx, w, Some(key.clone()))?),
        None => None,
    };
    write_tx(conn, |conn| {
        if store::known(conn, &key)? {
            return Ok::<(), AppError>(());
        }
        let row = DemandRow {
            id: uuid::Uuid::now_v7().to_string(),
            dataset: dataset.to_string(),
            useful,
            feedback_id: receipt.as_ref().map(|r| r.id.clone()),
            idempotency_key: key.clone(),
            received_at: ctx.now.naive_utc(),
        };
        store::insert(conn, &row)?;
        let data = serde_json::json!({
            "dataset": row.dataset, "useful": row.useful, "feedback_id": row.feedback_id,
        });
        ctx.record(conn, "data_demand.received", "data_demand", &row.id, data)?;
        Ok(())
    })?;
    Ok(receipt)
}
