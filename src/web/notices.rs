//! Asking, from a procedure's page, to be told by e-mail when a consultation on it opens
//! (double opt-in, the same use case as the API).

use crate::i18n::t;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{errors, forms};
use crate::db::procedures as store;
use crate::server::AppState;
use crate::usecases::{self, AppError};

/// The form, or its answer.
#[derive(Template)]
#[template(path = "aviso.html")]
pub struct NoticePage {
    /// The procedure: (code, name).
    pub procedure: (String, String),
    /// The one-time token.
    pub token: String,
    /// What was typed.
    pub email: String,
    /// The fault, if any.
    pub error: Option<String>,
    /// True once the request was taken.
    pub sent: bool,
}

async fn procedure_named(
    state: &AppState,
    code: String,
) -> Result<(String, String, String), HttpResponse> {
    let found = super::db(state, move |conn| {
        store::find_by_code(conn, &code)?
            .map(|p| (p.id, p.code, p.name))
            .ok_or_else(|| AppError::not_found("inexistente-tramite"))
    })
    .await;
    found
}

/// `GET /tramites/{code}/aviso` (and `?enviado=1` after a request).
pub async fn ask(
    path: web::Path<String>,
    query: web::Query<std::collections::HashMap<String, String>>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (_, code, name) = match procedure_named(&state, path.into_inner()).await {
        Ok(p) => p,
        Err(page) => return page,
    };
    super::ok(&NoticePage {
        procedure: (code, name),
        token: forms::issue_token(&state.audit_keys),
        email: String::new(),
        error: None,
        sent: query.contains_key("enviado"),
    })
}

/// `POST /tramites/{code}/aviso`: fields `email`, `form_token`.
pub async fn request(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (id, code, name) = match procedure_named(&state, path.into_inner()).await {
        Ok(p) => p,
        Err(page) => return page,
    };
    let done = format!("/tramites/{code}/aviso?enviado=1");
    let form = match forms::citizen(&req, body, &state, || done.clone()).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let email = form.get("email");
    let fault = if !form.errors.is_empty() {
        Some(t("pagina-direccion-contiene-caracteres-no"))
    } else if !forms::token_is_ours(&state.audit_keys, &form.get("form_token")) {
        Some(t("pagina-formulario-caduco-envielo-nuevo"))
    } else {
        usecases::subscriptions::check_address(&email)
            .err()
            .map(|_| t("pagina-correo-valido"))
    };
    if let Some(error) = fault {
        let page = NoticePage {
            procedure: (code, name),
            token: forms::issue_token(&state.audit_keys),
            email,
            error: Some(error),
            sent: false,
        };
        return super::render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let now = state.clock.now();
    let stored = state
        .audited(
            crate::domain::access::Actor::public(),
            now,
            move |conn, ctx| usecases::subscriptions::subscribe(conn, ctx, &id, &email),
        )
        .await;
    match stored {
        Ok(()) => super::see_other(&done),
        Err(e) => errors::from_error(&e),
    }
}
