//! "Me sumo": a citizen adds their name to a published comment instead of copying it.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::audit::Context;
use crate::db::schema::endorsements;
use crate::db::{counts, write_tx, DbConnection};
use crate::domain::error::{FieldError, Problem};
use crate::domain::status::CommentStatus;
use crate::usecases::comments::find_comment;
use crate::usecases::error::AppError;
use diesel::prelude::*;

/// A signature as sent (API body and page form).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewEndorsement {
    /// Name (optional, at most 200 characters; shown as "Anónimo" when absent).
    #[serde(default)]
    pub author_name: Option<String>,
    /// E-mail (optional; never shown or audited).
    #[serde(default)]
    pub email: Option<String>,
}

/// What the citizen gets back.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EndorsementReceipt {
    /// The code to follow the signature (`A-2026-7K3F-9Q2M`).
    pub tracking_code: String,
}

/// Who signs, as the service knows them: a keyed pseudonym of their address (never the
/// address), the sender's Idempotency-Key, and when.
pub struct Signer {
    /// [`crate::audit::AuditKeys::pseudonym`] of the client's address.
    pub address: String,
    /// The scoped Idempotency-Key.
    pub idempotency_key: Option<String>,
    /// One address signs one comment once within this window (the per-address limits' hour).
    pub window: Duration,
}

/// Checks the fields: name and e-mail optional, each at most 200 characters, the e-mail well
/// formed.
pub fn check(input: &NewEndorsement) -> Result<NewEndorsement, AppError> {
    let mut errors = Vec::new();
    let mut field = |name: &str, v: &Option<String>| {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        if crate::domain::char_len(v) > 200 {
            errors.push(FieldError::with(
                name,
                Problem::new("campo-como-maximo").with("max", 200),
            ));
        }
        Some(v.to_string())
    };
    let author_name = field("author_name", &input.author_name);
    let email = field("email", &input.email);
    if let Some(e) = &email {
        let mut shape = Vec::new();
        crate::domain::user::check_email(e, &mut shape);
        if !shape.is_empty() {
            errors.push(FieldError::new("email", "campo-no-direccion-correo-valida"));
        }
    }
    if errors.is_empty() {
        Ok(NewEndorsement { author_name, email })
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Adds a signature to a published comment of an open consultation, audited as
/// `comment.endorsed` (no name or e-mail in the chain: their SHA-256 only). A repeated
/// Idempotency-Key returns the first code; the same address on the same comment within the
/// window is 409 `already_endorsed`. Returns the receipt and whether it is new.
pub fn endorse(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    comment_id: &str,
    input: &NewEndorsement,
    signer: &Signer,
) -> Result<(EndorsementReceipt, bool), AppError> {
    let input = check(input)?;
    write_tx(conn, |conn| {
        let c = find_comment(conn, comment_id)?;
        if let Some(key) = &signer.idempotency_key {
            let first: Option<String> = endorsements::table
                .filter(endorsements::consultation_id.eq(&c.consultation_id))
                .filter(endorsements::idempotency_key.eq(key))
                .select(endorsements::tracking_code)
                .first(conn)
                .optional()?;
            if let Some(tracking_code) = first {
                return Ok((EndorsementReceipt { tracking_code }, false));
            }
        }
        if c.status != CommentStatus::Published.as_str() {
            return Err(AppError::conflict(
                "comment_not_published",
                Problem::new("conflicto-comment-not-published"),
            ));
        }
        let consultation = crate::usecases::consultations::find(conn, &c.consultation_id)?;
        crate::usecases::comments::accepting(&consultation, ctx.now)?;
        let since = (ctx.now - signer.window).naive_utc();
        let again: i64 = endorsements::table
            .filter(endorsements::comment_id.eq(&c.id))
            .filter(endorsements::address_sha256.eq(&signer.address))
            .filter(endorsements::received_at.gt(since))
            .count()
            .get_result(conn)?;
        if again > 0 {
            return Err(AppError::conflict(
                "already_endorsed",
                Problem::new("conflicto-already-endorsed"),
            ));
        }
        let year = chrono::Datelike::year(&ctx.now);
        let tracking_code = crate::domain::codes::tracking_code('A', year, &mut rand::thread_rng());
        let id = uuid::Uuid::now_v7().to_string();
        diesel::insert_into(endorsements::table)
            .values((
                endorsements::id.eq(&id),
                endorsements::comment_id.eq(&c.id),
                endorsements::consultation_id.eq(&c.consultation_id),
                endorsements::tracking_code.eq(&tracking_code),
                endorsements::author_name.eq(&input.author_name),
                endorsements::email.eq(&input.email),
                endorsements::address_sha256.eq(&signer.address),
                endorsements::received_at.eq(ctx.now.naive_utc()),
                endorsements::idempotency_key.eq(&signer.idempotency_key),
            ))
            .execute(conn)?;
        counts::add_endorsements(conn, &c.consultation_id, 1)?;
        let data = serde_json::json!({
            "consultation_id": c.consultation_id, "comment_id": c.id,
            "sender_sha256": crate::domain::fingerprint::sender_sha256(
                input.author_name.as_deref(), None, input.email.as_deref()),
        });
        ctx.record(conn, "comment.endorsed", "endorsement", &id, data)?;
        Ok((EndorsementReceipt { tracking_code }, true))
    })
}

/// An endorsement by its tracking code: (comment id, consultation id, when).
pub fn by_tracking(
    conn: &mut DbConnection,
    code: &str,
) -> QueryResult<Option<(String, String, chrono::NaiveDateTime)>> {
    endorsements::table
        .filter(endorsements::tracking_code.eq(code))
        .select((
            endorsements::comment_id,
            endorsements::consultation_id,
            endorsements::received_at,
        ))
        .first(conn)
        .optional()
}

/// An endorsement's id by its tracking code (its receipt names the entry of that id).
pub fn id_by_tracking(conn: &mut DbConnection, code: &str) -> QueryResult<Option<String>> {
    endorsements::table
        .filter(endorsements::tracking_code.eq(code))
        .select(endorsements::id)
        .first(conn)
        .optional()
}
