//! The pages e-mailed links lead to: confirming a notice subscription (double opt-in) and
//! leaving it. Opening a link only shows a button; the change happens on the POST, so a mail
//! scanner that fetches every link confirms or cancels nothing. The unsubscribe POST also takes
//! the token in the query, as RFC 8058 one-click unsubscribe sends it.

use crate::i18n::t;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{errors, forms};
use crate::server::AppState;
use crate::usecases::{self, AppError};

/// A confirmation or unsubscribe page.
#[derive(Template)]
#[template(path = "suscripcion.html")]
pub struct SubscriptionPage {
    /// Page title and heading.
    pub heading: String,
    /// What it means.
    pub text: String,
    /// The button, before the change. Its form has no `action`: it posts to the page's own
    /// address, token included, so the page never prints the citizen's token.
    pub button: Option<String>,
    /// The procedure: (code, name), after the change.
    pub procedure: Option<(String, String)>,
}

/// `?token=`.
#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

fn clean(token: Option<String>) -> Option<String> {
    token.map(|t| t.trim().to_string()).filter(|t| {
        !t.is_empty()
            && t.len() <= 200
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

fn invalid_link() -> HttpResponse {
    errors::page(
        StatusCode::NOT_FOUND,
        &t("aviso-enlace-no-valido"),
        &t("aviso-enlace-no-valido-detalle"),
        Some(("/tramites", &t("comun-ir-catalogo"))),
    )
}

/// `GET /suscripcion/confirmar?token=`.
pub async fn ask_confirm(query: web::Query<TokenQuery>) -> HttpResponse {
    if clean(query.into_inner().token).is_none() {
        return invalid_link();
    }
    super::ok(&SubscriptionPage {
        heading: t("aviso-confirme"),
        text: t("aviso-confirme-detalle"),
        button: Some(t("aviso-confirmar")),
        procedure: None,
    })
}

/// `GET /suscripcion/baja?token=`.
pub async fn ask_leave(query: web::Query<TokenQuery>) -> HttpResponse {
    if clean(query.into_inner().token).is_none() {
        return invalid_link();
    }
    super::ok(&SubscriptionPage {
        heading: t("aviso-dejar"),
        text: t("aviso-dejar-detalle"),
        button: Some(t("aviso-dejar")),
        procedure: None,
    })
}

async fn apply(
    req: HttpRequest,
    query: TokenQuery,
    body: web::Payload,
    state: &AppState,
    confirming: bool,
) -> HttpResponse {
    let token = match clean(query.token) {
        Some(t) => Some(t),
        None => match forms::read(&req, body, 4096).await {
            Ok(form) => clean(form.optional("token")),
            Err(e) => return errors::from_error(&e),
        },
    };
    let Some(token) = token else {
        return invalid_link();
    };
    let result = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| {
                let id = usecases::subscriptions::set_by_token(conn, ctx, &token, confirming)?;
                let p = usecases::procedures::find_procedure(conn, &id)?;
                Ok::<_, AppError>((p.code, p.name))
            },
        )
        .await;
    match result {
        Ok(procedure) => super::ok(&SubscriptionPage {
            heading: t(if confirming {
                "aviso-confirmado"
            } else {
                "aviso-baja-lista"
            }),
            text: t(if confirming {
                "aviso-confirmado-detalle"
            } else {
                "aviso-baja-lista-detalle"
            }),
            button: None,
            procedure: Some(procedure),
        }),
        Err(AppError::NotFound(_)) => invalid_link(),
        Err(e) => errors::from_error(&e),
    }
}

/// `POST /suscripcion/confirmar` (field `token`).
pub async fn confirm(
    req: HttpRequest,
    query: web::Query<TokenQuery>,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    apply(req, query.into_inner(), body, &state, true).await
}

/// `POST /suscripcion/baja` (field `token`, or `?token=` for one-click unsubscribe).
pub async fn leave(
    req: HttpRequest,
    query: web::Query<TokenQuery>,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    apply(req, query.into_inner(), body, &state, false).await
}
