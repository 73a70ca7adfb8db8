//! Survey answers and monthly usage per channel, as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{survey_answers, usage_months};
use super::DbConnection;

/// One survey answer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = survey_answers)]
pub struct SurveyRow {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// 1–5.
    pub satisfaction: i32,
    /// 1–5.
    pub ease: i32,
    /// Finished online.
    pub completed_online: bool,
    /// Channel used.
    pub channel: String,
    /// Optional comment.
    pub comment: Option<String>,
    /// `none` (no comment), `received`, `published` or `rejected`.
    pub comment_status: String,
    /// Why the comment was withheld.
    pub reject_reason: Option<String>,
    /// Who moderated it.
    pub moderated_by: Option<String>,
    /// When.
    pub moderated_at: Option<NaiveDateTime>,
    /// The form token or Idempotency-Key (scoped to its sender).
    pub idempotency_key: Option<String>,
    /// When it arrived.
    pub received_at: NaiveDateTime,
}

/// Stores an answer.
pub fn insert_answer(conn: &mut DbConnection, row: &SurveyRow) -> QueryResult<()> {
    diesel::insert_into(survey_answers::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The answer stored under a key.
pub fn answer_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<SurveyRow>> {
    survey_answers::table
        .filter(survey_answers::idempotency_key.eq(key))
        .select(SurveyRow::as_select())
        .first(conn)
        .optional()
}

/// One answer.
pub fn answer(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SurveyRow>> {
    survey_answers::table
        .find(id)
        .select(SurveyRow::as_select())
        .first(conn)
        .optional()
}

/// The scores of every answer of a procedure: (satisfaction, ease, completed online, channel).
pub fn scores(
    conn: &mut DbConnection,
    procedure_id: &str,
) -> QueryResult<Vec<(i32, i32, bool, String)>> {
    survey_answers::table
        .filter(survey_answers::procedure_id.eq(procedure_id))
        .select((
            survey_answers::satisfaction,
            survey_answers::ease,
            survey_answers::completed_online,
            survey_answers::channel,
        ))
        .load(conn)
}

/// Average satisfaction and answers, per procedure (for the catalogue).
pub fn satisfaction_by_procedure(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<Vec<(String, i32)>> {
    survey_answers::table
        .filter(survey_answers::procedure_id.eq_any(ids))
        .select((survey_answers::procedure_id, survey_answers::satisfaction))
        .load(conn)
}

/// The published comments of a procedure's survey, oldest first (text only).
pub fn published_comments(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Vec<String>> {
    survey_answers::table
        .filter(survey_answers::procedure_id.eq(procedure_id))
        .filter(survey_answers::comment_status.eq("published"))
        .order(survey_answers::received_at.asc())
        .select(survey_answers::comment.assume_not_null())
        .load(conn)
}

/// Comments waiting for moderation, oldest first: (answer id, procedure id, comment).
pub fn waiting_comments(
    conn: &mut DbConnection,
    limit: i64,
) -> QueryResult<Vec<(String, String, String)>> {
    survey_answers::table
        .filter(survey_answers::comment_status.eq("received"))
        .order(survey_answers::received_at.asc())
        .limit(limit)
        .select((
            survey_answers::id,
            survey_answers::procedure_id,
            survey_answers::comment.assume_not_null(),
        ))
        .load(conn)
}

/// How many survey comments wait for moderation.
pub fn waiting_count(conn: &mut DbConnection) -> QueryResult<i64> {
    survey_answers::table
        .filter(survey_answers::comment_status.eq("received"))
        .count()
        .get_result(conn)
}

/// Records the moderation of an answer's comment.
pub fn moderate(
    conn: &mut DbConnection,
    id: &str,
    status: &str,
    reason: Option<&str>,
    by: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        survey_answers::table
            .find(id)
            .filter(survey_answers::comment_status.eq("received")),
    )
    .set((
        survey_answers::comment_status.eq(status),
        survey_answers::reject_reason.eq(reason),
        survey_answers::moderated_by.eq(Some(by)),
        survey_answers::moderated_at.eq(Some(at)),
    ))
    .execute(conn)
}

/// A month's transactions as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = usage_months)]
pub struct UsageRow {
    /// The procedure.
    pub procedure_id: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Online.
    pub online: i64,
    /// In person.
    pub in_person: i64,
    /// Other channels.
    pub other: i64,
    /// Who recorded it.
    pub updated_by: String,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// Stores a month, replacing what it held; returns the previous figures.
pub fn put_usage(conn: &mut DbConnection, row: &UsageRow) -> QueryResult<Option<UsageRow>> {
    let before = usage_months::table
        .find((&row.procedure_id, &row.month))
        .select(UsageRow::as_select())
        .first(conn)
        .optional()?;
    if before.is_some() {
        diesel::update(usage_months::table.find((&row.procedure_id, &row.month)))
            .set(row)
            .execute(conn)?;
    } else {
        diesel::insert_into(usage_months::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(before)
}

/// A procedure's months, oldest first.
pub fn usage_of(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Vec<UsageRow>> {
    usage_months::table
        .filter(usage_months::procedure_id.eq(procedure_id))
        .order(usage_months::month.asc())
        .select(UsageRow::as_select())
        .load(conn)
}

/// Every procedure's months.
pub fn all_usage(conn: &mut DbConnection) -> QueryResult<Vec<UsageRow>> {
    usage_months::table
        .order((usage_months::procedure_id.asc(), usage_months::month.asc()))
        .select(UsageRow::as_select())
        .load(conn)
}
