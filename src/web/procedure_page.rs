//! `GET /tramites/{code}`: one procedure as a citizen needs it. The page leads with how to do
//! it today (online, at which office and when, by phone or WhatsApp, what to bring and what it
//! costs), then what the Ministry is changing: the requirements removed, the savings when there
//! are some, the cycle stage, the consultations and the history.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::errors;
use crate::db::procedures as store;
use crate::db::{consultations, lifecycle};
use crate::domain::how_to::Access;
use crate::domain::procedure::CostRates;
use crate::format;
use crate::server::AppState;
use crate::usecases::AppError;

/// A requirement as shown: what to bring today, and whether the State already holds it.
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

/// What the simplification has saved, in words, shown only when something was saved.
pub struct Saved {
    /// Hours a year.
    pub hours: String,
    /// Quetzales a year.
    pub money: String,
    /// Requirements removed.
    pub removed: usize,
    /// Of which the State held.
    pub held: usize,
    /// Visits removed.
    pub visits: i32,
    /// Days saved.
    pub days: i32,
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
    /// Channel.
    pub channel: String,
    /// Where, when and how.
    pub access: Access,
    /// Offices, one a line.
    pub offices: Vec<String>,
    /// The WhatsApp link.
    pub whatsapp_link: Option<String>,
    /// The phone as a `tel:` link.
    pub phone_link: Option<String>,
    /// What to bring today.
    pub requirements: Vec<Requirement>,
    /// Requirements asked before the simplification and no longer.
    pub removed: Vec<String>,
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
    /// True when the yearly burden is known (a volume and some time or cost).
    pub has_burden: bool,
    /// The saving since the baseline, when there is one.
    pub savings: Option<Saved>,
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
    let base = p.baseline_fields();
    let savings = base.as_ref().and_then(|b| {
        let s = crate::domain::savings::savings(b, &f, &rates);
        let any = s.annual_hours > 0.0
            || s.annual_cost_gtq > 0.0
            || s.requirements_removed > 0
            || s.visits_removed > 0
            || s.days_saved > 0;
        any.then(|| Saved {
            hours: format::number(s.annual_hours),
            money: format::quetzales(s.annual_cost_gtq),
            removed: s.requirements_removed,
            held: s.held_by_state_removed,
            visits: s.visits_removed,
            days: s.days_saved,
        })
    });
    let removed = base
        .map(|b| {
            b.requirements
                .into_iter()
                .filter(|r| !f.requirements.iter().any(|n| n.name == r.name))
                .map(|r| r.name)
                .collect()
        })
        .unwrap_or_default();
    let cycle = cycle(&state, &p);
    let label = |key: &str| super::procedures::stage_label(&state, key);
    let phone_link = f.access.phone.as_ref().map(|n| {
        let digits: String = n
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    });
    super::ok(&ProcedurePage {
        surveyed: crate::usecases::evaluation::surveyed(&state.workflows, &p),
        requirements: f
            .requirements
            .iter()
            .map(|r| Requirement {
                name: r.name.clone(),
                held_by_state: r.held_by_state,
            })
            .collect(),
        removed,
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
        offices: f.access.office_lines(),
        whatsapp_link: f.access.whatsapp_link(),
        phone_link,
        has_burden: burden.annual_hours > 0.0 || burden.annual_cost_gtq > 0.0,
        access: f.access,
        code: f.code,
        name: f.name,
        description: f.description,
        unit: f.responsible_unit,
        legal_basis: f.legal_basis,
        audience: format::audience(f.audience),
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

/// The workflow's visible stages, marked done or current.
fn cycle(state: &AppState, p: &store::ProcedureRow) -> Vec<Step> {
    let states: Vec<_> = state
        .workflows
        .version(&p.workflow, p.workflow_version)
        .map(|w| {
            w.states
                .iter()
                .filter(|s| !s.tags.contains(&crate::domain::workflow::Tag::Hidden))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let current = states.iter().position(|s| s.key == p.state);
    states
        .iter()
        .enumerate()
        .map(|(i, s)| Step {
            label: s.label.text(super::language::english()).to_string(),
            class: match current {
                Some(c) if i < c => "hecho",
                Some(c) if i == c => "actual",
                _ => "",
            },
        })
        .collect()
}
