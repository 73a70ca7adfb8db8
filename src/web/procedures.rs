//! The catalogue of procedures and one procedure's page.

use crate::i18n::t;
use crate::tr;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::errors;
use crate::db::procedures::{self as store, Filter};
use crate::db::{consultations, lifecycle};
use crate::domain::procedure::{fold, CostRates};
use crate::domain::Category;
use crate::format;
use crate::server::AppState;
use crate::usecases::AppError;

/// Procedures per catalogue page.
const PAGE: i64 = 25;

/// A procedure in the catalogue.
pub struct Row {
    /// Its page.
    pub href: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Stage, in Spanish.
    pub stage: String,
    /// Channel, in Spanish.
    pub channel: String,
    /// For a launched procedure: its transactions done online and its survey's satisfaction.
    pub evaluation: Option<String>,
}

/// A choice of a filter.
pub struct Choice {
    /// Value sent.
    pub value: String,
    /// Words shown.
    pub label: String,
    /// True when chosen.
    pub selected: bool,
}

/// The catalogue.
#[derive(Template)]
#[template(path = "tramites.html")]
pub struct CataloguePage {
    /// Words searched.
    pub q: String,
    /// Stage choices.
    pub stages: Vec<Choice>,
    /// Category choices.
    pub categories: Vec<Choice>,
    /// This page's procedures.
    pub rows: Vec<Row>,
    /// The next page's address.
    pub next_page: Option<String>,
}

/// `?q=&estado=&categoria=&desde=`.
#[derive(Deserialize)]
pub struct CatalogueQuery {
    q: Option<String>,
    estado: Option<String>,
    categoria: Option<String>,
    desde: Option<String>,
}

/// The Spanish label of a state of the default workflow.
fn stage_label(state: &AppState, key: &str) -> String {
    state.workflows.state_label(key)
}

/// `GET /tramites`.
pub async fn catalogue(
    query: web::Query<CatalogueQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let query = query.into_inner();
    let q: String = query.q.unwrap_or_default().chars().take(200).collect();
    let wf = state.workflows.get(crate::domain::workflow::DEFAULT_KEY);
    let estado = query
        .estado
        .filter(|e| wf.as_ref().is_some_and(|w| w.state(e).is_some()));
    let categoria = query.categoria.as_deref().and_then(Category::parse);
    let filter = Filter {
        state: estado.clone(),
        category: categoria,
        words: fold(&q)
            .split_whitespace()
            .take(10)
            .map(str::to_string)
            .collect(),
        ..Default::default()
    };
    let after = query.desde.filter(|d| uuid::Uuid::parse_str(d).is_ok());
    let registry = state.workflows.clone();
    let rows = super::db(&state, move |conn| {
        let rows = store::page(conn, &filter, after.as_deref(), PAGE + 1)?;
        let launched: Vec<String> = rows
            .iter()
            .filter(|r| crate::usecases::evaluation::surveyed(&registry, r))
            .map(|r| r.id.clone())
            .collect();
        let figures = crate::usecases::evaluation::catalogue_figures(conn, &launched)?;
        Ok((rows, figures))
    })
    .await;
    let (rows, figures) = match rows {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1).map(|r| {
                let mut url = form_urlencoded::Serializer::new(String::new());
                url.append_pair("q", &q);
                if let Some(e) = &estado {
                    url.append_pair("estado", e);
                }
                if let Some(c) = categoria {
                    url.append_pair("categoria", c.as_str());
                }
                url.append_pair("desde", &r.id);
                format!("/tramites?{}", url.finish())
            })
        })
        .flatten();
    let stages = wf
        .map(|w| {
            w.states
                .iter()
                .map(|s| Choice {
                    value: s.key.clone(),
                    label: s.label.es.clone(),
                    selected: estado.as_deref() == Some(s.key.as_str()),
                })
                .collect()
        })
        .unwrap_or_default();
    let categories = Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().into(),
            label: format::category(*c),
            selected: categoria == Some(*c),
        })
        .collect();
    let rows = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| {
            let f = r.fields();
            let evaluation = figures.get(&r.id).map(|(share, satisfaction)| {
                let used = share.map_or(t("pagina-sin-datos-uso"), |s| {
                    tr!(
                        "pagina-tramites-linea",
                        v1 = (format::figure(s)).to_string()
                    )
                });
                let rated = satisfaction.map_or(t("pagina-sin-respuestas-encuesta"), |(avg, n)| {
                    tr!(
                        "pagina-satisfaccion-5-respuestas",
                        v1 = (format::figure(avg)).to_string(),
                        n = n.to_string()
                    )
                });
                format!("{used} · {rated}")
            });
            Row {
                evaluation,
                href: format!("/tramites/{}", f.code),
                code: f.code,
                name: f.name,
                stage: stage_label(&state, &r.state),
                channel: format::channel(f.channel),
            }
        })
        .collect();
    super::ok(&CataloguePage {
        q,
        stages,
        categories,
        rows,
        next_page,
    })
}

/// A requirement as shown.
pub struct Requirement {
    /// What is asked.
    pub name: String,
    /// True when the State already holds it.
    pub held_by_state: bool,
}

/// A step of the cycle: (label, `hecho`/`actual`/``).
pub struct Step {
    /// Label.
    pub label: String,
    /// CSS class: done, current or nothing.
    pub class: &'static str,
}

/// One procedure.
#[derive(Template)]
#[template(path = "tramite.html")]
pub struct ProcedurePage {
    /// Launched: it has a survey and a usage report.
    pub surveyed: bool,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Unit in charge.
    pub unit: String,
    /// Legal basis.
    pub legal_basis: String,
    /// For whom.
    pub audience: String,
    /// Category.
    pub category: String,
    /// Channel.
    pub channel: String,
    /// Requirements.
    pub requirements: Vec<Requirement>,
    /// How many of them the State already holds.
    pub removable: usize,
    /// Fee.
    pub fee: String,
    /// Days to resolve.
    pub days: i32,
    /// Steps.
    pub steps: i32,
    /// Visits.
    pub visits: i32,
    /// Yearly volume.
    pub volume: String,
    /// Yearly hours of citizens' time.
    pub annual_hours: String,
    /// Yearly cost to citizens.
    pub annual_cost: String,
    /// The saving since the baseline, in words: (hours, quetzales, requirements removed,
    /// of which the State held, visits removed, days saved).
    pub savings: Option<(String, String, usize, usize, i32, i32)>,
    /// The current stage.
    pub stage: String,
    /// The cycle.
    pub cycle: Vec<Step>,
    /// History: (date, from, to).
    pub history: Vec<(String, String, String)>,
    /// Consultations: (address, title, when).
    pub consultations: Vec<(String, String, String)>,
}

/// `GET /tramites/{code}`.
pub async fn show(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let code = path.into_inner();
    if code.len() > 32 {
        return errors::not_found();
    }
    let tz = state.settings.tz();
    let now = state.clock.now();
    let found = state
        .db(move |conn| {
            let Some(p) = store::find_by_code(conn, &code)? else {
                return Ok(None);
            };
            let history = lifecycle::history(conn, &p.id)?;
            let consultations = consultations::of_procedure(conn, &p.id)?;
            Ok::<_, AppError>(Some((p, history, consultations)))
        })
        .await;
    let (p, history, consultations) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return errors::not_found(),
        Err(e) => return errors::from_error(&e),
    };
    let f = p.fields();
    let rates = CostRates {
        hourly_value_gtq: state.settings.hourly_value_gtq,
        visit_cost_gtq: state.settings.visit_cost_gtq,
    };
    let burden = f.burden(&rates);
    let savings = p.baseline_fields().map(|b| {
        let s = crate::domain::savings::savings(&b, &f, &rates);
        (
            format::number(s.annual_hours),
            format::quetzales(s.annual_cost_gtq),
            s.requirements_removed,
            s.held_by_state_removed,
            s.visits_removed,
            s.days_saved,
        )
    });
    let wf = state.workflows.version(&p.workflow, p.workflow_version);
    let states: Vec<_> = wf
        .map(|w| {
            w.states
                .iter()
                .filter(|s| !s.tags.contains(&crate::domain::workflow::Tag::Hidden))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let current = states.iter().position(|s| s.key == p.state);
    let cycle = states
        .iter()
        .enumerate()
        .map(|(i, s)| Step {
            label: s.label.es.clone(),
            class: match current {
                Some(c) if i < c => "hecho",
                Some(c) if i == c => "actual",
                _ => "",
            },
        })
        .collect();
    let label = |key: &str| stage_label(&state, key);
    super::ok(&ProcedurePage {
        surveyed: crate::usecases::evaluation::surveyed(&state.workflows, &p),
        removable: f.requirements.iter().filter(|r| r.held_by_state).count(),
        requirements: f
            .requirements
            .iter()
            .map(|r| Requirement {
                name: r.name.clone(),
                held_by_state: r.held_by_state,
            })
            .collect(),
        stage: label(&p.state),
        history: history
            .iter()
            .map(|h| {
                (
                    format::date(&h.at, tz),
                    label(&h.from_state),
                    label(&h.to_state),
                )
            })
            .collect(),
        consultations: consultations
            .iter()
            .map(|c| {
                let i = super::consultations::item(c, tz, now);
                (i.href, i.title, i.when)
            })
            .collect(),
        code: f.code,
        name: f.name,
        description: f.description,
        unit: f.responsible_unit,
        legal_basis: f.legal_basis,
        audience: format::audience(f.audience),
        category: format::category(f.category),
        channel: format::channel(f.channel),
        fee: format::quetzales(f.fee_gtq),
        days: f.resolution_days,
        steps: f.steps,
        visits: f.in_person_visits,
        volume: format::number(f.annual_volume as f64),
        savings,
        annual_hours: format::number(burden.annual_hours),
        annual_cost: format::quetzales(burden.annual_cost_gtq),
        cycle,
    })
}
