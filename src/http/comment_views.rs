//! Comments as the API shows them: the comment, its answer and its campaign, for the public
//! or for staff.

use serde::Serialize;

use crate::db::consultations::{CommentRow, ResponseRow};
use crate::domain::public;

/// An answer as published.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResponseView {
    /// The committee's answer.
    pub body: String,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub responded_at: chrono::NaiveDateTime,
    /// What became of the comment, when the Committee said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The articles of the consulted draft the comment led to change (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_articles: Vec<String>,
}

/// An answer to comments as published.
pub fn response_view(r: &ResponseRow) -> ResponseView {
    ResponseView {
        body: r.body.clone(),
        responded_at: r.responded_at,
        outcome: r.outcome.clone(),
        changed_articles: r
            .changed_articles
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok())
            .unwrap_or_default(),
    }
}

/// A comment as shown: published ones with their text and answer; withheld ones without text,
/// with date and reason. Never an e-mail address.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    /// Id.
    pub id: String,
    /// `published`, `withheld` (public view of `rejected`), or for staff `received` / `rejected`.
    pub status: String,
    /// Name, or "Anónimo".
    pub author_name: String,
    /// Organisation.
    pub organization: Option<String>,
    /// The text (absent when withheld).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// When it was received.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub received_at: chrono::NaiveDateTime,
    /// When it was withheld.
    #[serde(
        serialize_with = "crate::domain::time::naive_utc_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub withheld_at: Option<chrono::NaiveDateTime>,
    /// Why it was withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_reason: Option<String>,
    /// The moderator's explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_detail: Option<String>,
    /// The article of the draft it is about (`null`: the whole draft).
    pub article: Option<String>,
    /// The wording it proposes for that article (absent when withheld).
    pub proposed_text: Option<String>,
    /// The committee's answer.
    pub response: Option<ResponseView>,
    /// Its campaign: the id of the first comment of its group of near-duplicate texts.
    pub campaign_id: String,
    /// How it came: `web`, or `paper`, `phone`, `in_person`, `email`, `whatsapp` when the
    /// Committee typed it in.
    pub channel: String,
    /// The language it was written in (ISO 639-3).
    pub language: String,
}

impl CommentView {
    /// The view with where the comment came from, when it did not come through the web in
    /// Spanish.
    pub fn with_origin(mut self, origin: Option<&crate::db::reach::OriginRow>) -> Self {
        if let Some(o) = origin {
            self.channel = o.channel.clone();
            self.language = o.language.clone();
        }
        self
    }
}

/// A comment as shown, in its campaign `campaign_id`.
pub fn comment_view(
    c: CommentRow,
    response: Option<&ResponseRow>,
    staff: bool,
    campaign_id: String,
) -> CommentView {
    let shown = public::shown(
        public::Stored {
            status: &c.status,
            author_name: c.author_name.as_deref(),
        },
        staff,
    );
    let withheld = shown.withheld;
    CommentView {
        status: if staff {
            c.status.clone()
        } else {
            shown.status.into()
        },
        author_name: shown.author,
        organization: c.organization,
        body: shown.words.then_some(c.body),
        proposed_text: c.proposed_text.filter(|_| shown.words),
        article: c.article,
        received_at: c.received_at,
        withheld_at: if withheld { c.moderated_at } else { None },
        withheld_reason: if withheld { c.reject_reason } else { None },
        withheld_detail: if withheld { c.reject_detail } else { None },
        response: response.map(response_view),
        id: c.id,
        campaign_id,
        channel: crate::domain::reach::CommentChannel::Web.as_str().into(),
        language: crate::domain::reach::SPANISH.into(),
    }
}

/// The campaign id of one comment (the first comment of its group).
pub fn campaign_of(
    conn: &mut crate::db::DbConnection,
    c: &CommentRow,
) -> diesel::QueryResult<String> {
    let ids = crate::db::campaign_reads::campaign_ids(conn, &c.consultation_id, &[&c.group_key])?;
    Ok(ids
        .get(&c.group_key)
        .cloned()
        .unwrap_or_else(|| c.id.clone()))
}
