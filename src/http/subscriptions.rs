//! Citizens following a procedure's consultations by e-mail: double opt-in, one-click leave.

use crate::i18n::t;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::procedures::parse_id;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::{subscriptions, AppError};

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
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_citizen(&req, &state)?;
    let id = parse_id(&path, "procedure")?;
    let input: SubscribeBody = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    state
        .audited(
            crate::domain::access::Actor::public(),
            now,
            move |conn, ctx| subscriptions::subscribe(conn, ctx, &id, &input.email),
        )
        .await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({
        "status": "pending_confirmation",
        "detail": &t("texto-le-enviamos-enlace-para")
    })))
}

async fn set_by_token(
    state: &web::Data<AppState>,
    token: String,
    confirming: bool,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let procedure_id = state
        .audited(
            crate::domain::access::Actor::public(),
            now,
            move |conn, ctx| subscriptions::set_by_token(conn, ctx, &token, confirming),
        )
        .await?;
    let (status, detail) = if confirming {
        (
            "confirmed",
            &t("texto-suscripcion-confirmada-le-avisaremos"),
        )
    } else {
        ("unsubscribed", &t("texto-listo-no-recibira-mas"))
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
) -> Result<HttpResponse, AppError> {
    set_by_token(&state, query.into_inner().token, true).await
}

/// Leaves with one click, from any notice (public; GET from the link, POST from mail clients
/// that support RFC 8058 one-click).
#[utoipa::path(tag = "consultations", params(TokenQuery), responses((status = 200), (status = 404)))]
#[get("/subscriptions/unsubscribe")]
pub async fn unsubscribe(
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    set_by_token(&state, query.into_inner().token, false).await
}

/// One-click unsubscribe by POST (RFC 8058).
#[utoipa::path(tag = "consultations", params(TokenQuery), responses((status = 200), (status = 404)))]
#[post("/subscriptions/unsubscribe")]
pub async fn unsubscribe_post(
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    set_by_token(&state, query.into_inner().token, false).await
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(subscribe)
        .service(confirm)
        .service(unsubscribe)
        .service(unsubscribe_post);
}
