//! What the campaigns of near-duplicate comments keep (issue 36): the signatures of the texts
//! that entered an LSH bucket, from which each writer rebuilds the buckets in memory, and the
//! generation that tells a writer its buckets are stale. A comment's campaign itself is its
//! `comments.group_key`.

use diesel::prelude::*;

use super::schema::{comment_signatures, consultation_counts};
use super::DbConnection;

/// A text that entered an LSH bucket.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = comment_signatures)]
pub struct SignatureRow {
    /// Its consultation.
    pub consultation_id: String,
    /// Its comment.
    pub comment_id: String,
    /// Its campaign's first comment.
    pub campaign_id: String,
    /// Its campaign's group key.
    pub group_key: String,
    /// The salt of its band keys ([`crate::domain::campaign::scope_salt`]).
    pub scope_salt: i64,
    /// [`crate::domain::campaign::Fingerprint::to_bytes`].
    pub signature: Vec<u8>,
}

/// The texts of a consultation that entered a bucket after the row `after` (all with 0), in
/// the order they were committed: (seq, row).
pub fn newer(
    conn: &mut DbConnection,
    consultation_id: &str,
    after: i64,
) -> QueryResult<Vec<(i64, SignatureRow)>> {
    use comment_signatures::dsl as s;
    s::comment_signatures
        .filter(s::consultation_id.eq(consultation_id))
        .filter(s::seq.gt(after))
        .order(s::seq.asc())
        .select((
            s::seq,
            (
                s::consultation_id,
                s::comment_id,
                s::campaign_id,
                s::group_key,
                s::scope_salt,
                s::signature,
            ),
        ))
        .load(conn)
}

/// The (seq, comment id) of the texts of a consultation that entered a bucket after the row
/// `after`, in the order they were committed: what [`newer`] would read, without the rows.
pub fn newer_ids(
    conn: &mut DbConnection,
    consultation_id: &str,
    after: i64,
) -> QueryResult<Vec<(i64, String)>> {
    use comment_signatures::dsl as s;
    s::comment_signatures
        .filter(s::consultation_id.eq(consultation_id))
        .filter(s::seq.gt(after))
        .order(s::seq.asc())
        .select((s::seq, s::comment_id))
        .load(conn)
}

/// The generation of a consultation's campaigns (bumped by a rebuild or a split).
pub fn generation(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<i64> {
    consultation_counts::table
        .find(consultation_id)
        .select(consultation_counts::campaign_generation)
        .first(conn)
        .optional()
        .map(Option::unwrap_or_default)
}

/// Marks a consultation's buckets stale for every writer.
pub fn bump_generation(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<()> {
    use consultation_counts::dsl as c;
    diesel::update(c::consultation_counts.find(consultation_id))
        .set(c::campaign_generation.eq(c::campaign_generation + 1))
        .execute(conn)
        .map(|_| ())
}

/// Stores texts newly put in buckets.
pub fn insert(conn: &mut DbConnection, signatures: &[SignatureRow]) -> QueryResult<()> {
    crate::insert_rows!(&mut *conn, comment_signatures::table, signatures)
}

/// A comment batch's signatures on PostgreSQL, as one more `WITH` query after
/// [`super::counts::batch_writes`] (`, signed AS (INSERT … SELECT * FROM unnest …)`), so that
/// they cost no round trip of their own under the write lock. Its text never changes.
pub fn signature_writes<'a>(
    signatures: &'a [SignatureRow],
) -> impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a {
    use super::{bind, Prepared};
    use diesel::sql_types::{Array, BigInt, Binary, Text};
    let text = |f: fn(&'a SignatureRow) -> &'a str| {
        bind::<Array<Text>, _>(signatures.iter().map(f).collect::<Vec<_>>())
    };
    Prepared {
        head: ", signed AS (INSERT INTO comment_signatures (consultation_id, comment_id, \
               campaign_id, group_key, scope_salt, signature) SELECT * FROM unnest(",
        binds: (
            text(|s| &s.consultation_id),
            text(|s| &s.comment_id),
            text(|s| &s.campaign_id),
            text(|s| &s.group_key),
            bind::<Array<BigInt>, _>(signatures.iter().map(|s| s.scope_salt).collect::<Vec<_>>()),
            bind::<Array<Binary>, _>(
                signatures
                    .iter()
                    .map(|s| s.signature.as_slice())
                    .collect::<Vec<_>>(),
            ),
        ),
        tail: "))",
    }
}

/// Forgets a consultation's signatures, before its campaigns are rebuilt.
pub fn forget(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<()> {
    diesel::delete(
        comment_signatures::table.filter(comment_signatures::consultation_id.eq(consultation_id)),
    )
    .execute(conn)
    .map(|_| ())
}

/// Moves a comment's signature to another campaign (a comment split out of its campaign
/// starts one of its own, and texts like it join that one).
pub fn move_comment(
    conn: &mut DbConnection,
    consultation_id: &str,
    comment_id: &str,
    campaign_id: &str,
    group_key: &str,
) -> QueryResult<()> {
    diesel::update(
        comment_signatures::table
            .filter(comment_signatures::consultation_id.eq(consultation_id))
            .filter(comment_signatures::comment_id.eq(comment_id)),
    )
    .set((
        comment_signatures::campaign_id.eq(campaign_id),
        comment_signatures::group_key.eq(group_key),
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
