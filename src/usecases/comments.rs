//! Citizens' comments: storing each one with its audit entry, alone or in a group commit.
//! A comment's entry records the SHA-256 and length of its text, never the text or e-mail.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::consultations::{find, status_of};
use super::error::AppError;
use crate::audit::{AuditKeys, Context};
use crate::db::consultations::{self as store, CommentRow};
use crate::db::{counts, write_tx, DbConnection};
use crate::domain::calendar::Status;
use crate::domain::char_len;
use crate::domain::comment::{body_sha256, group_key, tracking_code, CheckedComment};
use crate::domain::status::CommentStatus;

/// What a citizen gets back for a comment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Receipt {
    /// Id.
    pub id: String,
    /// Code to follow the comment (readable over the phone).
    pub tracking_code: String,
    /// `received` (awaiting moderation) or `published`.
    pub status: String,
    /// When it was received (UTC).
    pub received_at: String,
}

fn receipt(c: &CommentRow) -> Receipt {
    Receipt {
        id: c.id.clone(),
        tracking_code: c.tracking_code.clone(),
        status: c.status.clone(),
        received_at: crate::domain::time::rfc3339(&c.received_at),
    }
}

/// One comment to store, as the handler received it.
pub struct Submission {
    /// When it arrived.
    pub now: DateTime<Utc>,
    /// The consultation.
    pub consultation_id: String,
    /// The checked fields.
    pub comment: CheckedComment,
    /// The client's Idempotency-Key.
    pub idempotency_key: Option<String>,
}

/// Stores one comment inside the caller's write transaction, if the consultation is open.
/// A repeated Idempotency-Key returns the first receipt and stores nothing. Returns the receipt
/// and whether it is new. `AppError::Internal` means the transaction must be abandoned; any
/// other error concerns this comment only.
pub fn stage(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    publish_on_receipt: bool,
) -> Result<(Receipt, bool), AppError> {
    let c = find(conn, &s.consultation_id)?;
    if let Some(key) = &s.idempotency_key {
        if let Some(existing) = store::by_idempotency(conn, &c.id, key)? {
            return Ok((receipt(&existing), false));
        }
    }
    match status_of(&c, s.now) {
        Status::Scheduled => {
            return Err(AppError::conflict(
                "consultation_not_open",
                "la consulta aún no está abierta",
            ))
        }
        Status::Closed => {
            return Err(AppError::conflict(
                "consultation_closed",
                "la consulta ya cerró",
            ))
        }
        Status::Open => {}
    }
    let comment = &s.comment;
    let status = if publish_on_receipt {
        CommentStatus::Published
    } else {
        CommentStatus::Received
    };
    let row = CommentRow {
        id: uuid::Uuid::now_v7().to_string(),
        consultation_id: c.id.clone(),
        tracking_code: tracking_code('C', chrono::Datelike::year(&s.now), &mut rand::thread_rng()),
        body: comment.body.clone(),
        group_key: group_key(&comment.body),
        author_name: comment.author_name.clone(),
        email: comment.email.clone(),
        organization: comment.organization.clone(),
        status: status.as_str().into(),
        received_at: s.now.naive_utc(),
        moderated_by: None,
        moderated_at: None,
        reject_reason: None,
        reject_detail: None,
        idempotency_key: s.idempotency_key.clone(),
    };
    store::insert_comment(conn, &row)?;
    let published = i64::from(status == CommentStatus::Published);
    let new_text = counts::add_to_group(conn, &c.id, &row.group_key, published)?;
    let answered = if published == 1 && !new_text {
        i64::from(counts::group_answered(conn, &c.id, &row.group_key)?)
    } else {
        0
    };
    counts::add(
        conn,
        &c.id,
        counts::Delta {
            received: 1,
            distinct: i64::from(new_text),
            published,
            answered,
            ..Default::default()
        },
    )?;
    let ctx = Context {
        keys,
        now: s.now,
        actor: "public",
    };
    let data = serde_json::json!({
        "consultation_id": c.id, "sha256": body_sha256(&row.body), "length": char_len(&row.body),
        "status": row.status,
    });
    ctx.record(conn, "comment.received", "comment", &row.id, data)?;
    if let Some(email) = &row.email {
        let m = crate::notify::messages::comment_received(
            email,
            &row.tracking_code,
            &c.title,
            crate::notify::public_url(),
        );
        crate::notify::enqueue(conn, s.now, m)?;
    }
    Ok((receipt(&row), true))
}

/// Stores one comment in its own transaction (see [`stage`]).
pub fn submit(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    publish_on_receipt: bool,
) -> Result<(Receipt, bool), AppError> {
    match write_tx(conn, |conn| stage(conn, keys, s, publish_on_receipt)) {
        // Two requests with one key at once (another instance): read the winner's receipt.
        Err(AppError::Internal(_)) if s.idempotency_key.is_some() => {
            let key = s.idempotency_key.as_deref().unwrap_or_default();
            match store::by_idempotency(conn, &s.consultation_id, key)? {
                Some(existing) => Ok((receipt(&existing), false)),
                None => Err(AppError::Internal("comment not stored".into())),
            }
        }
        other => other,
    }
}

/// Stores comments that arrived together in one transaction: one commit (one fsync) for all.
/// Each gets its own result; when the transaction itself fails, each is retried alone.
pub fn submit_batch(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
) -> Vec<Result<Receipt, AppError>> {
    let together = write_tx(conn, |conn| {
        batch
            .iter()
            .map(|s| match stage(conn, keys, s, publish_on_receipt) {
                Err(AppError::Internal(e)) => Err(AppError::Internal(e)),
                other => Ok(other.map(|(r, _)| r)),
            })
            .collect::<Result<Vec<_>, AppError>>()
    });
    match together {
        Ok(results) => results,
        Err(_) => batch
            .iter()
            .map(|s| submit(conn, keys, s, publish_on_receipt).map(|(r, _)| r))
            .collect(),
    }
}

/// A comment by its id, or 404.
pub fn find_comment(conn: &mut DbConnection, id: &str) -> Result<CommentRow, AppError> {
    store::find_comment(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("no comment with id {id}")))
}
