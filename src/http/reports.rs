//! `GET /api/v1/reports/{period}` (the accountability report as JSON: the page's figures,
//! the stored bytes once frozen), and the indicators' daily series:
//! `GET /api/v1/indicators/series`, `POST /api/v1/indicators/snapshots` (committee: measure
//! today now, replacing today's earlier measurement).

use actix_web::{get, post, web, HttpResponse};

use super::auth::{Authed, CommitteeMembers};
#[allow(unused_imports)] // named by the OpenAPI attribute
use crate::domain::report::AccountabilityReport;
use crate::domain::report::Period;
use crate::server::AppState;
use crate::usecases::reports::{self, ReportSettings, SeriesPoint};
use crate::usecases::AppError;

/// The accountability report of a four-month period, `YYYY-N` with N = 1, 2 or 3 (public).
/// Frozen once the period has ended: the same bytes every time, their SHA-256 in the audit
/// chain (`report.frozen`).
#[utoipa::path(tag = "procedures", params(("period" = String, Path, description = "e.g. 2026-3")),
    responses((status = 200, body = AccountabilityReport), (status = 404)))]
#[get("/reports/{period}")]
pub async fn report(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(period) = Period::parse(path.trim()) else {
        return Err(AppError::not_found("inexistente-periodo"));
    };
    let now = state.clock.now();
    let st = state.clone();
    let doc = state
        .audited(
            crate::domain::access::Actor::system(),
            now,
            move |conn, ctx| {
                let settings = ReportSettings {
                    registry: &st.workflows,
                    rates: st.rates(),
                    tz: st.settings.tz(),
                };
                reports::report(conn, ctx, settings, period)
            },
        )
        .await?;
    let mut res = HttpResponse::Ok();
    res.content_type("application/json");
    if let Some(hash) = &doc.sha256 {
        res.insert_header(("ETag", format!("\"{hash}\"")));
    }
    Ok(res.body(doc.json))
}

/// The indicators as recorded each day, oldest first (public).
#[utoipa::path(tag = "procedures", responses((status = 200, body = Vec<SeriesPoint>)))]
#[get("/indicators/series")]
pub async fn series(state: web::Data<AppState>) -> Result<web::Json<Vec<SeriesPoint>>, AppError> {
    Ok(web::Json(state.db(reports::series_points).await?))
}

/// Measures the indicators now and records them as today's (committee).
#[utoipa::path(tag = "procedures", security(("bearer" = [])),
    responses((status = 201, body = SeriesPoint), (status = 401), (status = 403)))]
#[post("/indicators/snapshots")]
pub async fn snapshot(
    who: Authed<CommitteeMembers>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let st = state.clone();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            reports::record_indicators(conn, ctx, &st.workflows, st.settings.tz(), false)
        })
        .await?
        .ok_or_else(|| AppError::Internal("no measurement".into()))?;
    Ok(HttpResponse::Created().json(SeriesPoint::from(&row)))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(report).service(series).service(snapshot);
}
