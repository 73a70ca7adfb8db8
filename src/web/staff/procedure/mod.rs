//! `/gestion/tramites/{id}`: one procedure for staff: its fields (edited with the version seen,
//! so a concurrent edit is refused with a clear message and nothing typed is lost), the
//! transitions the user may propose with each guard in plain Spanish, the checklist, documents,
//! consultations (opened after a preview) and the history. Registration at `/nuevo`.

use crate::tr;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::fields::{Choices, FieldsForm};
use super::{failure, labels, render, see_other, Nav};
use crate::db::consultations as consultation_store;
use crate::db::lifecycle as store;
use crate::db::users;
use crate::domain::access::can;
use crate::domain::access::Act;
use crate::domain::workflow::engine;
use crate::format;
use crate::server::AppState;
use crate::usecases::sessions::Session;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::staff::{ProcedureId, Staff};

mod forms;
pub use forms::*;

/// A transition as the page offers it.
pub struct TransitionView {
    /// Key.
    pub key: String,
    /// Name.
    pub label: String,
    /// Stage it leads to.
    pub to: String,
    /// Who approves, in words (empty: applied at once).
    pub approvers: String,
    /// Each guard: (holds, words).
    pub guards: Vec<(bool, String)>,
    /// The user may propose it.
    pub can_propose: bool,
    /// Its state as a task: ready, or how many conditions are missing.
    pub task: (bool, String),
}

/// What the consultation form holds, and its preview.
#[derive(Default)]
pub struct ConsultationForm {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Proposal (Markdown).
    pub proposal_text: String,
    /// The day it opens (`YYYY-MM-DD`, local), empty for now.
    pub opens_on: String,
    /// The proposal as it will be published, after "Ver vista previa".
    pub preview: Option<String>,
    /// What the preview read of the draft's articles (their numbers, or the faults).
    pub draft_note: Option<String>,
}

/// The page.
#[derive(Template)]
#[template(path = "gestion_tramite.html")]
pub struct ProcedurePage {
    /// Header.
    pub nav: Nav,
    /// A request on this procedure the person may decide now.
    pub decision: Option<super::approvals::RequestView>,
    /// Id.
    pub id: String,
    /// Code and name.
    pub title: String,
    /// Stage label.
    pub stage: String,
    /// Time limit.
    pub due: String,
    /// Public page.
    pub public_href: String,
    /// The edit form.
    pub f: FieldsForm,
    /// Closed-field choices.
    pub choices: Choices,
    /// Why the last save failed.
    pub edit_error: Option<String>,
    /// Transitions from here.
    pub transitions: Vec<TransitionView>,
    /// A request waiting for approval, in words.
    pub pending: Option<String>,
    /// Checklist of the current stage: (key, label, done).
    pub checklist: Vec<(String, String, bool)>,
    /// Documents: (link, kind, file name, date, who).
    pub documents: Vec<(String, String, String, String, String)>,
    /// Document kinds offered: (key, label).
    pub kinds: Vec<(String, String)>,
    /// Consultations: (link, title, dates).
    pub consultations: Vec<(String, String, String)>,
    /// True when a consultation may be opened now.
    pub can_consult: bool,
    /// The consultation open or scheduled now, if any: (link, title). Another is not offered
    /// while it runs.
    pub running: Option<(String, String)>,
    /// The consultation form.
    pub consultation: ConsultationForm,
    /// History: (date, transition, requested by, approved by, note).
    pub history: Vec<(String, String, String, String, String)>,
    /// Once launched: months of usage recorded (month, online, in person, other).
    pub usage: Option<Vec<(String, i64, i64, i64)>>,
}

/// The registration page.
#[derive(Template)]
#[template(path = "gestion_nuevo.html")]
pub struct NewPage {
    /// Header.
    pub nav: Nav,
    /// The form.
    pub f: FieldsForm,
    /// Choices.
    pub choices: Choices,
}

/// What the page may be asked to show besides the stored state.
#[derive(Default)]
pub(super) struct Overrides {
    pub(super) fields: Option<FieldsForm>,
    pub(super) edit_error: Option<String>,
    pub(super) consultation: Option<ConsultationForm>,
}

pub(super) async fn build(
    state: &AppState,
    s: &Session,
    req: &HttpRequest,
    id: String,
    o: Overrides,
) -> Result<ProcedurePage, HttpResponse> {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let registry = state.workflows.clone();
    let user = s.user.clone();
    let loaded = state
        .db(move |conn| {
            let (p, wf) = usecases::workflows::load(conn, &registry, &id)?;
            let facts = usecases::facts::facts(conn, &p, now)?;
            let available = engine::available(&wf, &p.state, &user.role_list(), &facts);
            let pending = store::pending_of(conn, &p.id)?;
            let checklist = store::checklist(conn, &p.id)?;
            let documents = store::documents_of(conn, &p.id)?;
            let consultations = consultation_store::of_procedure(conn, &p.id)?;
            let history = store::history(conn, &p.id)?;
            let mut people = HashMap::new();
            let ids = history
                .iter()
                .flat_map(|h| [Some(h.requested_by.clone()), h.approved_by.clone()])
                .chain(documents.iter().map(|d| Some(d.uploaded_by.clone())))
                .chain(pending.iter().map(|r| Some(r.requested_by.clone())))
                .flatten();
            for uid in ids {
                if let std::collections::hash_map::Entry::Vacant(e) = people.entry(uid.clone()) {
                    let name = users::find(conn, &uid)?.map(|u| u.display_name);
                    e.insert(name.unwrap_or(uid));
                }
            }
            Ok::<_, AppError>((
                p,
                wf,
                available,
                pending,
                checklist,
                documents,
                consultations,
                history,
                people,
            ))
        })
        .await;
    let (p, wf, available, pending, checklist, documents, consultations, history, people) =
        loaded.map_err(|e| errors::from_error(&e))?;
    let who = |id: &str| people.get(id).cloned().unwrap_or_else(|| id.to_string());
    let stage = |key: &str| {
        wf.state(key)
            .map_or(key.to_string(), |st| st.label.es.clone())
    };
    let here = wf.state(&p.state);
    let transitions = available
        .into_iter()
        .map(|a| TransitionView {
            label: labels::transition(&state.workflows, &a.transition),
            to: stage(&a.to),
            approvers: a
                .approve
                .iter()
                .map(|r| labels::role(r.as_str()))
                .collect::<Vec<_>>()
                .join(" o "),
            guards: a
                .guards
                .iter()
                .map(|g| (g.passed, labels::guard(&state.workflows, g)))
                .collect(),
            can_propose: a.can_propose && pending.is_none(),
            task: {
                let missing = a.guards.iter().filter(|g| !g.passed).count();
                let word = if missing == 0 {
                    crate::i18n::t("tramite-tarea-lista")
                } else {
                    tr!("tramite-tarea-faltan", n = missing, total = a.guards.len())
                };
                (missing == 0, word)
            },
            key: a.transition,
        })
        .collect();
    let checklist = here
        .map(|st| {
            st.checklist
                .iter()
                .map(|item| {
                    let done = checklist
                        .iter()
                        .any(|c| c.state == p.state && c.item == item.key && c.done);
                    (item.key.clone(), item.es.clone(), done)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut kinds: Vec<(String, String)> = wf
        .transitions
        .iter()
        .flat_map(|t| t.guards.iter())
        .filter_map(|g| match g {
            crate::domain::workflow::model::Guard::DocumentAttached { document } => Some((
                document.clone(),
                labels::document(&state.workflows, document),
            )),
            _ => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds.push(("other".into(), "otro documento".into()));
    let usage = if crate::usecases::evaluation::surveyed(&state.workflows, &p) {
        let pid = p.id.clone();
        let rows = state
            .db(move |conn| crate::usecases::evaluation::usage(conn, &pid))
            .await
            .map_err(|e| errors::from_error(&e))?;
        Some(
            rows.into_iter()
                .map(|r| (r.month, r.online, r.in_person, r.other))
                .collect(),
        )
    } else {
        None
    };
    let decision = super::approvals::queue(state, s, "antiguedad", Some(p.id.clone()))
        .await
        .map_err(|e| errors::from_error(&e))?
        .into_iter()
        .next();
    let page = ProcedurePage {
        decision,
        usage,
        nav: Nav::of(s, "tablero", req),
        title: format!("{} · {}", p.code, p.name),
        stage: stage(&p.state),
        due: p
            .due_at
            .map(|d| format::date(&d, tz))
            .unwrap_or_else(|| crate::i18n::t("aprobaciones-sin-plazo")),
        public_href: format!("/tramites/{}", p.code),
        f: o.fields.unwrap_or_else(|| FieldsForm::of(&p)),
        choices: Choices::all(),
        edit_error: o.edit_error,
        transitions,
        pending: pending.map(|r| {
            tr!(
                "tramite-espera-aprobacion",
                transicion = labels::transition(&state.workflows, &r.transition),
                quien = who(&r.requested_by),
                fecha = format::date_time(&r.requested_at, tz)
            )
        }),
        checklist,
        documents: documents
            .iter()
            .map(|d| {
                (
                    format!("/gestion/documentos/{}", d.id),
                    labels::document(&state.workflows, &d.kind),
                    d.filename.clone(),
                    format::date(&d.uploaded_at, tz),
                    who(&d.uploaded_by),
                )
            })
            .collect(),
        kinds,
        consultations: consultations
            .iter()
            .map(|c| {
                (
                    format!("/gestion/consultas/{}", c.id),
                    c.title.clone(),
                    tr!(
                        "gestion-tramite-del-al",
                        desde = format::date(&c.opens_at, tz),
                        hasta = format::date(&c.closes_at, tz)
                    ),
                )
            })
            .collect(),
        running: consultations
            .iter()
            .find(|c| {
                crate::usecases::consultations::status_of(c, now)
                    != crate::domain::calendar::Status::Closed
            })
            .map(|c| (format!("/gestion/consultas/{}", c.id), c.title.clone())),
        can_consult: here.is_some_and(|st| st.consultations) && s.user.may(Act::Simplify),
        consultation: o.consultation.unwrap_or_default(),
        history: history
            .iter()
            .map(|h| {
                (
                    format::date_time(&h.at, tz),
                    format!(
                        "{} ({} → {})",
                        labels::transition(&state.workflows, &h.transition),
                        stage(&h.from_state),
                        stage(&h.to_state)
                    ),
                    who(&h.requested_by),
                    h.approved_by
                        .as_deref()
                        .map(&who)
                        .unwrap_or_else(|| "—".into()),
                    h.note.clone(),
                )
            })
            .collect(),
        id: p.id,
    };
    Ok(page)
}

/// `GET /gestion/tramites/{id}`.
pub async fn show(
    staff: Staff<can::Work>,
    req: HttpRequest,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let ProcedureId { id, .. } = target;
    match build(&state, &s, &req, id, Overrides::default()).await {
        Ok(page) => render(StatusCode::OK, &page),
        Err(res) => res,
    }
}
