//! A procedure's checklists (the launch activities).

use actix_web::{get, put, web, HttpRequest};
use serde::{Deserialize, Serialize};

use super::auth::{Authed, CommitteeMembers};
use super::procedures::parse_id;
use crate::db::lifecycle as store;
use crate::domain::workflow::Workflow;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::{self, AppError};

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
        .audited(who.user.actor(), now, move |conn, ctx| {
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

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(set_checklist).service(get_checklist);
}
