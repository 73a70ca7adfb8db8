//! The rules of citizens' comments: what a comment may hold, how copies of one text group,
//! tracking codes, moderation decisions and the counts a consultation shows.

use crate::domain::error::Problem;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::char_len;
use super::error::FieldError;
use super::status::CommentStatus;

/// What a citizen sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// The comment, 1–10,000 characters after trimming.
    pub body: String,
    /// Name to show (else "Anónimo"), up to 200 characters.
    #[serde(default)]
    pub author_name: Option<String>,
    /// E-mail for the receipt and the answer; never shown.
    #[serde(default)]
    pub email: Option<String>,
    /// Organisation, up to 200 characters.
    #[serde(default)]
    pub organization: Option<String>,
    /// The article of the draft the comment is about (`"7"`, `"7 bis"`); none or empty: the
    /// whole draft. Checked against the draft when the comment is stored.
    #[serde(default)]
    pub article: Option<String>,
    /// The citizen's wording for that article, 1–10,000 characters; only with `article`.
    #[serde(default)]
    pub proposed_text: Option<String>,
    /// The language it is written in (ISO 639-3); none: Spanish, or the page's language.
    #[serde(default)]
    pub language: Option<String>,
}

/// A checked comment, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedComment {
    /// The text, trimmed.
    pub body: String,
    /// Name to show.
    pub author_name: Option<String>,
    /// E-mail (private).
    pub email: Option<String>,
    /// Organisation.
    pub organization: Option<String>,
    /// The article, in the draft's own spelling once stored (`"7 bis"`).
    pub article: Option<String>,
    /// The proposed wording, trimmed.
    pub proposed_text: Option<String>,
    /// The language when not Spanish (ISO 639-3).
    pub language: Option<String>,
}

/// Checks a comment's fields (Spanish messages: citizens read them).
pub fn check(input: &NewComment) -> Result<CheckedComment, Vec<FieldError>> {
    let mut errors = Vec::new();
    let body = input.body.trim().to_string();
    let len = char_len(&body);
    if len == 0 {
        errors.push(FieldError::new(
            "body",
            "campo-comentario-no-puede-estar-vacio",
        ));
    } else if len > 10_000 {
        errors.push(FieldError::new("body", "campo-comentario-como-maximo"));
    }
    let optional = |errors: &mut Vec<FieldError>, field: &str, v: &Option<String>| {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        if char_len(v) > 200 {
            errors.push(FieldError::with(
                field,
                Problem::new("campo-como-maximo").with("max", 200),
            ));
        }
        Some(v.to_string())
    };
    let author_name = optional(&mut errors, "author_name", &input.author_name);
    let organization = optional(&mut errors, "organization", &input.organization);
    let email = optional(&mut errors, "email", &input.email);
    if let Some(e) = &email {
        let mut shape = Vec::new();
        super::user::check_email(e, &mut shape);
        if !shape.is_empty() {
            errors.push(FieldError::new("email", "campo-no-direccion-correo-valida"));
        }
    }
    let article = input
        .article
        .as_deref()
        .map(super::draft::normalize_number)
        .filter(|a| !a.is_empty());
    let proposed_text = input
        .proposed_text
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    if let Some(p) = &proposed_text {
        if article.is_none() {
            errors.push(FieldError::new(
                "proposed_text",
                "campo-propuesta-sin-articulo",
            ));
        } else if char_len(p) > 10_000 {
            errors.push(FieldError::with(
                "proposed_text",
                Problem::new("campo-largo")
                    .with("min", 1)
                    .with("max", 10_000),
            ));
        }
    } else if input
        .proposed_text
        .as_deref()
        .is_some_and(|p| !p.is_empty())
    {
        // Only spaces: a wording that says nothing.
        errors.push(FieldError::with(
            "proposed_text",
            Problem::new("campo-largo")
                .with("min", 1)
                .with("max", 10_000),
        ));
    }
    let language = match input.language.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(given) => match super::reach::language_code("language", given) {
            Ok(code) => Some(code).filter(|c| c != super::reach::SPANISH),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(CheckedComment {
            body,
            author_name,
            email,
            organization,
            article,
            proposed_text,
            language,
        })
    } else {
        Err(errors)
    }
}

pub use super::codes::*;

/// The key under which identical comments group: SHA-256 of the text in lower case with
/// accents folded, punctuation dropped and spaces collapsed.
pub fn group_key(body: &str) -> String {
    let folded = super::procedure::fold(body);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    hex::encode(Sha256::digest(words.join(" ").as_bytes()))
}

/// The group key of a comment on an article: the same words on another article, or with
/// another proposed wording, are another argument. A comment on the whole draft keeps
/// [`group_key`] of its text, as before drafts had articles.
pub fn group_key_on(body: &str, article: Option<&str>, proposed: Option<&str>) -> String {
    match article {
        None => group_key(body),
        Some(a) => group_key(&format!(
            "articulo {a} {body} propuesta {}",
            proposed.unwrap_or_default()
        )),
    }
}

/// The group key of the campaign a long text starts (one with a similarity fingerprint,
/// [`super::campaign::MIN_WORDS`] words or more): `campana-` and its first comment's id. The
/// ids are UUIDv7, so new campaigns' keys come in the order the campaigns start, and a new
/// text's entries in the two B-trees keyed by group (the comments' index `comments_group`
/// and `comment_groups`) go to their last pages instead of a random page each: with the
/// text's SHA-256 as its key ([`group_key_on`]) each new text rewrote two random pages,
/// which SQLite's write-ahead log then carried whole (docs/PERFORMANCE.md). An identical long
/// text meets its twin in the buckets instead: equal fingerprints share every bucket, so it
/// joins its twin's campaign, or an earlier one met in those buckets since (two instances
/// placing twins at the same instant may start two, which a rebuild merges). A short text,
/// compared only exactly, keeps [`group_key_on`].
pub fn campaign_key(first_comment_id: &str) -> String {
    format!("campana-{first_comment_id}")
}

/// SHA-256 of a comment's text as stored, which its audit entry records.
pub fn body_sha256(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

string_enum! {
    /// What became of a comment, given with the Committee's answer.
    Outcome {
        /// The change takes it in.
        Accepted => "accepted",
        /// In part.
        PartiallyAccepted => "partially_accepted",
        /// Not taken in; the answer says why.
        NotAccepted => "not_accepted",
        /// Not about the proposal's content.
        NotApplicable => "not_applicable",
    }
}

/// Reasons a comment may be withheld.
pub const REJECT_REASONS: &[&str] = &["abusive", "spam", "off_topic", "personal_data", "duplicate"];

/// A moderation decision as staff write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moderation {
    /// `publish` or `reject`.
    pub decision: String,
    /// For a rejection: abusive, spam, off_topic, personal_data or duplicate.
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text explaining the rejection.
    #[serde(default)]
    pub detail: Option<String>,
}

/// A checked moderation decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The new status.
    pub status: CommentStatus,
    /// The reason of a rejection.
    pub reason: Option<String>,
    /// Its explanation.
    pub detail: Option<String>,
}

/// Checks a moderation decision: a rejection needs one of the fixed reasons (`off-topic` and
/// `personal data`, as people write them, name the same reasons).
pub fn decide(input: &Moderation) -> Result<Decision, FieldError> {
    let (status, reason) = match input.decision.as_str() {
        "publish" => (CommentStatus::Published, None),
        "reject" => match input
            .reason
            .as_deref()
            .map(|r| r.trim().to_lowercase().replace(['-', ' '], "_"))
        {
            Some(r) if REJECT_REASONS.contains(&r.as_str()) => (CommentStatus::Rejected, Some(r)),
            _ => {
                return Err(FieldError::with(
                    "reason",
                    Problem::new("campo-motivo-retener").with("motivos", REJECT_REASONS.join(", ")),
                ))
            }
        },
        _ => return Err(FieldError::new("decision", "campo-debe-ser-publish-reject")),
    };
    let detail = input
        .detail
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if detail.as_deref().is_some_and(|d| char_len(d) > 2_000) {
        return Err(FieldError::with(
            "detail",
            Problem::new("campo-como-maximo").with("max", 2_000),
        ));
    }
    let detail = detail.filter(|_| status == CommentStatus::Rejected);
    Ok(Decision {
        status,
        reason,
        detail,
    })
}

/// Checks the text of the Committee's answer.
pub fn check_answer(body: &str) -> Result<String, FieldError> {
    let body = body.trim();
    if body.is_empty() || char_len(body) > 10_000 {
        return Err(FieldError::with(
            "body",
            Problem::new("campo-largo")
                .with("min", 1)
                .with("max", 10_000),
        ));
    }
    Ok(body.to_string())
}

/// Comment counts of a consultation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Every comment received.
    pub received: i64,
    /// Distinct texts among them (copies of one text count once).
    pub distinct: i64,
    /// Published.
    pub published: i64,
    /// Withheld by moderation.
    pub rejected: i64,
    /// Published comments with an answer.
    pub answered: i64,
    /// Campaigns: groups of near-duplicate texts with at least one received comment (issue 36).
    pub distinct_arguments: i64,
    /// The largest campaign's size (comments received).
    pub largest_campaign: i64,
    /// People who added their name to a published comment ("Me sumo").
    pub endorsements: i64,
    /// Received comments by the channel they came through (`web`, `paper`, `phone`,
    /// `in_person`, `email`, `whatsapp`), every channel listed (issue 37).
    pub by_channel: std::collections::BTreeMap<String, i64>,
}

/// Counts comments given as (status, group key), with the groups that have an answer.
pub fn tally<'a>(
    comments: impl IntoIterator<Item = (&'a str, &'a str)>,
    answered: &std::collections::HashSet<String>,
) -> Counts {
    let mut groups: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    let mut counts = Counts::default();
    for (status, group) in comments {
        counts.received += 1;
        match CommentStatus::parse(status) {
            Some(CommentStatus::Published) => {
                counts.published += 1;
                if answered.contains(group) {
                    counts.answered += 1;
                }
            }
            Some(CommentStatus::Rejected) => counts.rejected += 1,
            _ => {}
        }
        *groups.entry(group).or_default() += 1;
    }
    counts.distinct = groups.len() as i64;
    counts.distinct_arguments = counts.distinct;
    counts.largest_campaign = groups.values().copied().max().unwrap_or(0);
    counts
}

#[cfg(test)]
#[path = "comment_tests.rs"]
mod tests;
