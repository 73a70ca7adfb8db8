//! Public consultations: opening, listing, reading and extending them.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{Authed, CommitteeMembers, Extenders};
use super::drafts::{ArticleView, CountsView, DraftParts, FinalTextView};
use super::pagination::{Page, PageRequest};
use super::procedures::parse_id;
use crate::db::consultations::{self as store, ConsultationRow};
use crate::domain::calendar::Status;
use crate::domain::comment::Counts;
use crate::domain::consultation::{CreateConsultation, Extend};
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::{self, AppError};

/// A consultation as published.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConsultationView {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal as written (Markdown).
    pub proposal_text: String,
    /// The proposal rendered as HTML, safe to show: raw HTML and script links are dropped.
    pub proposal_html: String,
    /// Opens (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub opens_at: chrono::NaiveDateTime,
    /// Closes (UTC): the end of the local day one window after opening, or later if extended.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub closes_at: chrono::NaiveDateTime,
    /// `scheduled`, `open` or `closed`, from the clock at this request.
    pub status: Status,
    /// Comment counts, with each article's (`by_article`).
    pub counts: CountsView,
    /// Comments received (same as `counts.received`).
    pub received: i64,
    /// Comments published.
    pub published: i64,
    /// Comments withheld.
    pub rejected: i64,
    /// Published comments answered.
    pub answered: i64,
    /// The proposal's text before its first article.
    pub preamble: String,
    /// The proposal's articles, each with its published comments.
    pub articles: Vec<ArticleView>,
    /// The final text, once the Committee has published it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_text: Option<FinalTextView>,
    /// The earlier consultation of the same procedure this one follows.
    pub supersedes: Option<String>,
    /// The later consultation that follows this one.
    pub superseded_by: Option<String>,
    /// Its published translations (the Spanish text is the official one).
    pub translations: Vec<super::reach::TranslationSummary>,
}

/// A consultation with everything its GET shows, read in the caller's connection.
pub fn read_view(
    conn: &mut crate::db::DbConnection,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ConsultationView, AppError> {
    let c = usecases::consultations::find(conn, id)?;
    let counts = usecases::consultations::counts(conn, &c.id)?;
    let parts = usecases::drafts::facts(conn, &c)?.into();
    let translations = crate::db::reach::translations(conn, &c.id)?;
    let mut view = ConsultationView::new(c, counts, parts, now);
    view.translations = translations.iter().map(Into::into).collect();
    Ok(view)
}

impl ConsultationView {
    fn new(
        c: ConsultationRow,
        counts: Counts,
        parts: DraftParts,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        ConsultationView {
            status: usecases::consultations::status_of(&c, now),
            received: counts.received,
            published: counts.published,
            rejected: counts.rejected,
            answered: counts.answered,
            counts: CountsView {
                counts,
                by_article: parts.by_article,
            },
            preamble: parts.preamble,
            articles: parts.articles,
            final_text: parts.final_text,
            supersedes: parts.supersedes,
            superseded_by: parts.superseded_by,
            translations: Vec::new(),
            id: c.id,
            procedure_id: c.procedure_id,
            title: c.title,
            summary: c.summary,
            proposal_html: crate::domain::proposal::proposal_html(&c.proposal_text),
            proposal_text: c.proposal_text,
            opens_at: c.opens_at,
            closes_at: c.closes_at,
        }
    }
}

/// Opens a public consultation on a procedure in a state that allows it (committee).
#[utoipa::path(tag = "consultations", request_body = CreateConsultation, params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 201, body = ConsultationView), (status = 401), (status = 403),
    (status = 404), (status = 409, description = "consultation_not_allowed"), (status = 422)))]
#[post("/procedures/{id}/consultations")]
pub async fn open(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "procedure")?;
    let input: CreateConsultation = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let st = state.clone();
    let view = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let row = usecases::consultations::open(
                conn,
                ctx,
                &st.workflows,
                st.settings.tz(),
                &id,
                &input,
            )?;
            read_view(conn, &row.id, now)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/consultations/{}", view.id)))
        .json(view))
}

/// Filters of the consultation listing.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `scheduled`, `open` or `closed`.
    pub status: Option<String>,
    /// Only this procedure's consultations.
    pub procedure_id: Option<String>,
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Lists consultations, oldest first (public).
#[utoipa::path(tag = "consultations", params(ListQuery), responses((status = 200, body = Page<ConsultationView>), (status = 422)))]
#[get("/consultations")]
pub async fn list(
    query: web::Query<ListQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<ConsultationView>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            Status::parse(s)
                .ok_or_else(|| AppError::field("status", "campo-debe-ser-scheduled-open-closed"))?,
        ),
    };
    let procedure_id =
        match query.procedure_id.as_deref().filter(|s| !s.is_empty()) {
            Some(p) => Some(parse_id(p, "procedure").map_err(|_| {
                AppError::field("procedure_id", "campo-debe-ser-identificador-uuid")
            })?),
            None => None,
        };
    let now = state.clock.now();
    let request = page.clone();
    let rows = state
        .db(move |conn| {
            let filter = status.map(|s| (s, now.naive_utc()));
            let rows = store::page(
                conn,
                filter,
                procedure_id.as_deref(),
                request.after.as_deref(),
                request.fetch(),
            )?;
            rows.into_iter()
                .map(|c| {
                    let counts = usecases::consultations::counts(conn, &c.id)?;
                    let parts: DraftParts = usecases::drafts::facts(conn, &c)?.into();
                    let translations = crate::db::reach::translations(conn, &c.id)?;
                    Ok((counts, (parts, translations), c))
                })
                .collect::<Result<Vec<_>, AppError>>()
        })
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |(_, _, c)| c.id.clone(),
        |(n, (parts, translations), c)| {
            let mut view = ConsultationView::new(c, n, parts, now);
            view.translations = translations.iter().map(Into::into).collect();
            view
        },
    )))
}

/// One consultation with its comment counts (public).
#[utoipa::path(tag = "consultations", params(("id" = String, Path)), responses((status = 200, body = ConsultationView), (status = 404)))]
#[get("/consultations/{id}")]
pub async fn get_one(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<ConsultationView>, AppError> {
    let id = parse_id(&path, "consultation")?;
    let now = state.clock.now();
    let view = state.db(move |conn| read_view(conn, &id, now)).await?;
    Ok(web::Json(view))
}

/// Moves the closing time later (director; a reason is required).
#[utoipa::path(tag = "consultations", request_body = Extend, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ConsultationView), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/consultations/{id}/extend")]
pub async fn extend(
    who: Authed<Extenders>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<ConsultationView>, AppError> {
    let id = parse_id(&path, "consultation")?;
    let input: Extend = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let view = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let c = usecases::consultations::extend(conn, ctx, &id, &input)?;
            read_view(conn, &c.id, now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(open)
        .service(list)
        .service(get_one)
        .service(extend)
        .service(super::drafts::publish);
}
