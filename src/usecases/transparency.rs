//! The transparency log (issue 38): tree heads, proofs for published sizes, citizens'
//! receipts by tracking code, and the RFC 3161 stamps of the heads.

use chrono::{DateTime, Utc};
use diesel::QueryResult;

use super::AppError;
use crate::audit::receipt::{self, ConsistencyProof, InclusionProof, Receipt};
use crate::audit::{self, tree, AuditKeys, TreeHead};
use crate::db::transparency::{self as store, HeadWithStamp};
use crate::db::DbConnection;
use crate::domain::error::Problem;
use crate::domain::tracking::{CodeKind, TrackingCode};

/// A published head and whether its stamp arrived.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PublishedHead {
    /// The head.
    #[serde(flatten)]
    pub head: TreeHead,
    /// True when an RFC 3161 stamp is stored for it.
    pub timestamped: bool,
}

impl From<HeadWithStamp> for PublishedHead {
    fn from((row, stamped): HeadWithStamp) -> Self {
        Self {
            head: TreeHead::from(&row),
            timestamped: stamped,
        }
    }
}

/// Published heads, newest first, below tree size `before`.
pub fn heads(
    conn: &mut DbConnection,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<PublishedHead>> {
    Ok(store::newest(conn, before, limit)?
        .into_iter()
        .map(PublishedHead::from)
        .collect())
}

/// The latest head (404 while none was published).
pub fn latest(conn: &mut DbConnection) -> Result<PublishedHead, AppError> {
    store::latest(conn)?
        .map(PublishedHead::from)
        .ok_or_else(|| AppError::not_found("inexistente-encabezado-ninguno"))
}

/// The head of exactly `size` entries (404 when none was published at that size).
fn published(conn: &mut DbConnection, size: i64) -> Result<TreeHead, AppError> {
    store::head(conn, size)?
        .map(|(row, _)| TreeHead::from(&row))
        .ok_or_else(|| AppError::not_found("inexistente-encabezado"))
}

/// Publishes a head now if the log grew since the last one (auditor or admin on request,
/// and after a report is frozen).
pub fn publish_now(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    now: DateTime<Utc>,
) -> QueryResult<Option<TreeHead>> {
    audit::tree_heads::publish(conn, keys, now, None)
}

/// After a report was frozen: a head that covers its entry, so that the frozen report is in
/// a published head at once. A failure is logged, never the freeze's: the timer publishes
/// the next head anyway.
pub fn publish_after_freeze(conn: &mut DbConnection, ctx: &audit::Context<'_>) {
    if let Err(error) = publish_now(conn, ctx.keys, ctx.now) {
        tracing::warn!(%error, "tree head after a report freeze failed");
    }
}

/// The audit path of entry `seq` to the published head of `tree_size`.
pub fn inclusion(
    conn: &mut DbConnection,
    seq: i64,
    tree_size: i64,
) -> Result<InclusionProof, AppError> {
    published(conn, tree_size)?;
    if seq < 1 || seq > tree_size {
        return Err(AppError::field("seq", "campo-seq-fuera-del-arbol"));
    }
    let path = tree::inclusion(conn, seq, tree_size)?
        .ok_or_else(|| AppError::Internal(format!("tree nodes missing below {tree_size}")))?;
    Ok(InclusionProof {
        leaf_index: seq - 1,
        tree_size,
        audit_path: path.iter().map(hex::encode).collect(),
    })
}

/// The consistency proof between two published heads.
pub fn consistency(
    conn: &mut DbConnection,
    first: i64,
    second: i64,
) -> Result<ConsistencyProof, AppError> {
    published(conn, first)?;
    published(conn, second)?;
    if first > second {
        return Err(AppError::field("first", "campo-first-mayor-que-second"));
    }
    let proof = tree::consistency(conn, first, second)?
        .ok_or_else(|| AppError::Internal(format!("tree nodes missing below {second}")))?;
    Ok(ConsistencyProof {
        first,
        second,
        proof: proof.iter().map(hex::encode).collect(),
    })
}

/// What a receipt is for: the kinds of tracking code, each with its subject and the action of
/// the entry that recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipted {
    /// A comment (`C-…`): `comment.received`.
    Comment,
    /// An opinion (`O-…`): `feedback.received`.
    Opinion,
    /// A "me sumo" signature (`A-…`): `comment.endorsed` (no text).
    Signature,
}

impl Receipted {
    fn entry(self) -> (&'static str, &'static str) {
        match self {
            Receipted::Comment => ("comment", audit::COMMENT_RECEIVED),
            Receipted::Opinion => ("feedback", "feedback.received"),
            Receipted::Signature => ("endorsement", "comment.endorsed"),
        }
    }
}

/// The entry that recorded the comment, opinion or signature with this id.
fn entry_of(
    conn: &mut DbConnection,
    kind: Receipted,
    id: &str,
) -> QueryResult<Option<audit::AuditEntry>> {
    let (subject_type, action) = kind.entry();
    let filter = audit::Filter {
        subject_type: Some(subject_type.into()),
        subject_id: Some(id.into()),
        action: Some(action.into()),
        ..Default::default()
    };
    Ok(audit::page(conn, &filter, 0, 1)?.pop())
}

/// The receipt of the comment, opinion or "me sumo" signature with this tracking code: 404
/// `not_found` for an unknown code, 404 `receipt_not_ready` until a published head includes
/// its entry.
pub fn receipt_by_code(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    code: &str,
) -> Result<Receipt, AppError> {
    let unknown =
        || AppError::NotFound(Problem::new("inexistente-codigo-comentario").with("codigo", code));
    let parsed = TrackingCode::parse(code).ok_or_else(unknown)?;
    let (kind, id) = match parsed.kind {
        CodeKind::Comment => (
            Receipted::Comment,
            crate::db::consultations::by_tracking(conn, &parsed.text)?.map(|c| c.id),
        ),
        CodeKind::Opinion => (
            Receipted::Opinion,
            crate::db::feedback::by_code(conn, &parsed.text)?.map(|f| f.id),
        ),
        CodeKind::Endorsement => (
            Receipted::Signature,
            super::campaigns::id_by_tracking(conn, &parsed.text)?,
        ),
    };
    let id = id.ok_or_else(unknown)?;
    let entry = entry_of(conn, kind, &id)?
        .ok_or_else(|| AppError::Internal(format!("{id} is stored without its entry")))?;
    receipt::build(conn, keys, &entry)?.ok_or(AppError::NotYet {
        code: "receipt_not_ready",
        detail: Problem::new("detalle-recibo-no-listo"),
    })
}

/// Whether the receipt of the comment, opinion or signature with this id can be had now: a
/// published head covers its entry.
pub fn receipt_ready(conn: &mut DbConnection, kind: Receipted, id: &str) -> QueryResult<bool> {
    match entry_of(conn, kind, id)? {
        Some(entry) => Ok(store::first_covering(conn, entry.seq)?.is_some()),
        None => Ok(false),
    }
}

/// The heads whose stamp is due (first attempt or retry), oldest first, at most 20.
pub fn due_for_stamp(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> QueryResult<Vec<crate::db::transparency::TreeHeadRow>> {
    store::awaiting_stamp(conn, now.naive_utc(), 20)
}

/// Asks the authority at `url` for a head's stamp (no database held meanwhile).
pub fn request_stamp(url: &str, head: &TreeHead) -> Result<Vec<u8>, String> {
    let timeout = std::time::Duration::from_secs(10);
    audit::tsa::stamp(url, head.message().as_bytes(), timeout)
}

/// Stores a stamp, or records the failure and when to try again (`retry` doubling).
pub fn record_stamp(
    conn: &mut DbConnection,
    row: &crate::db::transparency::TreeHeadRow,
    result: Result<Vec<u8>, String>,
    now: DateTime<Utc>,
    retry: chrono::Duration,
) -> QueryResult<bool> {
    match result {
        Ok(reply) => store::set_stamp(conn, row.tree_size, &reply).map(|_| true),
        Err(error) => {
            tracing::warn!(tree_size = row.tree_size, %error, "time stamp failed");
            let next =
                audit::tree_heads::next_stamp_attempt(now.naive_utc(), retry, row.stamp_attempts);
            store::stamp_failed(conn, row.tree_size, &error, next).map(|_| false)
        }
    }
}

/// How many heads wait for their stamp.
pub fn awaiting_stamp(conn: &mut DbConnection) -> QueryResult<i64> {
    store::count_awaiting_stamp(conn)
}

/// A head's stamp (the authority's DER reply), 404 while none.
pub fn stamp(conn: &mut DbConnection, size: i64) -> Result<Vec<u8>, AppError> {
    published(conn, size)?;
    store::stamp(conn, size)?.ok_or_else(|| AppError::not_found("inexistente-sello"))
}
