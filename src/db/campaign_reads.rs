//! What the API and the pages read of campaigns: a comment's group is its campaign, named by
//! its first comment's id.

use std::collections::HashMap;

use diesel::prelude::*;

use super::schema::{comment_groups, comments, endorsements};
use super::DbConnection;
use crate::domain::status::CommentStatus;

/// Each of these groups' campaign id: the id of its first comment (whatever its status).
pub fn campaign_ids(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[&str],
) -> QueryResult<HashMap<String, String>> {
    firsts(conn, consultation_id, group_keys, None)
}

/// Each of these groups' first comment in `status` (any status: `None`).
pub fn firsts(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[&str],
    status: Option<&str>,
) -> QueryResult<HashMap<String, String>> {
    // One seek per group and status in comments_group (consultation, group, status, id), the
    // least id of each status being the least of the group: a `GROUP BY` over all the keys
    // read every comment of each group, as many as a campaign has copies (issue 39).
    let statuses: Vec<&str> = match status {
        Some(status) => vec![status],
        None => CommentStatus::ALL.iter().map(|s| s.as_str()).collect(),
    };
    let mut out: HashMap<String, String> = HashMap::new();
    for key in group_keys {
        if out.contains_key(*key) {
            continue;
        }
        let mut first: Option<String> = None;
        for status in &statuses {
            let least = comments::table
                .filter(comments::consultation_id.eq(consultation_id))
                .filter(comments::group_key.eq(*key))
                .filter(comments::status.eq(*status))
                .select(diesel::dsl::min(comments::id))
                .first::<Option<String>>(conn)?;
            if let Some(id) = least {
                if first.as_ref().is_none_or(|f| id < *f) {
                    first = Some(id);
                }
            }
        }
        if let Some(id) = first {
            out.insert(key.to_string(), id);
        }
    }
    Ok(out)
}

/// The groups of a consultation with published comments, and how many of each are: read in
/// the partial index `comment_groups_published`, as many rows as such groups whatever the
/// number of comments and groups waiting (the condition is written out, not bound, so that
/// both backends' planners see it is the index's own).
pub fn published_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(String, i64)>> {
    comment_groups::table
        .filter(comment_groups::consultation_id.eq(consultation_id))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>("published > 0"))
        .select((comment_groups::group_key, comment_groups::published))
        .load(conn)
}

/// A group's comments in one status: (group key, status, how many, first comment's id).
pub type GroupStatus = (String, String, i64, Option<String>);

/// A consultation's groups by status.
pub fn by_status(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<GroupStatus>> {
    use diesel::dsl::{count_star, min};
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .group_by((comments::group_key, comments::status))
        .select((
            comments::group_key,
            comments::status,
            count_star(),
            min(comments::id),
        ))
        .load(conn)
}

/// The members of a group, in arrival order: (id, status).
pub fn members(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .order(comments::id.asc())
        .select((comments::id, comments::status))
        .load(conn)
}

/// How many endorsements each comment of a consultation has (those with any).
pub fn endorsements_by_comment(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<HashMap<String, i64>> {
    use diesel::dsl::count_star;
    let rows: Vec<(String, i64)> = endorsements::table
        .filter(endorsements::consultation_id.eq(consultation_id))
        .group_by(endorsements::comment_id)
        .select((endorsements::comment_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// How many people endorsed one comment.
pub fn endorsements_of(conn: &mut DbConnection, comment_id: &str) -> QueryResult<i64> {
    endorsements::table
        .filter(endorsements::comment_id.eq(comment_id))
        .count()
        .get_result(conn)
}

/// The group key of each of these comments.
pub fn group_keys_of(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(1_000) {
        let rows: Vec<(String, String)> = comments::table
            .filter(comments::id.eq_any(chunk))
            .select((comments::id, comments::group_key))
            .load(conn)?;
        out.extend(rows);
    }
    Ok(out)
}

/// How many signed each of these comments (those with any).
pub fn endorsements_for(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, i64>> {
    use diesel::dsl::count_star;
    let rows: Vec<(String, i64)> = endorsements::table
        .filter(endorsements::comment_id.eq_any(ids))
        .group_by(endorsements::comment_id)
        .select((endorsements::comment_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Up to `limit` members of a group in `status`, in arrival order: (id, text).
pub fn sample(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
    status: &str,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .filter(comments::status.eq(status))
        .order(comments::id.asc())
        .select((comments::id, comments::body))
        .limit(limit)
        .load(conn)
}
