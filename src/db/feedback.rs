//! General feedback as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::feedback;
use super::DbConnection;

/// A stored opinion.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = feedback)]
pub struct FeedbackRow {
    /// Id.
    pub id: String,
    /// Code to follow it, `O-…`.
    pub tracking_code: String,
    /// What it is about.
    pub topic: String,
    /// The text.
    pub body: String,
    /// Name to show.
    pub author_name: Option<String>,
    /// E-mail (private).
    pub email: Option<String>,
    /// `received`, `published` or `rejected`.
    pub status: String,
    /// When it arrived.
    pub received_at: NaiveDateTime,
    /// Who moderated it.
    pub moderated_by: Option<String>,
    /// When.
    pub moderated_at: Option<NaiveDateTime>,
    /// Why it was withheld.
    pub reject_reason: Option<String>,
    /// The moderator's explanation.
    pub reject_detail: Option<String>,
    /// The Committee's answer.
    pub response: Option<String>,
    /// Who answered.
    pub responded_by: Option<String>,
    /// When.
    pub responded_at: Option<NaiveDateTime>,
    /// The sender's scoped repeat key (the page's form token).
    pub idempotency_key: Option<String>,
}

/// Stores new feedback.
pub fn insert(conn: &mut DbConnection, row: &FeedbackRow) -> QueryResult<()> {
    diesel::insert_into(feedback::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Feedback by id.
pub fn by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<FeedbackRow>> {
    feedback::table
        .find(id)
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()
}

/// Feedback by tracking code.
pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<FeedbackRow>> {
    feedback::table
        .filter(feedback::tracking_code.eq(code))
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()
}

/// Feedback by its repeat key.
pub fn by_idempotency(conn: &mut DbConnection, key: &str) -> QueryResult<Option<FeedbackRow>> {
    feedback::table
        .filter(feedback::idempotency_key.eq(key))
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()
}

/// A page of feedback in the given statuses, oldest first, after the id `after`.
pub fn page(
    conn: &mut DbConnection,
    statuses: &[&str],
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<FeedbackRow>> {
    let mut q = feedback::table
        .filter(feedback::status.eq_any(statuses))
        .select(FeedbackRow::as_select())
        .order(feedback::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(feedback::id.gt(after.to_string()));
    }
    q.load(conn)
}

/// How many are waiting for moderation.
pub fn waiting(conn: &mut DbConnection) -> QueryResult<i64> {
    feedback::table
        .filter(feedback::status.eq("received"))
        .count()
        .get_result(conn)
}

/// Writes a moderation decision or an answer (every mutable column).
pub fn update(conn: &mut DbConnection, row: &FeedbackRow) -> QueryResult<()> {
    diesel::update(feedback::table.find(&row.id))
        .set((
            feedback::status.eq(&row.status),
            feedback::moderated_by.eq(&row.moderated_by),
            feedback::moderated_at.eq(row.moderated_at),
            feedback::reject_reason.eq(&row.reject_reason),
            feedback::reject_detail.eq(&row.reject_detail),
            feedback::response.eq(&row.response),
            feedback::responded_by.eq(&row.responded_by),
            feedback::responded_at.eq(row.responded_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A page of feedback in the given statuses, newest first, before the id `before`.
pub fn newest(
    conn: &mut DbConnection,
    statuses: &[&str],
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<FeedbackRow>> {
    let mut q = feedback::table
        .filter(feedback::status.eq_any(statuses))
        .select(FeedbackRow::as_select())
        .order(feedback::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        q = q.filter(feedback::id.lt(before.to_string()));
    }
    q.load(conn)
}

/// Published feedback not yet answered, oldest first.
pub fn unanswered(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<FeedbackRow>> {
    feedback::table
        .filter(feedback::status.eq("published"))
        .filter(feedback::response.is_null())
        .select(FeedbackRow::as_select())
        .order(feedback::id.asc())
        .limit(limit)
        .load(conn)
}
