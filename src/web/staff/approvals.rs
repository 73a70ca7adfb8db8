//! `/gestion/aprobaciones`: the queue of requests the signed-in person may decide (never their
//! own) as a table a director can sort by age, deadline or procedure, each request's
//! consequences and facts one link away, a confirmation step before a step that cannot be undone
//! (a final stage, or an effect on the procedure), and the history of decisions
//! (`?vista=decididas`). The use cases check everything again, so a forged or late POST changes
//! nothing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::approval_view::{self as view, DecidedView, Facts};
use super::{failure, labels, render, see_other, Nav};
use crate::db::lifecycle as store;
use crate::db::users;
use crate::domain::access::can;
use crate::domain::workflow::engine;
use crate::domain::workflow::model::Transition;
use crate::format;
use crate::server::AppState;
use crate::tr;
use crate::usecases::sessions::Session;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::staff::{SignedForm, Staff};

/// One request as shown.
pub struct RequestView {
    /// Id.
    pub id: String,
    /// Procedure: (link, code and name).
    pub procedure: (String, String),
    /// The step's name alone ("Eliminar el trámite").
    pub step: String,
    /// Who asked.
    pub asker: String,
    /// Who asked, and when, in a sentence.
    pub asked: String,
    /// How long it has waited ("hace 3 días").
    pub age: String,
    /// The current stage's deadline: (overdue, words).
    pub deadline: (bool, String),
    /// Their note.
    pub note: String,
    /// Guards now: (holds, words).
    pub guards: Vec<(bool, String)>,
    /// Documents: (link, words).
    pub documents: Vec<(String, String)>,
    /// What approving changes.
    pub consequences: Vec<String>,
    /// True when approving cannot be undone and asks for a confirmation.
    pub confirm: bool,
    /// The facts for the decision.
    pub facts: Facts,
    /// Sort keys: requested at, due at, code.
    keys: (chrono::NaiveDateTime, Option<chrono::NaiveDateTime>, String),
}

/// The page.
#[derive(Template)]
#[template(path = "gestion_aprobaciones.html")]
pub struct ApprovalsPage {
    /// Header.
    pub nav: Nav,
    /// Requests.
    pub requests: Vec<RequestView>,
    /// The order: `antiguedad`, `plazo` or `tramite`.
    pub order: String,
    /// True on the history of decisions.
    pub history: bool,
    /// The history.
    pub decided: Vec<DecidedView>,
    /// A refused decision: (request id, message, what was typed).
    pub error: Option<(String, String, String)>,
    /// The orders offered: (key, words).
    pub sorts: Vec<(String, String)>,
}

/// The confirmation asked before a step that cannot be undone.
#[derive(Template)]
#[template(path = "gestion_confirmar.html")]
pub struct ConfirmPage {
    /// Header.
    pub nav: Nav,
    /// The request.
    pub request: RequestView,
    /// The note typed.
    pub note: String,
    /// Where the decision returns: the procedure's page when it was taken there.
    pub back: Option<String>,
}

/// The queue of `s`, in `order`; only one procedure's requests when `only` names it (its page
/// then builds the one view it shows, not the whole queue's).
pub(super) async fn queue(
    state: &AppState,
    s: &Session,
    order: &str,
    only: Option<String>,
) -> Result<Vec<RequestView>, AppError> {
    let (user, registry, now, tz, rates) = (
        s.user.clone(),
        state.workflows.clone(),
        state.clock.now(),
        state.settings.tz(),
        state.rates(),
    );
    let mut out = state
        .db(move |conn| {
            let mut out = Vec::new();
            let decidable = usecases::workspace::decidable(conn, &user)?;
            let wanted = decidable
                .into_iter()
                .filter(|r| only.as_ref().is_none_or(|p| *p == r.procedure_id));
            for r in wanted {
                let (p, wf) = usecases::workflows::load(conn, &registry, &r.procedure_id)?;
                let facts = usecases::facts::facts(conn, &p, now)?;
                let rule = serde_json::from_str::<Transition>(&r.rule).ok();
                let guards = rule
                    .as_ref()
                    .map(|rule| engine::evaluate(&wf, rule, &facts))
                    .unwrap_or_default();
                let (consequences, confirm) = rule
                    .as_ref()
                    .map(|rule| view::consequences(&wf, rule, &r.from_state))
                    .unwrap_or_default();
                let asker = users::find(conn, &r.requested_by)?
                    .map_or_else(|| r.requested_by.clone(), |u| u.display_name);
                let step = labels::transition(&registry, &r.transition);
                out.push(RequestView {
                    procedure: (
                        format!("/gestion/tramites/{}", p.id),
                        format!("{} · {}", p.code, p.name),
                    ),
                    step,
                    asked: tr!(
                        "aprobaciones-lo-pidio",
                        quien = asker.as_str(),
                        fecha = format::date_time(&r.requested_at, tz)
                    ),
                    asker,
                    age: view::age(&r.requested_at, now),
                    deadline: view::deadline(p.due_at.as_ref(), now, tz),
                    note: r.note.clone(),
                    guards: guards
                        .iter()
                        .map(|g| (g.passed, labels::guard(&registry, g)))
                        .collect(),
                    documents: store::documents_of(conn, &p.id)?
                        .into_iter()
                        .map(|d| {
                            let kind = labels::document(&registry, &d.kind);
                            let words = format!("{} ({kind})", d.filename);
                            (format!("/gestion/documentos/{}", d.id), words)
                        })
                        .collect(),
                    consequences,
                    confirm,
                    facts: view::facts(conn, &p, &rates, now, tz)?,
                    keys: (r.requested_at, p.due_at, p.code.clone()),
                    id: r.id,
                });
            }
            Ok::<_, AppError>(out)
        })
        .await?;
    match order {
        "plazo" => out.sort_by(|a, b| {
            // Requests with a deadline first, the nearest first; then by age.
            (a.keys.1.is_none(), a.keys.1, a.keys.0).cmp(&(b.keys.1.is_none(), b.keys.1, b.keys.0))
        }),
        "tramite" => out.sort_by(|a, b| (&a.keys.2, a.keys.0).cmp(&(&b.keys.2, b.keys.0))),
        _ => out.sort_by_key(|r| r.keys.0),
    }
    Ok(out)
}

/// The last 100 decisions, newest first.
async fn decided(state: &AppState) -> Result<Vec<DecidedView>, AppError> {
    let (registry, tz) = (state.workflows.clone(), state.settings.tz());
    state
        .db(move |conn| {
            let mut out = Vec::new();
            for r in store::decided_recent(conn, 100)? {
                let p = crate::db::procedures::find(conn, &r.procedure_id)?;
                let who = match &r.decided_by {
                    Some(id) => {
                        users::find(conn, id)?.map_or_else(|| id.clone(), |u| u.display_name)
                    }
                    None => String::new(),
                };
                out.push(DecidedView {
                    procedure: p.map_or_else(
                        || (String::new(), r.procedure_id.clone()),
                        |p| {
                            (
                                format!("/gestion/tramites/{}", p.id),
                                format!("{} · {}", p.code, p.name),
                            )
                        },
                    ),
                    transition: labels::transition(&registry, &r.transition),
                    decision: view::decision_words(&r),
                    decided_by: who,
                    decided_at: r
                        .decided_at
                        .map(|at| format::date_time(&at, tz))
                        .unwrap_or_default(),
                    note: r.decision_note.clone().unwrap_or_default(),
                });
            }
            Ok::<_, AppError>(out)
        })
        .await
}

/// The page for `s`, with an optional refused decision.
async fn page(
    state: &AppState,
    s: &Session,
    req: &HttpRequest,
    error: Option<(String, String, String)>,
    status: StatusCode,
) -> HttpResponse {
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .map(|q| q.into_inner())
            .unwrap_or_default();
    let order = match query.get("orden").map(String::as_str) {
        Some(o @ ("plazo" | "tramite")) => o.to_string(),
        _ => "antiguedad".to_string(),
    };
    let history = query.get("vista").is_some_and(|v| v == "decididas");
    let requests = match queue(state, s, &order, None).await {
        Ok(r) => r,
        Err(e) => return errors::from_error(&e),
    };
    let decided = if history {
        match decided(state).await {
            Ok(d) => d,
            Err(e) => return errors::from_error(&e),
        }
    } else {
        Vec::new()
    };
    render(
        status,
        &ApprovalsPage {
            nav: Nav::of(s, "aprobaciones", req),
            requests,
            order,
            history,
            decided,
            error,
            sorts: [
                ("antiguedad", "aprobaciones-orden-antiguedad"),
                ("plazo", "aprobaciones-orden-plazo"),
                ("tramite", "aprobaciones-orden-tramite"),
            ]
            .into_iter()
            .map(|(k, w)| (k.to_string(), crate::i18n::t(w)))
            .collect(),
        },
    )
}

/// `GET /gestion/aprobaciones[?orden=antiguedad|plazo|tramite][&vista=decididas]`.
pub async fn list(
    staff: Staff<can::Work>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    page(&state, &s, &req, None, StatusCode::OK).await
}

/// `POST /gestion/aprobaciones/{id}` (fields `decision` = `approve` | `reject`, `note`, and
/// `confirmado` = `si` once a step that cannot be undone was confirmed).
pub async fn decide(
    signed: SignedForm<can::Work>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let Ok(id) = uuid::Uuid::parse_str(path.trim()).map(|u| u.to_string()) else {
        return errors::not_found();
    };
    let approving = form.get("decision") == "approve";
    let note = form.get("note");
    let back = procedure_page(&form.get("volver"));
    if approving && form.get("confirmado") != "si" {
        let found = match queue(&state, &s, "antiguedad", None).await {
            Ok(q) => q.into_iter().find(|r| r.id == id),
            Err(e) => return errors::from_error(&e),
        };
        if let Some(request) = found.filter(|r| r.confirm) {
            return render(
                StatusCode::OK,
                &ConfirmPage {
                    nav: Nav::of(&s, "aprobaciones", &req),
                    request,
                    note,
                    back,
                },
            );
        }
    }
    let (user, registry, typed) = (s.user.clone(), state.workflows.clone(), note.clone());
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            let note = crate::domain::check_note(&note, !approving)
                .map_err(|e| AppError::Validation(vec![e]))?;
            if approving {
                usecases::transitions::approve(conn, ctx, &registry, &user, &id, &note).map(|_| ())
            } else {
                usecases::transitions::reject(conn, ctx, &registry, &user, &id, &note).map(|_| ())
            }
        })
        .await;
    match result {
        Ok(()) => {
            let done = if approving { "aprobada" } else { "rechazada" };
            let to = back.unwrap_or_else(|| "/gestion/aprobaciones".to_string());
            see_other(&format!("{to}?hecho={done}"))
        }
        Err(AppError::Validation(_)) => {
            let message = crate::i18n::t("campo-para-rechazar-escriba-nota");
            let error = Some((path.trim().to_string(), message, typed));
            page(&state, &s, &req, error, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => failure(&state, &e, "/gestion/aprobaciones"),
    }
}

/// A staff procedure page's path (`/gestion/tramites/<uuid>`), the only place besides the queue a
/// decision may return to.
fn procedure_page(raw: &str) -> Option<String> {
    let id = raw.strip_prefix("/gestion/tramites/")?;
    uuid::Uuid::parse_str(id)
        .ok()
        .map(|u| format!("/gestion/tramites/{u}"))
}
