//! `/gestion/importar` (committee): the inventory from a spreadsheet, checked first (every
//! fault listed) and applied only when asked; the template and the export to download.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{failure, render, session_with, Nav};
use crate::domain::access::can;
use crate::domain::access::Act;
use crate::server::AppState;
use crate::usecases::import::ImportReport;
use crate::usecases::{self, AppError};
use crate::web::staff::Staff;

/// The page, before and after a file.
#[derive(Template)]
#[template(path = "gestion_importar.html")]
pub struct ImportPage {
    /// Header.
    pub nav: Nav,
    /// The last file's report.
    pub report: Option<ImportReport>,
    /// The faults, as sentences.
    pub faults: Vec<String>,
}

/// `GET /gestion/importar`.
pub async fn ask(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    match session_with(&req, &state, Act::Simplify).await {
        Ok(s) => render(
            StatusCode::OK,
            &ImportPage {
                nav: Nav::of(&s, "tablero", &req),
                report: None,
                faults: Vec::new(),
            },
        ),
        Err(res) => res,
    }
}

/// `POST /gestion/importar` (multipart: `csrf`, `file`, `aplicar` = `si` to apply).
pub async fn send(
    staff: Staff<can::Simplify>,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    // The form's CSRF token comes before its file and is checked before the file is read.
    let limit = state.settings.document_limit_bytes;
    let received =
        match crate::server::uploads::receive_after_csrf(&req, payload, limit, &s.csrf).await {
            Ok(r) => r,
            Err(AppError::Forbidden(_)) => {
                return super::check_csrf(&s, "").unwrap_or_else(crate::web::errors::not_found)
            }
            Err(e) => return failure(&state, &e, "/gestion/importar"),
        };
    let commit = received.texts.get("aplicar").is_some_and(|v| v == "si");
    let Some(bytes) = received.file_bytes() else {
        return failure(
            &state,
            &AppError::field("file", "campo-elija-archivo"),
            "/gestion/importar",
        );
    };
    let sheet = match state.read_sheet(bytes).await {
        Ok(sheet) => sheet,
        Err(e) => return failure(&state, &e, "/gestion/importar"),
    };
    let registry = state.workflows.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::import::import(conn, ctx, &registry, sheet, commit, |_, _| {})
        })
        .await;
    match result {
        Ok(report) => {
            let status = if report.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let faults = report
                .errors
                .iter()
                .map(crate::words::import_fault)
                .collect();
            render(
                status,
                &ImportPage {
                    nav: Nav::of(&s, "tablero", &req),
                    report: Some(report),
                    faults,
                },
            )
        }
        Err(e) => failure(&state, &e, "/gestion/importar"),
    }
}
