//! `GET /gestion/oidc/entrar` and `GET /gestion/oidc/callback`: staff sign-in with their
//! institutional account (issue 40). The first sends the browser to the provider with a fresh
//! `state`, `nonce` and PKCE challenge, keeps them in the database and the `state` in a cookie
//! of this browser; the callback must bring that same `state`, once and within ten minutes,
//! and a code whose ID token the provider signed for us with that `nonce`.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::{cookie, see_other, signin::safe_return};
use crate::auth::oidc::Provider;
use crate::db::identities::OidcRequestRow;
use crate::i18n::t;
use crate::server::client::client_address;
use crate::server::AppState;
use crate::usecases::institutional;
use crate::web::errors;

/// The cookie holding the `state` of this browser's sign-in in progress.
const STATE_COOKIE: &str = "tramites_oidc";
const CALLBACK: &str = "/gestion/oidc/callback";

fn provider(state: &AppState) -> Option<Provider> {
    let s = &state.settings;
    (!s.oidc_issuer.is_empty()).then(|| Provider {
        issuer: s.oidc_issuer.clone(),
        client_id: s.oidc_client_id.clone(),
        client_secret: s.oidc_client_secret.clone(),
        redirect: format!("{}{CALLBACK}", s.public_url.trim_end_matches('/')),
    })
}

fn state_cookie(state: &AppState, value: &str) -> Cookie<'static> {
    Cookie::build(STATE_COOKIE, value.to_string())
        .path("/gestion/oidc")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.public_url.starts_with("https://"))
        .max_age(actix_web::cookie::time::Duration::minutes(
            institutional::REQUEST_MINUTES,
        ))
        .finish()
}

fn page(status: StatusCode, title: &str, detail: &str) -> HttpResponse {
    let mut res = errors::page(
        status,
        &t(title),
        &t(detail),
        Some(("/gestion/entrar", &t("entrar-ir-a-entrada"))),
    );
    super::no_store(&mut res);
    res
}

/// The answer when the provider is not set up here.
fn not_offered() -> HttpResponse {
    page(
        StatusCode::NOT_FOUND,
        "entrar-institucional-no-disponible",
        "entrar-institucional-no-disponible-detalle",
    )
}

/// A callback that does not answer a sign-in of this browser, or whose token does not hold.
fn refused() -> HttpResponse {
    page(
        StatusCode::BAD_REQUEST,
        "entrar-institucional-rechazada",
        "entrar-institucional-rechazada-detalle",
    )
}

/// `GET /gestion/oidc/entrar[?volver=/gestion/…]`: to the provider.
pub async fn start(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let Some(provider) = provider(&state) else {
        return not_offered();
    };
    let volver = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == "volver")
        .and_then(|(_, v)| safe_return(&v).map(str::to_string))
        .unwrap_or_default();
    let started = web::block(move || provider.start())
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r);
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "the institutional sign-in provider cannot be reached");
            return page(
                StatusCode::BAD_GATEWAY,
                "entrar-institucional-sin-proveedor",
                "entrar-institucional-sin-proveedor-detalle",
            );
        }
    };
    let now = state.clock.now();
    let row = OidcRequestRow {
        state: started.state.clone(),
        nonce: started.nonce,
        verifier: started.verifier,
        volver,
        created_at: now.naive_utc(),
    };
    if let Err(e) = state
        .db(move |conn| institutional::remember(conn, &row, now))
        .await
    {
        return errors::from_error(&e);
    }
    let mut res = see_other(&started.url);
    let _ = res.add_cookie(&state_cookie(&state, &started.state));
    res
}

/// `GET /gestion/oidc/callback?code=…&state=…`: back from the provider.
pub async fn callback(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let Some(provider) = provider(&state) else {
        return not_offered();
    };
    let query: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let (Some(code), Some(sent)) = (get("code"), get("state")) else {
        return refused();
    };
    // The state must be this browser's (a callback forged for another browser has none).
    let mine = req.cookie(STATE_COOKIE).map(|c| c.value().to_string());
    if mine.as_deref() != Some(sent.as_str()) || sent.len() > 200 {
        return refused();
    }
    let now = state.clock.now();
    let taken = state
        .db(move |conn| institutional::take(conn, &sent, now))
        .await;
    let request = match taken {
        Ok(Some(r)) => r,
        Ok(None) => return refused(),
        Err(e) => return errors::from_error(&e),
    };
    let issuer = provider.issuer.clone();
    let (nonce, verifier) = (request.nonce.clone(), request.verifier.clone());
    let proved = web::block(move || provider.finish(&code, &nonce, &verifier, now)).await;
    let who = match proved {
        Ok(Ok(who)) => who,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "an institutional sign-in was refused");
            return refused();
        }
        Err(_) => return refused(),
    };
    let address = client_address(&req);
    let keys = state.audit_keys.clone();
    let signed = state
        .db(move |conn| institutional::sign_in(conn, &keys, &issuer, &who, &address, now))
        .await;
    let mut res = match signed {
        Ok(Some((secret, _))) => {
            let target = if request.volver.is_empty() {
                "/gestion"
            } else {
                request.volver.as_str()
            };
            let mut res = see_other(target);
            let _ = res.add_cookie(&cookie(&state, secret));
            res
        }
        Ok(None) => page(
            StatusCode::FORBIDDEN,
            "entrar-institucional-sin-cuenta",
            "entrar-institucional-sin-cuenta-detalle",
        ),
        Err(e) => errors::from_error(&e),
    };
    let mut gone = state_cookie(&state, "");
    gone.make_removal();
    let _ = res.add_cookie(&gone);
    res
}
