//! `GET /consultas/{id}`: the page as kept between changes (`crate::web::page_cache`), or built.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{build, parse_id, PageQuery};
use crate::server::AppState;
use crate::web::page_cache::Tokens;
use crate::web::{errors, forms};

/// Fresh one-time tokens for a page's forms.
pub(super) fn fresh_tokens(state: &AppState) -> Tokens {
    Tokens {
        form: forms::issue_token(&state.audit_keys),
        sign: forms::issue_token(&state.audit_keys),
    }
}

/// `GET /consultas/{id}`: kept while the database has not changed ([`crate::web::page_cache`]).
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = parse_id(&path) else {
        return errors::not_found();
    };
    let query = query.into_inner();
    let after = query.desde.and_then(|d| parse_id(&d));
    let article = query
        .articulo
        .as_deref()
        .map(crate::domain::draft::normalize_number);
    let reading = query.texto.filter(|t| !t.is_empty());
    let key = (crate::i18n::lang(), req.uri().to_string());
    let now = state.clock.now();
    let version = state.pages.version().await;
    if let Some(kept) = version.and_then(|v| state.pages.get(&key, v, now)) {
        return kept.respond(&fresh_tokens(&state));
    }
    let tokens = match version {
        Some(_) => state.pages.marks(),
        None => fresh_tokens(&state),
    };
    let page = match build(&state, id, (after, article, reading), None, tokens).await {
        Ok(page) => page,
        Err(page) => return page,
    };
    let Some(version) = version else {
        return crate::web::ok(&page);
    };
    match page.render() {
        Ok(html) => state
            .pages
            .keep(key, version, now, &html)
            .respond(&fresh_tokens(&state)),
        Err(_) => crate::web::ok(&page),
    }
}
