//! Transitions, approval requests, history, checklists and workflow definitions.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{AnyStaff, Authed, CommitteeMembers};
use super::json::{read_json, read_json_or_default};
use super::pagination::{Page, PageRequest};
use super::procedures::{parse_id, ProcedureView};
use super::AppState;
use crate::db::lifecycle::{self as store, HistoryRow, RequestRow};
use crate::db::users::UserRow;
use crate::domain::error::FieldError;
use crate::domain::workflow::engine::{self, Available};
use crate::domain::workflow::Workflow;
use crate::domain::Role;
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
fn require_any(user: &UserRow, roles: &[Role]) -> Result<(), AppError> {
    if roles.iter().any(|r| user.has(*r)) {
        Ok(())
    } else {
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        Err(AppError::Forbidden(format!(
            "this needs one of the roles: {}",
            names.join(", ")
        )))
    }
}

fn note(text: Option<String>, required: bool) -> Result<String, AppError> {
    let text = text.unwrap_or_default().trim().to_string();
    if required && text.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "note",
            "a reason is required",
        )]));
    }
    if text.chars().count() > 2_000 {
        return Err(AppError::Validation(vec![FieldError::new(
            "note",
            "must be at most 2,000 characters",
        )]));
    }
    Ok(text)
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
        .audited(who.user.id.clone(), now, move |conn, ctx| {
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

/// Filters of the request listing.
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
            "must be pending, approved, rejected or stale",
        ));
    }
    let procedure_id = match query.procedure_id.as_deref().filter(|s| !s.is_empty()) {
        Some(p) => Some(
            uuid::Uuid::parse_str(p)
                .map_err(|_| AppError::field("procedure_id", "must be a UUID"))?,
        ),
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
                .ok_or_else(|| AppError::NotFound(format!("no transition request with id {id}")))
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
        .audited(who.user.id.clone(), now, move |conn, ctx| {
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
    let row = state
        .audited(who.user.id.clone(), now, move |conn, ctx| {
            usecases::transitions::reject(conn, ctx, &who.user, &id, &note)
        })
        .await?;
    Ok(web::Json(row.into()))
}

/// Body of a checklist change.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistBody {
    /// Done or not.
    pub done: bool,
}

/// One checklist item and its status.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChecklistItemView {
    /// Key.
    pub key: String,
    /// The state whose checklist holds it.
    pub state: String,
    /// Spanish label.
    pub es: String,
    /// English label.
    pub en: String,
    /// Done.
    pub done: bool,
    /// Who changed it last.
    pub updated_by: Option<String>,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub updated_at: Option<chrono::NaiveDateTime>,
}

fn checklist_view(
    wf: &Workflow,
    rows: Vec<crate::db::lifecycle::ChecklistRow>,
) -> Vec<ChecklistItemView> {
    wf.states
        .iter()
        .flat_map(|s| s.checklist.iter().map(move |i| (s, i)))
        .map(|(s, i)| {
            let row = rows.iter().find(|r| r.state == s.key && r.item == i.key);
            ChecklistItemView {
                key: i.key.clone(),
                state: s.key.clone(),
                es: i.es.clone(),
                en: i.en.clone(),
                done: row.is_some_and(|r| r.done),
                updated_by: row.map(|r| r.updated_by.clone()),
                updated_at: row.map(|r| r.updated_at),
            }
        })
        .collect()
}

/// Ticks or unticks a checklist item (committee). Answers the whole checklist.
#[utoipa::path(tag = "workflow", request_body = ChecklistBody,
    params(("id" = String, Path), ("item" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<ChecklistItemView>), (status = 401), (status = 403), (status = 404), (status = 422)
))]
#[put("/procedures/{id}/checklist/{item}")]
pub async fn set_checklist(
    who: Authed<CommitteeMembers>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<ChecklistItemView>>, AppError> {
    let (id, item) = path.into_inner();
    let id = parse_id(&id, "procedure")?;
    let input: ChecklistBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let st = state.clone();
    let view = state
        .audited(who.user.id.clone(), now, move |conn, ctx| {
            let (p, _) = usecases::documents::set_checklist(
                conn,
                ctx,
                &st.workflows,
                &id,
                &item,
                input.done,
            )?;
            let wf = usecases::workflows::workflow_of(&st.workflows, &p)?;
            Ok(checklist_view(&wf, store::checklist(conn, &p.id)?))
        })
        .await?;
    Ok(web::Json(view))
}

/// The checklists of a procedure (public).
#[utoipa::path(tag = "workflow", params(("id" = String, Path)), responses(
    (status = 200, body = Vec<ChecklistItemView>), (status = 404)
))]
#[get("/procedures/{id}/checklist")]
pub async fn get_checklist(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<ChecklistItemView>>, AppError> {
    let id = parse_id(&path, "procedure")?;
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let (p, wf) = usecases::workflows::load(conn, &st.workflows, &id)?;
            Ok(checklist_view(&wf, store::checklist(conn, &p.id)?))
        })
        .await?;
    Ok(web::Json(view))
}

/// Every loaded workflow (public).
#[utoipa::path(tag = "workflow", responses((status = 200, body = Vec<Workflow>)))]
#[get("/workflows")]
pub async fn list_workflows(state: web::Data<AppState>) -> web::Json<Vec<Workflow>> {
    web::Json(
        state
            .workflows
            .all()
            .iter()
            .map(|w| (**w).clone())
            .collect(),
    )
}

/// One workflow (public).
#[utoipa::path(tag = "workflow", params(("key" = String, Path)), responses(
    (status = 200, body = Workflow), (status = 404)
))]
#[get("/workflows/{key}")]
pub async fn get_workflow(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Workflow>, AppError> {
    let wf = state
        .workflows
        .get(&path)
        .ok_or_else(|| AppError::NotFound(format!("no workflow `{path}`")))?;
    Ok(web::Json((*wf).clone()))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(propose)
        .service(available)
        .service(history)
        .service(list_requests)
        .service(get_request)
        .service(approve)
        .service(reject)
        .service(set_checklist)
        .service(get_checklist)
        .service(list_workflows)
        .service(get_workflow);
}
