//! The stylesheet and the one small script (the "Imprimir" buttons; every page works without
//! it), embedded in the binary and served under names that change with their content, so
//! browsers may keep them for a year.

use std::sync::LazyLock;

use actix_web::{web, HttpResponse};
use sha2::{Digest, Sha256};

/// The stylesheet.
pub const CSS: &str = include_str!("../../assets/estilo.css");

static CSS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = hex::encode(Sha256::digest(CSS.as_bytes()));
    format!("/estatico/estilo-{}.css", &hash[..12])
});

/// The script that shows and wires the "Imprimir" buttons.
pub const SCRIPT: &str = include_str!("../../assets/imprimir.js");

static SCRIPT_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = hex::encode(Sha256::digest(SCRIPT.as_bytes()));
    format!("/estatico/imprimir-{}.js", &hash[..12])
});

/// Where pages link the script.
pub fn script_path() -> &'static str {
    &SCRIPT_PATH
}

/// Where pages link the stylesheet.
pub fn css_path() -> &'static str {
    &CSS_PATH
}

/// `GET /estatico/{name}`: the stylesheet or the script under its current name; any other
/// name is 404.
pub async fn serve(path: web::Path<String>) -> HttpResponse {
    let asked = format!("/estatico/{}", path.as_str());
    let (kind, body) = if asked == css_path() {
        ("text/css; charset=utf-8", CSS)
    } else if asked == script_path() {
        ("text/javascript; charset=utf-8", SCRIPT)
    } else {
        return super::errors::not_found();
    };
    HttpResponse::Ok()
        .content_type(kind)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(body)
}
