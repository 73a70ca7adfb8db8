//! `/gestion/aprobaciones`: the requests the signed-in person may decide (never their own),
//! each with its procedure, guards as they stand now, documents and note; approve, or reject
//! with a note. The use cases check everything again, so a forged or late POST changes nothing.

use crate::tr;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{failure, labels, render, see_other, Nav};
use crate::db::lifecycle as store;
use crate::db::users;
use crate::domain::access::can;
use crate::domain::workflow::engine;
use crate::domain::workflow::model::Transition;
use crate::format;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::staff::{SignedForm, Staff};

/// One request as shown.
pub struct RequestView {
    /// Id.
    pub id: String,
    /// Procedure: (link, code and name).
    pub procedure: (String, String),
    /// Transition in words.
    pub transition: String,
    /// Who asked, and when.
    pub asked: String,
    /// Their note.
    pub note: String,
    /// Guards now: (holds, words).
    pub guards: Vec<(bool, String)>,
    /// Documents: (link, words).
    pub documents: Vec<(String, String)>,
}

/// The page.
#[derive(Template)]
#[template(path = "gestion_aprobaciones.html")]
pub struct ApprovalsPage {
    /// Header.
    pub nav: Nav,
    /// Requests.
    pub requests: Vec<RequestView>,
}

/// `GET /gestion/aprobaciones`.
pub async fn list(
    staff: Staff<can::Work>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let (user, registry, now, tz) = (
        s.user.clone(),
        state.workflows.clone(),
        state.clock.now(),
        state.settings.tz(),
    );
    let found = state
        .db(move |conn| {
            let mut out = Vec::new();
            for r in usecases::workspace::decidable(conn, &user)? {
                let (p, wf) = usecases::workflows::load(conn, &registry, &r.procedure_id)?;
                let facts = usecases::facts::facts(conn, &p, now)?;
                let guards = serde_json::from_str::<Transition>(&r.rule)
                    .map(|rule| engine::evaluate(&wf, &rule, &facts))
                    .unwrap_or_default();
                let asker = users::find(conn, &r.requested_by)?
                    .map_or_else(|| r.requested_by.clone(), |u| u.display_name);
                let stage = |k: &str| wf.state(k).map_or(k.to_string(), |st| st.label.es.clone());
                out.push(RequestView {
                    procedure: (
                        format!("/gestion/tramites/{}", p.id),
                        format!("{} · {}", p.code, p.name),
                    ),
                    transition: format!(
                        "{}: de «{}» a «{}»",
                        labels::transition(&registry, &r.transition),
                        stage(&r.from_state),
                        stage(&r.to_state)
                    ),
                    asked: tr!(
                        "aprobaciones-lo-pidio",
                        quien = asker.as_str(),
                        fecha = format::date_time(&r.requested_at, tz)
                    ),
                    note: r.note.clone(),
                    guards: guards
                        .iter()
                        .map(|g| (g.passed, labels::guard(&registry, g)))
                        .collect(),
                    documents: store::documents_of(conn, &p.id)?
                        .into_iter()
                        .map(|d| {
                            (
                                format!("/gestion/documentos/{}", d.id),
                                format!(
                                    "{} ({})",
                                    d.filename,
                                    labels::document(&registry, &d.kind)
                                ),
                            )
                        })
                        .collect(),
                    id: r.id,
                });
            }
            Ok::<_, AppError>(out)
        })
        .await;
    match found {
        Ok(requests) => render(
            StatusCode::OK,
            &ApprovalsPage {
                nav: Nav::of(&s, "aprobaciones", &req),
                requests,
            },
        ),
        Err(e) => errors::from_error(&e),
    }
}

/// `POST /gestion/aprobaciones/{id}` (fields `decision` = `approve` | `reject`, `note`).
pub async fn decide(
    signed: SignedForm<can::Work>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let Ok(id) = uuid::Uuid::parse_str(path.trim()).map(|u| u.to_string()) else {
        return errors::not_found();
    };
    let approving = form.get("decision") == "approve";
    let note = form.get("note");
    let (user, registry) = (s.user.clone(), state.workflows.clone());
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
        Ok(()) => see_other(if approving {
            "/gestion/aprobaciones?hecho=aprobada"
        } else {
            "/gestion/aprobaciones?hecho=rechazada"
        }),
        Err(AppError::Validation(_)) => failure(
            &state,
            &AppError::field("note", "campo-para-rechazar-escriba-nota"),
            "/gestion/aprobaciones",
        ),
        Err(e) => failure(&state, &e, "/gestion/aprobaciones"),
    }
}
