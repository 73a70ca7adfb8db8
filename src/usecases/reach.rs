//! Reach (issue 37): comments typed in by the Committee from paper, phone, an office, e-mail
//! or WhatsApp, and translations of a consultation's draft.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::comments::{Origin, Submission};
use super::error::{authorize, AppError};
use crate::audit::Context;
use crate::db::consultations::ConsultationRow;
use crate::db::reach::{self as store, TranslationRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::access::Act;
use crate::domain::comment::{check, CodeNumbers, NewComment};
use crate::domain::error::{FieldError, Problem};
use crate::domain::reach::{self, CommentChannel, NewTranslation};

/// A comment the Committee received elsewhere than on the web, as typed in.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssistedComment {
    /// The text as the citizen gave it.
    pub body: String,
    /// `paper`, `phone`, `in_person`, `email` or `whatsapp`.
    pub channel: String,
    /// The day an office received it (`YYYY-MM-DD`), within the consultation's window.
    pub received_on: String,
    /// Name to show.
    #[serde(default)]
    pub author_name: Option<String>,
    /// E-mail for the receipt and the answer.
    #[serde(default)]
    pub email: Option<String>,
    /// Organisation.
    #[serde(default)]
    pub organization: Option<String>,
    /// The article it is about.
    #[serde(default)]
    pub article: Option<String>,
    /// The language it was written or said in (ISO 639-3; default Spanish).
    #[serde(default)]
    pub language: Option<String>,
}

/// Checks an assisted comment against its consultation and makes the submission the comment
/// writer stores (with the same tracking code as a web comment). Committee only.
pub fn assisted_submission(
    roles: &[crate::domain::Role],
    actor: &str,
    c: &ConsultationRow,
    input: &AssistedComment,
    (tz, now): (Tz, DateTime<Utc>),
    numbers: &CodeNumbers,
) -> Result<Submission, AppError> {
    if !Act::Moderate.allowed(roles) {
        return Err(AppError::Forbidden(Act::Moderate.needs()));
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let comment = check(&NewComment {
        body: input.body.clone(),
        author_name: input.author_name.clone(),
        email: input.email.clone(),
        organization: input.organization.clone(),
        article: input.article.clone(),
        proposed_text: None,
        language: input.language.clone(),
    })
    .map_err(|e| errors.extend(e))
    .ok();
    let channel = CommentChannel::parse(input.channel.trim())
        .filter(|c| *c != CommentChannel::Web)
        .or_else(|| {
            errors.push(FieldError::new(
                "channel",
                "campo-debe-ser-canal-comentario",
            ));
            None
        });
    let day = match NaiveDate::parse_from_str(input.received_on.trim(), "%Y-%m-%d") {
        Ok(day) => reach::received_on(day, c.opens_at.and_utc(), c.closes_at.and_utc(), tz, now)
            .map(|_| day)
            .map_err(|e| errors.push(e))
            .ok(),
        Err(_) => {
            errors.push(FieldError::new("received_on", "campo-debe-ser-fecha-dia"));
            None
        }
    };
    let (Some(comment), Some(channel), Some(day), true) =
        (comment, channel, day, errors.is_empty())
    else {
        return Err(errors.into());
    };
    let origin = Origin {
        channel: Some(channel),
        received_on: Some(day),
        recorded_by: Some(actor.to_string()),
    };
    Ok(Submission::new(now, numbers, c.id.clone(), comment, None).with_origin(origin))
}

/// Publishes a translation of a consultation's title, summary and draft (Committee): one per
/// language, frozen with its SHA-256 in the audit entry `consultation.translated`.
pub fn publish_translation(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    allowed: &[String],
    consultation_id: &str,
    input: &NewTranslation,
) -> Result<TranslationRow, AppError> {
    authorize(ctx, Act::Simplify)?;
    let t = reach::check_translation(input, allowed)?;
    write_tx(conn, |conn| {
        let c = super::consultations::find(conn, consultation_id)?;
        same_articles(&c.proposal_text, &t.proposal_text)?;
        if store::translation(conn, &c.id, &t.language)?.is_some() {
            return Err(AppError::conflict(
                "translation_exists",
                Problem::new("conflicto-translation-exists").with("idioma", t.language.clone()),
            ));
        }
        let row = TranslationRow {
            consultation_id: c.id.clone(),
            sha256: reach::translation_sha256(&t.title, &t.summary, &t.proposal_text),
            language: t.language.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            proposal_text: t.proposal_text.clone(),
            translator: t.translator.clone(),
            published_by: ctx.actor.to_string(),
            published_at: ctx.now.naive_utc(),
        };
        store::insert_translation(conn, &row)?;
        let data = serde_json::json!({
            "language": row.language, "translator": row.translator, "sha256": row.sha256,
            "length": row.proposal_text.chars().count(),
        });
        ctx.record(conn, "consultation.translated", "consultation", &c.id, data)?;
        Ok(row)
    })
}

/// A translation must have the original's articles, numbered alike, so that a comment on
/// article 7 of either means the same article.
fn same_articles(original: &str, translated: &str) -> Result<(), AppError> {
    use crate::domain::draft::{parse, Draft};
    let numbers =
        |d: &Draft| -> Vec<String> { d.articles.iter().map(|a| a.number.clone()).collect() };
    let want = numbers(&Draft::of_stored(original));
    let got = numbers(&parse("proposal_text", translated)?);
    if want != got {
        return Err(AppError::field_with(
            "proposal_text",
            Problem::new("campo-traduccion-articulos")
                .with("esperados", want.join(", "))
                .with("recibidos", got.join(", ")),
        ));
    }
    Ok(())
}

/// A consultation's translation in a language, or 404.
pub fn translation(
    conn: &mut DbConnection,
    consultation_id: &str,
    language: &str,
) -> Result<TranslationRow, AppError> {
    store::translation(conn, consultation_id, language)?
        .ok_or_else(|| AppError::not_found("inexistente-traduccion"))
}
