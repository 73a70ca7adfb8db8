//! The procedure inventory: create, list, read, patch.

use crate::domain::error::Problem;
use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{Authed, CommitteeMembers};
use super::pagination::{Page, PageRequest};
use crate::db::procedures::{self as store, Filter, ProcedureRow};
use crate::domain::error::FieldError;
use crate::domain::procedure::{fold, CostRates, CreateProcedure, PatchProcedure};
use crate::domain::{Category, Channel};
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::procedure_view::ProcedureView;
use crate::usecases::{procedures, AppError};

/// Checks an id from a path; one that is not a UUID names nothing (404).
pub fn parse_id(text: &str, what: &str) -> Result<String, AppError> {
    uuid::Uuid::parse_str(text)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            AppError::not_found(match what {
                "procedure" => "inexistente-tramite",
                "consultation" => "inexistente-consulta",
                "comment" => "inexistente-comentario",
                "campaign" => "inexistente-campana",
                "user" => "inexistente-usuario",
                "request" => "inexistente-solicitud",
                "document" => "inexistente-documento",
                _ => "inexistente",
            })
        })
}

fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

fn respond(
    status: actix_web::http::StatusCode,
    row: ProcedureRow,
    rates: &CostRates,
) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    builder.insert_header(etag(row.version));
    if status == actix_web::http::StatusCode::CREATED {
        builder.insert_header((header::LOCATION, format!("/api/v1/procedures/{}", row.id)));
    }
    builder.json(ProcedureView::new(row, rates))
}

/// Registers a procedure in the inventory (committee).
#[utoipa::path(tag = "procedures", request_body = CreateProcedure, security(("bearer" = [])), responses(
    (status = 201, body = ProcedureView), (status = 401), (status = 403),
    (status = 409, description = "duplicate_code"), (status = 422)
))]
#[post("/procedures")]
pub async fn create_procedure(
    who: Authed<CommitteeMembers>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let input: CreateProcedure = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let st = state.clone();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            procedures::register(conn, ctx, &st.workflows, &input)
        })
        .await?;
    Ok(respond(
        actix_web::http::StatusCode::CREATED,
        row,
        &state.rates(),
    ))
}

/// Filters and page of the listing.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Only procedures in this state.
    pub state: Option<String>,
    /// `priority` or `general`.
    pub category: Option<String>,
    /// `in_person`, `hybrid` or `online`.
    pub channel: Option<String>,
    /// Words to find in code, name or responsible unit (accents and case ignored).
    pub q: Option<String>,
    /// `true`: only procedures whose current stage is past its time limit.
    pub overdue: Option<String>,
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

impl ListQuery {
    fn filter(&self, state: &AppState) -> Result<Filter, AppError> {
        let mut errors = Vec::new();
        let mut filter = Filter::default();
        if let Some(s) = self.state.as_deref().filter(|s| !s.is_empty()) {
            let known = state.workflows.all().iter().any(|w| w.state(s).is_some());
            if !known {
                errors.push(FieldError::with(
                    "state",
                    Problem::new("campo-etapa-desconocida").with("clave", s),
                ));
            }
            filter.state = Some(s.to_string());
        }
        if let Some(c) = self.category.as_deref().filter(|s| !s.is_empty()) {
            filter.category = Category::parse(c);
            if filter.category.is_none() {
                errors.push(FieldError::with(
                    "category",
                    Problem::new("campo-una-de").with("opciones", Category::expected()),
                ));
            }
        }
        if let Some(c) = self.channel.as_deref().filter(|s| !s.is_empty()) {
            filter.channel = Channel::parse(c);
            if filter.channel.is_none() {
                errors.push(FieldError::with(
                    "channel",
                    Problem::new("campo-una-de").with("opciones", Channel::expected()),
                ));
            }
        }
        if let Some(q) = &self.q {
            if q.chars().count() > 200 {
                errors.push(FieldError::with(
                    "q",
                    Problem::new("campo-como-maximo").with("max", 200),
                ));
            }
            filter.words = fold(q)
                .split_whitespace()
                .take(10)
                .map(str::to_string)
                .collect();
        }
        match self.overdue.as_deref() {
            None | Some("") | Some("false") => {}
            Some("true") => filter.overdue_at = Some(state.clock.now().naive_utc()),
            Some(_) => errors.push(FieldError::new("overdue", "campo-debe-ser-true-false")),
        }
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// Lists procedures, oldest first (public).
#[utoipa::path(tag = "procedures", params(ListQuery), responses(
    (status = 200, body = Page<ProcedureView>), (status = 422)
))]
#[get("/procedures")]
pub async fn list_procedures(
    query: web::Query<ListQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<ProcedureView>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let filter = query.filter(&state)?;
    let request = page.clone();
    let rows = state
        .db(move |conn| {
            Ok(store::page(
                conn,
                &filter,
                request.after.as_deref(),
                request.fetch(),
            )?)
        })
        .await?;
    let rates = state.rates();
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |r| r.id.clone(),
        |r| ProcedureView::new(r, &rates),
    )))
}

/// One procedure (public), with its `ETag`.
#[utoipa::path(tag = "procedures", params(("id" = String, Path)), responses(
    (status = 200, body = ProcedureView), (status = 404)
))]
#[get("/procedures/{id}")]
pub async fn get_procedure(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "procedure")?;
    let row = state
        .db(move |conn| procedures::find_procedure(conn, &id))
        .await?;
    Ok(respond(
        actix_web::http::StatusCode::OK,
        row,
        &state.rates(),
    ))
}

/// Reads `If-Match`: the versions it names, or `None` for `*` (any current version).
/// Missing or empty → 428 (no precondition was given); unreadable → 412 (it cannot match any
/// version).
pub fn if_match(req: &HttpRequest) -> Result<Option<Vec<i32>>, AppError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(AppError::PreconditionRequired)?
        .to_str()
        .map_err(|_| {
            AppError::VersionConflict(crate::domain::error::Problem::new("detalle-if-match"))
        })?
        .trim();
    if value.is_empty() {
        return Err(AppError::PreconditionRequired);
    }
    if value == "*" {
        return Ok(None);
    }
    let versions: Vec<i32> = value
        .split(',')
        .filter_map(|tag| {
            let tag = tag.trim();
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag.trim_matches('"').parse().ok()
        })
        .collect();
    if versions.is_empty() {
        return Err(AppError::VersionConflict(
            crate::domain::error::Problem::new("detalle-if-match"),
        ));
    }
    Ok(Some(versions))
}

/// Changes descriptive fields (committee). Needs `If-Match` with the current `ETag`.
#[utoipa::path(tag = "procedures", request_body = PatchProcedure, params(("id" = String, Path),
    ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    security(("bearer" = [])), responses(
    (status = 200, body = ProcedureView), (status = 401), (status = 403), (status = 404),
    (status = 409), (status = 412), (status = 422), (status = 428)
))]
#[patch("/procedures/{id}")]
pub async fn patch_procedure(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "procedure")?;
    let expected = if_match(&req)?;
    let patch: PatchProcedure = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            procedures::edit(conn, ctx, &id, expected.as_deref(), &patch)
        })
        .await?;
    Ok(respond(
        actix_web::http::StatusCode::OK,
        row,
        &state.rates(),
    ))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_procedure)
        .service(list_procedures)
        .service(get_procedure)
        .service(patch_procedure);
}
