//! Comments the Committee types in (issue 37), stored through the comment writer like the
//! citizens' own: the same tracking codes, batches and audit entries, from either face.

use super::AppState;
use crate::usecases::{self, reach::AssistedComment, AppError};

/// Checks an assisted comment and stores it through the comment writer (both faces).
pub async fn record_assisted(
    state: &AppState,
    actor: crate::domain::access::Actor,
    consultation_id: String,
    input: AssistedComment,
) -> Result<crate::usecases::comments::Receipt, AppError> {
    let c = state
        .db(move |conn| {
            let c = usecases::consultations::find(conn, &consultation_id)?;
            // Its report counts what came in until it was frozen: a comment typed in later
            // would be missing from it.
            if crate::db::consultation_reports::get(conn, &c.id)?.is_some() {
                return Err(AppError::conflict(
                    "consultation_report_frozen",
                    crate::domain::error::Problem::new("conflicto-consultation-report-frozen"),
                ));
            }
            Ok(c)
        })
        .await?;
    let submission = usecases::reach::assisted_submission(
        &actor.roles,
        &actor.id,
        &c,
        &input,
        (state.settings.tz(), state.clock.now()),
        state.comment_writer.numbers(),
    )?;
    state.comment_writer.submit(submission).await
}

/// A scanned original as a download: its type, file name, hash as ETag, never sniffed, never
/// cached by a shared cache.
pub fn original_response(
    meta: &crate::db::originals::OriginalMeta,
    bytes: Vec<u8>,
) -> actix_web::HttpResponse {
    let disposition = crate::domain::file_name::content_disposition(false, &meta.filename);
    actix_web::HttpResponse::Ok()
        .insert_header(("Content-Type", meta.content_type.clone()))
        .insert_header(("Content-Disposition", disposition))
        .insert_header(("ETag", format!("\"{}\"", meta.sha256)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}
