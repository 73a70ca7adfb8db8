//! The stylesheet, embedded in the binary and served under a name that changes with its
//! content, so browsers may keep it for a year.

use std::sync::LazyLock;

use actix_web::{web, HttpResponse};
use sha2::{Digest, Sha256};

/// The stylesheet.
pub const CSS: &str = include_str!("../../assets/estilo.css");

static CSS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = hex::encode(Sha256::digest(CSS.as_bytes()));
    format!("/estatico/estilo-{}.css", &hash[..12])
});

/// Where pages link the stylesheet.
pub fn css_path() -> &'static str {
    &CSS_PATH
}

/// `GET /estatico/{name}`: the stylesheet under its current name; any other name is 404.
pub async fn serve(path: web::Path<String>) -> HttpResponse {
    if format!("/estatico/{}", path.as_str()) != css_path() {
        return super::errors::not_found();
    }
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(CSS)
}
