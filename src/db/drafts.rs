//! Participatory drafts in the database: each article's comment counts (counters, like
//! [`super::counts`]), the final texts and the links between rounds of one procedure.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{article_counts, comments, consultations, final_texts};
use super::DbConnection;

/// A final text as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = final_texts)]
pub struct FinalTextRow {
    /// The consultation.
    pub consultation_id: String,
    /// The text adopted.
    pub text: String,
    /// A JSON object: article number → the Committee's note.
    pub notes: String,
    /// SHA-256 of `text`.
    pub sha256: String,
    /// Who published it.
    pub published_by: String,
    /// When.
    pub published_at: NaiveDateTime,
}

/// Adds to an article's counters, creating them for its first comment.
pub fn add_to_article(
    conn: &mut DbConnection,
    consultation_id: &str,
    article: &str,
    received: i64,
    published: i64,
) -> QueryResult<()> {
    use article_counts::dsl as a;
    let updated = diesel::update(a::article_counts.find((consultation_id, article)))
        .set((
            a::received.eq(a::received + received),
            a::published.eq(a::published + published),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(a::article_counts)
            .values((
                a::consultation_id.eq(consultation_id),
                a::article.eq(article),
                a::received.eq(received),
                a::published.eq(published),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Each article's (received, published) comments: one row per article commented on.
pub fn article_counts(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<BTreeMap<String, (i64, i64)>> {
    let rows: Vec<(String, i64, i64)> = article_counts::table
        .filter(article_counts::consultation_id.eq(consultation_id))
        .select((
            article_counts::article,
            article_counts::received,
            article_counts::published,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(a, r, p)| (a, (r, p))).collect())
}

/// The (received, published) comments of each article, counted from the comments (for checking
/// the counters).
pub fn recount_articles(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<BTreeMap<String, (i64, i64)>> {
    let rows: Vec<(Option<String>, String)> = comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::article.is_not_null())
        .select((comments::article, comments::status))
        .load(conn)?;
    let mut out: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (article, status) in rows {
        let e = out.entry(article.unwrap_or_default()).or_default();
        e.0 += 1;
        e.1 += i64::from(status == "published");
    }
    Ok(out)
}

/// The final text of a consultation, if published.
pub fn final_text(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Option<FinalTextRow>> {
    final_texts::table
        .find(consultation_id)
        .select(FinalTextRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a final text.
pub fn insert_final_text(conn: &mut DbConnection, row: &FinalTextRow) -> QueryResult<()> {
    diesel::insert_into(final_texts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The final texts published at or after `since`.
pub fn final_texts_since(
    conn: &mut DbConnection,
    since: NaiveDateTime,
) -> QueryResult<Vec<FinalTextRow>> {
    final_texts::table
        .filter(final_texts::published_at.ge(since))
        .order(final_texts::published_at.asc())
        .select(FinalTextRow::as_select())
        .load(conn)
}

/// Every final text, by consultation.
pub fn final_texts(conn: &mut DbConnection) -> QueryResult<Vec<FinalTextRow>> {
    final_texts::table
        .order(final_texts::consultation_id.asc())
        .select(FinalTextRow::as_select())
        .load(conn)
}

/// The consultation that supersedes this one, if any.
pub fn superseded_by(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Option<String>> {
    consultations::table
        .filter(consultations::supersedes.eq(consultation_id))
        .select(consultations::id)
        .first(conn)
        .optional()
}

/// The ids of the published comments of these groups, in order, per group.
pub fn published_ids_of_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    if group_keys.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq_any(group_keys))
        .filter(comments::status.eq("published"))
        .order(comments::id.asc())
        .select((comments::group_key, comments::id))
        .load(conn)
}

/// The published comments on articles, by article and text group: (article, group key,
/// comments, whether the group proposes a wording).
pub fn published_article_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(String, String, i64, bool)>> {
    let rows: Vec<(Option<String>, String, i64, Option<String>)> = comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::status.eq("published"))
        .filter(comments::article.is_not_null())
        .group_by((comments::article, comments::group_key))
        .select((
            comments::article,
            comments::group_key,
            diesel::dsl::count_star(),
            diesel::dsl::max(comments::proposed_text),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(a, g, n, p)| (a.unwrap_or_default(), g, n, p.is_some()))
        .collect())
}
