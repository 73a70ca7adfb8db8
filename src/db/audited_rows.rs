//! The audited tables as verification reads them: the few columns the audit chain speaks of,
//! page by page where a table may be large (see `usecases::audit_state`).

use diesel::prelude::*;

use super::schema::{
    comment_responses, comments, consultation_reports, documents, feedback, frozen_reports,
    procedures, users,
};
use super::DbConnection;

/// A comment as the chain speaks of it: id, consultation, status, name, organisation, e-mail.
pub type CommentState = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Comments after `after` (by id), `limit` at a time.
pub fn comments_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<CommentState>> {
    comments::table
        .filter(comments::id.gt(after))
        .order(comments::id.asc())
        .limit(limit)
        .select((
            comments::id,
            comments::consultation_id,
            comments::status,
            comments::author_name,
            comments::organization,
            comments::email,
        ))
        .load(conn)
}

/// Every answer: (consultation, group, text).
pub fn responses(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, String)>> {
    comment_responses::table
        .select((
            comment_responses::consultation_id,
            comment_responses::group_key,
            comment_responses::body,
        ))
        .load(conn)
}

/// Every user: (id, roles, active).
pub fn users(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, bool)>> {
    users::table
        .select((users::id, users::roles, users::active))
        .load(conn)
}

/// Every procedure: (id, code, name, state).
pub fn procedures(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, String, String)>> {
    procedures::table
        .select((
            procedures::id,
            procedures::code,
            procedures::name,
            procedures::state,
        ))
        .load(conn)
}

/// Every document's id.
pub fn document_ids(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    documents::table.select(documents::id).load(conn)
}

/// One document's bytes.
pub fn document_content(conn: &mut DbConnection, id: &str) -> QueryResult<Vec<u8>> {
    documents::table
        .find(id)
        .select(documents::content)
        .first(conn)
}

/// An opinion as the chain speaks of it: id, text, status, answer.
pub type FeedbackState = (String, String, String, Option<String>);

/// Every opinion.
pub fn feedback(conn: &mut DbConnection) -> QueryResult<Vec<FeedbackState>> {
    feedback::table
        .select((
            feedback::id,
            feedback::body,
            feedback::status,
            feedback::response,
        ))
        .load(conn)
}

/// Every frozen four-monthly report: (period, JSON).
pub fn frozen_reports(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    frozen_reports::table
        .select((frozen_reports::period, frozen_reports::body))
        .load(conn)
}

/// A frozen consultation report: consultation, JSON, PDF.
pub type ReportState = (String, String, Option<Vec<u8>>);

/// Every frozen consultation report.
pub fn consultation_reports(conn: &mut DbConnection) -> QueryResult<Vec<ReportState>> {
    consultation_reports::table
        .select((
            consultation_reports::consultation_id,
            consultation_reports::body,
            consultation_reports::pdf,
        ))
        .load(conn)
}

/// The audit chain's last link: its sequence number and hash (none when the chain is empty).
pub fn chain_head(conn: &mut DbConnection) -> QueryResult<Option<(i64, String)>> {
    use super::schema::audit_log;
    audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()
}
