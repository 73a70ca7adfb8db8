//! What every answer carries whatever produced it: security headers, `no-store` for staff,
//! and, for a known address asked with the wrong method, 405 with `Allow`.

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::http::openapi::Document;

use super::problem::problem_response;

/// The policy of answers that are not pages: nothing may load, nothing may frame them.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers an answer lacks, and `Cache-Control: no-store` to answers
/// given to staff (a bearer token or a session), which must not stay in any cache.
pub fn secure(headers: &mut header::HeaderMap, staff: bool) {
    let defaults: [(HeaderName, &str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, API_CSP),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if staff {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// True when the request is a staff member's.
pub fn is_staff(req: &HttpRequest) -> bool {
    req.headers().contains_key(header::AUTHORIZATION) || req.cookie("tramites_sesion").is_some()
}

/// The answer to a request no route took: 405 with `Allow` when the address exists with
/// other methods, else 404.
pub async fn unknown_route(req: HttpRequest, api: web::Data<Document>) -> HttpResponse {
    // A browser asking for a page gets the Spanish page; any other client, problem+json.
    let wants_page = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_page && !req.path().starts_with("/api/") {
        return crate::web::errors::not_found();
    }
    let methods = api.methods_at(req.path());
    if methods.is_empty() || methods.iter().any(|m| m == req.method().as_str()) {
        let (title, _) = super::problem::protocol_words("not_found");
        let detail = crate::tr!(
            "http-no-recurso",
            metodo = req.method().as_str(),
            ruta = req.path()
        );
        return problem_response(StatusCode::NOT_FOUND, "not_found", &title, &detail);
    }
    let (title, _) = super::problem::protocol_words("method_not_allowed");
    let detail = crate::tr!(
        "http-metodo-no-permitido",
        metodo = req.method().as_str(),
        permitidos = methods.join(", ")
    );
    let mut res = problem_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &title,
        &detail,
    );
    if let Ok(allow) = HeaderValue::from_str(&methods.join(", ")) {
        res.headers_mut().insert(header::ALLOW, allow);
    }
    res
}
