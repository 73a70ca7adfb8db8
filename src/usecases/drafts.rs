//! Participatory drafts: a consultation's proposal as articles with their comment counts, the
//! final text the Committee publishes once the window has closed, what changed in it and the
//! comments behind each change (contract section "Participatory drafts").

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::consultations::{find, status_of};
use super::error::AppError;
use crate::audit::Context;
use crate::db::consultations::{self as store, ConsultationRow};
use crate::db::drafts::{self as drafts_store, FinalTextRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::calendar::Status;
use crate::domain::consultation::text_field;
use crate::domain::draft::{self, compare, Change, Compared, Draft};
use crate::domain::error::{FieldError, Problem};

/// What the Committee sends to publish the final text.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFinalText {
    /// The text adopted, 1–200,000 characters, articles as in the proposal.
    pub text: String,
    /// A note per article (its number → the note, up to 5,000 characters each).
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

/// A final text, checked: its draft and notes by the draft's numbers.
#[derive(Debug, Clone)]
pub struct CheckedFinalText {
    /// The text, trimmed.
    pub text: String,
    /// Its articles.
    pub draft: Draft,
    /// Notes by article number, empty ones dropped.
    pub notes: BTreeMap<String, String>,
}

/// Checks a final text against the consulted draft: the parser's rules, and a note only for an
/// article of one of the two texts.
pub fn check_final(input: &NewFinalText, consulted: &Draft) -> Result<CheckedFinalText, AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let text = text_field(&mut errors, "text", &input.text, 1, 200_000);
    let adopted = if errors.is_empty() {
        draft::parse("text", &text).unwrap_or_else(|faults| {
            errors.extend(faults);
            Draft::default()
        })
    } else {
        Draft::default()
    };
    let mut notes = BTreeMap::new();
    for (number, note) in &input.notes {
        let number = draft::normalize_number(number);
        let note = note.trim();
        if note.is_empty() {
            continue;
        }
        if consulted.article(&number).is_none() && adopted.article(&number).is_none() {
            errors.push(FieldError::with(
                "notes",
                Problem::new("campo-nota-articulo-inexistente").with("numero", number.clone()),
            ));
        } else if crate::domain::char_len(note) > 5_000 {
            errors.push(FieldError::with(
                "notes",
                Problem::new("campo-como-maximo").with("max", 5_000),
            ));
        }
        notes.insert(number, note.to_string());
    }
    if errors.is_empty() {
        Ok(CheckedFinalText {
            text,
            draft: adopted,
            notes,
        })
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Publishes the final text of a closed consultation, once; audited with its SHA-256.
pub fn publish_final_text(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    input: &NewFinalText,
) -> Result<FinalTextRow, AppError> {
    super::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    write_tx(conn, |conn| {
        let c = find(conn, id)?;
        if status_of(&c, ctx.now) != Status::Closed {
            return Err(AppError::conflict(
                "consultation_not_closed",
                Problem::new("conflicto-texto-final-antes-del-cierre"),
            ));
        }
        if drafts_store::final_text(conn, &c.id)?.is_some() {
            return Err(AppError::conflict(
                "final_text_published",
                Problem::new("conflicto-final-text-published"),
            ));
        }
        let checked = check_final(input, &Draft::of_stored(&c.proposal_text))?;
        let row = FinalTextRow {
            consultation_id: c.id.clone(),
            sha256: hex::encode(Sha256::digest(checked.text.as_bytes())),
            text: checked.text,
            notes: serde_json::to_string(&checked.notes).unwrap_or_else(|_| "{}".into()),
            published_by: ctx.actor.to_string(),
            published_at: ctx.now.naive_utc(),
        };
        drafts_store::insert_final_text(conn, &row)?;
        let changes = compare(&Draft::of_stored(&c.proposal_text), &checked.draft);
        let count = |k: Change| changes.iter().filter(|a| a.change == k).count();
        let data = serde_json::json!({
            "sha256": row.sha256, "articles": checked.draft.articles.len(),
            "changed": count(Change::Changed), "added": count(Change::Added),
            "removed": count(Change::Removed),
        });
        ctx.record(
            conn,
            "consultation.final_text_published",
            "consultation",
            &c.id,
            data,
        )?;
        Ok(row)
    })
}

/// One article of the final text as shown: compared with the consulted one, with its note and
/// the published comments whose answer names it.
#[derive(Debug, Clone)]
pub struct FinalArticle {
    /// The comparison.
    pub compared: Compared,
    /// The Committee's note.
    pub note: Option<String>,
    /// Published comments whose answer says they led to changing this article.
    pub comments: Vec<String>,
}

/// A published final text.
#[derive(Debug, Clone)]
pub struct FinalText {
    /// As stored.
    pub row: FinalTextRow,
    /// Article by article.
    pub articles: Vec<FinalArticle>,
}

/// Everything a consultation's draft shows: articles, counts per article, the final text and
/// the rounds around it. Costs the same whatever the number of comments, except the final
/// text's list of comments behind each change (only the answered groups that name articles).
#[derive(Debug, Clone)]
pub struct DraftFacts {
    /// The consulted draft.
    pub draft: Draft,
    /// (received, published) comments per article.
    pub by_article: BTreeMap<String, (i64, i64)>,
    /// The final text, once published.
    pub final_text: Option<FinalText>,
    /// The consultation this one follows.
    pub supersedes: Option<String>,
    /// The consultation that follows this one.
    pub superseded_by: Option<String>,
}

/// The articles each answered group says it changed: group key → numbers.
pub fn changed_by_group(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> diesel::QueryResult<BTreeMap<String, Vec<String>>> {
    Ok(store::responses(conn, consultation_id)?
        .into_iter()
        .filter_map(|r| {
            let changed: Vec<String> = serde_json::from_str(r.changed_articles.as_deref()?).ok()?;
            Some((r.group_key, changed))
        })
        .collect())
}

/// The facts of a consultation's draft.
pub fn facts(conn: &mut DbConnection, c: &ConsultationRow) -> Result<DraftFacts, AppError> {
    let draft = Draft::of_stored(&c.proposal_text);
    let by_article = drafts_store::article_counts(conn, &c.id)?;
    let final_text = match drafts_store::final_text(conn, &c.id)? {
        None => None,
        Some(row) => Some(final_text(conn, &draft, row)?),
    };
    Ok(DraftFacts {
        draft,
        by_article,
        final_text,
        supersedes: c.supersedes.clone(),
        superseded_by: drafts_store::superseded_by(conn, &c.id)?,
    })
}

fn final_text(
    conn: &mut DbConnection,
    consulted: &Draft,
    row: FinalTextRow,
) -> Result<FinalText, AppError> {
    let adopted = Draft::of_stored(&row.text);
    let notes: BTreeMap<String, String> = serde_json::from_str(&row.notes).unwrap_or_default();
    let changed = changed_by_group(conn, &row.consultation_id)?;
    let keys: Vec<&str> = changed.keys().map(String::as_str).collect();
    let mut behind: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (group, id) in drafts_store::published_ids_of_groups(conn, &row.consultation_id, &keys)? {
        for article in changed.get(&group).into_iter().flatten() {
            behind
                .entry(article.as_str())
                .or_default()
                .insert(id.clone());
        }
    }
    let articles = compare(consulted, &adopted)
        .into_iter()
        .map(|compared| FinalArticle {
            note: notes.get(&compared.article.number).cloned(),
            comments: behind
                .get(compared.article.number.as_str())
                .map(|ids| ids.iter().cloned().collect())
                .unwrap_or_default(),
            compared,
        })
        .collect();
    Ok(FinalText { row, articles })
}
