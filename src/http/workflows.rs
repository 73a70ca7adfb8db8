//! The workflow definitions the service runs.

use actix_web::{get, web};

use crate::domain::workflow::Workflow;
use crate::server::AppState;
use crate::usecases::AppError;

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
    let wf = state.workflows.get(&path).ok_or_else(|| {
        AppError::NotFound(
            crate::domain::error::Problem::new("inexistente-flujo").with("clave", path.as_str()),
        )
    })?;
    Ok(web::Json((*wf).clone()))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_workflows).service(get_workflow);
}
