//! Comments by text group: a group's comments and statistics, what waits for moderation, the
//! groups' summaries and sizes.

use super::*;

/// Every comment of a group (identical texts) of a consultation.
pub fn group(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Vec<CommentRow>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .select(CommentRow::as_select())
        .load(conn)
}

/// (id, body) of these comments, for the audit check of comment texts.
pub fn bodies(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::id.eq_any(ids))
        .select((comments::id, comments::body))
        .load(conn)
}

/// For each of these groups of a consultation: its first published comment's id and how many
/// published comments it holds (one index seek and one counter read per group).
pub fn group_stats(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[String],
) -> QueryResult<Vec<(String, Option<String>, i64)>> {
    group_keys
        .iter()
        .map(|g| {
            let first = crate::db::counts::first_published(conn, consultation_id, g)?;
            let count = crate::db::counts::published_in_group(conn, consultation_id, g)?;
            Ok((g.clone(), first, count))
        })
        .collect()
}

/// The answers given to these groups of a consultation.
pub fn responses_for(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[String],
) -> QueryResult<Vec<ResponseRow>> {
    comment_responses::table
        .filter(comment_responses::consultation_id.eq(consultation_id))
        .filter(comment_responses::group_key.eq_any(group_keys))
        .select(ResponseRow::as_select())
        .load(conn)
}

/// A group awaiting moderation: (consultation, group key, how many, first comment's id).
pub type WaitingGroup = (String, String, i64, Option<String>);

/// Comments awaiting moderation, grouped by identical text, oldest group first:
/// (consultation, group key, how many, the first comment's id).
pub fn waiting_groups(
    conn: &mut DbConnection,
    consultation_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<WaitingGroup>> {
    use diesel::dsl::{count_star, min};
    let mut q = comments::table
        .filter(comments::status.eq("received"))
        .group_by((comments::consultation_id, comments::group_key))
        .select((
            comments::consultation_id,
            comments::group_key,
            count_star(),
            min(comments::id),
        ))
        .order(min(comments::id).asc())
        .limit(limit)
        .into_boxed();
    if let Some(c) = consultation_id {
        q = q.filter(comments::consultation_id.eq(c.to_string()));
    }
    q.load(conn)
}

/// Per group of a consultation's comments in the given status: (group key, how many, first
/// comment's id, earliest received time).
pub type GroupSummary = (String, i64, Option<String>, Option<NaiveDateTime>);

/// The groups of a consultation's comments in `status`, largest first.
pub fn group_summaries(
    conn: &mut DbConnection,
    consultation_id: &str,
    status: &str,
) -> QueryResult<Vec<GroupSummary>> {
    use diesel::dsl::{count_star, min};
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::status.eq(status))
        .group_by(comments::group_key)
        .select((
            comments::group_key,
            count_star(),
            min(comments::id),
            min(comments::received_at),
        ))
        .order(count_star().desc())
        .load(conn)
}

/// How many comments of a consultation were withheld for each reason.
pub fn withheld_by_reason(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    use diesel::dsl::count_star;
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::status.eq("rejected"))
        .group_by(comments::reject_reason)
        .select((comments::reject_reason, count_star()))
        .load(conn)
}

/// How many comments of a consultation each text group holds, whatever their status.
pub fn group_sizes(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<i64>> {
    use diesel::dsl::count_star;
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .group_by(comments::group_key)
        .select(count_star())
        .load(conn)
}

/// A sender: (name, organisation, received).
pub type Sender = (Option<String>, Option<String>, NaiveDateTime);

/// Who sent a group's comments in `status`, first received first, at most `limit`: (name,
/// organisation, received). What the moderator publishes with the text.
pub fn senders(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
    status: &str,
    limit: i64,
) -> QueryResult<Vec<Sender>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .filter(comments::status.eq(status))
        .order(comments::id.asc())
        .select((
            comments::author_name,
            comments::organization,
            comments::received_at,
        ))
        .limit(limit)
        .load(conn)
}

/// When the last of a group's comments in `status` arrived.
pub fn last_received(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
    status: &str,
) -> QueryResult<Option<NaiveDateTime>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .filter(comments::status.eq(status))
        .select(diesel::dsl::max(comments::received_at))
        .first(conn)
}
