//! The scanned original of a comment received on paper, in the workspace (issue 37): attached
//! from its printable receipt, downloaded by staff only.

use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::Staff;
use super::{failure, see_other, session_with};
use crate::domain::access::{can, Act};
use crate::server::AppState;
use crate::usecases;
use crate::web::errors;

/// `POST /gestion/comprobantes/{code}/original` (Committee; multipart: `csrf` first, `file`).
pub async fn attach(
    staff: Staff<can::Moderate>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let code = path.into_inner().trim().to_uppercase();
    let back = format!("/gestion/comprobantes/{code}");
    let received =
        match super::procedure_actions::receive_file(&req, payload, &s, &state, &back).await {
            Ok(r) => r,
            Err(res) => return res,
        };
    let (name, kind, bytes) = match crate::server::uploads::checked_scan(received) {
        Ok(x) => x,
        Err(e) => return failure(&state, &e, &back),
    };
    let wanted = code.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            let c = crate::db::consultations::by_tracking(conn, &wanted)?
                .ok_or_else(|| usecases::AppError::not_found("inexistente-comentario"))?;
            usecases::originals::attach(conn, ctx, &c.id, (&name, kind, &bytes))
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=original")),
        Err(e) => failure(&state, &e, &back),
    }
}

/// `GET /gestion/comentarios/{id}/original`: the file, for the Committee and directors.
pub async fn download(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    if let Err(res) = session_with(&req, &state, Act::FollowConsultations).await {
        return res;
    }
    let Some(id) = uuid::Uuid::parse_str(path.trim())
        .ok()
        .map(|u| u.to_string())
    else {
        return errors::not_found();
    };
    match state
        .db(move |conn| usecases::originals::file(conn, &id))
        .await
    {
        Ok((meta, bytes)) => crate::server::reach::original_response(&meta, bytes),
        Err(e) => errors::from_error(&e),
    }
}
