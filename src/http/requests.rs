//! Transition requests waiting for, or decided by, an approver.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{AnyStaff, Authed};
use super::pagination::{Page, PageRequest};
use super::procedures::parse_id;
use super::transitions::{note, require_any};
use crate::db::lifecycle::{self as store, RequestRow};
use crate::domain::Role;
use crate::server::json::read_json_or_default;
use crate::server::AppState;
use crate::usecases::procedure_view::ProcedureView;
use crate::usecases::{self, AppError};

/// Body of an approval or rejection.
#[derive(Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// Why (required to reject; up to 2,000 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// A transition request.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RequestView {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Transition key.
    pub transition: String,
    /// State when requested.
    pub from: String,
    /// State it leads to.
    pub to: String,
    /// `pending`, `approved`, `rejected` or `stale` (the procedure moved before a decision).
    pub status: String,
    /// Requester (user id).
    pub requested_by: String,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub requested_at: chrono::NaiveDateTime,
    /// Requester's note.
    pub note: String,
    /// Who decided (user id).
    pub decided_by: Option<String>,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<chrono::NaiveDateTime>,
    /// The decider's note.
    pub decision_note: Option<String>,
    /// Roles that may approve it.
    pub approve_roles: Vec<Role>,
}

impl From<RequestRow> for RequestView {
    fn from(r: RequestRow) -> Self {
        let approve_roles =
            serde_json::from_str::<crate::domain::workflow::model::Transition>(&r.rule)
                .map(|t| t.approve)
                .unwrap_or_default();
        RequestView {
            id: r.id,
            procedure_id: r.procedure_id,
            transition: r.transition,
            from: r.from_state,
            to: r.to_state,
            status: r.status,
            requested_by: r.requested_by,
            requested_at: r.requested_at,
            note: r.note,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
            decision_note: r.decision_note,
            approve_roles,
        }
    }
}

/// One applied transition.

#[derive(Deserialize, utoipa::IntoParams)]
pub struct RequestQuery {
    /// `pending`, `approved`, `rejected` or `stale`.
    pub status: Option<String>,
    /// Only this procedure's requests.
    pub procedure_id: Option<String>,
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Lists transition requests, oldest first (staff).
#[utoipa::path(tag = "workflow", params(RequestQuery), security(("bearer" = [])), responses(
    (status = 200, body = Page<RequestView>), (status = 401), (status = 422)
))]
#[get("/transition-requests")]
pub async fn list_requests(
    _who: Authed<AnyStaff>,
    query: web::Query<RequestQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<RequestView>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let status = query.status.clone().filter(|s| !s.is_empty());
    if status
        .as_deref()
        .is_some_and(|s| !["pending", "approved", "rejected", "stale"].contains(&s))
    {
        return Err(AppError::field(
            "status",
            "campo-debe-ser-pending-approved-rejected",
        ));
    }
    let procedure_id =
        match query.procedure_id.as_deref().filter(|s| !s.is_empty()) {
            Some(p) => Some(uuid::Uuid::parse_str(p).map_err(|_| {
                AppError::field("procedure_id", "campo-debe-ser-identificador-uuid")
            })?),
            None => None,
        }
        .map(|u| u.to_string());
    let request = page.clone();
    let rows = state
        .db(move |conn| {
            Ok(store::requests_page(
                conn,
                status.as_deref(),
                procedure_id.as_deref(),
                request.after.as_deref(),
                request.fetch(),
            )?)
        })
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |r| r.id.clone(),
        RequestView::from,
    )))
}

/// One transition request (staff).
#[utoipa::path(tag = "workflow", params(("id" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = RequestView), (status = 401), (status = 404)
))]
#[get("/transition-requests/{id}")]
pub async fn get_request(
    _who: Authed<AnyStaff>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<RequestView>, AppError> {
    let id = parse_id(&path, "transition request")?;
    let row = state
        .db(move |conn| {
            store::find_request(conn, &id)?
                .ok_or_else(|| AppError::not_found("inexistente-solicitud"))
        })
        .await?;
    Ok(web::Json(row.into()))
}

/// Approves a pending request: a holder of an approving role who is not the requester.
/// Guards are checked again; the transition is applied and the procedure returned.
#[utoipa::path(tag = "workflow", request_body = DecisionBody, params(("id" = String, Path)),
    security(("bearer" = [])), responses(
    (status = 200, body = ProcedureView), (status = 401), (status = 403, description = "forbidden, same_person"),
    (status = 404), (status = 409, description = "guard_failed, stale_request")
))]
#[post("/transition-requests/{id}/approve")]
pub async fn approve(
    who: Authed<AnyStaff>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    require_any(&who.user, &state.workflows.approving_roles())?;
    let id = parse_id(&path, "transition request")?;
    let input: DecisionBody =
        read_json_or_default(&req, body, state.settings.json_limit_bytes).await?;
    let note = note(input.note, false)?;
    let now = state.clock.now();
    let st = state.clone();
    let p = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            usecases::transitions::approve(conn, ctx, &st.workflows, &who.user, &id, &note)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("ETag", format!("\"{}\"", p.version)))
        .json(ProcedureView::new(p, &state.rates())))
}

/// Rejects a pending request; a note is required.
#[utoipa::path(tag = "workflow", request_body = DecisionBody, params(("id" = String, Path)),
    security(("bearer" = [])), responses(
    (status = 200, body = RequestView), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)
))]
#[post("/transition-requests/{id}/reject")]
pub async fn reject(
    who: Authed<AnyStaff>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<RequestView>, AppError> {
    require_any(&who.user, &state.workflows.approving_roles())?;
    let id = parse_id(&path, "transition request")?;
    let input: DecisionBody =
        read_json_or_default(&req, body, state.settings.json_limit_bytes).await?;
    let note = note(input.note, true)?;
    let now = state.clock.now();
    let st = state.clone();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            usecases::transitions::reject(conn, ctx, &st.workflows, &who.user, &id, &note)
        })
        .await?;
    Ok(web::Json(row.into()))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_requests)
        .service(get_request)
        .service(approve)
        .service(reject);
}
