//! Signing in and out of the workspace.

use crate::i18n::t;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{cookie, removal, render, see_other};
use crate::domain::access::can;
use crate::server::client::client_address;
use crate::server::AppState;
use crate::usecases::login::Attempt;
use crate::usecases::{self, AppError};
use crate::web::staff::Staff;
use crate::web::{errors, forms};

/// The sign-in form.
#[derive(Template)]
#[template(path = "gestion_entrar.html")]
pub struct SignInPage {
    /// What was typed.
    pub username: String,
    /// Why it failed.
    pub error: Option<String>,
    /// The workspace page to land on after signing in (already checked by [`safe_return`]).
    pub volver: String,
    /// The password form is offered (`password_sign_in`).
    pub password: bool,
    /// "Entrar con la cuenta institucional" is offered (`oidc_issuer`).
    pub institutional: bool,
}

impl SignInPage {
    /// The page for these settings.
    fn new(state: &AppState, username: String, error: Option<String>, volver: String) -> Self {
        SignInPage {
            username,
            error,
            volver,
            password: state.settings.password_sign_in,
            institutional: !state.settings.oidc_issuer.is_empty(),
        }
    }

    /// The address of the institutional sign-in, carrying where to land.
    pub fn institutional_href(&self) -> String {
        if self.volver.is_empty() {
            "/gestion/oidc/entrar".into()
        } else {
            format!(
                "/gestion/oidc/entrar?volver={}",
                form_urlencoded::byte_serialize(self.volver.as_bytes()).collect::<String>()
            )
        }
    }
}

/// The workspace address a sign-in may return to: a path of this site under `/gestion`, never
/// another site (`//host`, `/\\host`, a scheme), the sign-in or sign-out pages, or control
/// characters. Anything else gives `None`, and the sign-in lands on the board.
pub fn safe_return(wanted: &str) -> Option<&str> {
    let rest = wanted.strip_prefix("/gestion")?;
    let well_formed = wanted.len() <= 2000
        && (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'))
        && !wanted.contains("//")
        && !wanted.contains('\\')
        && !wanted.chars().any(|c| c.is_control())
        && !rest.starts_with("/entrar")
        && !rest.starts_with("/salir");
    well_formed.then_some(wanted)
}

/// `GET /gestion/entrar[?volver=/gestion/…]`.
pub async fn ask(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let volver = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == "volver")
        .and_then(|(_, v)| safe_return(&v).map(str::to_string))
        .unwrap_or_default();
    render(
        StatusCode::OK,
        &SignInPage::new(&state, String::new(), None, volver),
    )
}

/// `POST /gestion/entrar` (fields `username`, `password`): the API's sign-in, then a session.
/// A sign-in sent by another site's page is refused (403, nothing checked or recorded): such
/// a page could otherwise sign a staff member's browser into an account of its author's
/// choosing, whose session would then receive what they type (login CSRF). The form has no
/// session yet to hold a token, so the browser's own word is taken: `Sec-Fetch-Site`, or where
/// a browser does not send it, `Origin` against this service's address.
pub async fn enter(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    if !state.settings.password_sign_in {
        let mut res = errors::page(
            StatusCode::FORBIDDEN,
            &t("entrar-contrasena-desactivada"),
            &t("detalle-contrasena-desactivada"),
            Some(("/gestion/entrar", &t("entrar-ir-a-entrada"))),
        );
        super::no_store(&mut res);
        return res;
    }
    if from_another_site(&req, &state.settings.public_url) {
        let mut res = errors::page(
            StatusCode::FORBIDDEN,
            &t("entrar-otro-sitio"),
            &t("entrar-otro-sitio-detalle"),
            Some(("/gestion/entrar", &t("entrar-ir-a-entrada"))),
        );
        super::no_store(&mut res);
        return res;
    }
    let form = match forms::read(&req, body, 16 * 1024).await {
        Ok(f) => f,
        Err(e) => return errors::from_error(&e),
    };
    let username = form.get("username").trim().to_string();
    let password = form.get("password");
    let volver = safe_return(&form.get("volver"))
        .unwrap_or_default()
        .to_string();
    if !form.errors.is_empty() || username.is_empty() || password.is_empty() {
        let typed = if form.errors.is_empty() {
            username
        } else {
            String::new()
        };
        let page = SignInPage::new(&state, typed, Some(t("entrar-escriba-usuario")), volver);
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let address = client_address(&req);
    let now = state.clock.now();
    let (keys, limits, name) = (
        state.audit_keys.clone(),
        state.login_limits,
        username.clone(),
    );
    let result = state
        .db(move |conn| {
            let attempt = Attempt {
                username: &name,
                password: &password,
                address: &address,
            };
            usecases::sessions::start(conn, &keys, &limits, &attempt, now)
        })
        .await;
    match result {
        Ok(Some((secret, _))) => {
            let mut res = see_other(if volver.is_empty() {
                "/gestion"
            } else {
                &volver
            });
            let _ = res.add_cookie(&cookie(&state, secret));
            res
        }
        Ok(None) => render(
            StatusCode::UNAUTHORIZED,
            &SignInPage::new(&state, username, Some(t("detalle-credenciales")), volver),
        ),
        Err(AppError::RateLimited { retry_after, .. }) => {
            let minutes = retry_after.div_ceil(60).max(1);
            let mut res = render(
                StatusCode::TOO_MANY_REQUESTS,
                &SignInPage::new(
                    &state,
                    username,
                    Some(crate::i18n::tn(
                        "entrar-demasiados-intentos",
                        minutes as i64,
                    )),
                    volver,
                ),
            );
            if let Ok(v) = retry_after.to_string().parse() {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Err(e) => errors::from_error(&e),
    }
}

/// True when the browser says the request comes from a page of another site: `Sec-Fetch-Site`
/// other than `same-origin` or `none` (typed, bookmarked), or, without it, an `Origin` that is
/// neither the request's host nor `public_url`. Clients that send neither (scripts, very old
/// browsers) are let through: they cannot be made to post by another site's page.
fn from_another_site(req: &HttpRequest, public_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    // The whole origin (scheme, host and port), never the host alone: `http://host:8081` or
    // `https://host.evil` is another site.
    let info = req.connection_info();
    let own = format!("{}://{}", info.scheme(), info.host());
    !(origin.eq_ignore_ascii_case(&own)
        || origin.eq_ignore_ascii_case(public_url.trim_end_matches('/')))
}

/// `POST /gestion/salir`: ends the session everywhere at once.
pub async fn leave(
    staff: Staff<can::Work>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let form = match forms::read(&req, body, 4096).await {
        Ok(f) => f,
        Err(e) => return errors::from_error(&e),
    };
    if let Some(res) = super::check_csrf(&s, &form.get("csrf")) {
        return res;
    }
    let user = s.user.actor();
    let id = s.id.clone();
    let ended = state
        .audited(user, state.clock.now(), move |conn, ctx| {
            usecases::sessions::end(conn, ctx, &id)
        })
        .await;
    if let Err(e) = ended {
        return errors::from_error(&e);
    }
    let mut res = see_other("/gestion/entrar");
    let _ = res.add_cookie(&removal());
    res
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn only_workspace_paths_of_this_site_are_returned_to() {
        for good in [
            "/gestion/aprobaciones",
            "/gestion/tramites/abc?x=1",
            "/gestion?estado=analysis",
        ] {
            assert_eq!(safe_return(good), Some(good), "{good}");
        }
        for bad in [
            "//ejemplo.com/gestion",
            "https://ejemplo.com/gestion",
            "/gestion//ejemplo.com",
            "/gestion/\\ejemplo.com",
            "/gestionx",
            "/gestion/entrar?volver=/gestion",
            "/gestion/salir",
            "/gestion/a\nb",
            "/consultas",
            "",
        ] {
            assert_eq!(safe_return(bad), None, "{bad:?}");
        }
    }
}
