//! What a director reads before deciding a request: the queue's row (age, deadline), what
//! approving changes (the next stage, its time limit, a final stage, an effect on the procedure)
//! and the facts (requirements now and removed, yearly burden before and after, the
//! consultation's result). Built from the request's own rule, so the words match what approving
//! will do.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::db::lifecycle::RequestRow;
use crate::db::procedures::ProcedureRow;
use crate::db::{consultations, counts, DbConnection};
use crate::domain::procedure::CostRates;
use crate::domain::workflow::model::{Effect, Transition, Workflow};
use crate::format;
use crate::i18n::{t, tn};
use crate::tr;

/// The facts for a decision, as (label, words) pairs shown as a summary list.
pub type Facts = Vec<(String, String)>;

/// "hoy", "hace 1 día", "hace 12 días".
pub fn age(at: &NaiveDateTime, now: DateTime<Utc>) -> String {
    tn(
        "aprobaciones-hace-dias",
        (now.naive_utc() - *at).num_days().max(0),
    )
}

/// The current stage's deadline: "vencido hace 3 días", or its date, or "Sin plazo".
pub fn deadline(due: Option<&NaiveDateTime>, now: DateTime<Utc>, tz: Tz) -> (bool, String) {
    match due {
        None => (false, t("aprobaciones-sin-plazo")),
        Some(d) if *d < now.naive_utc() => (
            true,
            tn(
                "aprobaciones-vencido-hace",
                (now.naive_utc() - *d).num_days().max(1),
            ),
        ),
        Some(d) => (false, format::date(d, tz)),
    }
}

/// What approving `rule` from `from` changes, in sentences; and whether it cannot be undone
/// (a final stage, or an effect on the procedure's fields), which asks for a confirmation.
pub fn consequences(wf: &Workflow, rule: &Transition, from: &str) -> (Vec<String>, bool) {
    let label = |k: &str| wf.state(k).map_or(k.to_string(), |s| s.label.es.clone());
    let mut out = vec![tr!(
        "aprobaciones-pasara",
        desde = label(from),
        hasta = label(&rule.to)
    )];
    let target = wf.state(&rule.to);
    if let Some(days) = target.and_then(|s| s.time_limit_days) {
        out.push(tr!("aprobaciones-plazo-nuevo", dias = days as i64));
    }
    let terminal = target.is_some_and(|s| s.terminal);
    if terminal {
        out.push(t("aprobaciones-final"));
    }
    for effect in &rule.effects {
        let Effect::SetField { field, value } = effect;
        let parsed = serde_json::from_value(serde_json::Value::String(value.clone()));
        let value = match (field.as_str(), parsed) {
            ("channel", Ok(c)) => format::channel(c),
            _ => value.clone(),
        };
        out.push(tr!(
            "aprobaciones-cambia-campo",
            campo = super::labels::field(field),
            valor = value
        ));
    }
    (out, terminal || !rule.effects.is_empty())
}

/// The facts for deciding on `p`: requirements as they stand (and those removed since the
/// analysis began), the yearly burden now and at the baseline, and the latest consultation.
pub fn facts(
    conn: &mut DbConnection,
    p: &ProcedureRow,
    rates: &CostRates,
    now: DateTime<Utc>,
    tz: Tz,
) -> diesel::QueryResult<Facts> {
    let fields = p.fields();
    let mut out = Vec::new();
    let mut reqs: Vec<String> = fields
        .requirements
        .iter()
        .map(|r| {
            if r.held_by_state {
                tr!("aprobaciones-requisito-estado", nombre = r.name.as_str())
            } else {
                r.name.clone()
            }
        })
        .collect();
    let base = p.baseline_fields();
    if let Some(b) = &base {
        for gone in b
            .requirements
            .iter()
            .filter(|r| !fields.requirements.iter().any(|n| n.name == r.name))
        {
            reqs.push(tr!(
                "aprobaciones-requisito-eliminado",
                nombre = gone.name.as_str()
            ));
        }
    }
    out.push((
        t("aprobaciones-requisitos"),
        if reqs.is_empty() {
            t("aprobaciones-ninguno")
        } else {
            reqs.join("; ")
        },
    ));
    let burden = format::burden(&fields.burden(rates));
    out.push((
        t("aprobaciones-carga"),
        match &base {
            Some(b) => tr!(
                "aprobaciones-carga-antes",
                ahora = burden,
                antes = format::burden(&b.burden(rates))
            ),
            None => burden,
        },
    ));
    let mut rounds = consultations::of_procedure(conn, &p.id)?;
    rounds.sort_by_key(|c| c.opens_at);
    if let Some(c) = rounds.last() {
        let n = counts::get(conn, &c.id)?;
        let status = crate::web::consultations::item(c, tz, now).when;
        out.push((
            t("aprobaciones-consulta"),
            tr!(
                "aprobaciones-consulta-resultado",
                estado = status,
                recibidos = n.received,
                publicados = n.published,
                respondidos = n.answered
            ),
        ));
    }
    Ok(out)
}

/// One decided request in the history: procedure, step, decision, who, when, note.
pub struct DecidedView {
    /// Link to the procedure and its code and name.
    pub procedure: (String, String),
    /// The step in words.
    pub transition: String,
    /// "Aprobada" or "Rechazada".
    pub decision: String,
    /// Who decided.
    pub decided_by: String,
    /// When, in words.
    pub decided_at: String,
    /// Their note.
    pub note: String,
}

/// "Aprobada" or "Rechazada" for a decided request.
pub fn decision_words(r: &RequestRow) -> String {
    t(if r.status == "approved" {
        "aprobaciones-aprobada"
    } else {
        "aprobaciones-rechazada"
    })
}
