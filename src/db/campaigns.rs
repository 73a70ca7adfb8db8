//! What the campaigns of near-duplicate comments keep (issue 36). A comment's campaign is its
//! `comments.group_key`; a text long enough to compare also keeps, in its own row, its MinHash
//! signature and its campaign's first comment (`signature`, `campaign_id`), from which each
//! writer rebuilds the LSH buckets in memory. The writers catch up with each other by the
//! audit chain's sequence: a comment's `comment.received` entry is written with it, under the
//! write lock, so the entries' order is the commits' order. A generation tells a writer its
//! buckets are stale.

use diesel::dsl::max;
use diesel::prelude::*;

use super::schema::{audit_log, comments, consultation_counts};
use super::DbConnection;

/// What a comment's row keeps of its campaign when its text is long enough to compare.
#[derive(Debug, Clone)]
pub struct Mark {
    /// [`crate::domain::campaign::Fingerprint::to_bytes`].
    pub signature: Vec<u8>,
    /// Its campaign's first comment (time-ordered: the earliest campaign wins); `None` when it
    /// is that first comment itself, as every distinct text is (36 bytes a row not written).
    pub campaign_id: Option<String>,
}

/// A stored text with a signature, as the buckets are rebuilt from it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Signed {
    /// The comment.
    #[diesel(column_name = id)]
    pub comment_id: String,
    /// Its campaign's first comment (`None`: its own, [`Mark::campaign_id`]).
    pub campaign_id: Option<String>,
    /// Its campaign's group key.
    pub group_key: String,
    /// The article it is about, mixed into its band keys with the proposed wording.
    pub article: Option<String>,
    /// The proposed wording.
    pub proposed_text: Option<String>,
    /// Its signature.
    pub signature: Option<Vec<u8>>,
}

/// The action of a comment's entry (`crate::audit::COMMENT_RECEIVED`; storage does not import
/// the audit trail).
const RECEIVED: &str = "comment.received";

/// The audit chain's last sequence number (0 when empty).
fn last_seq(conn: &mut DbConnection) -> QueryResult<i64> {
    audit_log::table
        .select(max(audit_log::seq))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// Every text of a consultation with a signature, in arrival order (ids are UUIDv7), and the
/// audit chain's last sequence number they include: read in one statement, so that one
/// snapshot gives both, then [`received_since`] that number misses no text and repeats none.
pub fn signed(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<(i64, Vec<Signed>)> {
    // Read first: when the consultation has no such text, nothing committed before it.
    let before = last_seq(conn)?;
    let top = audit_log::table.select(max(audit_log::seq)).single_value();
    let rows: Vec<(Signed, Option<i64>)> = comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::signature.is_not_null())
        .order(comments::id.asc())
        .select((Signed::as_select(), top))
        .load(conn)?;
    let seq = rows.first().and_then(|r| r.1).unwrap_or(before);
    Ok((seq, rows.into_iter().map(|r| r.0).collect()))
}

/// The audit entries after the entry `after`, as far as `after + window`.
#[derive(Debug, Default)]
pub struct Since {
    /// The (seq, comment id) of the comments received (in every consultation), in the order
    /// they were committed.
    pub received: Vec<(i64, String)>,
    /// The last entry read.
    pub last: Option<i64>,
    /// True when every seq of the window was there: more may follow it.
    pub full: bool,
}

/// The comments received since the entry `after`, read from the chain's entries in the window
/// `(after, after + window]`: a range of its primary key with two bounds, joined to nothing.
/// PostgreSQL's generic plan of `seq > $1 AND action = $2 ORDER BY seq` scanned the whole
/// table (3-7 ms a batch), and one joined to the comments scanned the consultation's comments
/// (1.4 ms of its CPU per comment); a range between two parameters is planned as an index
/// range. Entries of every action are read (few besides comments) and sorted out here.
pub fn received_since(conn: &mut DbConnection, after: i64, window: i64) -> QueryResult<Since> {
    let rows: Vec<(i64, String, String)> = audit_log::table
        .filter(audit_log::seq.gt(after))
        .filter(audit_log::seq.le(after.saturating_add(window)))
        .order(audit_log::seq.asc())
        .select((audit_log::seq, audit_log::action, audit_log::subject_id))
        .load(conn)?;
    Ok(Since {
        last: rows.last().map(|r| r.0),
        full: rows.len() as i64 >= window,
        received: rows
            .into_iter()
            .filter(|r| r.1 == RECEIVED)
            .map(|r| (r.0, r.2))
            .collect(),
    })
}

/// The texts with a signature among these comments of a consultation (in no given order).
pub fn signed_among(
    conn: &mut DbConnection,
    consultation_id: &str,
    ids: &[&str],
) -> QueryResult<Vec<Signed>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1_000) {
        out.extend(
            comments::table
                .filter(comments::consultation_id.eq(consultation_id))
                .filter(comments::id.eq_any(chunk))
                .filter(comments::signature.is_not_null())
                .select(Signed::as_select())
                .load::<Signed>(conn)?,
        );
    }
    Ok(out)
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

/// Puts these comments of a consultation in the campaign (group) `group_key` whose first
/// comment is `campaign_id`.
pub fn set_group(
    conn: &mut DbConnection,
    consultation_id: &str,
    (group_key, campaign_id): (&str, &str),
    ids: &[&str],
) -> QueryResult<()> {
    for chunk in ids.chunks(1_000) {
        diesel::update(
            comments::table
                .filter(comments::consultation_id.eq(consultation_id))
                .filter(comments::id.eq_any(chunk)),
        )
        .set((
            comments::group_key.eq(group_key),
            comments::campaign_id.eq(campaign_id),
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// Replaces a consultation's groups, with their sizes and published counts (key, size,
/// published), and sets its counters of
/// distinct texts (campaigns) and answered comments.
pub fn replace_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
    groups: &[(String, i64, i64)],
    answered: i64,
) -> QueryResult<()> {
    use super::schema::{comment_groups, consultation_counts};
    diesel::delete(
        comment_groups::table.filter(comment_groups::consultation_id.eq(consultation_id)),
    )
    .execute(conn)?;
    let rows: Vec<super::counts::NewGroup<'_>> = groups
        .iter()
        .map(|(key, size, published)| super::counts::NewGroup {
            consultation_id,
            group_key: key,
            published: *published,
            size: *size,
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
