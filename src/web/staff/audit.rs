//! `/gestion/auditoria` (auditor, director, admin): the latest entries of the chain with their
//! actors, verification from the page (result and first bad entry), and downloads of the signed
//! checkpoint and of the whole chain as JSON lines.

use crate::tr;
use std::collections::HashMap;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{labels, render, Nav};
use crate::audit::{self, Filter};
use crate::db::users;
use crate::domain::access::can;
use crate::format;
use crate::server::AppState;
use crate::usecases::AppError;
use crate::web::errors;
use crate::web::staff::Staff;

const SHOWN: i64 = 100;

/// The page.
#[derive(Template)]
#[template(path = "gestion_auditoria.html")]
pub struct AuditPage {
    /// Header.
    pub nav: Nav,
    /// The verification's result, when asked: (valid, words).
    pub verification: Option<(bool, String)>,
    /// Entries, newest first: (seq, date, actor, action, subject).
    pub entries: Vec<(i64, String, String, String, String)>,
    /// How many entries the chain holds.
    pub total: i64,
}

/// `?verificar=1`.
#[derive(Deserialize)]
pub struct AuditQuery {
    verificar: Option<String>,
}

/// `GET /gestion/auditoria`.
pub async fn show(
    staff: Staff<can::ReadAudit>,
    req: HttpRequest,
    query: web::Query<AuditQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let verify = query.verificar.is_some();
    let keys = state.audit_keys.clone();
    let tz = state.settings.tz();
    let found = state
        .db(move |conn| {
            let (head, _) = audit::head(conn)?;
            let rows = audit::page(conn, &Filter::default(), (head - SHOWN).max(0), SHOWN)?;
            let mut names = HashMap::new();
            for r in &rows {
                if !names.contains_key(&r.actor) {
                    let name = users::find(conn, &r.actor)?.map(|u| u.display_name);
                    names.insert(r.actor.clone(), name.unwrap_or_else(|| r.actor.clone()));
                }
            }
            let checked = if verify {
                Some(crate::usecases::audit::verify(conn, Some(&keys))?)
            } else {
                None
            };
            Ok::<_, AppError>((head, rows, names, checked))
        })
        .await;
    let (total, rows, names, checked) = match found {
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
    let entries = rows
        .into_iter()
        .rev()
        .map(|e| {
            (
                e.seq,
                format::date_time(&e.at, tz),
                names
                    .get(&e.actor)
                    .cloned()
                    .unwrap_or_else(|| labels::audit_actor(&e.actor)),
                labels::audit_action(&e.action),
                format!(
                    "{} {}",
                    labels::audit_subject(&e.subject_type),
                    e.subject_id
                ),
            )
        })
        .collect();
    render(
        StatusCode::OK,
        &AuditPage {
            nav: Nav::of(&s, "auditoria", &req),
            verification,
            entries,
            total,
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
