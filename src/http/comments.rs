//! Citizens' comments: sending, listing, tracking, moderating and answering them.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{authenticate, Authed, Moderators};
use super::pagination::{Page, PageRequest};
use super::procedures::parse_id;
use crate::db::consultations::{self as store, ResponseRow};
use crate::domain::comment::{Moderation, NewComment};
use crate::domain::public;
use crate::domain::status::CommentStatus;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::comments::Receipt;
use crate::usecases::{self, AppError};

pub use super::comment_views::*;

/// Sends a comment (public, no account). Optional `Idempotency-Key` header: a repeat returns
/// the first answer and stores nothing. Per-address limits answer 429 with `Retry-After`; a
/// full write queue answers 503 `overloaded` with `Retry-After` at once (nothing stored).
#[utoipa::path(tag = "consultations", request_body = NewComment, params(("id" = String, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe submission key")),
    responses((status = 201, body = Receipt), (status = 404),
    (status = 409, description = "consultation_not_open, consultation_closed"), (status = 422), (status = 429),
    (status = 503, description = "overloaded: more comments than the writer can take now; nothing stored, \
     try again after Retry-After seconds")))]
#[post("/consultations/{id}/comments")]
pub async fn comment(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_citizen(&req, &state)?;
    let id = parse_id(&path, "consultation")?;
    let key = crate::server::client::idempotency_key(&req, &state)?;
    let input: NewComment = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let comment = crate::domain::comment::check(&input)?;
    let submission = usecases::comments::Submission::new(
        state.clock.now(),
        state.comment_writer.numbers(),
        id,
        comment,
        key,
    );
    let receipt = state.comment_writer.submit(submission).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/comments/by-tracking/{}", receipt.tracking_code),
        ))
        .json(receipt))
}

/// Comment listing parameters.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct CommentQuery {
    /// Staff only: `received`, `published` or `rejected`.
    pub status: Option<String>,
    /// Only the comments on this article of the draft (`7`, `7 bis`).
    pub article: Option<String>,
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Published comments with their answers, and withheld ones without text (public). Staff may
/// ask for `?status=received|published|rejected`.
#[utoipa::path(tag = "consultations", params(("id" = String, Path), CommentQuery),
    responses((status = 200, body = Page<CommentView>), (status = 401), (status = 404), (status = 422)))]
#[get("/consultations/{id}/comments")]
pub async fn comments(
    path: web::Path<String>,
    query: web::Query<CommentQuery>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<CommentView>>, AppError> {
    let id = parse_id(&path, "consultation")?;
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let statuses: Vec<&'static str> = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => vec![
            CommentStatus::Published.as_str(),
            CommentStatus::Rejected.as_str(),
        ],
        Some(s) => {
            // Staff only: the status filter shows texts awaiting or refused moderation.
            authenticate(&req).await?;
            match CommentStatus::parse(s) {
                Some(status) => vec![status.as_str()],
                None => {
                    return Err(AppError::field(
                        "status",
                        "campo-debe-ser-received-published-rejected",
                    ))
                }
            }
        }
    };
    let staff = query.status.as_deref().is_some_and(|s| !s.is_empty());
    let request = page.clone();
    let article = query
        .article
        .as_deref()
        .map(crate::domain::draft::normalize_number)
        .filter(|a| !a.is_empty());
    let (rows, responses, (campaigns, origins)) = state
        .db(move |conn| {
            let c = usecases::consultations::find(conn, &id)?;
            if let Some(a) = article.as_deref() {
                if crate::domain::draft::Draft::of_stored(&c.proposal_text)
                    .article(a)
                    .is_none()
                {
                    return Err(usecases::comments::unknown_article(a));
                }
            }
            let rows = store::comments_on(
                conn,
                &id,
                article.as_deref(),
                &statuses,
                request.after.as_deref(),
                request.fetch(),
            )?;
            let keys: Vec<&str> = rows.iter().map(|r| r.group_key.as_str()).collect();
            let campaigns = crate::db::campaign_reads::campaign_ids(conn, &id, &keys)?;
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let origins = crate::db::reach::origins_of(conn, &ids)?;
            Ok((rows, store::responses(conn, &id)?, (campaigns, origins)))
        })
        .await?;
    let by_group: std::collections::HashMap<&str, &ResponseRow> = responses
        .iter()
        .map(|r| (r.group_key.as_str(), r))
        .collect();
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |c| c.id.clone(),
        |c| {
            let response = by_group
                .get(c.group_key.as_str())
                .copied()
                .filter(|_| c.status == CommentStatus::Published.as_str() || staff);
            let campaign = campaigns.get(&c.group_key).cloned().unwrap_or_default();
            let origin = origins.get(&c.id);
            comment_view(c, response, staff, campaign).with_origin(origin)
        },
    )))
}

/// A citizen's view of their own comment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TrackingView {
    /// The code.
    pub tracking_code: String,
    /// The consultation.
    pub consultation_id: String,
    /// `received`, `published` or `withheld`.
    pub status: String,
    /// When it was received.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub received_at: chrono::NaiveDateTime,
    /// Why it was withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_reason: Option<String>,
    /// The committee's answer, once given (to a published comment).
    pub response: Option<ResponseView>,
    /// `web`, or the channel the Committee typed it in from (`paper`, `phone`…).
    pub channel: String,
    /// The language it was written in (ISO 639-3).
    pub language: String,
    /// The day an office received it (`YYYY-MM-DD`), for a comment typed in by the Committee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_on: Option<String>,
}

/// The status of one's own comment (public).
#[utoipa::path(tag = "consultations", params(("code" = String, Path)), responses((status = 200, body = TrackingView), (status = 404),
    (status = 429, description = "too many look-ups from this address; see Retry-After")))]
#[get("/comments/by-tracking/{code}")]
pub async fn by_tracking(
    path: web::Path<String>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<TrackingView>, AppError> {
    crate::server::client::limit_lookup(&req, &state)?;
    let typed = crate::domain::tracking::normalise(&path);
    let unknown = move || {
        AppError::NotFound(
            crate::domain::error::Problem::new("inexistente-codigo-comentario")
                .with("codigo", typed.as_str()),
        )
    };
    let code = crate::domain::tracking::TrackingCode::parse(&path)
        .filter(|c| c.kind == crate::domain::tracking::CodeKind::Comment)
        .ok_or_else(unknown.clone())?
        .text;
    let (c, (response, origin)) = state
        .db(move |conn| {
            let c = store::by_tracking(conn, &code)?.ok_or_else(unknown)?;
            let response = store::response(conn, &c.consultation_id, &c.group_key)?;
            let origin = crate::db::reach::origin(conn, &c.id)?;
            Ok((c, (response, origin)))
        })
        .await?;
    let shown = public::shown(
        public::Stored {
            status: &c.status,
            author_name: None,
        },
        false,
    );
    let withheld = shown.withheld;
    Ok(web::Json(TrackingView {
        tracking_code: c.tracking_code,
        consultation_id: c.consultation_id,
        status: shown.status.into(),
        received_at: c.received_at,
        withheld_reason: if withheld { c.reject_reason } else { None },
        response: response
            .filter(|_| shown.answer)
            .as_ref()
            .map(response_view),
        channel: origin
            .as_ref()
            .map_or_else(|| "web".to_string(), |o| o.channel.clone()),
        language: origin
            .as_ref()
            .map_or_else(|| "spa".to_string(), |o| o.language.clone()),
        received_on: origin.and_then(|o| o.received_on).map(|d| d.to_string()),
    }))
}

/// Publishes or withholds a comment (committee). A rejection needs a reason from the list.
#[utoipa::path(tag = "consultations", request_body = Moderation, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CommentView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/comments/{id}/moderation")]
pub async fn moderate(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<CommentView>, AppError> {
    let id = parse_id(&path, "comment")?;
    let input: Moderation = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let (c, campaign) = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let c = usecases::moderation::moderate(conn, ctx, &id, &input)?;
            let campaign = campaign_of(conn, &c)?;
            Ok((c, campaign))
        })
        .await?;
    Ok(web::Json(comment_view(c, None, true, campaign)))
}

/// Body of an answer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// The answer, 1–10,000 characters; it answers every identical comment too.
    pub body: String,
    /// `accepted`, `partially_accepted`, `not_accepted` or `not_applicable`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The articles of the consulted draft the comment led to change (`["2", "7 bis"]`); an
    /// article the draft does not have is 422.
    #[serde(default)]
    pub changed_articles: Vec<String>,
}

/// Answers a comment (committee), and every identical comment with it.
#[utoipa::path(tag = "consultations", request_body = ResponseBody, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CommentView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/comments/{id}/response")]
pub async fn respond(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<CommentView>, AppError> {
    let id = parse_id(&path, "comment")?;
    let input: ResponseBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let (c, r, campaign) = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let (c, r) = usecases::moderation::respond(
                conn,
                ctx,
                &id,
                &input.body,
                input.outcome.as_deref(),
                &input.changed_articles,
            )?;
            let campaign = campaign_of(conn, &c)?;
            Ok((c, r, campaign))
        })
        .await?;
    Ok(web::Json(comment_view(c, Some(&r), true, campaign)))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(comment)
        .service(comments)
        .service(by_tracking)
        .service(moderate)
        .service(respond);
}
