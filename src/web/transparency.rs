//! `/transparencia` (issue 38): what the published tree heads prove and how a citizen checks
//! a receipt; and a comment's or opinion's receipt from its tracking page.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::errors;
use crate::format;
use crate::i18n::t;
use crate::server::AppState;
use crate::usecases::transparency::{self as log, PublishedHead};
use crate::usecases::AppError;

/// A head as the page shows it.
pub struct HeadRow {
    /// Entries covered.
    pub size: i64,
    /// Root, hex.
    pub root: String,
    /// When it was signed, in the Ministry's zone.
    pub signed: String,
    /// The stamp's state, in words.
    pub stamp: String,
    /// The stamp's address, when it has one.
    pub stamp_href: Option<String>,
}

/// The page.
#[derive(Template)]
#[template(path = "transparencia.html")]
pub struct TransparencyPage {
    /// The latest heads, newest first.
    pub heads: Vec<HeadRow>,
    /// The audit key's public half, hex.
    pub public_key: String,
    /// True when an authority time-stamps the heads.
    pub stamped: bool,
    /// Heads waiting for their stamp.
    pub waiting: i64,
    /// Minutes between two heads at most (when the log grew).
    pub minutes: u64,
    /// The API's addresses for programmers: (path, whether it is a plain link).
    pub api: &'static [(&'static str, bool)],
}

/// The transparency API, as the page lists it.
const API: &[(&str, bool)] = &[
    ("/api/v1/transparency/tree-heads", true),
    ("/api/v1/transparency/public-key", true),
    (
        "/api/v1/transparency/proof/inclusion?seq=&tree_size=",
        false,
    ),
    (
        "/api/v1/transparency/proof/consistency?first=&second=",
        false,
    ),
];

/// Heads the page lists.
const SHOWN: i64 = 20;

/// `GET /transparencia`.
pub async fn page(state: web::Data<AppState>) -> HttpResponse {
    let found = super::db(&state, |conn| {
        Ok::<_, AppError>((log::heads(conn, None, SHOWN)?, log::awaiting_stamp(conn)?))
    })
    .await;
    let (heads, waiting) = match found {
        Ok(found) => found,
        Err(page) => return page,
    };
    let tz = state.settings.tz();
    let stamped = !state.settings.tsa_url.is_empty();
    let row = |h: PublishedHead| {
        let signed = chrono::DateTime::parse_from_rfc3339(&h.head.timestamp)
            .map(|at| format::date_time(&at.naive_utc(), tz))
            .unwrap_or_else(|_| h.head.timestamp.clone());
        let size = h.head.tree_size;
        HeadRow {
            size,
            root: h.head.root_hash,
            signed,
            stamp: t(match (h.timestamped, stamped) {
                (true, _) => "transparencia-sellado",
                (false, true) => "transparencia-sello-en-espera",
                (false, false) => "transparencia-sin-autoridad",
            }),
            stamp_href: h
                .timestamped
                .then(|| format!("/api/v1/transparency/tree-heads/{size}/timestamp")),
        }
    };
    super::ok(&TransparencyPage {
        heads: heads.into_iter().map(row).collect(),
        public_key: state.audit_keys.public_key_hex(),
        stamped,
        waiting,
        minutes: state.settings.tree_head_interval_seconds.div_ceil(60),
        api: API,
    })
}

/// Said when a receipt is asked for before a head includes the entry.
#[derive(Template)]
#[template(path = "comprobante_pendiente.html")]
pub struct PendingPage {
    /// The tracking code.
    pub code: String,
    /// Minutes until the next head at most.
    pub minutes: u64,
}

/// `GET /seguimiento/{code}/comprobante`: the receipt as a download, or a page saying when
/// it will be ready.
pub async fn receipt(
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    if let Err(e) = crate::server::client::limit_lookup(&req, &state) {
        return errors::from_error(&e);
    }
    let code = crate::domain::tracking::normalise(&path);
    let (keys, lookup) = (state.audit_keys.clone(), code.clone());
    let found = state
        .db(move |conn| log::receipt_by_code(conn, &keys, &lookup))
        .await;
    match found {
        Ok(receipt) => crate::server::receipt_download(&receipt),
        Err(AppError::NotYet { .. }) => super::ok(&PendingPage {
            code,
            minutes: state.settings.tree_head_interval_seconds.div_ceil(60),
        }),
        Err(e) => errors::from_error(&e),
    }
}
