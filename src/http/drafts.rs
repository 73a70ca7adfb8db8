//! Participatory drafts in the API: the consultation's articles and counts per article, the
//! final text with what changed, and publishing it.

use std::collections::BTreeMap;

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::auth::{Authed, CommitteeMembers};
use super::procedures::parse_id;
use crate::domain::comment::Counts;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::drafts::{DraftFacts, NewFinalText};
use crate::usecases::{self, AppError};

/// One article of the consulted draft.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleView {
    /// `"7"`, `"7 bis"`.
    pub number: String,
    /// The heading on its line.
    pub heading: String,
    /// Its text.
    pub text: String,
    /// Published comments on it.
    pub published_comments: i64,
}

/// An article's comment counts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleCounts {
    /// Received.
    pub received: i64,
    /// Published.
    pub published: i64,
}

/// A consultation's counts, with each article's.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountsView {
    /// The consultation's counts.
    #[serde(flatten)]
    #[schema(inline)]
    pub counts: Counts,
    /// Each commented article's counts, by number.
    pub by_article: BTreeMap<String, ArticleCounts>,
}

/// One article of the final text.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FinalArticleView {
    /// Its number.
    pub number: String,
    /// Its heading.
    pub heading: String,
    /// Its text (a removed article: its consulted text).
    pub text: String,
    /// `unchanged`, `changed`, `added` or `removed`.
    pub change: String,
    /// The Committee's note.
    pub note: Option<String>,
    /// Published comments whose answer names this article among those it changed.
    pub comments: Vec<String>,
}

/// The final text.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FinalTextView {
    /// When it was published (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub published_at: chrono::NaiveDateTime,
    /// SHA-256 of the text, as its audit entry records.
    pub sha256: String,
    /// The text as published.
    pub text: String,
    /// Article by article.
    pub articles: Vec<FinalArticleView>,
}

/// The draft's parts of a consultation as the API shows them.
pub struct DraftParts {
    /// Text before the first article.
    pub preamble: String,
    /// The articles.
    pub articles: Vec<ArticleView>,
    /// Counts per article.
    pub by_article: BTreeMap<String, ArticleCounts>,
    /// The final text.
    pub final_text: Option<FinalTextView>,
    /// The round before.
    pub supersedes: Option<String>,
    /// The round after.
    pub superseded_by: Option<String>,
}

impl From<DraftFacts> for DraftParts {
    fn from(f: DraftFacts) -> Self {
        let published = |n: &str| f.by_article.get(n).map_or(0, |c| c.1);
        DraftParts {
            articles: f
                .draft
                .articles
                .iter()
                .map(|a| ArticleView {
                    published_comments: published(&a.number),
                    number: a.number.clone(),
                    heading: a.heading.clone(),
                    text: a.text.clone(),
                })
                .collect(),
            by_article: f
                .by_article
                .iter()
                .map(|(n, (received, published))| {
                    let counts = ArticleCounts {
                        received: *received,
                        published: *published,
                    };
                    (n.clone(), counts)
                })
                .collect(),
            final_text: f.final_text.map(|t| FinalTextView {
                published_at: t.row.published_at,
                sha256: t.row.sha256,
                text: t.row.text,
                articles: t
                    .articles
                    .into_iter()
                    .map(|a| FinalArticleView {
                        number: a.compared.article.number,
                        heading: a.compared.article.heading,
                        text: a.compared.article.text,
                        change: a.compared.change.as_str().into(),
                        note: a.note,
                        comments: a.comments,
                    })
                    .collect(),
            }),
            preamble: f.draft.preamble,
            supersedes: f.supersedes,
            superseded_by: f.superseded_by,
        }
    }
}

/// Publishes the final text of a closed consultation, once (committee): 409
/// `consultation_not_closed` while the window is open, 409 `final_text_published` the second
/// time.
#[utoipa::path(tag = "consultations", request_body = NewFinalText, params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 201, body = super::consultations::ConsultationView),
    (status = 401), (status = 403), (status = 404),
    (status = 409, description = "consultation_not_closed, final_text_published"), (status = 422)))]
#[post("/consultations/{id}/final-text")]
pub async fn publish(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "consultation")?;
    let input: NewFinalText = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let view = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            usecases::drafts::publish_final_text(conn, ctx, &id, &input)?;
            super::consultations::read_view(conn, &id, now)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/consultations/{}", view.id)))
        .json(view))
}
