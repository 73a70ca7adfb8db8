//! General feedback (programme, line 20): sending it (public), listing the published ones,
//! following one by its code, and moderating and answering them (committee).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::auth::{authenticate, Authed, Moderators};
use super::comments::{CommentQuery, ResponseBody, ResponseView};
use super::pagination::{Page, PageRequest};
use super::procedures::parse_id;
use crate::db::feedback::{self as store, FeedbackRow};
use crate::domain::comment::Moderation;
use crate::domain::feedback::NewFeedback;
use crate::domain::public;
use crate::domain::status::CommentStatus;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::comments::Receipt;
use crate::usecases::{self, AppError};

/// Sends general feedback (public, no account); the same limits and `Idempotency-Key` as
/// comments. It waits for moderation before anyone sees it.
#[utoipa::path(tag = "consultations", request_body = NewFeedback,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe submission key")),
    responses((status = 201, body = Receipt), (status = 422), (status = 429)))]
#[post("/feedback")]
pub async fn send(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_citizen(&req, &state)?;
    let key = crate::server::client::idempotency_key(&req, &state)?;
    let input: NewFeedback = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let checked = crate::domain::feedback::check(&input)?;
    let receipt = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| usecases::feedback::submit(conn, ctx, &checked, key),
        )
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/feedback/by-tracking/{}", receipt.tracking_code),
        ))
        .json(receipt))
}

/// An opinion as shown: never an e-mail; withheld ones without text, with date and reason.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackView {
    /// Id.
    pub id: String,
    /// Code to follow it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_code: Option<String>,
    /// `services`, `open_data`, `labour_needs` or `other`.
    pub topic: String,
    /// `published`, `withheld` (public view of `rejected`), or for staff `received`/`rejected`.
    pub status: String,
    /// Name, or "Anónimo".
    pub author_name: String,
    /// The text (absent when withheld, for the public).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// When it was received.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub received_at: chrono::NaiveDateTime,
    /// Why it was withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_reason: Option<String>,
    /// The Committee's answer (to a published opinion, or any for staff).
    pub response: Option<ResponseView>,
}

fn view(f: FeedbackRow, staff: bool) -> FeedbackView {
    let shown = public::shown(
        public::Stored {
            status: &f.status,
            author_name: f.author_name.as_deref(),
        },
        staff,
    );
    let withheld = shown.withheld;
    FeedbackView {
        tracking_code: staff.then(|| f.tracking_code.clone()),
        topic: f.topic,
        status: if staff {
            f.status.clone()
        } else {
            shown.status.into()
        },
        author_name: shown.author,
        body: shown.words.then_some(f.body),
        received_at: f.received_at,
        withheld_reason: if withheld { f.reject_reason } else { None },
        response: match (f.response, f.responded_at) {
            (Some(body), Some(responded_at)) if shown.answer => Some(ResponseView {
                body,
                responded_at,
                outcome: None,
                changed_articles: Vec::new(),
            }),
            _ => None,
        },
        id: f.id,
    }
}

/// Published feedback with its answers, and withheld ones without text (public). Staff may ask
/// for `?status=received|published|rejected`.
#[utoipa::path(tag = "consultations", params(CommentQuery),
    responses((status = 200, body = Page<FeedbackView>), (status = 401), (status = 422)))]
#[get("/feedback")]
pub async fn list(
    query: web::Query<CommentQuery>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<FeedbackView>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let staff = query.status.as_deref().is_some_and(|s| !s.is_empty());
    let statuses: Vec<&'static str> = if staff {
        authenticate(&req).await?;
        match query.status.as_deref().and_then(CommentStatus::parse) {
            Some(s) => vec![s.as_str()],
            None => {
                return Err(AppError::field(
                    "status",
                    "campo-debe-ser-received-published-rejected",
                ))
            }
        }
    } else {
        vec![
            CommentStatus::Published.as_str(),
            CommentStatus::Rejected.as_str(),
        ]
    };
    let request = page.clone();
    let rows = state
        .db(move |conn| {
            Ok(store::page(
                conn,
                &statuses,
                request.after.as_deref(),
                request.fetch(),
            )?)
        })
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |f| f.id.clone(),
        |f| view(f, staff),
    )))
}

/// The state of one's own opinion (public).
#[utoipa::path(tag = "consultations", params(("code" = String, Path)),
    responses((status = 200, body = FeedbackView), (status = 404),
        (status = 429, description = "too many look-ups from this address; see Retry-After")))]
#[get("/feedback/by-tracking/{code}")]
pub async fn by_tracking(
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<FeedbackView>, AppError> {
    crate::server::client::limit_lookup(&req, &state)?;
    let typed = crate::domain::tracking::normalise(&path);
    let unknown = move || {
        AppError::NotFound(
            crate::domain::error::Problem::new("inexistente-codigo-opinion")
                .with("codigo", typed.as_str()),
        )
    };
    let code = crate::domain::tracking::TrackingCode::parse(&path)
        .filter(|c| c.kind == crate::domain::tracking::CodeKind::Opinion)
        .ok_or_else(unknown.clone())?
        .text;
    let f = state
        .db(move |conn| store::by_code(conn, &code)?.ok_or_else(unknown))
        .await?;
    Ok(web::Json(view(f, false)))
}

/// Publishes or withholds an opinion (committee), with the comments' reasons.
#[utoipa::path(tag = "consultations", request_body = Moderation, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = FeedbackView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/feedback/{id}/moderation")]
pub async fn moderate(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<FeedbackView>, AppError> {
    let id = parse_id(&path, "feedback")?;
    let input: Moderation = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let f = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::feedback::moderate(conn, ctx, &id, &input)
        })
        .await?;
    Ok(web::Json(view(f, true)))
}

/// Answers an opinion (committee).
#[utoipa::path(tag = "consultations", request_body = ResponseBody, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = FeedbackView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/feedback/{id}/response")]
pub async fn respond(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<FeedbackView>, AppError> {
    let id = parse_id(&path, "feedback")?;
    let input: ResponseBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let f = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::feedback::respond(conn, ctx, &id, &input.body)
        })
        .await?;
    Ok(web::Json(view(f, true)))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(send)
        .service(list)
        .service(by_tracking)
        .service(moderate)
        .service(respond);
}
