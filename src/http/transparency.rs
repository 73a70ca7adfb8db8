//! The transparency log's API (issue 38): the public key, the published tree heads, their
//! RFC 3161 stamps, inclusion and consistency proofs, and citizens' receipts. All public
//! except publishing a head now (auditor or admin).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::Authed;
use super::pagination::{Page, PageRequest};
use crate::audit::{ConsistencyProof, InclusionProof, Receipt, TreeHead};
use crate::domain::access::can::PublishTreeHead;
use crate::server::AppState;
use crate::usecases::transparency::{self as log, PublishedHead};
use crate::usecases::AppError;

/// The audit key's public half.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PublicKey {
    /// Ed25519, hex.
    pub public_key: String,
    /// `ed25519`.
    pub algorithm: String,
}

/// `GET /transparency/public-key`.
#[utoipa::path(tag = "transparency", responses((status = 200, body = PublicKey)))]
#[get("/transparency/public-key")]
pub async fn public_key(state: web::Data<AppState>) -> web::Json<PublicKey> {
    web::Json(PublicKey {
        public_key: state.audit_keys.public_key_hex(),
        algorithm: "ed25519".into(),
    })
}

/// `?limit=&cursor=`.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct HeadsQuery {
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Every published tree head, newest first.
#[utoipa::path(tag = "transparency", params(HeadsQuery), responses(
    (status = 200, body = Page<PublishedHead>), (status = 422)
))]
#[get("/transparency/tree-heads")]
pub async fn tree_heads(
    query: web::Query<HeadsQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<PublishedHead>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let before = match &page.after {
        Some(key) => Some(
            key.parse::<i64>()
                .map_err(|_| AppError::field("cursor", "campo-no-cursor-esta-lista"))?,
        ),
        None => None,
    };
    let fetch = page.fetch();
    let rows = state
        .db(move |conn| Ok(log::heads(conn, before, fetch)?))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |h| h.head.tree_size.to_string(),
        |h| h,
    )))
}

/// The latest tree head (404 while none).
#[utoipa::path(tag = "transparency", responses((status = 200, body = PublishedHead), (status = 404)))]
#[get("/transparency/tree-heads/latest")]
pub async fn latest(state: web::Data<AppState>) -> Result<web::Json<PublishedHead>, AppError> {
    Ok(web::Json(state.db(log::latest).await?))
}

/// Publishes a tree head now if the log grew (auditor or admin): 201 with it, or 200 with
/// the latest when the log did not grow.
#[utoipa::path(tag = "transparency", security(("bearer" = [])), responses(
    (status = 201, body = TreeHead), (status = 200, body = PublishedHead), (status = 401), (status = 403)
))]
#[post("/transparency/tree-heads")]
pub async fn publish(
    _who: Authed<PublishTreeHead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (keys, now) = (state.audit_keys.clone(), state.clock.now());
    let made = state
        .db(move |conn| Ok(log::publish_now(conn, &keys, now)?))
        .await?;
    match made {
        Some(head) => Ok(HttpResponse::Created().json(head)),
        None => Ok(HttpResponse::Ok().json(state.db(log::latest).await?)),
    }
}

/// A tree head's RFC 3161 time-stamp reply (`application/timestamp-reply`), 404 while none.
#[utoipa::path(tag = "transparency", params(("tree_size" = i64, Path)), responses(
    (status = 200, content_type = "application/timestamp-reply", body = Vec<u8>), (status = 404)
))]
#[get("/transparency/tree-heads/{tree_size}/timestamp")]
pub async fn timestamp(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let size = path
        .parse::<i64>()
        .map_err(|_| AppError::not_found("inexistente-encabezado"))?;
    let reply = state.db(move |conn| log::stamp(conn, size)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/timestamp-reply")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"tree-head-{size}.tsr\""),
        ))
        .body(reply))
}

/// A whole number from the query, or 422 naming the field.
fn number(field: &str, value: &Option<String>) -> Result<i64, AppError> {
    match value.as_deref().map(str::parse::<i64>) {
        Some(Ok(n)) if n >= 1 => Ok(n),
        _ => Err(AppError::field(
            field,
            "campo-debe-ser-numero-entero-positivo",
        )),
    }
}

/// `?seq=&tree_size=`.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct InclusionQuery {
    /// The entry.
    pub seq: Option<String>,
    /// A published tree size.
    pub tree_size: Option<String>,
}

/// The audit path of an entry to a published head (RFC 9162 §2.1.3).
#[utoipa::path(tag = "transparency", params(InclusionQuery), responses(
    (status = 200, body = InclusionProof), (status = 404), (status = 422)
))]
#[get("/transparency/proof/inclusion")]
pub async fn inclusion(
    query: web::Query<InclusionQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<InclusionProof>, AppError> {
    let seq = number("seq", &query.seq)?;
    let size = number("tree_size", &query.tree_size)?;
    Ok(web::Json(
        state
            .db(move |conn| log::inclusion(conn, seq, size))
            .await?,
    ))
}

/// `?first=&second=`.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ConsistencyQuery {
    /// A published tree size.
    pub first: Option<String>,
    /// A larger (or equal) published tree size.
    pub second: Option<String>,
}

/// The consistency proof between two published heads (RFC 9162 §2.1.4).
#[utoipa::path(tag = "transparency", params(ConsistencyQuery), responses(
    (status = 200, body = ConsistencyProof), (status = 404), (status = 422)
))]
#[get("/transparency/proof/consistency")]
pub async fn consistency(
    query: web::Query<ConsistencyQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<ConsistencyProof>, AppError> {
    let first = number("first", &query.first)?;
    let second = number("second", &query.second)?;
    Ok(web::Json(
        state
            .db(move |conn| log::consistency(conn, first, second))
            .await?,
    ))
}

/// A comment's receipt: its entry, the first published head that includes it, and the
/// audit path; no name, e-mail or address (404 `receipt_not_ready` until a head covers it).
#[utoipa::path(tag = "transparency", params(("code" = String, Path)), responses(
    (status = 200, body = Receipt), (status = 404), (status = 429)
))]
#[get("/comments/by-tracking/{code}/receipt")]
pub async fn comment_receipt(
    path: web::Path<String>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    receipt(path.into_inner(), req, state).await
}

/// An opinion's receipt (as a comment's).
#[utoipa::path(tag = "transparency", params(("code" = String, Path)), responses(
    (status = 200, body = Receipt), (status = 404), (status = 429)
))]
#[get("/feedback/by-tracking/{code}/receipt")]
pub async fn feedback_receipt(
    path: web::Path<String>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    receipt(path.into_inner(), req, state).await
}

async fn receipt(
    code: String,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_lookup(&req, &state)?;
    let keys = state.audit_keys.clone();
    let typed = crate::domain::tracking::normalise(&code);
    let receipt = state
        .db(move |conn| log::receipt_by_code(conn, &keys, &typed))
        .await?;
    Ok(crate::server::receipt_download(&receipt))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(public_key)
        .service(tree_heads)
        .service(latest)
        .service(publish)
        .service(timestamp)
        .service(inclusion)
        .service(consistency)
        .service(comment_receipt)
        .service(feedback_receipt);
}
