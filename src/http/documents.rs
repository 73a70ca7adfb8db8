//! Documents attached to procedures (pilot report, usage report, …), stored in the database
//! so every instance serves them.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use super::auth::{AnyStaff, Authed, CommitteeMembers};
use super::procedures::parse_id;
use crate::db::lifecycle::{self as store, DocumentMeta};
use crate::server::uploads::{checked, file_response, receive};
use crate::server::AppState;
use crate::usecases::documents::Upload;
use crate::usecases::{self, AppError};

/// Attaches a document (committee; multipart fields `kind` and `file`). At most
/// `document_limit_bytes` (default 20 MiB); larger answers 413.
#[utoipa::path(tag = "documents", params(("id" = String, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "fields `kind` (e.g. pilot_report) and `file`"),
    responses((status = 201, body = DocumentMeta), (status = 401), (status = 403), (status = 404),
        (status = 413), (status = 422)))]
#[post("/procedures/{id}/documents")]
pub async fn upload(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "procedure")?;
    let received = receive(&req, payload, state.settings.document_limit_bytes).await?;
    let (kind, filename, content_type, bytes) = checked(received)?;
    let now = state.clock.now();
    let doc = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let upload = Upload {
                kind: &kind,
                filename: &filename,
                content_type,
                bytes: &bytes,
            };
            usecases::documents::attach(conn, ctx, &id, &upload)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/documents/{}", doc.id)))
        .json(doc))
}

/// The documents of a procedure (staff).
#[utoipa::path(tag = "documents", params(("id" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<DocumentMeta>), (status = 401), (status = 404)
))]
#[get("/procedures/{id}/documents")]
pub async fn list(
    _who: Authed<AnyStaff>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<DocumentMeta>>, AppError> {
    let id = parse_id(&path, "procedure")?;
    let docs = state
        .db(move |conn| {
            usecases::procedures::find_procedure(conn, &id)?;
            Ok(store::documents_of(conn, &id)?)
        })
        .await?;
    Ok(web::Json(docs))
}

/// The file itself (staff), with its content type and SHA-256 as ETag.
#[utoipa::path(tag = "documents", params(("id" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, description = "The file"), (status = 401), (status = 404)
))]
#[get("/documents/{id}")]
pub async fn download(
    _who: Authed<AnyStaff>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "document")?;
    let (meta, bytes) = state
        .db(move |conn| {
            store::document(conn, &id)?.ok_or_else(|| AppError::not_found("inexistente-documento"))
        })
        .await?;
    Ok(file_response(&meta, bytes))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(upload).service(list).service(download);
}
