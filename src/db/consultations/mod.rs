//! Consultations, citizens' comments and the committee's answers in the database.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{comment_responses, comments, consultations};
use super::DbConnection;
use crate::domain::calendar::{self, Status};

mod batch;
pub use batch::*;

mod groups;
pub use groups::*;

/// A stored consultation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consultations)]
pub struct ConsultationRow {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal (Markdown); never changes once published.
    pub proposal_text: String,
    /// Opening time (UTC).
    pub opens_at: NaiveDateTime,
    /// Closing time (UTC).
    pub closes_at: NaiveDateTime,
    /// Who opened it.
    pub created_by: String,
    /// When.
    pub created_at: NaiveDateTime,
    /// The earlier consultation of the same procedure this one follows (a second round).
    pub supersedes: Option<String>,
}

/// A stored comment. `None` is stored as NULL (never SQL's DEFAULT), so that many rows can
/// go in one INSERT on SQLite too.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub struct CommentRow {
    /// Id.
    pub id: String,
    /// The consultation.
    pub consultation_id: String,
    /// Code the citizen reads over the phone.
    pub tracking_code: String,
    /// The text as sent (trimmed).
    pub body: String,
    /// SHA-256 of the normalised text: identical comments share it.
    pub group_key: String,
    /// Name, when given.
    pub author_name: Option<String>,
    /// E-mail, when given (private).
    pub email: Option<String>,
    /// Organisation, when given.
    pub organization: Option<String>,
    /// `received`, `published` or `rejected`.
    pub status: String,
    /// When it arrived.
    pub received_at: NaiveDateTime,
    /// Moderator.
    pub moderated_by: Option<String>,
    /// When moderated.
    pub moderated_at: Option<NaiveDateTime>,
    /// Reason of a rejection (fixed list).
    pub reject_reason: Option<String>,
    /// Free text of a rejection.
    pub reject_detail: Option<String>,
    /// The client's Idempotency-Key.
    pub idempotency_key: Option<String>,
    /// The article of the draft the comment is about (`None`: the whole draft).
    pub article: Option<String>,
    /// The citizen's wording for that article.
    pub proposed_text: Option<String>,
}

/// The committee's answer to a group of identical comments.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = comment_responses)]
pub struct ResponseRow {
    /// The consultation.
    pub consultation_id: String,
    /// The group answered.
    pub group_key: String,
    /// The answer.
    pub body: String,
    /// Who answered.
    pub responded_by: String,
    /// When.
    pub responded_at: NaiveDateTime,
    /// What became of the comments: `accepted`, `partially_accepted`, `not_accepted`,
    /// `not_applicable`.
    pub outcome: Option<String>,
    /// The articles of the consulted draft the comments led to change (a JSON array of
    /// numbers), when the Committee named them.
    pub changed_articles: Option<String>,
}

/// Finds a consultation.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ConsultationRow>> {
    consultations::table
        .find(id)
        .select(ConsultationRow::as_select())
        .first(conn)
        .optional()
}

/// Inserts a consultation.
pub fn insert(conn: &mut DbConnection, row: &ConsultationRow) -> QueryResult<()> {
    diesel::insert_into(consultations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Moves a consultation's closing time.
pub fn set_closes_at(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(consultations::table.find(id))
        .set(consultations::closes_at.eq(at))
        .execute(conn)
        .map(|_| ())
}

/// A page of consultations in id order, optionally only those whose window contains,
/// precedes or follows `now` (open, scheduled, closed).
pub fn page(
    conn: &mut DbConnection,
    status: Option<(Status, NaiveDateTime)>,
    procedure_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ConsultationRow>> {
    let mut q = consultations::table
        .select(ConsultationRow::as_select())
        .order(consultations::id.asc())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(consultations::id.gt(a.to_string()));
    }
    if let Some(p) = procedure_id {
        q = q.filter(consultations::procedure_id.eq(p.to_string()));
    }
    if let Some((status, now)) = status {
        let end = calendar::still_open_after(now.and_utc()).naive_utc();
        q = match status {
            Status::Scheduled => q.filter(consultations::opens_at.gt(now)),
            Status::Open => q
                .filter(consultations::opens_at.le(now))
                .filter(consultations::closes_at.gt(end)),
            Status::Closed => q.filter(consultations::closes_at.le(end)),
        };
    }
    q.limit(limit).load(conn)
}

/// The consultations open at `now`.
pub fn open_at(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<ConsultationRow>> {
    page(conn, Some((Status::Open, now)), None, None, i64::MAX)
}

/// The consultations of a procedure.
pub fn of_procedure(
    conn: &mut DbConnection,
    procedure_id: &str,
) -> QueryResult<Vec<ConsultationRow>> {
    consultations::table
        .filter(consultations::procedure_id.eq(procedure_id))
        .select(ConsultationRow::as_select())
        .load(conn)
}

/// Finds a comment.
pub fn find_comment(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CommentRow>> {
    comments::table
        .find(id)
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// Finds a comment by tracking code.
pub fn by_tracking(conn: &mut DbConnection, code: &str) -> QueryResult<Option<CommentRow>> {
    comments::table
        .filter(comments::tracking_code.eq(code))
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// The tracking code of the newest comment (by id, which follows time), if any.
pub fn newest_tracking_code(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    comments::table
        .order(comments::id.desc())
        .select(comments::tracking_code)
        .first(conn)
        .optional()
}

/// Finds a comment by its Idempotency-Key.
pub fn by_idempotency(
    conn: &mut DbConnection,
    consultation_id: &str,
    key: &str,
) -> QueryResult<Option<CommentRow>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::idempotency_key.eq(key))
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// The comments of a consultation stored with any of these Idempotency-Keys.
pub fn by_idempotency_keys(
    conn: &mut DbConnection,
    consultation_id: &str,
    keys: &[&str],
) -> QueryResult<Vec<CommentRow>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::idempotency_key.eq_any(keys))
        .select(CommentRow::as_select())
        .load(conn)
}

/// Inserts a comment.
pub fn insert_comment(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(comments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Records a moderation decision.
pub fn moderate(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::update(comments::table.find(&row.id))
        .set((
            comments::status.eq(&row.status),
            comments::moderated_by.eq(&row.moderated_by),
            comments::moderated_at.eq(row.moderated_at),
            comments::reject_reason.eq(&row.reject_reason),
            comments::reject_detail.eq(&row.reject_detail),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A page of a consultation's comments in id order, of one status or several.
pub fn comments_page(
    conn: &mut DbConnection,
    consultation_id: &str,
    statuses: &[&str],
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    comments_on(conn, consultation_id, None, statuses, after, limit)
}

/// [`comments_page`] of the comments on one article, when `article` is given. One index range
/// per status, merged: `status IN (…) ORDER BY id` is planned as a walk of every comment of the
/// consultation in id order testing each one's status, which read a million rows for a page
/// of fifty while few were published (issue 39). Each range stops at `limit` rows.
pub fn comments_on(
    conn: &mut DbConnection,
    consultation_id: &str,
    article: Option<&str>,
    statuses: &[&str],
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let mut rows = Vec::new();
    for status in statuses {
        let mut q = comments::table
            .filter(comments::consultation_id.eq(consultation_id.to_string()))
            .filter(comments::status.eq(status.to_string()))
            .select(CommentRow::as_select())
            .order(comments::id.asc())
            .into_boxed();
        if let Some(a) = after {
            q = q.filter(comments::id.gt(a.to_string()));
        }
        if let Some(article) = article {
            q = q.filter(comments::article.eq(article.to_string()));
        }
        rows.extend(q.limit(limit).load(conn)?);
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

/// (status, group) of every comment of a consultation, for the counts.
pub fn statuses(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .select((comments::status, comments::group_key))
        .load(conn)
}

/// The answered groups of a consultation.
pub fn responses(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<ResponseRow>> {
    comment_responses::table
        .filter(comment_responses::consultation_id.eq(consultation_id))
        .select(ResponseRow::as_select())
        .load(conn)
}

/// The answer to one group.
pub fn response(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Option<ResponseRow>> {
    comment_responses::table
        .find((consultation_id, group_key))
        .select(ResponseRow::as_select())
        .first(conn)
        .optional()
}

/// Stores the answer of a group, replacing an earlier one; true when it is the first.
pub fn set_response(conn: &mut DbConnection, row: &ResponseRow) -> QueryResult<bool> {
    let n = diesel::update(comment_responses::table.find((&row.consultation_id, &row.group_key)))
        .set(row)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(comment_responses::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(n == 0)
}

/// The consultations whose window overlaps `[start, end)`, by opening.
pub fn overlapping(
    conn: &mut DbConnection,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<ConsultationRow>> {
    consultations::table
        .filter(consultations::opens_at.lt(end))
        .filter(consultations::closes_at.gt(start))
        .order((consultations::opens_at.asc(), consultations::id.asc()))
        .select(ConsultationRow::as_select())
        .load(conn)
}
