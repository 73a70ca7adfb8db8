//! Which language a public page answers in (issue 37): `?lang=es|en` (which also sets the
//! cookie `tramites_idioma` for the next pages), else that cookie, else the browser's
//! `Accept-Language`, else Spanish. The workspace (`/gestion`), the API, the static files and
//! the downloadable files (CSV, JSON, XLSX, PDF, feeds) are not chosen for: they stay Spanish,
//! as does anything worked out on a blocking thread (reports frozen, PDFs drawn), which the
//! request's language does not reach. The server's middleware runs each public request
//! inside [`crate::i18n::scoped`] with the choice, and [`mark`] tells caches that the answer
//! varies with those headers.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::HttpRequest;

use crate::i18n::{without_lang, Lang};

/// The cookie that keeps the language chosen with `?lang=`.
pub const COOKIE: &str = "tramites_idioma";

/// A public request's language, its address without `lang=`, and the cookie to set.
pub struct Choice {
    /// The language.
    pub lang: Lang,
    /// Path and query without `lang=`.
    pub path: String,
    /// Set when `?lang=` chose it.
    pub remember: bool,
}

/// The language of a request for a public page; none for the workspace, the API, the static
/// files and the health checks.
pub fn choose(req: &HttpRequest) -> Option<Choice> {
    let path = req.path();
    let outside = ["/gestion", "/api/", "/estatico/", "/healthz", "/readyz"];
    if outside.iter().any(|p| path.starts_with(p)) {
        return None;
    }
    // Files (open data, reports, PDFs, feeds) say the same whoever downloads them: their
    // columns and words must not depend on a reader's cookie.
    let files = [".csv", ".json", ".jsonld", ".xlsx", ".pdf", ".ics", ".atom"];
    if files.iter().any(|f| path.ends_with(f)) {
        return None;
    }
    let query = req.query_string();
    let asked = query
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse);
    let kept = req.cookie(COOKIE).and_then(|c| Lang::parse(c.value()));
    let browser = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    Some(Choice {
        lang: asked.or(kept).or(browser).unwrap_or_default(),
        path: without_lang(path, query),
        remember: asked.is_some(),
    })
}

/// Marks a page's answer: its language, that it varies with the cookie and `Accept-Language`,
/// and the cookie when `?lang=` chose the language (a year, the whole site, no script needs it).
pub fn mark(headers: &mut HeaderMap, choice: &Choice, secure: bool) {
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(choice.lang.code()),
    );
    headers.append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    if choice.remember {
        let cookie = Cookie::build(COOKIE, choice.lang.code())
            .path("/")
            .max_age(Duration::days(365))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            .finish();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(header::SET_COOKIE, value);
        }
    }
}

/// Whether the page being answered is in English (for labels that carry both languages, such
/// as the workflow's).
pub fn english() -> bool {
    crate::i18n::lang() == Lang::En
}
