//! Citizens following a procedure's consultations by e-mail: double opt-in, one-click leave.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::json::read_json;
use super::procedures::parse_id;
use super::AppState;
use crate::audit::Context;
use crate::db::schema::subscriptions;
use crate::db::write_tx;
use crate::error::ApiError;

/// Body of a subscription.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeBody {
    /// Where to send the notices.
    pub email: String,
}

/// Token of a confirmation or unsubscribe link.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TokenQuery {
    /// The token from the link.
    pub token: String,
}

fn email_digest(email: &str) -> String {
    hex::encode(Sha256::digest(email.to_lowercase().as_bytes()))
}

/// Asks to be told when the procedure's consultations open (public). A confirmation link is
/// e-mailed; nothing is sent before it is opened. Always 202, so addresses cannot be probed.
#[utoipa::path(tag = "consultations", request_body = SubscribeBody, params(("id" = String, Path)),
    responses((status = 202), (status = 404), (status = 422), (status = 429)))]
#[post("/procedures/{id}/subscriptions")]
pub async fn subscribe(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    if let (Some(ip), Some(limiter)) = (
        req.peer_addr().map(|a| a.ip()),
        state.comment_limiter.as_ref(),
    ) {
        if limiter.check_key(&ip).is_err() {
            return Err(ApiError::RateLimited {
                retry_after: 60,
                detail: "demasiadas solicitudes; intente más tarde".into(),
            });
        }
    }
    let id = parse_id(&path, "procedure")?;
    let input: SubscribeBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let email = input.email.trim().to_string();
    let mut errors = Vec::new();
    crate::domain::user::check_email(&email, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::field(
            "email",
            "no es una dirección de correo válida",
        ));
    }
    let now = state.clock.now();
    let keys = state.audit_keys.clone();
    state
        .db(move |conn| {
            write_tx(conn, |conn| {
                let p = crate::lifecycle::find_procedure(conn, &id)?;
                let existing: Option<(String, String, Option<chrono::NaiveDateTime>)> =
                    subscriptions::table
                        .filter(subscriptions::procedure_id.eq(&p.id))
                        .filter(subscriptions::email.eq(&email))
                        .filter(subscriptions::unsubscribed_at.is_null())
                        .select((
                            subscriptions::id,
                            subscriptions::token,
                            subscriptions::confirmed_at,
                        ))
                        .first(conn)
                        .optional()?;
                let (sid, token) = match existing {
                    Some((_, _, Some(_))) => return Ok(()), // already confirmed: nothing to do
                    Some((sid, token, None)) => (sid, token),
                    None => {
                        let (sid, token) = (
                            uuid::Uuid::now_v7().to_string(),
                            crate::auth::password::random_secret(24),
                        );
                        diesel::insert_into(subscriptions::table)
                            .values((
                                subscriptions::id.eq(&sid),
                                subscriptions::procedure_id.eq(&p.id),
                                subscriptions::email.eq(&email),
                                subscriptions::token.eq(&token),
                                subscriptions::created_at.eq(now.naive_utc()),
                            ))
                            .execute(conn)?;
                        (sid, token)
                    }
                };
                let ctx = Context {
                    keys: &keys,
                    now,
                    actor: "public",
                };
                let data =
                    serde_json::json!({"procedure_id": p.id, "email_sha256": email_digest(&email)});
                ctx.record(conn, "subscription.requested", "subscription", &sid, data)?;
                let link = format!(
                    "{}/api/v1/subscriptions/confirm?token={token}",
                    crate::notify::public_url()
                );
                let m =
                    crate::notify::messages::confirm_subscription(&email, &p.code, &p.name, &link);
                crate::notify::enqueue(conn, now, m)?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({
        "status": "pending_confirmation",
        "detail": "Le enviamos un enlace para confirmar la suscripción."
    })))
}

async fn set_by_token(
    state: &web::Data<AppState>,
    token: String,
    confirming: bool,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let keys = state.audit_keys.clone();
    let procedure_id = state
        .db(move |conn| {
            write_tx(conn, |conn| {
                let (sid, pid): (String, String) = subscriptions::table
                    .filter(subscriptions::token.eq(&token))
                    .select((subscriptions::id, subscriptions::procedure_id))
                    .first(conn)
                    .optional()?
                    .ok_or_else(|| ApiError::NotFound("el enlace no es válido".into()))?;
                let action = if confirming {
                    diesel::update(subscriptions::table.find(&sid))
                        .set(subscriptions::confirmed_at.eq(Some(now.naive_utc())))
                        .execute(conn)?;
                    "subscription.confirmed"
                } else {
                    diesel::update(subscriptions::table.find(&sid))
                        .set(subscriptions::unsubscribed_at.eq(Some(now.naive_utc())))
                        .execute(conn)?;
                    "subscription.cancelled"
                };
                let ctx = Context {
                    keys: &keys,
                    now,
                    actor: "public",
                };
                ctx.record(
                    conn,
                    action,
                    "subscription",
                    &sid,
                    serde_json::json!({"procedure_id": pid}),
                )?;
                Ok(pid)
            })
        })
        .await?;
    let (status, detail) = if confirming {
        (
            "confirmed",
            "Suscripción confirmada: le avisaremos cuando se abra una consulta.",
        )
    } else {
        (
            "unsubscribed",
            "Listo: no recibirá más avisos de este trámite.",
        )
    };
    Ok(HttpResponse::Ok().json(
        serde_json::json!({"status": status, "procedure_id": procedure_id, "detail": detail}),
    ))
}

/// Confirms a subscription from the e-mailed link (public).
#[utoipa::path(tag = "consultations", params(TokenQuery), responses((status = 200), (status = 404)))]
#[get("/subscriptions/confirm")]
pub async fn confirm(
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    set_by_token(&state, query.into_inner().token, true).await
}

/// Leaves with one click, from any notice (public; GET from the link, POST from mail clients
/// that support RFC 8058 one-click).
#[utoipa::path(tag = "consultations", params(TokenQuery), responses((status = 200), (status = 404)))]
#[get("/subscriptions/unsubscribe")]
pub async fn unsubscribe(
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    set_by_token(&state, query.into_inner().token, false).await
}

/// One-click unsubscribe by POST (RFC 8058).
#[utoipa::path(tag = "consultations", params(TokenQuery), responses((status = 200), (status = 404)))]
#[post("/subscriptions/unsubscribe")]
pub async fn unsubscribe_post(
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    set_by_token(&state, query.into_inner().token, false).await
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(subscribe)
        .service(confirm)
        .service(unsubscribe)
        .service(unsubscribe_post);
}
