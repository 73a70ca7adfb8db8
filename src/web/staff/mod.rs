//! The staff workspace under `/gestion`: the same use cases as the API behind a session cookie.
//! Sessions live in the database (see `usecases::sessions`); every form that changes something
//! carries the session's CSRF token, checked before anything is read or written; every answer
//! is `no-store`, so after "Salir" the back button shows nothing of the workspace.

mod approval_view;
mod approvals;
mod audit;
mod audit_list;
mod board;
mod draft_upload;
mod extract;
mod failure;
pub use failure::failure;
mod fields;
mod import;
pub mod labels;
mod moderation;
mod oidc;
mod originals;
mod procedure;
mod procedure_actions;
mod reach;
mod signin;
mod users;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

pub use extract::{halt, ProcedureId, SignedForm, Staff};

use super::errors;
use super::forms::{self, Form};
use crate::domain::access::Act;
use crate::domain::session::SessionLimits;
use crate::i18n::{k, t};
use crate::server::AppState;
use crate::usecases::sessions::Session;

/// The session cookie's name.
pub const COOKIE: &str = "tramites_sesion";

/// The workspace's header: who is signed in, their sections, the sign-out form, and the notice
/// of what the last action did.
pub struct Nav {
    /// Display name.
    pub name: String,
    /// The CSRF token for this page's forms.
    pub csrf: String,
    /// Roles, for the menu.
    pub committee: bool,
    /// Director or Minister.
    pub approver: bool,
    /// Auditor, director or admin.
    pub audit: bool,
    /// Administrator.
    pub admin: bool,
    /// The section shown.
    pub current: &'static str,
    /// What the last action did.
    pub notice: Option<String>,
}

impl Nav {
    /// The header of a page of `section` for this session.
    pub fn of(s: &Session, section: &'static str, req: &HttpRequest) -> Nav {
        let approving = req
            .app_data::<web::Data<AppState>>()
            .map(|st| st.workflows.approving_roles())
            .unwrap_or_default();
        Nav {
            name: s.user.display_name.clone(),
            csrf: s.csrf.clone(),
            committee: s.user.may(Act::Simplify),
            approver: approves(s, approving),
            audit: s.user.may(Act::ReadAudit),
            admin: s.user.may(Act::ManageUsers),
            current: section,
            notice: notice(req),
        }
    }
}

/// Whether the session's user approves some transition of the loaded workflows (the
/// workflow files say who approves what).
pub fn approves(s: &Session, approving: Vec<crate::domain::Role>) -> bool {
    s.user.actor().holds_any(&approving)
}

/// The fixed messages `?hecho=` may name after a redirect.
fn notice(req: &HttpRequest) -> Option<String> {
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()?;
    let key = match query.get("hecho")?.as_str() {
        "registrado" => k("aviso-registrado"),
        "guardado" => k("aviso-guardado"),
        "propuesta" => k("aviso-propuesta"),
        "aplicada" => k("aviso-aplicada"),
        "aprobada" => k("aviso-aprobada"),
        "rechazada" => k("aviso-rechazada"),
        "lista" => k("aviso-lista"),
        "documento" => k("aviso-documento"),
        "uso" => k("aviso-uso"),
        "consulta" => k("aviso-consulta"),
        "extendida" => k("aviso-extendida"),
        "publicado" => k("aviso-publicado"),
        "retenido" => k("aviso-retenido"),
        "respondido" => k("aviso-respondido"),
        "separado" => k("aviso-separado"),
        "reagrupado" => k("aviso-reagrupado"),
        "usuario" => k("aviso-usuario"),
        _ => return None,
    };
    Some(t(key))
}

/// Marks an answer as never to be stored by any cache.
pub fn no_store(res: &mut HttpResponse) {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
}

/// Renders a workspace page: never stored by any cache.
pub fn render<T: Template>(status: StatusCode, page: &T) -> HttpResponse {
    let mut res = super::render(status, page);
    no_store(&mut res);
    res
}

/// 303 to a workspace address.
pub fn see_other(location: &str) -> HttpResponse {
    let mut res = super::see_other(location);
    no_store(&mut res);
    res
}

/// The cookie that ends the session in the browser.
fn removal() -> Cookie<'static> {
    let mut c = Cookie::build(COOKIE, "").path("/gestion").finish();
    c.make_removal();
    c
}

/// The session cookie for a secret (`Secure` when the public address is https).
pub fn cookie(state: &AppState, secret: String) -> Cookie<'static> {
    Cookie::build(COOKIE, secret)
        .path("/gestion")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.public_url.starts_with("https://"))
        .finish()
}

/// The answer that sends a caller without a session to sign in: for a page read with GET, the
/// sign-in page carries the address asked for (`?volver=`), so that signing in lands there.
fn to_sign_in(req: &HttpRequest) -> HttpResponse {
    let wanted = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("");
    let target = match signin::safe_return(wanted) {
        Some(path) if req.method() == actix_web::http::Method::GET && path != "/gestion" => {
            format!(
                "/gestion/entrar?volver={}",
                form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
            )
        }
        _ => "/gestion/entrar".to_string(),
    };
    let mut res = see_other(&target);
    let _ = res.add_cookie(&removal());
    res
}

/// The caller's live session, or the answer that sends them to sign in.
pub async fn session(req: &HttpRequest, state: &AppState) -> Result<Session, HttpResponse> {
    let Some(secret) = req.cookie(COOKIE).map(|c| c.value().to_string()) else {
        return Err(to_sign_in(req));
    };
    if secret.is_empty() || secret.len() > 100 {
        return Err(to_sign_in(req));
    }
    let now = state.clock.now();
    let found = state
        .db(move |conn| {
            crate::usecases::sessions::resume(conn, &SessionLimits::default(), &secret, now)
        })
        .await;
    match found {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(to_sign_in(req)),
        Err(e) => Err(errors::from_error(&e)),
    }
}

/// The session of a holder of one of `roles`, or the answer to give.
pub async fn session_with(
    req: &HttpRequest,
    state: &AppState,
    act: Act,
) -> Result<Session, HttpResponse> {
    let s = session(req, state).await?;
    if s.user.may(act) {
        Ok(s)
    } else {
        Err(forbidden())
    }
}

fn forbidden() -> HttpResponse {
    let mut res = errors::page(
        StatusCode::FORBIDDEN,
        &t("gestion-seccion-no-es-para-su-rol"),
        &t("gestion-seccion-no-es-para-su-rol-detalle"),
        Some(("/gestion", &t("gestion-volver-tablero"))),
    );
    no_store(&mut res);
    res
}

/// Reads a changing form: the session first, then the CSRF token, before anything else.
pub async fn changing_form(
    req: &HttpRequest,
    body: web::Payload,
    state: &AppState,
    act: Act,
) -> Result<(Session, Form), HttpResponse> {
    let s = session_with(req, state, act).await?;
    let form = forms::read(req, body, state.settings.json_limit_bytes)
        .await
        .map_err(|e| errors::from_error(&e))?;
    match check_csrf(&s, &form.get("csrf")) {
        Some(refusal) => Err(refusal),
        None => Ok((s, form)),
    }
}

/// The refusal (403) of a token that is not the session's; None when it is.
pub fn check_csrf(s: &Session, given: &str) -> Option<HttpResponse> {
    use subtle::ConstantTimeEq;
    if !given.is_empty() && bool::from(given.as_bytes().ct_eq(s.csrf.as_bytes())) {
        return None;
    }
    let mut res = errors::page(
        StatusCode::FORBIDDEN,
        &t("gestion-formulario-no-valido"),
        &t("gestion-formulario-no-valido-detalle"),
        Some(("/gestion", &t("gestion-volver-tablero"))),
    );
    no_store(&mut res);
    Some(res)
}

/// Registers the workspace's pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/gestion/oidc/entrar", web::get().to(oidc::start))
        .route("/gestion/oidc/callback", web::get().to(oidc::callback))
        .route("/gestion/entrar", web::get().to(signin::ask))
        .route("/gestion/entrar", web::post().to(signin::enter))
        .route("/gestion/salir", web::post().to(signin::leave))
        .route("/gestion", web::get().to(board::show))
        .route(
            "/gestion/tramites/nuevo",
            web::get().to(procedure::new_form),
        )
        .route(
            "/gestion/tramites/nuevo",
            web::post().to(procedure::register),
        )
        .route("/gestion/tramites/{id}", web::get().to(procedure::show))
        .route(
            "/gestion/tramites/{id}/editar",
            web::post().to(procedure::edit),
        )
        .route(
            "/gestion/tramites/{id}/proponer",
            web::post().to(procedure_actions::propose),
        )
        .route(
            "/gestion/tramites/{id}/uso",
            web::post().to(procedure_actions::usage),
        )
        .route(
            "/gestion/tramites/{id}/informe-de-uso",
            web::post().to(procedure_actions::usage_report),
        )
        .route(
            "/gestion/tramites/{id}/lista",
            web::post().to(procedure_actions::checklist),
        )
        .route(
            "/gestion/tramites/{id}/documentos",
            web::post().to(procedure_actions::upload),
        )
        .route(
            "/gestion/documentos/{id}",
            web::get().to(procedure_actions::download),
        )
        .route(
            "/gestion/tramites/{id}/borrador",
            web::post().to(draft_upload::upload_draft),
        )
        .route(
            "/gestion/tramites/{id}/consultas",
            web::post().to(procedure_actions::open_consultation),
        )
        .route(
            "/gestion/consultas/{id}",
            web::get().to(moderation::consultation),
        )
        .route(
            "/gestion/consultas/{id}/texto-final",
            web::get().to(moderation::final_text_form),
        )
        .route(
            "/gestion/consultas/{id}/texto-final",
            web::post().to(moderation::final_text_send),
        )
        .route(
            "/gestion/consultas/{id}/extender",
            web::post().to(moderation::extend),
        )
        .route(
            "/gestion/consultas/{id}/alcance",
            web::get().to(reach::page),
        )
        .route(
            "/gestion/consultas/{id}/traducciones",
            web::post().to(reach::translate),
        )
        .route(
            "/gestion/consultas/{id}/comentarios-recibidos",
            web::post().to(reach::assisted),
        )
        .route(
            "/gestion/comprobantes/{code}",
            web::get().to(reach::receipt),
        )
        .route(
            "/gestion/comprobantes/{code}/original",
            web::post().to(originals::attach),
        )
        .route(
            "/gestion/comentarios/{id}/original",
            web::get().to(originals::download),
        )
        .route("/gestion/aprobaciones", web::get().to(approvals::list))
        .route(
            "/gestion/aprobaciones/{id}",
            web::post().to(approvals::decide),
        )
        .route("/gestion/moderacion", web::get().to(moderation::list))
        .route(
            "/gestion/moderacion/encuesta",
            web::post().to(moderation::decide_survey),
        )
        .route(
            "/gestion/moderacion/grupo",
            web::post().to(moderation::decide_group),
        )
        .route(
            "/gestion/moderacion/opinion",
            web::post().to(moderation::decide_feedback),
        )
        .route(
            "/gestion/moderacion/separar",
            web::post().to(moderation::split),
        )
        .route(
            "/gestion/moderacion/reagrupar",
            web::post().to(moderation::regroup),
        )
        .route("/gestion/auditoria", web::get().to(audit::show))
        .route(
            "/gestion/auditoria/punto-de-control.json",
            web::get().to(audit::checkpoint),
        )
        .route(
            "/gestion/auditoria/bitacora.jsonl",
            web::get().to(audit::export),
        )
        .route("/gestion/importar", web::get().to(import::ask))
        .route("/gestion/importar", web::post().to(import::send))
        .route("/gestion/usuarios", web::get().to(users::list))
        .route("/gestion/usuarios", web::post().to(users::create))
        .route("/gestion/usuarios/nuevo", web::get().to(users::new_form))
        .route("/gestion/usuarios/{id}", web::get().to(users::edit_form))
        .route("/gestion/usuarios/{id}", web::post().to(users::update));
}
