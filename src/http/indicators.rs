//! `GET /api/v1/indicators`: the programme's digitalisation indicators.

use std::collections::BTreeMap;

use actix_web::{get, web};
use serde::Serialize;

use super::AppState;
use crate::db::procedures;
use crate::error::ApiError;

/// Digital share of one category.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Share {
    /// Procedures counted (eliminated ones are no longer services and are left out).
    pub total: i64,
    /// Of those, procedures whose channel is `online`.
    pub digital: i64,
    /// `digital / total × 100`, one decimal; 0 when there are none.
    pub percent: f64,
}

/// A target of the Programa de Gobierno Electrónico 2021-2026.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Target {
    /// Year by which it is due.
    pub year: i32,
    /// `priority` or `general`.
    pub category: &'static str,
    /// Share of services to be digital, percent.
    pub percent: f64,
    /// Share today.
    pub current_percent: f64,
    /// True when the share today reaches the target.
    pub met: bool,
}

/// The indicators.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Indicators {
    /// Priority services.
    pub priority: Share,
    /// General services.
    pub general: Share,
    /// The programme's targets.
    pub targets: Vec<Target>,
    /// Procedures per state.
    pub by_state: BTreeMap<String, i64>,
    /// Procedures past their stage's time limit.
    pub overdue: i64,
}

/// The programme's targets: 2024 → 100 % of priority and 50 % of general services digital;
/// 2026 → 100 % of general services digital.
const TARGETS: &[(i32, &str, f64)] = &[
    (2024, "priority", 100.0),
    (2024, "general", 50.0),
    (2026, "general", 100.0),
];

/// States that are no longer services and so do not count in the shares.
const NOT_A_SERVICE: &[&str] = &["eliminated"];

/// Digitalisation indicators (public).
#[utoipa::path(tag = "procedures", responses((status = 200, body = Indicators)))]
#[get("/indicators")]
pub async fn indicators(state: web::Data<AppState>) -> Result<web::Json<Indicators>, ApiError> {
    let now = state.clock.now().naive_utc();
    let (counts, overdue) = state
        .db(move |conn| {
            Ok((
                procedures::counts(conn)?,
                procedures::overdue_count(conn, now)?,
            ))
        })
        .await?;
    let mut by_state: BTreeMap<String, i64> = state
        .workflows
        .all()
        .iter()
        .flat_map(|w| w.states.iter().map(|s| (s.key.clone(), 0)))
        .collect();
    let (mut priority, mut general) = (Share::default(), Share::default());
    for (category, channel, st, n) in counts {
        *by_state.entry(st.clone()).or_insert(0) += n;
        if NOT_A_SERVICE.contains(&st.as_str()) {
            continue;
        }
        let share = if category == "priority" {
            &mut priority
        } else {
            &mut general
        };
        share.total += n;
        if channel == "online" {
            share.digital += n;
        }
    }
    for share in [&mut priority, &mut general] {
        share.percent = if share.total == 0 {
            0.0
        } else {
            (share.digital as f64 * 1000.0 / share.total as f64).round() / 10.0
        };
    }
    let targets = TARGETS
        .iter()
        .map(|&(year, category, percent)| {
            let current = if category == "priority" {
                priority.percent
            } else {
                general.percent
            };
            Target {
                year,
                category,
                percent,
                current_percent: current,
                met: current >= percent,
            }
        })
        .collect();
    Ok(web::Json(Indicators {
        priority,
        general,
        targets,
        by_state,
        overdue,
    }))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(indicators);
}
