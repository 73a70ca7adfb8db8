//! Campaigns of near-duplicate comments (issue 36): listing them, moderating and answering a
//! campaign at once, splitting a comment out, and "Me sumo" signatures.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{authenticate, Authed, Moderators};
use super::comments::{campaign_of, comment_view, CommentView, ResponseBody};
use super::pagination::{Page, PageRequest};
use super::procedures::parse_id;
use crate::db::consultations as store;
use crate::domain::access::Act;
use crate::domain::comment::Moderation;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::campaigns::{self as campaigns, EndorsementReceipt, NewEndorsement};
use crate::usecases::{self, AppError};

/// A campaign: comments whose texts are near-duplicates.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CampaignView {
    /// Its id: the id of its first comment.
    pub id: String,
    /// How many comments it holds (for the public: published ones).
    pub size: i64,
    /// `received` while any member awaits moderation, else `published` or `rejected`.
    pub status: String,
    /// Its first comment (for the public: its first published one).
    pub representative: CommentView,
    /// Signatures ("Me sumo") added to its comments.
    pub endorsements: i64,
    /// Staff with `?members=true`: every member's id, in arrival order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
}

/// Listing parameters.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct CampaignQuery {
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Staff: add each campaign's member ids.
    pub members: Option<String>,
}

/// Whether the caller sees every campaign: a Committee member or an auditor. Without a token,
/// the public; a token that is not valid is 401.
async fn staff_view(req: &HttpRequest) -> Result<bool, AppError> {
    if req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .is_none()
    {
        return Ok(false);
    }
    let user = authenticate(req).await?;
    Ok(user.may(Act::Moderate) || user.may(Act::ReadAudit))
}

/// Reads the views of these campaigns in the caller's connection.
fn views(
    conn: &mut crate::db::DbConnection,
    page: &[campaigns::Summary],
    staff: bool,
    members: bool,
) -> Result<Vec<CampaignView>, AppError> {
    let mut out = Vec::with_capacity(page.len());
    for s in page {
        let first = if staff {
            s.id.clone()
        } else {
            s.first_published.clone().unwrap_or_else(|| s.id.clone())
        };
        let c = usecases::comments::find_comment(conn, &first)?;
        let response = store::response(conn, &c.consultation_id, &c.group_key)?.filter(|_| {
            staff || c.status == crate::domain::status::CommentStatus::Published.as_str()
        });
        let ids = if members {
            let all = crate::db::campaign_reads::members(conn, &c.consultation_id, &s.group_key)?;
            Some(all.into_iter().map(|(id, _)| id).collect())
        } else {
            None
        };
        out.push(CampaignView {
            id: s.id.clone(),
            size: s.size,
            status: if staff { s.status() } else { "published" }.to_string(),
            representative: comment_view(c, response.as_ref(), staff, s.id.clone()),
            endorsements: s.endorsements,
            members: ids,
        });
    }
    Ok(out)
}

/// A consultation's campaigns, largest first: the public sees those with published comments,
/// the Committee and auditors every one (`?members=true` adds the member ids).
#[utoipa::path(tag = "consultations", params(("id" = String, Path), CampaignQuery),
    responses((status = 200, body = Page<CampaignView>), (status = 401), (status = 404), (status = 422)))]
#[get("/consultations/{id}/campaigns")]
pub async fn list(
    path: web::Path<String>,
    query: web::Query<CampaignQuery>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<CampaignView>>, AppError> {
    let id = parse_id(&path, "consultation")?;
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let staff = staff_view(&req).await?;
    let members = matches!(query.members.as_deref(), Some("true" | "1" | "si"));
    if members && !staff {
        authenticate(&req).await?;
        return Err(AppError::Forbidden(Act::Moderate.needs()));
    }
    let request = page.clone();
    let (items, more) = state
        .db(move |conn| {
            usecases::consultations::find(conn, &id)?;
            let all = campaigns::summaries(conn, &id, staff)?;
            let rest = campaigns::after(&all, request.after.as_deref());
            let shown = &rest[..rest.len().min(request.limit as usize)];
            let more = rest.len() > shown.len();
            Ok((views(conn, shown, staff, members)?, more))
        })
        .await?;
    let next_cursor = if more {
        items.last().map(|v| {
            use base64::Engine;
            let key = campaigns::cursor_key(&campaigns::Summary {
                size: v.size,
                id: v.id.clone(),
                ..Default::default()
            });
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key)
        })
    } else {
        None
    };
    Ok(web::Json(Page { items, next_cursor }))
}

/// The staff view of the campaign of a comment, after a change.
fn campaign_now(
    conn: &mut crate::db::DbConnection,
    comment_id: &str,
) -> Result<CampaignView, AppError> {
    let c = usecases::comments::find_comment(conn, comment_id)?;
    let all = campaigns::summaries(conn, &c.consultation_id, true)?;
    let s = all
        .into_iter()
        .find(|s| s.group_key == c.group_key)
        .ok_or_else(|| AppError::not_found("inexistente-campana"))?;
    Ok(views(conn, std::slice::from_ref(&s), true, true)?.remove(0))
}

/// Publishes or withholds every comment of a campaign with one decision and reason
/// (Committee); each change is audited.
#[utoipa::path(tag = "consultations", request_body = Moderation, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CampaignView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/campaigns/{id}/moderation")]
pub async fn moderate(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<CampaignView>, AppError> {
    let id = parse_id(&path, "campaign")?;
    let input: Moderation = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let view = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::moderation::moderate_campaign(conn, ctx, &id, &input)?;
            campaign_now(conn, &id)
        })
        .await?;
    Ok(web::Json(view))
}

/// Answers a campaign once (Committee): the answer shows on every member.
#[utoipa::path(tag = "consultations", request_body = ResponseBody, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CampaignView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/campaigns/{id}/response")]
pub async fn respond(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<CampaignView>, AppError> {
    let id = parse_id(&path, "campaign")?;
    let input: ResponseBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let view = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::moderation::find_campaign(conn, &id)?;
            usecases::moderation::respond(
                conn,
                ctx,
                &id,
                &input.body,
                input.outcome.as_deref(),
                &input.changed_articles,
            )?;
            campaign_now(conn, &id)
        })
        .await?;
    Ok(web::Json(view))
}

/// Moves a comment out of its campaign into one of its own (Committee), audited.
#[utoipa::path(tag = "consultations", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CommentView), (status = 401), (status = 403), (status = 404)))]
#[post("/comments/{id}/split")]
pub async fn split(
    who: Authed<Moderators>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<CommentView>, AppError> {
    let id = parse_id(&path, "comment")?;
    let (c, response, campaign) = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            let c = campaigns::split(conn, ctx, &id)?;
            let response = store::response(conn, &c.consultation_id, &c.group_key)?;
            let campaign = campaign_of(conn, &c)?;
            Ok((c, response, campaign))
        })
        .await?;
    Ok(web::Json(comment_view(
        c,
        response.as_ref(),
        true,
        campaign,
    )))
}

/// Adds one's name to a published comment instead of copying it (public, no account).
/// Optional `Idempotency-Key`; the same per-address limits as comments.
#[utoipa::path(tag = "consultations", request_body = NewEndorsement, params(("id" = String, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe submission key")),
    responses((status = 201, body = EndorsementReceipt), (status = 404),
    (status = 409, description = "comment_not_published, consultation_closed, consultation_not_open, already_endorsed"),
    (status = 422), (status = 429)))]
#[post("/comments/{id}/endorsements")]
pub async fn endorse(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_citizen(&req, &state)?;
    let id = parse_id(&path, "comment")?;
    let signer = crate::server::client::endorsement_signer(&req, &state)?;
    let input: NewEndorsement = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let (receipt, _) = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| campaigns::endorse(conn, ctx, &id, &input, &signer),
        )
        .await?;
    Ok(HttpResponse::Created().json(receipt))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(moderate)
        .service(respond)
        .service(split)
        .service(endorse);
}
