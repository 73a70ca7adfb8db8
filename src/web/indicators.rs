//! The programme's indicators against their targets, with charts drawn on the server (SVG).

use actix_web::{web, HttpResponse};
use askama::Template;

use super::format;
use crate::http::AppState;

/// One bar of a chart.
pub struct Bar {
    /// What it measures.
    pub label: String,
    /// Today's share, percent.
    pub percent: f64,
    /// Width of the bar in the chart's units (0–300).
    pub width: f64,
    /// Where the target line stands (0–300).
    pub target_x: f64,
    /// The target, percent, and its year.
    pub target: String,
    /// Whether it is met.
    pub met: bool,
    /// Digital out of total.
    pub detail: String,
}

/// The indicators page.
#[derive(Template)]
#[template(path = "indicadores.html")]
pub struct IndicatorsPage {
    /// One bar per target.
    pub bars: Vec<Bar>,
    /// Procedures per stage: (label, count).
    pub stages: Vec<(String, i64)>,
    /// Past their stage's time limit.
    pub overdue: i64,
}

/// `GET /indicadores`.
pub async fn show(state: web::Data<AppState>) -> HttpResponse {
    let now = state.clock.now();
    let st = state.clone();
    let found = super::db(&state, move |conn| {
        crate::usecases::indicators::indicators(conn, &st.workflows, now)
    })
    .await;
    let ind = match found {
        Ok(ind) => ind,
        Err(page) => return page,
    };
    let bars = ind
        .targets
        .iter()
        .map(|t| {
            let share = match t.category {
                crate::domain::Category::Priority => &ind.priority,
                crate::domain::Category::General => &ind.general,
            };
            Bar {
                label: format!(
                    "Servicios de categoría «{}» en línea",
                    format::category(t.category).to_lowercase()
                ),
                percent: share.percent,
                width: share.percent.clamp(0.0, 100.0) * 3.0,
                target_x: t.percent.clamp(0.0, 100.0) * 3.0,
                target: format!("meta {} %, {}", t.percent, t.year),
                met: t.met,
                detail: format!("{} de {}", share.digital, share.total),
            }
        })
        .collect();
    let wf = state.workflows.get(crate::domain::workflow::DEFAULT_KEY);
    let stages = ind
        .by_state
        .iter()
        .map(|(key, n)| {
            let label = wf
                .as_ref()
                .and_then(|w| w.state(key).map(|s| s.label.es.clone()))
                .unwrap_or_else(|| key.clone());
            (label, *n)
        })
        .collect();
    super::ok(&IndicatorsPage {
        bars,
        stages,
        overdue: ind.overdue,
    })
}
