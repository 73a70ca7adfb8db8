//! `POST /api/v1/auth/token`: password login, answered with a signed access token.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::server::client::client_address;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::{login, AppError};

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
    (status = 401, body = crate::server::problem::Problem),
    (status = 403, body = crate::server::problem::Problem),
    (status = 429, body = crate::server::problem::Problem)
))]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !state.settings.password_sign_in {
        return Err(AppError::Forbidden(crate::domain::error::Problem::new(
            "detalle-contrasena-desactivada",
        )));
    }
    let input: TokenRequest = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let address = client_address(&req);
    let now = state.clock.now();
    let (keys, limits, username, password, addr) = (
        state.audit_keys.clone(),
        state.login_limits,
        input.username.clone(),
        input.password.clone(),
        address.clone(),
    );
    let accepted = state
        .db(move |conn| {
            let attempt = login::Attempt {
                username: &username,
                password: &password,
                address: &addr,
            };
            login::sign_in(conn, &keys, &limits, &attempt, now)
        })
        .await?;
    let Some(user) = accepted else {
        return Err(AppError::Unauthorized(crate::domain::error::Problem::new(
            "detalle-credenciales",
        )));
    };
    let token = state
        .tokens
        .issue(&user.id, user.token_version, now)
        .map_err(|e| AppError::Internal(e.to_string()))?;
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
