//! `POST /api/v1/auth/token`: password login, answered with a signed access token.

use std::time::Instant;

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::client_address;
use super::json::read_json;
use super::AppState;
use crate::audit::Context;
use crate::auth::password;
use crate::db::{users, write_tx};
use crate::error::ApiError;

/// Login body.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A signed access token.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// JWT to send as `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: i64,
}

/// Exchanges a username and password for a token. Wrong user and wrong password get the
/// same 401; repeated failures per user or per address get 429 with `Retry-After`.
#[utoipa::path(tag = "identity", request_body = TokenRequest, responses(
    (status = 200, body = TokenResponse),
    (status = 401, body = crate::error::Problem),
    (status = 429, body = crate::error::Problem)
))]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let input: TokenRequest = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let address = client_address(&req);
    if let Some(wait) = state
        .throttle
        .blocked_for(&input.username, &address, Instant::now())
    {
        return Err(ApiError::RateLimited {
            retry_after: wait.as_secs().max(1),
            detail: "too many failed logins; wait before trying again".into(),
        });
    }
    let now = state.clock.now();
    let username = input.username.clone();
    let addr = address.clone();
    let keys = state.audit_keys.clone();
    let user_id = state
        .db(move |conn| {
            let user = users::find_by_username(conn, &input.username)?;
            let hash = user
                .as_ref()
                .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
            let matches = password::verify(&input.password, hash);
            let accepted = user.filter(|u| matches && u.active);
            write_tx(conn, |conn| {
                let (actor, action) = match &accepted {
                    Some(u) => (u.id.as_str(), "auth.login"),
                    None => ("public", "auth.login_failed"),
                };
                let ctx = Context {
                    keys: &keys,
                    now,
                    actor,
                };
                ctx.record(
                    conn,
                    action,
                    "user",
                    &input.username,
                    serde_json::json!({"address": addr}),
                )?;
                Ok::<_, ApiError>(())
            })?;
            Ok(accepted.map(|u| u.id))
        })
        .await?;
    let Some(user_id) = user_id else {
        state
            .throttle
            .record_failure(&username, &address, Instant::now());
        return Err(ApiError::Unauthorized("wrong username or password".into()));
    };
    state.throttle.record_success(&username);
    let token = state
        .tokens
        .issue(&user_id, now)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token: token,
            token_type: "Bearer",
            expires_in: state.tokens.ttl_seconds(),
        }))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(issue_token);
}
