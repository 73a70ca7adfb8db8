//! The programme's indicators against their targets, with charts drawn on the server (SVG).

use crate::i18n::t;
use crate::tr;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::format;
use crate::server::AppState;

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
    /// The recorded series, drawn (None until two days are recorded).
    pub chart: Option<SeriesChart>,
    /// Transactions done online, per category: words, percent, detail.
    pub by_use: Vec<(String, String, String)>,
    /// The last recorded days, newest first: day, priority %, general %, overdue.
    pub recent: Vec<(String, String, String, i64)>,
}

/// The series as a line chart in a 320 × 170 view box (plot area x 30–310, y 10–150).
pub struct SeriesChart {
    /// Polyline points of the priority share.
    pub priority: String,
    /// Polyline points of the general share.
    pub general: String,
    /// First and last day, in words.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Days recorded.
    pub days: usize,
}

fn chart(points: &[crate::usecases::reports::SeriesPoint]) -> Option<SeriesChart> {
    let (first, last) = (points.first()?, points.last()?);
    let span = (last.day - first.day).num_days();
    if span < 1 {
        return None;
    }
    let line = |pick: fn(&crate::usecases::reports::SeriesPoint) -> f64| {
        points
            .iter()
            .map(|p| {
                let x = 30.0 + (p.day - first.day).num_days() as f64 / span as f64 * 280.0;
                let y = 150.0 - pick(p).clamp(0.0, 100.0) * 1.4;
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some(SeriesChart {
        priority: line(|p| p.priority_percent),
        general: line(|p| p.general_percent),
        from: format::day(&first.day),
        to: format::day(&last.day),
        days: points.len(),
    })
}

/// `GET /indicadores`.
pub async fn show(state: web::Data<AppState>) -> HttpResponse {
    let now = state.clock.now();
    let st = state.clone();
    let found = super::db(&state, move |conn| {
        Ok((
            crate::usecases::indicators::indicators(conn, &st.workflows, now)?,
            crate::usecases::reports::series_points(conn)?,
        ))
    })
    .await;
    let (ind, points) = match found {
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
                // A category may have a target for several years: the year tells them apart.
                label: tr!(
                    "pagina-servicios-categoria-linea",
                    v1 = (format::category(t.category).to_lowercase()).to_string(),
                    anio = t.year.to_string()
                ),
                percent: share.percent,
                width: share.percent.clamp(0.0, 100.0) * 3.0,
                target_x: t.percent.clamp(0.0, 100.0) * 3.0,
                target: tr!(
                    "pagina-meta",
                    v1 = (t.percent).to_string(),
                    v2 = (t.year).to_string()
                ),
                met: t.met,
                detail: tr!(
                    "indicadores-de-total",
                    n = share.digital.to_string(),
                    total = share.total.to_string()
                ),
            }
        })
        .collect();
    let wf = state.workflows.get(crate::domain::workflow::DEFAULT_KEY);
    // In the cycle's order (the workflow's), not the keys' alphabetical one; states of other
    // workflows follow.
    let order: Vec<String> = wf
        .as_ref()
        .map(|w| w.states.iter().map(|s| s.key.clone()).collect())
        .unwrap_or_default();
    let mut by_state: Vec<_> = ind.by_state.iter().collect();
    by_state.sort_by_key(|(key, _)| order.iter().position(|k| k == *key).unwrap_or(usize::MAX));
    let stages = by_state
        .into_iter()
        .map(|(key, n)| {
            let label = wf
                .as_ref()
                .and_then(|w| {
                    w.state(key)
                        .map(|s| s.label.text(super::language::english()).to_string())
                })
                .unwrap_or_else(|| key.clone());
            (label, *n)
        })
        .collect();
    let recent = points
        .iter()
        .rev()
        .take(10)
        .map(|p| {
            (
                format::day(&p.day),
                format::figure(p.priority_percent),
                format::figure(p.general_percent),
                p.overdue,
            )
        })
        .collect();
    super::ok(&IndicatorsPage {
        bars,
        stages,
        overdue: ind.overdue,
        chart: chart(&points),
        by_use: ind
            .by_use
            .iter()
            .map(|u| {
                (
                    tr!(
                        "pagina-servicios",
                        v1 = (crate::format::category_words(u.category.as_str())).to_string()
                    ),
                    format::figure(u.percent),
                    match (&u.from, &u.to) {
                        (Some(f), Some(t)) => tr!(
                            "pagina-tramites-realizados",
                            v1 = (format::figure(u.online as f64)).to_string(),
                            v2 = (format::figure(u.total as f64)).to_string(),
                            f = f.to_string(),
                            t = t.to_string()
                        ),
                        _ => t("pagina-sin-datos-uso-todavia"),
                    },
                )
            })
            .collect(),
        recent,
    })
}
