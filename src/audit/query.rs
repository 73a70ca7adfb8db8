//! Reading the chain page by page.

use diesel::prelude::*;

use crate::db::schema::audit_log;
use crate::db::DbConnection;

use super::encode::*;

/// Filters of the audit listing.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this kind of subject.
    pub subject_type: Option<String>,
    /// Only this subject.
    pub subject_id: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// At or after.
    pub from: Option<chrono::NaiveDateTime>,
    /// Before.
    pub to: Option<chrono::NaiveDateTime>,
}

/// Entries after `after_seq`, oldest first: a primary-key range scan at any depth.
pub fn page(
    conn: &mut DbConnection,
    filter: &Filter,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let query = audit_log::table
        .select(AuditEntry::as_select())
        .filter(audit_log::seq.gt(after_seq))
        .order(audit_log::seq.asc())
        .into_boxed();
    filtered(query, filter).limit(limit).load(conn)
}

/// Entries before `before_seq` (all when `None`), newest first: the workspace's keyset pages.
pub fn latest(
    conn: &mut DbConnection,
    filter: &Filter,
    before_seq: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .order(audit_log::seq.desc())
        .into_boxed();
    if let Some(before) = before_seq {
        query = query.filter(audit_log::seq.lt(before));
    }
    filtered(query, filter).limit(limit).load(conn)
}

type Boxed<'a> = audit_log::BoxedQuery<
    'a,
    <DbConnection as diesel::Connection>::Backend,
    diesel::helper_types::AsSelect<AuditEntry, <DbConnection as diesel::Connection>::Backend>,
>;

/// The filter's conditions added to a query.
fn filtered<'a>(mut query: Boxed<'a>, filter: &Filter) -> Boxed<'a> {
    if let Some(v) = &filter.subject_type {
        query = query.filter(audit_log::subject_type.eq(v.clone()));
    }
    if let Some(v) = &filter.subject_id {
        query = query.filter(audit_log::subject_id.eq(v.clone()));
    }
    if let Some(v) = &filter.actor {
        query = query.filter(audit_log::actor.eq(v.clone()));
    }
    if let Some(v) = &filter.action {
        query = query.filter(audit_log::action.eq(v.clone()));
    }
    if let Some(v) = filter.from {
        query = query.filter(audit_log::at.ge(v));
    }
    if let Some(v) = filter.to {
        query = query.filter(audit_log::at.lt(v));
    }
    query
}
