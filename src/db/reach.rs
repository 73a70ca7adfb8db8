//! Storage of reach (issue 37): comments' origins and drafts' translations.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::QueryResult;

use super::schema_reach::{comment_origins, consultation_translations};
use super::DbConnection;

/// Where a comment came from, stored only when not the web or not Spanish.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comment_origins)]
pub struct OriginRow {
    /// The comment.
    pub comment_id: String,
    /// Its consultation.
    pub consultation_id: String,
    /// `web`, `paper`, `phone`, `in_person`, `email` or `whatsapp`.
    pub channel: String,
    /// ISO 639-3.
    pub language: String,
    /// The day an office received it.
    pub received_on: Option<NaiveDate>,
    /// Who typed it in.
    pub recorded_by: Option<String>,
}

/// Stores origins (inside the comments' transaction).
pub fn insert_origins(conn: &mut DbConnection, rows: &[OriginRow]) -> QueryResult<()> {
    crate::insert_rows!(&mut *conn, comment_origins::table, rows)
}

/// A comment's origin, if it has one stored.
pub fn origin(conn: &mut DbConnection, comment_id: &str) -> QueryResult<Option<OriginRow>> {
    comment_origins::table
        .find(comment_id)
        .select(OriginRow::as_select())
        .first(conn)
        .optional()
}

/// The stored origins of some comments, by comment id.
pub fn origins_of(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<std::collections::HashMap<String, OriginRow>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<OriginRow> = comment_origins::table
        .filter(comment_origins::comment_id.eq_any(ids))
        .select(OriginRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|o| (o.comment_id.clone(), o))
        .collect())
}

/// A consultation's comments by channel: the stored origins counted, and `web` the rest of
/// the `received` comments. Every channel is listed, with 0 when none came through it.
pub fn by_channel(
    conn: &mut DbConnection,
    consultation_id: &str,
    received: i64,
) -> QueryResult<BTreeMap<String, i64>> {
    use diesel::dsl::count_star;
    let stored: Vec<(String, i64)> = comment_origins::table
        .filter(comment_origins::consultation_id.eq(consultation_id))
        .group_by(comment_origins::channel)
        .select((comment_origins::channel, count_star()))
        .load(conn)?;
    let mut out: BTreeMap<String, i64> = crate::domain::reach::CommentChannel::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), 0))
        .collect();
    let mut elsewhere = 0;
    for (channel, n) in stored {
        if channel != "web" {
            elsewhere += n;
        }
        *out.entry(channel).or_default() += n;
    }
    *out.entry("web".into()).or_default() += received - elsewhere - out["web"];
    Ok(out)
}

/// A published translation of a consultation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consultation_translations)]
pub struct TranslationRow {
    /// The consultation.
    pub consultation_id: String,
    /// ISO 639-3.
    pub language: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The draft.
    pub proposal_text: String,
    /// Who translated it.
    pub translator: String,
    /// SHA-256 of title, summary and draft ([`crate::domain::reach::translation_sha256`]).
    pub sha256: String,
    /// The Committee member who published it.
    pub published_by: String,
    /// When.
    pub published_at: NaiveDateTime,
}

/// Stores a translation (the caller checked, under the write lock, that the language has none).
pub fn insert_translation(conn: &mut DbConnection, row: &TranslationRow) -> QueryResult<()> {
    diesel::insert_into(consultation_translations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A consultation's translations, by language code.
pub fn translations(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<TranslationRow>> {
    consultation_translations::table
        .filter(consultation_translations::consultation_id.eq(consultation_id))
        .order(consultation_translations::language)
        .select(TranslationRow::as_select())
        .load(conn)
}

/// One translation.
pub fn translation(
    conn: &mut DbConnection,
    consultation_id: &str,
    language: &str,
) -> QueryResult<Option<TranslationRow>> {
    consultation_translations::table
        .find((consultation_id, language))
        .select(TranslationRow::as_select())
        .first(conn)
        .optional()
}
