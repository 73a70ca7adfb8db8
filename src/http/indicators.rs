//! `GET /api/v1/indicators`: the programme's digitalisation indicators.

use actix_web::{get, web};

use crate::domain::indicators::Indicators;
use crate::server::AppState;
use crate::usecases::AppError;

/// Digitalisation indicators (public).
#[utoipa::path(tag = "procedures", responses((status = 200, body = Indicators)))]
#[get("/indicators")]
pub async fn indicators(state: web::Data<AppState>) -> Result<web::Json<Indicators>, AppError> {
    let now = state.clock.now();
    let st = state.clone();
    let indicators = state
        .db(move |conn| crate::usecases::indicators::indicators(conn, &st.workflows, now))
        .await?;
    Ok(web::Json(indicators))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(indicators);
}
