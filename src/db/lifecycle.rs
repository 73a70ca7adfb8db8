//! Transition requests, history, checklists, documents and workflow snapshots.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    checklist_items, documents, procedure_history, transition_requests, workflow_definitions,
};
use super::DbConnection;

/// A stored transition request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = transition_requests)]
pub struct RequestRow {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Transition key.
    pub transition: String,
    /// State when requested.
    pub from_state: String,
    /// State it leads to.
    pub to_state: String,
    /// The transition's definition when requested (JSON): approval follows these rules.
    pub rule: String,
    /// `pending`, `approved`, `rejected` or `stale`.
    pub status: String,
    /// Requester (user id).
    pub requested_by: String,
    /// When.
    pub requested_at: NaiveDateTime,
    /// Requester's note.
    pub note: String,
    /// Who approved or rejected.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<NaiveDateTime>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

/// One applied transition.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = procedure_history)]
pub struct HistoryRow {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// The request it came from (unique: a request is applied once).
    pub request_id: Option<String>,
    /// Transition key.
    pub transition: String,
    /// From.
    pub from_state: String,
    /// To.
    pub to_state: String,
    /// Who proposed it.
    pub requested_by: String,
    /// Who approved it (None when applied at once).
    pub approved_by: Option<String>,
    /// When it was applied.
    pub at: NaiveDateTime,
    /// The proposer's note.
    pub note: String,
}

/// One ticked (or unticked) checklist item.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = checklist_items)]
pub struct ChecklistRow {
    /// The procedure.
    pub procedure_id: String,
    /// The state whose checklist holds the item.
    pub state: String,
    /// Item key.
    pub item: String,
    /// Done.
    pub done: bool,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// A document's description, as stored and as the API shows it (its bytes are read only
/// when downloaded).
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = documents)]
pub struct DocumentMeta {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Kind, e.g. `pilot_report`.
    pub kind: String,
    /// Original file name.
    pub filename: String,
    /// Detected content type.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Who uploaded it (user id).
    pub uploaded_by: String,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub uploaded_at: NaiveDateTime,
}

/// A document to store.
#[derive(Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument<'a> {
    /// Id.
    pub id: &'a str,
    /// The procedure.
    pub procedure_id: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// File name.
    pub filename: &'a str,
    /// Content type.
    pub content_type: &'a str,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: &'a str,
    /// The bytes.
    pub content: &'a [u8],
    /// Uploader.
    pub uploaded_by: &'a str,
    /// When.
    pub uploaded_at: NaiveDateTime,
}

/// Finds a request.
pub fn find_request(conn: &mut DbConnection, id: &str) -> QueryResult<Option<RequestRow>> {
    transition_requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

/// The pending request of a procedure, if any.
pub fn pending_of(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Option<RequestRow>> {
    transition_requests::table
        .filter(transition_requests::procedure_id.eq(procedure_id))
        .filter(transition_requests::status.eq("pending"))
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

/// Inserts a request.
pub fn insert_request(conn: &mut DbConnection, row: &RequestRow) -> QueryResult<()> {
    diesel::insert_into(transition_requests::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Moves a request out of `pending`; false when it was no longer pending (someone else won).
pub fn decide_request(
    conn: &mut DbConnection,
    id: &str,
    status: &str,
    by: Option<&str>,
    at: NaiveDateTime,
    note: Option<&str>,
) -> QueryResult<bool> {
    let n = diesel::update(
        transition_requests::table
            .filter(transition_requests::id.eq(id))
            .filter(transition_requests::status.eq("pending")),
    )
    .set((
        transition_requests::status.eq(status),
        transition_requests::decided_by.eq(by),
        transition_requests::decided_at.eq(Some(at)),
        transition_requests::decision_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A page of requests by id, optionally of one status and procedure.
pub fn requests_page(
    conn: &mut DbConnection,
    status: Option<&str>,
    procedure_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<RequestRow>> {
    let mut q = transition_requests::table
        .select(RequestRow::as_select())
        .order(transition_requests::id.asc())
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(transition_requests::status.eq(s.to_string()));
    }
    if let Some(p) = procedure_id {
        q = q.filter(transition_requests::procedure_id.eq(p.to_string()));
    }
    if let Some(a) = after {
        q = q.filter(transition_requests::id.gt(a.to_string()));
    }
    q.limit(limit).load(conn)
}

/// Inserts a history row.
pub fn insert_history(conn: &mut DbConnection, row: &HistoryRow) -> QueryResult<()> {
    diesel::insert_into(procedure_history::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A procedure's history, oldest first.
pub fn history(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Vec<HistoryRow>> {
    procedure_history::table
        .filter(procedure_history::procedure_id.eq(procedure_id))
        .order((procedure_history::at.asc(), procedure_history::id.asc()))
        .select(HistoryRow::as_select())
        .load(conn)
}

/// The checklist rows of a procedure.
pub fn checklist(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Vec<ChecklistRow>> {
    checklist_items::table
        .filter(checklist_items::procedure_id.eq(procedure_id))
        .select(ChecklistRow::as_select())
        .load(conn)
}

/// Sets one checklist item.
pub fn set_checklist(conn: &mut DbConnection, row: &ChecklistRow) -> QueryResult<()> {
    let updated =
        diesel::update(checklist_items::table.find((&row.procedure_id, &row.state, &row.item)))
            .set(row)
            .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(checklist_items::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Stores a document.
pub fn insert_document(conn: &mut DbConnection, doc: &NewDocument<'_>) -> QueryResult<()> {
    diesel::insert_into(documents::table)
        .values(doc)
        .execute(conn)
        .map(|_| ())
}

/// The documents of a procedure, oldest first.
pub fn documents_of(conn: &mut DbConnection, procedure_id: &str) -> QueryResult<Vec<DocumentMeta>> {
    documents::table
        .filter(documents::procedure_id.eq(procedure_id))
        .order(documents::id.asc())
        .select(DocumentMeta::as_select())
        .load(conn)
}

/// A document's description and bytes.
pub fn document(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(DocumentMeta, Vec<u8>)>> {
    documents::table
        .find(id)
        .select((DocumentMeta::as_select(), documents::content))
        .first(conn)
        .optional()
}

/// The body stored for a workflow version, if any.
pub fn definition(conn: &mut DbConnection, key: &str, version: i32) -> QueryResult<Option<String>> {
    workflow_definitions::table
        .find((key, version))
        .select(workflow_definitions::body)
        .first(conn)
        .optional()
}

/// Rewrites a recorded workflow version's body (its words and meanings changed, its rules
/// did not: see `usecases::workflows::record_workflows`).
pub fn update_definition(
    conn: &mut DbConnection,
    key: &str,
    version: i32,
    body: &str,
) -> QueryResult<()> {
    diesel::update(workflow_definitions::table.find((key, version)))
        .set(workflow_definitions::body.eq(body))
        .execute(conn)
        .map(|_| ())
}

/// Records a workflow version.
pub fn insert_definition(
    conn: &mut DbConnection,
    key: &str,
    version: i32,
    body: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(workflow_definitions::table)
        .values((
            workflow_definitions::key.eq(key),
            workflow_definitions::version.eq(version),
            workflow_definitions::body.eq(body),
            workflow_definitions::loaded_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Every recorded workflow version's body.
pub fn all_definitions(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    workflow_definitions::table
        .select(workflow_definitions::body)
        .load(conn)
}

/// Every applied transition of every procedure, oldest first, with the procedure's code.
pub fn all_history(conn: &mut DbConnection) -> QueryResult<Vec<(HistoryRow, String)>> {
    procedure_history::table
        .inner_join(super::schema::procedures::table)
        .order((procedure_history::at.asc(), procedure_history::id.asc()))
        .select((HistoryRow::as_select(), super::schema::procedures::code))
        .load(conn)
}

/// The `limit` most recently decided requests (approved or rejected), newest first.
pub fn decided_recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<RequestRow>> {
    transition_requests::table
        .filter(transition_requests::status.eq_any(["approved", "rejected"]))
        .filter(transition_requests::decided_at.is_not_null())
        .select(RequestRow::as_select())
        .order((
            transition_requests::decided_at.desc(),
            transition_requests::id.desc(),
        ))
        .limit(limit)
        .load(conn)
}
