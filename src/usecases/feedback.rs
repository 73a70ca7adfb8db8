//! General feedback: a citizen sends it (no account), the Committee publishes or withholds it
//! with the comments' reasons and answers it. Each act writes its audit entry in the same
//! transaction; an entry records the text's SHA-256 and length, never the text or e-mail.

use chrono::{DateTime, Utc};

use super::comments::Receipt;
use super::error::AppError;
use crate::audit::Context;
use crate::db::feedback::{self as store, FeedbackRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::char_len;
use crate::domain::comment::{body_sha256, check_answer, decide, tracking_code, Moderation};
use crate::domain::feedback::CheckedFeedback;
use crate::domain::status::CommentStatus;

fn receipt(f: &FeedbackRow) -> Receipt {
    Receipt {
        id: f.id.clone(),
        tracking_code: f.tracking_code.clone(),
        status: f.status.clone(),
        received_at: crate::domain::time::rfc3339(&f.received_at),
    }
}

/// Stores feedback, awaiting moderation. A repeated key (the page's one-time form token, or
/// the API's Idempotency-Key) returns the first receipt and stores nothing; the same key with
/// another text is refused (422 `idempotency_key_reused`).
pub fn submit(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    input: &CheckedFeedback,
    idempotency_key: Option<String>,
) -> Result<Receipt, AppError> {
    write_tx(conn, |conn| {
        if let Some(key) = &idempotency_key {
            if let Some(existing) = store::by_idempotency(conn, key)? {
                // The same request again gets its receipt; another one under the same key is
                // refused rather than silently dropped.
                let same = existing.body == input.text.body
                    && existing.topic == input.topic.as_str()
                    && existing.author_name == input.text.author_name
                    && existing.email == input.text.email;
                return if same {
                    Ok(receipt(&existing))
                } else {
                    Err(AppError::IdempotencyKeyReused)
                };
            }
        }
        let now: DateTime<Utc> = ctx.now;
        let row = FeedbackRow {
            id: uuid::Uuid::now_v7().to_string(),
            tracking_code: tracking_code(
                'O',
                chrono::Datelike::year(&now),
                &mut rand::thread_rng(),
            ),
            topic: input.topic.as_str().into(),
            body: input.text.body.clone(),
            author_name: input.text.author_name.clone(),
            email: input.text.email.clone(),
            status: CommentStatus::Received.as_str().into(),
            received_at: now.naive_utc(),
            moderated_by: None,
            moderated_at: None,
            reject_reason: None,
            reject_detail: None,
            response: None,
            responded_by: None,
            responded_at: None,
            idempotency_key,
        };
        store::insert(conn, &row)?;
        let data = serde_json::json!({
            "topic": row.topic, "sha256": body_sha256(&row.body), "length": char_len(&row.body),
        });
        ctx.record(conn, "feedback.received", "feedback", &row.id, data)?;
        if let Some(email) = &row.email {
            let m = crate::notify::messages::feedback_received(
                email,
                &row.tracking_code,
                crate::notify::public_url(),
            );
            crate::notify::enqueue(conn, now, m)?;
        }
        Ok(receipt(&row))
    })
}

/// One opinion by id.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<FeedbackRow, AppError> {
    store::by_id(conn, id)?.ok_or_else(|| AppError::not_found("inexistente-opinion"))
}

/// Publishes or withholds an opinion, with the comments' reasons.
pub fn moderate(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    input: &Moderation,
) -> Result<FeedbackRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let decision = decide(input).map_err(|e| AppError::Validation(vec![e]))?;
    write_tx(conn, |conn| {
        let mut f = find(conn, id)?;
        f.status = decision.status.as_str().into();
        f.moderated_by = Some(ctx.actor.to_string());
        f.moderated_at = Some(ctx.now.naive_utc());
        f.reject_reason = decision.reason.clone();
        f.reject_detail = decision.detail.clone();
        store::update(conn, &f)?;
        let data = serde_json::json!({"decision": input.decision, "status": f.status, "reason": decision.reason});
        ctx.record(conn, "feedback.moderated", "feedback", &f.id, data)?;
        Ok(f)
    })
}

/// Answers an opinion; the citizen hears the answer if they left an e-mail.
pub fn respond(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    body: &str,
) -> Result<FeedbackRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let body = check_answer(body).map_err(|e| AppError::Validation(vec![e]))?;
    write_tx(conn, |conn| {
        let mut f = find(conn, id)?;
        f.response = Some(body.clone());
        f.responded_by = Some(ctx.actor.to_string());
        f.responded_at = Some(ctx.now.naive_utc());
        store::update(conn, &f)?;
        let data = serde_json::json!({"sha256": body_sha256(&body)});
        ctx.record(conn, "feedback.answered", "feedback", &f.id, data)?;
        if let Some(email) = &f.email {
            let m = crate::notify::messages::feedback_answered(email, &f.tracking_code, &body);
            crate::notify::enqueue(conn, ctx.now, m)?;
        }
        Ok(f)
    })
}
