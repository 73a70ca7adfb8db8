//! `/gestion/auditoria` (auditor, director, admin): the chain's entries in words, filtered and
//! paged (`audit_list`), verification from the page (result and first bad entry), and downloads of the signed
//! checkpoint and of the whole chain as JSON lines.

use crate::tr;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::audit_list::{self, ListQuery, Listing};
use super::{render, Nav};
use crate::audit;
use crate::domain::access::can;
use crate::server::AppState;
use crate::usecases::AppError;
use crate::web::errors;
use crate::web::staff::Staff;

/// The page.
#[derive(Template)]
#[template(path = "gestion_auditoria.html")]
pub struct AuditPage {
    /// Header.
    pub nav: Nav,
    /// The verification's result, when asked: (valid, words).
    pub verification: Option<(bool, String)>,
    /// The entries and the filters.
    pub list: Listing,
    /// The listing's heading, with how many entries the chain holds.
    pub heading: String,
}

/// `?verificar=1` and the listing's filters.
#[derive(Deserialize)]
pub struct AuditQuery {
    verificar: Option<String>,
    #[serde(flatten)]
    list: ListQuery,
}

/// `GET /gestion/auditoria`.
pub async fn show(
    staff: Staff<can::ReadAudit>,
    req: HttpRequest,
    query: web::Query<AuditQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let AuditQuery { verificar, list } = query.into_inner();
    let verify = verificar.is_some();
    let keys = state.audit_keys.clone();
    let tz = state.settings.tz();
    let found = state
        .db(move |conn| {
            let (head, _) = audit::head(conn)?;
            let listing = audit_list::list(conn, list, tz)?;
            let checked = if verify {
                Some(crate::usecases::audit::verify(conn, Some(&keys))?)
            } else {
                None
            };
            Ok::<_, AppError>((head, listing, checked))
        })
        .await;
    let (total, list, checked) = match found {
        Ok(x) => x,
        Err(e) => return errors::from_error(&e),
    };
    let verification = checked.map(|v| {
        if v.valid {
            (
                true,
                tr!(
                    "auditoria-cadena-integra",
                    n = v.entries,
                    sellos = if v.sealed { "si" } else { "no" },
                    hash = v.head_hash.as_str()
                ),
            )
        } else {
            (
                false,
                tr!(
                    "auditoria-cadena-rota",
                    numero = v.first_invalid_seq.unwrap_or_default(),
                    motivo = v.reason.map(|r| format!(" ({r})")).unwrap_or_default()
                ),
            )
        }
    });
    render(
        StatusCode::OK,
        &AuditPage {
            nav: Nav::of(&s, "auditoria", &req),
            verification,
            list,
            heading: tr!("auditoria-entradas-total", n = total),
        },
    )
}

/// `GET /gestion/auditoria/punto-de-control.json`: the signed checkpoint of the head.
pub async fn checkpoint(_staff: Staff<can::ReadAudit>, state: web::Data<AppState>) -> HttpResponse {
    let head = state.db(|conn| Ok::<_, AppError>(audit::head(conn)?)).await;
    match head {
        Ok((seq, hash)) => {
            let at = crate::domain::time::rfc3339(&state.clock.now().naive_utc());
            HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"punto-de-control.json\"",
                ))
                .json(state.audit_keys.checkpoint(seq, &hash, &at))
        }
        Err(e) => errors::from_error(&e),
    }
}

/// `GET /gestion/auditoria/bitacora.jsonl`: every entry, one JSON object per line.
pub async fn export(_staff: Staff<can::ReadAudit>, state: web::Data<AppState>) -> HttpResponse {
    let lines = state
        .db(|conn| {
            let mut out = Vec::new();
            crate::usecases::audit::export(conn, &mut out, |_| {})?;
            Ok::<_, AppError>(out)
        })
        .await;
    match lines {
        Ok(body) => HttpResponse::Ok()
            .content_type("application/x-ndjson")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"bitacora.jsonl\"",
            ))
            .body(body),
        Err(e) => errors::from_error(&e),
    }
}
