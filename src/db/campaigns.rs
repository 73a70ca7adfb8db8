//! Near-duplicate campaigns' lookup tables (issue 36): the LSH band buckets with the campaign of
//! each text in them, and those texts' signatures. A comment's campaign itself is its
//! `comments.group_key`.

use diesel::prelude::*;

use super::schema::{campaign_bands, comment_signatures};
use super::DbConnection;

/// Band keys per query: well inside SQLite's 32,766 bound parameters.
const KEYS_PER_QUERY: usize = 10_000;

/// A text in a band bucket.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = campaign_bands)]
pub struct BandRow {
    /// The consultation.
    pub consultation_id: String,
    /// The band's key ([`crate::domain::campaign::Fingerprint::scoped_bands`]).
    pub band_key: i64,
    /// The text's comment.
    pub comment_id: String,
    /// Its campaign's first comment.
    pub campaign_id: String,
    /// Its campaign's group key.
    pub group_key: String,
}

/// A bucketed text's MinHash signature.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = comment_signatures)]
pub struct SignatureRow {
    /// The comment.
    pub comment_id: String,
    /// Its consultation.
    pub consultation_id: String,
    /// [`crate::domain::campaign::Fingerprint::to_bytes`].
    pub signature: Vec<u8>,
}

/// The texts in these buckets of a consultation, each with its signature, in the order they
/// were placed.
pub fn members(
    conn: &mut DbConnection,
    consultation_id: &str,
    keys: &[i64],
) -> QueryResult<Vec<(BandRow, Vec<u8>)>> {
    let mut out = Vec::new();
    for chunk in keys.chunks(KEYS_PER_QUERY) {
        let rows: Vec<(BandRow, Vec<u8>)> = campaign_bands::table
            .inner_join(
                comment_signatures::table
                    .on(comment_signatures::comment_id.eq(campaign_bands::comment_id)),
            )
            .filter(campaign_bands::consultation_id.eq(consultation_id))
            .filter(campaign_bands::band_key.eq_any(chunk))
            .select((
                (
                    campaign_bands::consultation_id,
                    campaign_bands::band_key,
                    campaign_bands::comment_id,
                    campaign_bands::campaign_id,
                    campaign_bands::group_key,
                ),
                comment_signatures::signature,
            ))
            .load(conn)?;
        out.extend(rows);
    }
    out.sort_by(|a, b| a.0.comment_id.cmp(&b.0.comment_id));
    Ok(out)
}

/// Stores texts newly put in buckets and their signatures.
pub fn insert(
    conn: &mut DbConnection,
    bands: &[BandRow],
    signatures: &[SignatureRow],
) -> QueryResult<()> {
    crate::insert_rows!(&mut *conn, comment_signatures::table, signatures)?;
    crate::insert_rows!(&mut *conn, campaign_bands::table, bands)
}

/// Forgets a consultation's buckets and signatures, before its campaigns are rebuilt.
pub fn forget(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<()> {
    diesel::delete(
        campaign_bands::table.filter(campaign_bands::consultation_id.eq(consultation_id)),
    )
    .execute(conn)?;
    diesel::delete(
        comment_signatures::table.filter(comment_signatures::consultation_id.eq(consultation_id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Moves a comment's bucket entries to another campaign (a comment split out of its campaign
/// starts one of its own, and texts like it join that one).
pub fn move_comment(
    conn: &mut DbConnection,
    consultation_id: &str,
    comment_id: &str,
    campaign_id: &str,
    group_key: &str,
) -> QueryResult<()> {
    diesel::update(
        campaign_bands::table
            .filter(campaign_bands::consultation_id.eq(consultation_id))
            .filter(campaign_bands::comment_id.eq(comment_id)),
    )
    .set((
        campaign_bands::campaign_id.eq(campaign_id),
        campaign_bands::group_key.eq(group_key),
    ))
    .execute(conn)
    .map(|_| ())
}

/// A comment as a rebuild reads it: (id, text, article, proposed wording, group key, status).
pub type Regrouped = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// Every comment of a consultation, in arrival order (ids are UUIDv7).
pub fn all_comments(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<Regrouped>> {
    use super::schema::comments;
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .order(comments::id.asc())
        .select((
            comments::id,
            comments::body,
            comments::article,
            comments::proposed_text,
            comments::group_key,
            comments::status,
        ))
        .load(conn)
}

/// Puts these comments of a consultation in the campaign (group) `group_key`.
pub fn set_group(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
    ids: &[&str],
) -> QueryResult<()> {
    use super::schema::comments;
    for chunk in ids.chunks(1_000) {
        diesel::update(
            comments::table
                .filter(comments::consultation_id.eq(consultation_id))
                .filter(comments::id.eq_any(chunk)),
        )
        .set(comments::group_key.eq(group_key))
        .execute(conn)?;
    }
    Ok(())
}

/// Replaces a consultation's groups, with their published counts, and sets its counters of
/// distinct texts (campaigns) and answered comments.
pub fn replace_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
    groups: &[(String, i64)],
    answered: i64,
) -> QueryResult<()> {
    use super::schema::{comment_groups, consultation_counts};
    diesel::delete(
        comment_groups::table.filter(comment_groups::consultation_id.eq(consultation_id)),
    )
    .execute(conn)?;
    let rows: Vec<super::counts::NewGroup<'_>> = groups
        .iter()
        .map(|(key, published)| super::counts::NewGroup {
            consultation_id,
            group_key: key,
            published: *published,
        })
        .collect();
    super::counts::insert_groups(conn, &rows)?;
    diesel::update(consultation_counts::table.find(consultation_id))
        .set((
            consultation_counts::distinct_texts.eq(groups.len() as i64),
            consultation_counts::answered.eq(answered),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Gives the answer of one group to another (when a rebuild renamed the campaign it answered).
pub fn move_response(
    conn: &mut DbConnection,
    consultation_id: &str,
    from: &str,
    to: &str,
) -> QueryResult<()> {
    use super::schema::comment_responses;
    diesel::update(
        comment_responses::table
            .filter(comment_responses::consultation_id.eq(consultation_id))
            .filter(comment_responses::group_key.eq(from)),
    )
    .set(comment_responses::group_key.eq(to))
    .execute(conn)
    .map(|_| ())
}
