//! The consultations as citizens see them: the list, one consultation with its proposal and
//! comments, and the comment form (Post/Redirect/Get, one-time token, honeypot).

use crate::i18n::t;
use crate::tr;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{errors, forms};
use crate::db::consultations::{self as store, ConsultationRow};
use crate::domain::calendar::Status;
use crate::domain::comment::{self, Counts, NewComment};
use crate::domain::error::FieldError;
use crate::domain::status::CommentStatus;
use crate::format;
use crate::server::AppState;
use crate::usecases::{self, AppError};

mod comment_form;
pub use comment_form::*;

/// Comments shown per page.
const PAGE: i64 = 20;

/// A consultation in a list.
pub struct Item {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// When it opens or closes, in words.
    pub when: String,
}

/// The list of consultations, open first.
#[derive(Template)]
#[template(path = "consultas.html")]
pub struct ListPage {
    /// Open now.
    pub open: Vec<Item>,
    /// Not yet open.
    pub scheduled: Vec<Item>,
    /// Closed.
    pub closed: Vec<Item>,
}

/// A list item for a consultation at `now`.
pub fn item(c: &ConsultationRow, tz: chrono_tz::Tz, now: chrono::DateTime<chrono::Utc>) -> Item {
    let when = match usecases::consultations::status_of(c, now) {
        Status::Open => tr!(
            "pagina-recibe-comentarios-hasta",
            v1 = (format::date_time(&c.closes_at, tz)).to_string()
        ),
        Status::Scheduled => tr!(
            "pagina-abre",
            v1 = (format::date_time(&c.opens_at, tz)).to_string()
        ),
        Status::Closed => tr!(
            "pagina-cerro",
            v1 = (format::date_time(&c.closes_at, tz)).to_string()
        ),
    };
    Item {
        href: format!("/consultas/{}", c.id),
        title: c.title.clone(),
        when,
    }
}

/// `GET /consultas`.
pub async fn list(state: web::Data<AppState>) -> HttpResponse {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let lists = super::db(&state, move |conn| {
        let mut out = Vec::new();
        for status in [Status::Open, Status::Scheduled, Status::Closed] {
            let rows = store::page(conn, Some((status, now.naive_utc())), None, None, 100)?;
            out.push(rows.iter().map(|c| item(c, tz, now)).collect::<Vec<_>>());
        }
        Ok(out)
    })
    .await;
    match lists {
        Ok(mut lists) => {
            let closed = lists.pop().unwrap_or_default();
            let scheduled = lists.pop().unwrap_or_default();
            let open = lists.pop().unwrap_or_default();
            super::ok(&ListPage {
                open,
                scheduled,
                closed,
            })
        }
        Err(page) => page,
    }
}

/// One comment (or one group of identical comments) as shown.
pub struct Shown {
    /// Who wrote it.
    pub author: String,
    /// Their organisation.
    pub organization: Option<String>,
    /// The text (None when withheld).
    pub body: Option<String>,
    /// When it arrived.
    pub date: String,
    /// How many people sent this same text.
    pub senders: i64,
    /// Why it was withheld, and when.
    pub withheld: Option<String>,
    /// The Committee's answer and its date.
    pub answer: Option<(String, String)>,
}

/// What the comment form shows: the token, what was typed, and the faults.
pub struct CommentForm {
    /// Where it posts.
    pub action: String,
    /// The one-time token.
    pub token: String,
    /// Typed text.
    pub body: String,
    /// Typed name.
    pub author_name: String,
    /// Typed e-mail.
    pub email: String,
    /// Typed organisation.
    pub organization: String,
    /// Faults, in field order.
    pub errors: Vec<FieldError>,
    /// The heading of the faults' summary.
    pub summary: String,
}

impl CommentForm {
    /// The fault of a field, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::words::problem(&e.problem))
    }
}

/// One consultation.
#[derive(Template)]
#[template(path = "consulta.html")]
pub struct ConsultationPage {
    /// The report's address (shown once closed).
    pub report: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal as safe HTML.
    pub proposal_html: String,
    /// The procedure it changes: (address, name).
    pub procedure: (String, String),
    /// `open`, `scheduled` or `closed`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: String,
    /// The window in words.
    pub window: String,
    /// The counts.
    pub counts: Counts,
    /// Comments of this page.
    pub comments: Vec<Shown>,
    /// The next page's address.
    pub next_page: Option<String>,
    /// The form, while open.
    pub form: Option<CommentForm>,
}

/// `?desde=` of the comment pages.
#[derive(Deserialize)]
pub struct PageQuery {
    desde: Option<String>,
}

fn parse_id(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text)
        .ok()
        .map(|u| u.hyphenated().to_string())
}

/// Builds the page of consultation `id`; `form` replaces a fresh form (after an error).
async fn build(
    state: &web::Data<AppState>,
    id: String,
    after: Option<String>,
    form: Option<CommentForm>,
) -> Result<ConsultationPage, HttpResponse> {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let (c, p, counts, rows, stats, answers) = super::db(state, move |conn| {
        let c = usecases::consultations::find(conn, &id)?;
        let p = usecases::procedures::find_procedure(conn, &c.procedure_id)?;
        let counts = usecases::consultations::counts(conn, &c.id)?;
        let shown = [
            CommentStatus::Published.as_str(),
            CommentStatus::Rejected.as_str(),
        ];
        let rows = store::comments_page(conn, &c.id, &shown, after.as_deref(), PAGE + 1)?;
        let mut groups: Vec<String> = rows.iter().map(|r| r.group_key.clone()).collect();
        groups.sort();
        groups.dedup();
        let stats = store::group_stats(conn, &c.id, &groups)?;
        let answers = store::responses_for(conn, &c.id, &groups)?;
        Ok((c, p, counts, rows, stats, answers))
    })
    .await?;
    let stats: HashMap<String, (Option<String>, i64)> = stats
        .into_iter()
        .map(|(g, first, n)| (g, (first, n)))
        .collect();
    let answers: HashMap<String, (String, String)> = answers
        .into_iter()
        .map(|a| {
            let when = format::answered(&a.responded_at, a.outcome.as_deref(), tz);
            (a.group_key, (a.body, when))
        })
        .collect();
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1)
                .map(|r| format!("/consultas/{}?desde={}", c.id, r.id))
        })
        .flatten();
    let comments = rows
        .into_iter()
        .take(PAGE as usize)
        .filter_map(|r| {
            let shown = crate::domain::public::shown(
                crate::domain::public::Stored {
                    status: &r.status,
                    author_name: r.author_name.as_deref(),
                },
                false,
            );
            let withheld = shown.withheld;
            let (first, senders) = stats.get(&r.group_key).cloned().unwrap_or((None, 1));
            // Copies of one text are shown once, where the first of them stands.
            if !withheld && first.as_deref().is_some_and(|f| f != r.id) {
                return None;
            }
            Some(Shown {
                author: shown.author,
                organization: r.organization.clone(),
                body: shown.words.then(|| r.body.clone()),
                date: format::date(&r.received_at, tz),
                senders: if withheld { 1 } else { senders },
                withheld: withheld.then(|| {
                    let at = r
                        .moderated_at
                        .map(|t| format::date(&t, tz))
                        .unwrap_or_default();
                    tr!(
                        "pagina-comentario-retenido",
                        at = at.to_string(),
                        v1 = (format::reject_reason(r.reject_reason.as_deref())).to_string()
                    )
                }),
                answer: (!withheld)
                    .then(|| answers.get(&r.group_key).cloned())
                    .flatten(),
            })
        })
        .collect();
    let status = usecases::consultations::status_of(&c, now);
    let (status_key, status_label, window) = match status {
        Status::Open => (
            "abierta",
            t("pagina-abierta"),
            tr!(
                "pagina-recibe-comentarios-desde-hasta",
                v1 = (format::date_time(&c.opens_at, tz)).to_string(),
                v2 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
        Status::Scheduled => (
            "programada",
            t("pagina-proximamente"),
            tr!(
                "pagina-recibira-comentarios-desde-hasta",
                v1 = (format::date_time(&c.opens_at, tz)).to_string(),
                v2 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
        Status::Closed => (
            "cerrada",
            t("pagina-cerrada"),
            tr!(
                "pagina-recibio-comentarios-hasta",
                v1 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
    };
    let form = (status == Status::Open).then(|| {
        form.unwrap_or_else(|| CommentForm {
            action: format!("/consultas/{}/comentarios", c.id),
            token: forms::issue_token(&state.audit_keys),
            body: String::new(),
            author_name: String::new(),
            email: String::new(),
            organization: String::new(),
            errors: Vec::new(),
            summary: t("pagina-revise-comentario"),
        })
    });
    Ok(ConsultationPage {
        report: format!("/consultas/{}/informe", c.id),
        title: c.title.clone(),
        summary: c.summary.clone(),
        proposal_html: crate::domain::proposal::proposal_html(&c.proposal_text),
        procedure: (format!("/tramites/{}", p.code), p.name.clone()),
        status: status_key,
        status_label,
        window,
        counts,
        comments,
        next_page,
        form,
    })
}

/// `GET /consultas/{id}`.
pub async fn show(
    path: web::Path<String>,
    query: web::Query<PageQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = parse_id(&path) else {
        return errors::not_found();
    };
    let after = query.into_inner().desde.and_then(|d| parse_id(&d));
    match build(&state, id, after, None).await {
        Ok(page) => super::ok(&page),
        Err(page) => page,
    }
}
