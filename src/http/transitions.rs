//! Proposing transitions, what may be proposed now, and a procedure's history.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{AnyStaff, Authed};
use super::procedures::parse_id;
use super::requests::RequestView;
use crate::db::lifecycle::{self as store, HistoryRow};
use crate::db::users::UserRow;
use crate::domain::check_note;
use crate::domain::workflow::engine::{self, Available};
use crate::domain::Role;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::procedure_view::ProcedureView;
use crate::usecases::transitions::Proposed;
use crate::usecases::{self, AppError};

/// Body of a proposal.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeBody {
    /// Transition key, e.g. `start_analysis`.
    pub transition: String,
    /// Why (up to 2,000 characters).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HistoryView {
    /// Transition key.
    pub transition: String,
    /// From.
    pub from: String,
    /// To.
    pub to: String,
    /// Who proposed it (user id).
    pub requested_by: String,
    /// Who approved it (user id; null when applied at once).
    pub approved_by: Option<String>,
    /// When it was applied.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: chrono::NaiveDateTime,
    /// The proposer's note.
    pub note: String,
}

impl From<HistoryRow> for HistoryView {
    fn from(h: HistoryRow) -> Self {
        HistoryView {
            transition: h.transition,
            from: h.from_state,
            to: h.to_state,
            requested_by: h.requested_by,
            approved_by: h.approved_by,
            at: h.at,
            note: h.note,
        }
    }
}

/// Refuses, before any body is read, a caller holding none of `roles`.
pub(crate) fn require_any(user: &UserRow, roles: &[Role]) -> Result<(), AppError> {
    if roles.iter().any(|r| user.has(*r)) {
        Ok(())
    } else {
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        Err(AppError::Forbidden(
            crate::domain::error::Problem::new("detalle-necesita-rol")
                .with("roles", names.join(", ")),
        ))
    }
}

/// The note of a proposal or decision, checked by the core's rule.
pub(crate) fn note(text: Option<String>, required: bool) -> Result<String, AppError> {
    check_note(text.as_deref().unwrap_or_default(), required)
        .map_err(|e| AppError::Validation(vec![e]))
}

/// Proposes a transition (roles as the workflow says). 200 with the procedure when applied at
/// once; 202 with the request when it needs approval.
#[utoipa::path(tag = "workflow", request_body = ProposeBody, params(("id" = String, Path)),
    security(("bearer" = [])), responses(
    (status = 200, body = ProcedureView), (status = 202, body = RequestView), (status = 401), (status = 403),
    (status = 404), (status = 409, description = "invalid_transition, guard_failed, request_pending"), (status = 422)
))]
#[post("/procedures/{id}/transitions")]
pub async fn propose(
    who: Authed<AnyStaff>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    require_any(&who.user, &state.workflows.proposing_roles())?;
    let id = parse_id(&path, "procedure")?;
    let input: ProposeBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let note = note(input.note, false)?;
    let now = state.clock.now();
    let st = state.clone();
    let result = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            usecases::transitions::propose(
                conn,
                ctx,
                &st.workflows,
                &who.user,
                &id,
                &input.transition,
                &note,
            )
        })
        .await?;
    Ok(match result {
        Proposed::Applied(p) => HttpResponse::Ok()
            .insert_header(("ETag", format!("\"{}\"", p.version)))
            .json(ProcedureView::new(p, &state.rates())),
        Proposed::Requested(r) => HttpResponse::Accepted()
            .insert_header(("Location", format!("/api/v1/transition-requests/{}", r.id)))
            .json(RequestView::from(r)),
    })
}

/// The transitions from the current state, whether the caller may propose each, and each
/// guard's status (staff).
#[utoipa::path(tag = "workflow", params(("id" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<Available>), (status = 401), (status = 404)
))]
#[get("/procedures/{id}/transitions/available")]
pub async fn available(
    who: Authed<AnyStaff>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Available>>, AppError> {
    let id = parse_id(&path, "procedure")?;
    let st = state.clone();
    let now = state.clock.now();
    let list = state
        .db(move |conn| {
            let (p, wf) = usecases::workflows::load(conn, &st.workflows, &id)?;
            let facts = usecases::facts::facts(conn, &p, now)?;
            Ok(engine::available(
                &wf,
                &p.state,
                &who.user.role_list(),
                &facts,
            ))
        })
        .await?;
    Ok(web::Json(list))
}

/// The applied transitions of a procedure, oldest first (public).
#[utoipa::path(tag = "workflow", params(("id" = String, Path)), responses(
    (status = 200, body = Vec<HistoryView>), (status = 404)
))]
#[get("/procedures/{id}/history")]
pub async fn history(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<HistoryView>>, AppError> {
    let id = parse_id(&path, "procedure")?;
    let rows = state
        .db(move |conn| {
            usecases::procedures::find_procedure(conn, &id)?;
            Ok(store::history(conn, &id)?)
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(HistoryView::from).collect()))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(propose).service(available).service(history);
}
