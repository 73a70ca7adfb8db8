//! Reach (issue 37): a consultation's translations and the comments the Committee types in
//! from paper, phone, offices, e-mail and WhatsApp.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::auth::{Authed, CommitteeMembers, Moderators};
use super::procedures::parse_id;
use crate::db::reach::TranslationRow;
use crate::domain::reach::NewTranslation;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::reach::AssistedComment;
use crate::usecases::{self, AppError};

/// A published translation, as the consultation lists it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TranslationSummary {
    /// ISO 639-3 code.
    pub language: String,
    /// Who translated it.
    pub translator: String,
    /// When it was published (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub published_at: chrono::NaiveDateTime,
    /// SHA-256 of its title, summary and draft, each followed by a NUL byte.
    pub sha256: String,
}

impl From<&TranslationRow> for TranslationSummary {
    fn from(t: &TranslationRow) -> Self {
        TranslationSummary {
            language: t.language.clone(),
            translator: t.translator.clone(),
            published_at: t.published_at,
            sha256: t.sha256.clone(),
        }
    }
}

/// One article of a translated draft.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TranslatedArticle {
    /// The same number as the original's article.
    pub number: String,
    /// Its heading.
    pub heading: String,
    /// Its text.
    pub text: String,
}

/// A translation with its text, parsed into articles like the original.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TranslationView {
    /// The consultation.
    pub consultation_id: String,
    /// Language, translator, date and hash.
    #[serde(flatten)]
    pub summary: TranslationSummary,
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(rename = "summary")]
    pub summary_text: String,
    /// The draft as published.
    pub proposal_text: String,
    /// The text before the first article.
    pub preamble: String,
    /// The articles.
    pub articles: Vec<TranslatedArticle>,
    /// Always false: the official text is the Spanish original.
    pub official: bool,
}

impl From<TranslationRow> for TranslationView {
    fn from(t: TranslationRow) -> Self {
        let draft = crate::domain::draft::Draft::of_stored(&t.proposal_text);
        TranslationView {
            summary: (&t).into(),
            consultation_id: t.consultation_id,
            title: t.title,
            summary_text: t.summary,
            proposal_text: t.proposal_text,
            preamble: draft.preamble,
            articles: (draft.articles.into_iter())
                .map(|a| TranslatedArticle {
                    number: a.number,
                    heading: a.heading,
                    text: a.text,
                })
                .collect(),
            official: false,
        }
    }
}

/// Publishes a translation of a consultation (committee): one per language of the setting
/// `draft_languages`, with the same articles as the original; frozen and audited.
#[utoipa::path(tag = "consultations", request_body = inline(serde_json::Value), params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 201, body = TranslationView), (status = 401), (status = 403),
    (status = 404), (status = 409, description = "translation_exists"), (status = 422)))]
#[post("/consultations/{id}/translations")]
pub async fn translate(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "consultation")?;
    let input: NewTranslation = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let allowed = state.settings.draft_languages.clone();
    let row = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::reach::publish_translation(conn, ctx, &allowed, &id, &input)
        })
        .await?;
    let location = format!(
        "/api/v1/consultations/{}/translations/{}",
        row.consultation_id, row.language
    );
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(TranslationView::from(row)))
}

/// A consultation's translation with its articles (public).
#[utoipa::path(tag = "consultations", params(("id" = String, Path), ("language" = String, Path)),
    responses((status = 200, body = TranslationView), (status = 404)))]
#[get("/consultations/{id}/translations/{language}")]
pub async fn translation(
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<web::Json<TranslationView>, AppError> {
    let (id, language) = path.into_inner();
    let id = parse_id(&id, "consultation")?;
    let row = state
        .db(move |conn| usecases::reach::translation(conn, &id, &language))
        .await?;
    Ok(web::Json(row.into()))
}

/// Records a comment received on paper, by phone, in person, by e-mail or by WhatsApp
/// (committee), dated the day it was received (within the window; it may be typed in after
/// the window closed). It gets a tracking code like a web comment.
#[utoipa::path(tag = "consultations", request_body = AssistedComment, params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 201, body = crate::usecases::comments::Receipt), (status = 401),
    (status = 403), (status = 404), (status = 422)))]
#[post("/consultations/{id}/assisted-comments")]
pub async fn assisted(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "consultation")?;
    let input: AssistedComment = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let receipt =
        crate::server::reach::record_assisted(&state, who.user.actor(), id, input).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/comments/by-tracking/{}", receipt.tracking_code),
        ))
        .json(receipt))
}

/// Attaches the scanned original of a comment received on paper (committee; multipart, field
/// `file`: PDF, PNG or JPEG, at most `document_limit_bytes`). Once per comment.
#[utoipa::path(tag = "consultations", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 201, body = crate::db::originals::OriginalMeta), (status = 401), (status = 403), (status = 404),
    (status = 409, description = "comment_not_assisted, original_exists"), (status = 413), (status = 422)))]
#[post("/comments/{id}/original")]
pub async fn attach_original(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "comment")?;
    let received =
        crate::server::uploads::receive(&req, payload, state.settings.document_limit_bytes).await?;
    let (name, kind, bytes) = crate::server::uploads::checked_scan(received)?;
    let meta = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::originals::attach(conn, ctx, &id, (&name, kind, &bytes))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/comments/{}/original", meta.comment_id),
        ))
        .json(meta))
}

/// The scanned original of a comment (committee): the file as attached.
#[utoipa::path(tag = "consultations", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/octet-stream"), (status = 401), (status = 403), (status = 404)))]
#[get("/comments/{id}/original")]
pub async fn original(
    _who: Authed<Moderators>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "comment")?;
    let (meta, bytes) = state
        .db(move |conn| usecases::originals::file(conn, &id))
        .await?;
    Ok(crate::server::reach::original_response(&meta, bytes))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(translate)
        .service(translation)
        .service(assisted)
        .service(attach_original)
        .service(original);
}
