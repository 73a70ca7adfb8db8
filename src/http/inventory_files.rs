//! The inventory in and out of spreadsheets: import (dry run unless `?commit=true`), the
//! template to fill in, and the export with the same columns.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{Authed, CommitteeMembers};
use crate::server::AppState;
use crate::usecases::import::ImportReport;
use crate::usecases::{self, AppError};

/// `?commit=true` applies the file.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// `true` to apply; otherwise a dry run.
    pub commit: Option<String>,
}

/// Imports procedures from a CSV or XLSX file (committee; multipart field `file`). 200 with
/// what was (or would be) created, updated and left unchanged; any fault → 422 with the same
/// body, every fault listed, nothing written.
#[utoipa::path(tag = "procedures", params(ImportQuery), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`: CSV (UTF-8), XLSX or ODS"),
    responses((status = 200, body = ImportReport), (status = 401), (status = 403), (status = 413),
        (status = 422, body = ImportReport)))]
#[post("/procedures/import")]
pub async fn import(
    who: Authed<CommitteeMembers>,
    query: web::Query<ImportQuery>,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let commit = match query.commit.as_deref() {
        None | Some("false") | Some("") => false,
        Some("true") => true,
        Some(_) => return Err(AppError::field("commit", "campo-debe-ser-true-false")),
    };
    let bytes = read_file(&req, payload, &state).await?;
    let sheet = state.read_sheet(bytes).await?;
    let registry = state.workflows.clone();
    let report = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::import::import(conn, ctx, &registry, sheet, commit, |_, _| {})
        })
        .await?;
    Ok(answer(report))
}

/// The file part of an upload (the documents' limit applies: 413 beyond it).
pub async fn read_file(
    req: &HttpRequest,
    payload: web::Payload,
    state: &AppState,
) -> Result<Vec<u8>, AppError> {
    let received =
        crate::server::uploads::receive(req, payload, state.settings.document_limit_bytes).await?;
    received
        .file_bytes()
        .ok_or_else(|| AppError::field("file", "campo-envie-archivo-campo-file"))
}

/// 200 with the report; with faults, 422 as a problem (`code` `import_invalid`) that carries
/// the same report fields, so clients read `errors` either way.
fn answer(report: ImportReport) -> HttpResponse {
    if report.errors.is_empty() {
        return HttpResponse::Ok().json(report);
    }
    let mut body = serde_json::to_value(&report).unwrap_or_default();
    let detail = crate::tr!("importar-errores-nada-escrito", n = report.errors.len());
    if let Some(map) = body.as_object_mut() {
        map.insert(
            "type".into(),
            "https://tramites.example/problems/import_invalid".into(),
        );
        map.insert("title".into(), "The file has faults".into());
        map.insert("status".into(), 422.into());
        map.insert("code".into(), "import_invalid".into());
        map.insert("detail".into(), detail.into());
    }
    HttpResponse::UnprocessableEntity()
        .content_type("application/problem+json")
        .json(body)
}

fn download(bytes: Vec<u8>, content_type: &str, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_string()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            crate::domain::file_name::content_disposition(false, filename),
        ))
        .body(bytes)
}

/// The XLSX content type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The template to fill in: headers, an example row, drop-down lists (public).
#[utoipa::path(tag = "procedures", responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/procedures/import/template")]
pub async fn template() -> Result<HttpResponse, AppError> {
    let bytes = crate::sheets::template().map_err(AppError::Internal)?;
    Ok(download(bytes, XLSX, "plantilla-tramites.xlsx"))
}

/// `?format=csv|xlsx`.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

/// The whole catalogue with the import's columns, so export → edit → import round-trips (public).
#[utoipa::path(tag = "procedures", params(ExportQuery), responses((status = 200), (status = 422)))]
#[get("/procedures/export")]
pub async fn export(
    query: web::Query<ExportQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let xlsx = match query.format.as_deref() {
        None | Some("csv") | Some("") => false,
        Some("xlsx") => true,
        Some(_) => return Err(AppError::field("format", "campo-debe-ser-csv-xlsx")),
    };
    let fields: Vec<_> = state
        .db(|conn| Ok(crate::db::procedures::all_by_code(conn)?))
        .await?
        .iter()
        .map(|p| p.fields())
        .collect();
    Ok(if xlsx {
        let bytes = crate::sheets::xlsx_of(&fields).map_err(AppError::Internal)?;
        download(bytes, XLSX, "tramites.xlsx")
    } else {
        let bytes =
            crate::sheets::csv_of(&fields).map_err(|e| AppError::Internal(e.to_string()))?;
        download(bytes, "text/csv; charset=utf-8", "tramites.csv")
    })
}

/// Registers the routes (before `/procedures/{id}`).
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(import).service(template).service(export);
}
