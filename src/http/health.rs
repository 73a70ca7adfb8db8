//! Liveness and readiness.

use actix_web::{get, web, HttpResponse};

use crate::server::AppState;
use crate::usecases::AppError;

/// 200 while the process runs.
#[utoipa::path(tag = "health", responses((status = 200, description = "The process runs")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    alive()
}

fn alive() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// 200 only when the database answers. The body also tells how many comments the writer
/// holds: `{"status": "ready", "comments": {"queued", "storing", "capacity"}}`; when `queued`
/// reaches `capacity`, new comments get 503 `overloaded` until it drains.
#[utoipa::path(tag = "health", responses(
    (status = 200, description = "The database answers; `comments` tells how many comments wait \
        for the writer (`queued`), are being stored (`storing`), and how many may wait (`capacity`)"),
    (status = 503, description = "The database does not answer", body = crate::server::problem::Problem)
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    ready(state).await
}

async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .db(|conn| {
            crate::db::ping(conn)
                .map_err(|e| AppError::Unavailable(format!("the database does not answer: {e}")))
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "status": "ready",
        "comments": state.comment_writer.load(),
    })))
}

/// Registers the routes; `HEAD` answers as `GET` does, without the body (load balancers).
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(healthz)
        .service(readyz)
        .route("/healthz", web::head().to(alive_head))
        .route("/readyz", web::head().to(ready));
}

async fn alive_head() -> HttpResponse {
    alive()
}
