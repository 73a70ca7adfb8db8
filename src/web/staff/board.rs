//! `/gestion`: every procedure by its nearest time limit (overdue first, then those due within
//! seven days), with search and a stage filter, and what waits on the signed-in person.

use crate::tr;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use super::{render, Nav};
use crate::db::procedures::{self as store, Filter};
use crate::domain::access::can;
use crate::domain::access::Act;
use crate::domain::procedure::fold;
use crate::format;
use crate::server::AppState;
use crate::usecases::AppError;
use crate::web::staff::Staff;

/// One row of the board.
pub struct Row {
    /// Link.
    pub href: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Stage, in Spanish.
    pub stage: String,
    /// Time limit, if any.
    pub due: String,
    /// `vencido`, `pronto` or empty.
    pub urgency: &'static str,
}

/// A stage with how many procedures are in it.
pub struct Stage {
    /// Key.
    pub key: String,
    /// Label.
    pub label: String,
    /// How many.
    pub count: i64,
    /// Chosen in the filter.
    pub selected: bool,
}

/// The board.
#[derive(Template)]
#[template(path = "gestion_tablero.html")]
pub struct BoardPage {
    /// Header.
    pub nav: Nav,
    /// Things waiting: (words, link).
    pub waiting: Vec<(String, String)>,
    /// Stages.
    pub stages: Vec<Stage>,
    /// The search typed.
    pub q: String,
    /// Procedures.
    pub rows: Vec<Row>,
    /// True when more than shown matched.
    pub more: bool,
}

/// `?q=&estado=`.
#[derive(Deserialize)]
pub struct BoardQuery {
    q: Option<String>,
    estado: Option<String>,
}

const SHOWN: i64 = 200;

/// `GET /gestion`.
pub async fn show(
    staff: Staff<can::Work>,
    req: HttpRequest,
    query: web::Query<BoardQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let now = state.clock.now();
    let tz = state.settings.tz();
    let q = query.q.clone().unwrap_or_default();
    let estado = query.estado.clone().filter(|e| !e.is_empty());
    let filter = Filter {
        state: estado.clone(),
        words: fold(&q)
            .split_whitespace()
            .take(10)
            .map(str::to_string)
            .collect(),
        by_due: true,
        ..Default::default()
    };
    let user = s.user.clone();
    let found = state
        .db(move |conn| {
            let rows = store::page(conn, &filter, None, SHOWN + 1)?;
            let counts = store::counts(conn)?;
            let waiting = crate::usecases::workspace::waiting_for(conn, &user, now)?;
            Ok::<_, AppError>((rows, counts, waiting))
        })
        .await;
    let (rows, counts, waiting) = match found {
        Ok(x) => x,
        Err(e) => return crate::web::errors::from_error(&e),
    };
    let label = |key: &str| state.workflows.state_label(key);
    let stages = state
        .workflows
        .states()
        .into_iter()
        .map(|st| Stage {
            count: counts
                .iter()
                .filter(|(_, _, _, state_key, _)| *state_key == st.key)
                .map(|(_, _, _, _, n)| *n)
                .sum(),
            selected: estado.as_deref() == Some(st.key.as_str()),
            key: st.key,
            label: st.label.es,
        })
        .collect();
    let soon = now + Duration::days(7);
    let more = rows.len() as i64 > SHOWN;
    let rows = rows
        .into_iter()
        .take(SHOWN as usize)
        .map(|p| {
            let urgency = match p.due_at.map(|d| d.and_utc()) {
                Some(d) if d < now => "vencido",
                Some(d) if d < soon => "pronto",
                _ => "",
            };
            let (overdue, words) = super::approval_view::deadline(p.due_at.as_ref(), now, tz);
            Row {
                href: format!("/gestion/tramites/{}", p.id),
                stage: label(&p.state),
                // Overdue rows say for how long ("Vencido hace 48 días"), the others their date.
                due: if overdue || p.due_at.is_some() {
                    words
                } else {
                    "—".into()
                },
                urgency,
                code: p.code,
                name: p.name,
            }
        })
        .collect();
    let nav = Nav::of(&s, "tablero", &req);
    let mut waiting_lines = Vec::new();
    if super::approves(&s, state.workflows.approving_roles()) {
        waiting_lines.push((
            tr!("tablero-solicitudes-esperan", n = waiting.requests),
            "/gestion/aprobaciones".to_string(),
        ));
    }
    for (r, code) in &waiting.mine {
        waiting_lines.push((
            tr!(
                "tablero-su-solicitud-espera",
                codigo = code.as_str(),
                paso = super::labels::transition(&state.workflows, &r.transition),
                desde = super::approval_view::age(&r.requested_at, now)
            ),
            format!("/gestion/tramites/{}", r.procedure_id),
        ));
    }
    if s.user.may(Act::Moderate) {
        waiting_lines.push((
            tr!(
                "tablero-por-moderar",
                comentarios = waiting.comments,
                opiniones = waiting.feedback,
                encuesta = waiting.survey
            ),
            "/gestion/moderacion".to_string(),
        ));
        for (id, title, closes) in waiting.closing {
            waiting_lines.push((
                tr!(
                    "tablero-consulta-cierra",
                    titulo = title.as_str(),
                    fecha = format::date_time(&closes, tz)
                ),
                format!("/gestion/consultas/{id}"),
            ));
        }
    }
    render(
        StatusCode::OK,
        &BoardPage {
            nav,
            waiting: waiting_lines,
            stages,
            q,
            rows,
            more,
        },
    )
}
