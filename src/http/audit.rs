//! The audit trail: listing, verification and signed checkpoints.

use actix_web::{get, web};
use serde::Deserialize;

use super::auth::{AuditReaders, Authed};
use super::pagination::{Page, PageRequest};
use crate::audit::{self, AuditEntry, Checkpoint, Filter, Verification};
use crate::domain::error::FieldError;
use crate::server::AppState;
use crate::usecases::AppError;

/// Filters and page of the audit listing.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// Entries after this `seq` (an alternative to `cursor`).
    pub after_seq: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Only this kind of subject (`procedure`, `user`, …).
    pub subject_type: Option<String>,
    /// Only this subject id.
    pub subject_id: Option<String>,
    /// Only this actor (a user id, `public`, `system`, `cli`, `demo`).
    pub actor: Option<String>,
    /// Only this action (e.g. `procedure.created`).
    pub action: Option<String>,
    /// At or after this time (RFC 3339).
    pub from: Option<String>,
    /// Before this time (RFC 3339).
    pub to: Option<String>,
}

fn time(
    field: &str,
    value: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::NaiveDateTime> {
    let value = value.filter(|v| !v.is_empty())?;
    match chrono::DateTime::parse_from_rfc3339(value) {
        Ok(t) => Some(t.naive_utc()),
        Err(_) => {
            errors.push(FieldError::new(field, "campo-debe-ser-fecha-rfc-3339-2"));
            None
        }
    }
}

impl AuditQuery {
    fn parse(&self) -> Result<(Filter, PageRequest, i64), AppError> {
        let page = PageRequest::parse(self.limit.as_deref(), self.cursor.as_deref())?;
        let mut errors = Vec::new();
        let mut after = 0i64;
        if let Some(key) = &page.after {
            match key.parse::<i64>() {
                Ok(n) => after = n,
                Err(_) => errors.push(FieldError::new("cursor", "campo-no-cursor-esta-lista")),
            }
        }
        if let Some(text) = self.after_seq.as_deref().filter(|t| !t.is_empty()) {
            match text.parse::<i64>() {
                Ok(n) if n >= 0 => after = after.max(n),
                _ => errors.push(FieldError::new(
                    "after_seq",
                    "campo-debe-ser-numero-entero-desde",
                )),
            }
        }
        let non_empty = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        let filter = Filter {
            subject_type: non_empty(&self.subject_type),
            subject_id: non_empty(&self.subject_id),
            actor: non_empty(&self.actor),
            action: non_empty(&self.action),
            from: time("from", self.from.as_deref(), &mut errors),
            to: time("to", self.to.as_deref(), &mut errors),
        };
        if errors.is_empty() {
            Ok((filter, page, after))
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// Lists audit entries, oldest first (auditor, director, admin).
#[utoipa::path(tag = "audit", params(AuditQuery), security(("bearer" = [])), responses(
    (status = 200, body = Page<AuditEntry>), (status = 401), (status = 403), (status = 422)
))]
#[get("/audit")]
pub async fn list_audit(
    _who: Authed<AuditReaders>,
    query: web::Query<AuditQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<AuditEntry>>, AppError> {
    let (filter, page, after) = query.parse()?;
    let fetch = page.fetch();
    let rows = state
        .db(move |conn| Ok(audit::page(conn, &filter, after, fetch)?))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |e| e.seq.to_string(),
        |e| e,
    )))
}

/// Verifies the whole chain, seals included (auditor, director, admin).
#[utoipa::path(tag = "audit", security(("bearer" = [])), responses(
    (status = 200, body = Verification), (status = 401), (status = 403)
))]
#[get("/audit/verify")]
pub async fn verify_audit(
    _who: Authed<AuditReaders>,
    state: web::Data<AppState>,
) -> Result<web::Json<Verification>, AppError> {
    let keys = state.audit_keys.clone();
    let report = state
        .db(move |conn| Ok(crate::usecases::audit::verify(conn, Some(&keys))?))
        .await?;
    Ok(web::Json(report))
}

/// The chain's head, signed with the service's Ed25519 key (public). Save it: later,
/// `tramites audit verify --checkpoint FILE` proves the chain still extends it.
#[utoipa::path(tag = "audit", responses((status = 200, body = Checkpoint)))]
#[get("/audit/checkpoint")]
pub async fn checkpoint(state: web::Data<AppState>) -> Result<web::Json<Checkpoint>, AppError> {
    let (seq, head_hash) = state.db(|conn| Ok(audit::head(conn)?)).await?;
    let at = crate::domain::time::rfc3339(&state.clock.now().naive_utc());
    Ok(web::Json(state.audit_keys.checkpoint(seq, &head_hash, &at)))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_audit)
        .service(verify_audit)
        .service(checkpoint);
}
