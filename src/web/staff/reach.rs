//! `/gestion/consultas/{id}/alcance` (issue 37): a consultation's translations and the
//! comments received elsewhere than on the web. The Committee publishes a translation of the
//! draft, or types in a comment received on paper, by phone, in person, by e-mail or by
//! WhatsApp, and gets its printable receipt with the tracking code. A form that fails comes
//! back with what was typed and the faults above it.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{render, see_other, session_with, Nav, SignedForm};
use crate::domain::access::{can, Act};
use crate::domain::reach::{CommentChannel, NewTranslation};
use crate::server::AppState;
use crate::usecases::reach::AssistedComment;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::reach_words::{channel_name, language_name};

/// The page.
#[derive(Template)]
#[template(path = "gestion_alcance.html")]
pub struct ReachPage {
    /// Header.
    pub nav: Nav,
    /// The consultation.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Received comments by channel: (name, count).
    pub channels: Vec<(String, i64)>,
    /// Published translations: (language, translator, date, first 16 hex of the SHA-256).
    pub translations: Vec<(String, String, String, String)>,
    /// Languages still without a translation: (code, name).
    pub languages: Vec<(String, String)>,
    /// The channels a comment may be typed in from: (code, name).
    pub channel_choices: Vec<(String, String)>,
    /// The draft's article numbers.
    pub articles: Vec<String>,
    /// The languages a comment may be recorded in, Spanish first: (code, name).
    pub comment_languages: Vec<(String, String)>,
    /// Which form failed (`traduccion` or `comentario`), what was typed and the faults.
    pub failed: Option<(String, HashMap<String, String>, Vec<String>)>,
    /// What was just done (`traduccion`).
    pub done: Option<String>,
}

impl ReachPage {
    /// What was typed in a field of the form that failed (empty otherwise).
    pub fn typed(&self, name: &str) -> String {
        self.failed
            .as_ref()
            .and_then(|(_, fields, _)| fields.get(name).cloned())
            .unwrap_or_default()
    }
}

fn id_of(raw: &str) -> Option<String> {
    uuid::Uuid::parse_str(raw.trim())
        .ok()
        .map(|u| u.to_string())
}

/// `GET /gestion/consultas/{id}/alcance`.
pub async fn page(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = id_of(&path) else {
        return errors::not_found();
    };
    let done = web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("hecho").cloned());
    show(&req, &state, id, None, done).await
}

async fn show(
    req: &HttpRequest,
    state: &AppState,
    id: String,
    failed: Option<(String, HashMap<String, String>, Vec<String>)>,
    done: Option<String>,
) -> HttpResponse {
    let s = match session_with(req, state, Act::FollowConsultations).await {
        Ok(s) => s,
        Err(res) => return res,
    };
    let read = state
        .db(move |conn| {
            let c = usecases::consultations::find(conn, &id)?;
            let counts = usecases::consultations::counts(conn, &c.id)?;
            let translations = crate::db::reach::translations(conn, &c.id)?;
            Ok::<_, AppError>((c, counts, translations))
        })
        .await;
    let (c, counts, translations) = match read {
        Ok(r) => r,
        Err(e) => return errors::from_error(&e),
    };
    let tz = state.settings.tz();
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let draft = crate::domain::draft::Draft::of_stored(&c.proposal_text);
    render(
        status,
        &ReachPage {
            nav: Nav::of(&s, "tablero", req),
            channels: (counts.by_channel.iter())
                .map(|(code, n)| (channel_name(code), *n))
                .collect(),
            languages: (state.settings.draft_languages.iter())
                .filter(|code| !translations.iter().any(|t| &t.language == *code))
                .map(|code| (code.clone(), language_name(code)))
                .collect(),
            translations: (translations.iter())
                .map(|t| {
                    (
                        language_name(&t.language),
                        t.translator.clone(),
                        crate::format::date_time(&t.published_at, tz),
                        t.sha256[..16].to_string(),
                    )
                })
                .collect(),
            channel_choices: (CommentChannel::ALL.iter())
                .filter(|c| **c != CommentChannel::Web)
                .map(|c| (c.as_str().to_string(), channel_name(c.as_str())))
                .collect(),
            articles: draft.articles.into_iter().map(|a| a.number).collect(),
            comment_languages: std::iter::once(crate::domain::reach::SPANISH.to_string())
                .chain(state.settings.draft_languages.iter().cloned())
                .map(|code| {
                    let name = language_name(&code);
                    (code, name)
                })
                .collect(),
            id: c.id,
            title: c.title,
            failed,
            done,
        },
    )
}

fn typed(form: &crate::web::forms::Form) -> HashMap<String, String> {
    form.pairs()
        .filter(|(k, _)| *k != "csrf")
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The faults a form shows above it: its fields' and a conflict's; none for other errors
/// (then the usual failure page).
fn faults(e: &AppError) -> Option<Vec<String>> {
    match e {
        AppError::Validation(list) => Some(
            list.iter()
                .map(|f| {
                    crate::format::sentence(format!(
                        "{}: {}",
                        super::labels::field(&f.field),
                        crate::words::problem(&f.problem)
                    ))
                })
                .collect(),
        ),
        AppError::Conflict { detail, .. } => Some(vec![crate::words::problem(detail)]),
        _ => None,
    }
}

/// Shows the page again with the form that failed, or the failure page.
async fn again(
    req: &HttpRequest,
    state: &AppState,
    id: String,
    which: &str,
    form: &crate::web::forms::Form,
    e: &AppError,
) -> HttpResponse {
    match faults(e) {
        Some(list) => {
            let failed = (which.to_string(), typed(form), list);
            show(req, state, id, Some(failed), None).await
        }
        None => super::failure(state, e, &format!("/gestion/consultas/{id}/alcance")),
    }
}

/// `POST /gestion/consultas/{id}/traducciones` (Committee): publishes a translation.
pub async fn translate(
    signed: SignedForm<can::Simplify>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = id_of(&path) else {
        return errors::not_found();
    };
    let (s, form) = signed.into_inner();
    let input = NewTranslation {
        language: form.get("language"),
        title: form.get("title"),
        summary: form.get("summary"),
        proposal_text: form.get("proposal_text"),
        translator: form.get("translator"),
    };
    let allowed = state.settings.draft_languages.clone();
    let target = id.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::reach::publish_translation(conn, ctx, &allowed, &target, &input)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("/gestion/consultas/{id}/alcance?hecho=traduccion")),
        Err(e) => again(&req, &state, id, "traduccion", &form, &e).await,
    }
}

/// `POST /gestion/consultas/{id}/comentarios-recibidos` (Committee): types in a comment
/// received elsewhere; answers with its printable receipt.
pub async fn assisted(
    signed: SignedForm<can::Moderate>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = id_of(&path) else {
        return errors::not_found();
    };
    let (s, form) = signed.into_inner();
    let input = AssistedComment {
        body: form.get("body"),
        channel: form.get("channel"),
        received_on: form.get("received_on"),
        author_name: form.optional("author_name"),
        email: form.optional("email"),
        organization: form.optional("organization"),
        article: form.optional("article"),
        language: form.optional("language"),
    };
    let result =
        crate::server::reach::record_assisted(&state, s.user.actor(), id.clone(), input).await;
    match result {
        Ok(receipt) => see_other(&format!("/gestion/comprobantes/{}", receipt.tracking_code)),
        Err(e) => again(&req, &state, id, "comentario", &form, &e).await,
    }
}

/// The printable receipt of a comment typed in by the Committee.
#[derive(Template)]
#[template(path = "gestion_comprobante.html")]
pub struct ReceiptPage {
    /// Header.
    pub nav: Nav,
    /// The tracking code.
    pub code: String,
    /// The consultation's title.
    pub title: String,
    /// The consultation's workspace page.
    pub back: String,
    /// The channel's name.
    pub channel: String,
    /// The day an office received it.
    pub received_on: String,
    /// When it was typed in.
    pub recorded_at: String,
    /// The public address where the citizen follows it.
    pub follow: String,
    /// Its text, as typed in.
    pub body: String,
    /// Whether it came elsewhere than on the web (then a scan may be attached).
    pub assisted: bool,
    /// Its scanned original: (download address, file name, size in words).
    pub original: Option<(String, String, String)>,
    /// Just attached.
    pub attached: bool,
}

/// `GET /gestion/comprobantes/{code}`: the receipt to print and hand to the citizen.
pub async fn receipt(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = match session_with(&req, &state, Act::FollowConsultations).await {
        Ok(s) => s,
        Err(res) => return res,
    };
    let code = path.into_inner().trim().to_uppercase();
    let wanted = code.clone();
    let read = state
        .db(move |conn| {
            let Some(row) = crate::db::consultations::by_tracking(conn, &wanted)? else {
                return Err(AppError::not_found("inexistente-comentario"));
            };
            let c = usecases::consultations::find(conn, &row.consultation_id)?;
            let origin = crate::db::reach::origin(conn, &row.id)?;
            let original = crate::db::originals::meta(conn, &row.id)?;
            Ok((row, c, (origin, original)))
        })
        .await;
    let (row, c, (origin, original)) = match read {
        Ok(r) => r,
        Err(e) => return errors::from_error(&e),
    };
    let tz = state.settings.tz();
    let public = state.settings.public_url.trim_end_matches('/');
    render(
        StatusCode::OK,
        &ReceiptPage {
            nav: Nav::of(&s, "tablero", &req),
            follow: format!("{public}/seguimiento/{}", row.tracking_code),
            code: row.tracking_code,
            title: c.title,
            back: format!("/gestion/consultas/{}/alcance", c.id),
            channel: channel_name(origin.as_ref().map_or("web", |o| o.channel.as_str())),
            received_on: (origin.as_ref().and_then(|o| o.received_on))
                .map(|d| crate::format::day(&d))
                .unwrap_or_default(),
            recorded_at: crate::format::date_time(&row.received_at, tz),
            assisted: origin.as_ref().is_some_and(|o| o.channel != "web"),
            original: original.map(|m| {
                (
                    format!("/gestion/comentarios/{}/original", m.comment_id),
                    m.filename,
                    crate::tr!("comprobante-tamano-kb", kb = (m.size + 1023) / 1024),
                )
            }),
            attached: req.query_string().contains("hecho=original"),
            body: row.body,
        },
    )
}
