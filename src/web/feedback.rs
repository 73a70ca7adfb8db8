//! `/opinion`: general feedback on the ministry's services, its open data and the population's
//! labour needs (programme, line 20). The form works like the comment form (one-time token,
//! error summary, honeypot, per-address limits); published opinions are listed with answers.

use crate::tr;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{errors, forms};
use crate::db::feedback as store;
use crate::domain::error::FieldError;
use crate::domain::feedback::{check, NewFeedback, Topic};
use crate::domain::status::CommentStatus;
use crate::format;
use crate::server::AppState;
use crate::usecases;

const PAGE: i64 = 20;

/// What the form shows: the token, what was typed, and the faults.
pub struct FeedbackForm {
    /// The one-time token.
    pub token: String,
    /// Chosen topic.
    pub topic: String,
    /// Typed text.
    pub body: String,
    /// Typed name.
    pub author_name: String,
    /// Typed e-mail.
    pub email: String,
    /// Faults.
    pub errors: Vec<FieldError>,
}

impl FeedbackForm {
    /// The fault of a field, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::words::problem(&e.problem))
    }
}

/// A published (or withheld) opinion as shown.
pub struct Shown {
    /// Topic, in Spanish.
    pub topic: String,
    /// Name or "Anónimo".
    pub author: String,
    /// Date received.
    pub date: String,
    /// The text (none when withheld).
    pub body: Option<String>,
    /// Why and when it was withheld.
    pub withheld: Option<String>,
    /// The answer and its date.
    pub answer: Option<(String, String)>,
}

/// The page.
#[derive(Template)]
#[template(path = "opinion.html")]
pub struct OpinionPage {
    /// The form.
    pub form: FeedbackForm,
    /// Topics: (value, label).
    pub topics: Vec<(&'static str, String)>,
    /// Published opinions, newest first.
    pub shown: Vec<Shown>,
    /// Link to older ones.
    pub next_page: Option<String>,
}

/// `?antes=`: keyset pagination.
#[derive(Deserialize)]
pub struct PageQuery {
    antes: Option<String>,
}

fn blank_form(state: &AppState) -> FeedbackForm {
    FeedbackForm {
        token: forms::issue_token(&state.audit_keys),
        topic: String::new(),
        body: String::new(),
        author_name: String::new(),
        email: String::new(),
        errors: Vec::new(),
    }
}

async fn page(
    state: &AppState,
    before: Option<String>,
    form: FeedbackForm,
) -> Result<OpinionPage, HttpResponse> {
    let tz = state.settings.tz();
    let rows = super::db(state, move |conn| {
        Ok(store::newest(
            conn,
            &[
                CommentStatus::Published.as_str(),
                CommentStatus::Rejected.as_str(),
            ],
            before.as_deref(),
            PAGE + 1,
        )?)
    })
    .await?;
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1)
                .map(|r| format!("/opinion?antes={}", r.id))
        })
        .flatten();
    let shown = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|f| {
            let shown = crate::domain::public::shown(
                crate::domain::public::Stored {
                    status: &f.status,
                    author_name: f.author_name.as_deref(),
                },
                false,
            );
            let withheld = shown.withheld;
            Shown {
                topic: format::topic(Topic::parse(&f.topic)),
                author: shown.author,
                date: format::date(&f.received_at, tz),
                withheld: withheld.then(|| {
                    let at = f
                        .moderated_at
                        .map(|t| format::date(&t, tz))
                        .unwrap_or_default();
                    tr!(
                        "pagina-opinion-retenida",
                        at = at.to_string(),
                        v1 = (format::reject_reason(f.reject_reason.as_deref())).to_string()
                    )
                }),
                body: (!withheld).then_some(f.body),
                answer: match (withheld, f.response, f.responded_at) {
                    (false, Some(a), Some(at)) => Some((a, format::date(&at, tz))),
                    _ => None,
                },
            }
        })
        .collect();
    Ok(OpinionPage {
        form,
        topics: Topic::ALL
            .iter()
            .map(|t| (t.as_str(), format::topic(Some(*t))))
            .collect(),
        shown,
        next_page,
    })
}

/// `GET /opinion`.
pub async fn show(query: web::Query<PageQuery>, state: web::Data<AppState>) -> HttpResponse {
    let before = query
        .into_inner()
        .antes
        .and_then(|a| uuid::Uuid::parse_str(a.trim()).ok())
        .map(|u| u.to_string());
    let form = blank_form(&state);
    match page(&state, before, form).await {
        Ok(p) => super::ok(&p),
        Err(p) => p,
    }
}

/// `POST /opinion`: stores the opinion and sends the citizen to its tracking page; invalid
/// input brings the form back with what was typed.
pub async fn send(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    // A bot is answered as a receipt is (303 to a tracking page); nothing is stored.
    let decoy = || {
        let year = chrono::Datelike::year(&state.clock.now());
        let code = crate::domain::comment::tracking_code('O', year, &mut rand::thread_rng());
        format!("/seguimiento/{code}")
    };
    let form = match forms::citizen(&req, body, &state, decoy).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let token = form.get("form_token");
    let mut errors = form.errors.clone();
    let input = NewFeedback {
        body: form.get("body"),
        topic: form.get("topic"),
        author_name: form.optional("author_name"),
        email: form.optional("email"),
    };
    let checked = check(&input);
    if let Err(e) = &checked {
        errors.extend(e.iter().cloned());
    }
    forms::expect_token(&state.audit_keys, &token, &mut errors);
    // The form again as typed, with what stopped it and a fresh token.
    let again = |input: NewFeedback, errors| {
        let state = state.clone();
        async move {
            let form = FeedbackForm {
                token: forms::issue_token(&state.audit_keys),
                topic: input.topic,
                body: input.body,
                author_name: input.author_name.unwrap_or_default(),
                email: input.email.unwrap_or_default(),
                errors,
            };
            match page(&state, None, form).await {
                Ok(p) => super::render(StatusCode::UNPROCESSABLE_ENTITY, &p),
                Err(p) => p,
            }
        }
    };
    let checked = match checked {
        Ok(c) if errors.is_empty() => c,
        _ => return again(input, errors).await,
    };
    // The one-time token works as an Idempotency-Key: a resubmitted page stores one opinion.
    let key = crate::server::client::scoped_idempotency_key(&state, &req, &token);
    let result = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| usecases::feedback::submit(conn, ctx, &checked, Some(key)),
        )
        .await;
    match result {
        Ok(receipt) => super::see_other(&format!("/seguimiento/{}", receipt.tracking_code)),
        Err(crate::usecases::AppError::IdempotencyKeyReused) => {
            let error = FieldError::new("body", "campo-este-formulario-ya-habia-enviado");
            again(input, vec![error]).await
        }
        Err(e) => errors::from_error(&e),
    }
}
