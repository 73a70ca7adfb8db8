//! The acceptance evaluation over the API: usage per channel and month (committee writes,
//! anyone reads), the citizens' survey (anyone answers, anyone reads the aggregates), survey
//! comment moderation, and the usage report (JSON; attached as the `usage_report` PDF).

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{Authed, CommitteeMembers, Moderators};
use crate::db::evaluation::UsageRow;
use crate::db::lifecycle::DocumentMeta;
use crate::domain::evaluation::{check_survey, check_usage, Month, NewSurveyAnswer};
use crate::server::json::{read_body, read_json};
use crate::server::AppState;
use crate::usecases::evaluation::{self as uc, Survey, SurveyReceipt};
use crate::usecases::AppError;

/// A month's transactions by channel.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UsageView {
    /// `YYYY-MM`.
    pub month: String,
    /// Done online.
    pub online: i64,
    /// Done at an office.
    pub in_person: i64,
    /// By any other channel.
    pub other: i64,
    /// All of them.
    pub total: i64,
    /// When it was last recorded.
    pub updated_at: String,
}

impl From<&UsageRow> for UsageView {
    fn from(r: &UsageRow) -> Self {
        UsageView {
            month: r.month.clone(),
            online: r.online,
            in_person: r.in_person,
            other: r.other,
            total: r.online + r.in_person + r.other,
            updated_at: crate::domain::time::rfc3339(&r.updated_at),
        }
    }
}

/// A month's figures as sent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct UsageInput {
    /// Done online (whole number from 0).
    #[schema(value_type = i64)]
    pub online: Option<serde_json::Value>,
    /// Done at an office.
    #[schema(value_type = i64)]
    pub in_person: Option<serde_json::Value>,
    /// By any other channel.
    #[schema(value_type = i64)]
    pub other: Option<serde_json::Value>,
}

/// The survey's results: counts and averages, never single answers; and published comments.
#[derive(utoipa::ToSchema)]
#[schema(as = Survey)]
#[allow(dead_code)]
pub struct SurveyDoc {
    /// Answers received.
    answers: i64,
    /// Average satisfaction (1–5).
    satisfaction_average: Option<f64>,
    /// Average ease (1–5).
    ease_average: Option<f64>,
    /// How many gave each satisfaction score, 1 to 5.
    satisfaction_counts: Vec<i64>,
    /// How many gave each ease score, 1 to 5.
    ease_counts: Vec<i64>,
    /// How many could finish online.
    completed_online: i64,
    /// Answers by the channel used.
    by_channel: std::collections::BTreeMap<String, i64>,
    /// Published comments (text only).
    comments: Vec<String>,
}

/// A survey answer as sent (the page's fields).
#[derive(utoipa::ToSchema)]
#[schema(as = NewSurveyAnswer)]
#[allow(dead_code)]
pub struct NewSurveyAnswerDoc {
    /// 1–5.
    satisfaction: i32,
    /// 1–5.
    ease: i32,
    /// `yes`/`no` (or a boolean).
    #[schema(value_type = String)]
    completed_online: String,
    /// `online`, `in_person` or `hybrid`.
    channel: String,
    /// Optional comment (moderated before anyone sees it).
    comment: Option<String>,
}

/// The receipt of a survey answer.
#[derive(utoipa::ToSchema)]
#[schema(as = SurveyReceipt)]
#[allow(dead_code)]
pub struct SurveyReceiptDoc {
    /// Id.
    id: String,
}

/// The usage report of a procedure for a period.
#[derive(utoipa::ToSchema)]
#[schema(as = UsageReport)]
#[allow(dead_code)]
pub struct UsageReportDoc {
    /// Code.
    code: String,
    /// First month.
    from: String,
    /// Last month.
    to: String,
    /// Month by month.
    #[schema(value_type = Vec<Object>)]
    months: Vec<serde_json::Value>,
    /// Totals, online share before and after launch, survey, burden and savings.
    #[schema(value_type = Object)]
    total: serde_json::Value,
}

crate::http::schemas::described_by!(
    Survey => SurveyDoc,
    NewSurveyAnswer => NewSurveyAnswerDoc,
    SurveyReceipt => SurveyReceiptDoc,
    crate::usecases::evaluation::UsageReport => UsageReportDoc,
);

/// The period of a usage report.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PeriodQuery {
    /// First month, `YYYY-MM` (default: twelve months before `to`).
    pub from: Option<String>,
    /// Last month, `YYYY-MM` (default: this month).
    pub to: Option<String>,
}

fn month(raw: &str) -> Result<Month, AppError> {
    Month::parse(raw).ok_or_else(|| AppError::field("month", "campo-mes-invalido-use-aaaa-mm"))
}

/// Records a month's transactions by channel (committee); replaces what the month held.
#[utoipa::path(tag = "procedures", request_body = UsageInput, security(("bearer" = [])),
    params(("id" = String, Path), ("month" = String, Path, description = "YYYY-MM")),
    responses((status = 200, body = UsageView), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[put("/procedures/{id}/usage/{month}")]
pub async fn put_usage(
    who: Authed<CommitteeMembers>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<UsageView>, AppError> {
    let (id, raw) = path.into_inner();
    let m = month(&raw)?;
    let input: UsageInput = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let counts = check_usage(
        input.online.as_ref(),
        input.in_person.as_ref(),
        input.other.as_ref(),
    )?;
    let row = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            uc::put_usage(conn, ctx, &id, m, counts)
        })
        .await?;
    Ok(web::Json(UsageView::from(&row)))
}

/// Records many months at once from a CSV body (`month,online,in_person,other`; committee).
/// Any fault → 422 naming each row and column, and nothing is written.
#[utoipa::path(tag = "procedures", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"), params(("id" = String, Path)),
    responses((status = 200, body = Vec<UsageView>), (status = 401), (status = 403), (status = 404), (status = 413), (status = 422)))]
#[post("/procedures/{id}/usage")]
pub async fn import_usage(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<UsageView>>, AppError> {
    let bytes = read_body(&req, body, state.settings.document_limit_bytes).await?;
    let id = path.into_inner();
    let rows = state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            uc::import_usage(conn, ctx, &id, &bytes)
        })
        .await?;
    Ok(web::Json(rows.iter().map(UsageView::from).collect()))
}

/// A procedure's months (public).
#[utoipa::path(tag = "procedures", params(("id" = String, Path)),
    responses((status = 200, body = Vec<UsageView>), (status = 404)))]
#[get("/procedures/{id}/usage")]
pub async fn usage_list(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<UsageView>>, AppError> {
    let id = path.into_inner();
    let rows = state.db(move |conn| uc::usage(conn, &id)).await?;
    Ok(web::Json(rows.iter().map(UsageView::from).collect()))
}

/// The survey's results (public): counts and averages, and the published comments.
#[utoipa::path(tag = "procedures", params(("id" = String, Path)),
    responses((status = 200, body = Survey), (status = 404)))]
#[get("/procedures/{id}/survey")]
pub async fn survey_results(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<web::Json<Survey>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(
        state.db(move |conn| uc::survey(conn, &id)).await?,
    ))
}

/// Answers the survey of a launched procedure (public; per-address limits; a repeated
/// Idempotency-Key stores one answer). 409 `survey_not_open` before the launch.
#[utoipa::path(tag = "procedures", request_body = NewSurveyAnswer,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe submission key")),
    responses((status = 201, body = SurveyReceipt), (status = 404), (status = 409), (status = 422), (status = 429)))]
#[post("/procedures/{id}/survey")]
pub async fn answer(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    crate::server::client::limit_citizen(&req, &state)?;
    let key = crate::server::client::idempotency_key(&req, &state)?;
    let input: NewSurveyAnswer = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let id = path.into_inner();
    // A survey that is not open says so before the answer is judged.
    let found = id.clone();
    let p = state.db(move |conn| uc::find(conn, &found)).await?;
    if !uc::surveyed(&state.workflows, &p) {
        return Err(AppError::conflict(
            "survey_not_open",
            crate::domain::error::Problem::new("conflicto-survey-not-open"),
        ));
    }
    let checked = check_survey(&input)?;
    let registry = state.workflows.clone();
    let receipt = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| uc::submit_survey(conn, ctx, &registry, &id, &checked, key),
        )
        .await?;
    Ok(HttpResponse::Created().json(receipt))
}

/// A moderation decision on a survey comment.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SurveyModeration {
    /// `publish` or `reject`.
    pub decision: String,
    /// For a rejection: abusive, spam, off_topic, personal_data or duplicate.
    pub reason: Option<String>,
}

/// Publishes or withholds a survey answer's comment (committee).
#[utoipa::path(tag = "procedures", request_body = SurveyModeration, security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/survey-answers/{id}/moderation")]
pub async fn moderate(
    who: Authed<Moderators>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let input: SurveyModeration = read_json(&req, body, state.settings.json_limit_bytes).await?;
    // The same decision as a comment's and an opinion's.
    let decision = crate::domain::comment::decide(&crate::domain::comment::Moderation {
        decision: input.decision,
        reason: input.reason,
        detail: None,
    })
    .map_err(|f| AppError::Validation(vec![f]))?;
    let id = path.into_inner();
    state
        .audited(who.user.actor(), state.clock.now(), move |conn, ctx| {
            uc::moderate_comment(conn, ctx, &id, &decision)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The usage report's figures for a period (public).
#[utoipa::path(tag = "procedures", params(("id" = String, Path), PeriodQuery),
    responses((status = 200, body = crate::usecases::evaluation::UsageReport), (status = 404), (status = 422)))]
#[get("/procedures/{id}/usage-report")]
pub async fn usage_report(
    path: web::Path<String>,
    query: web::Query<PeriodQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let (from, to) = crate::usecases::period::period(
        query.from.as_deref(),
        query.to.as_deref(),
        now,
        state.settings.tz(),
    )?;
    let (id, rates, registry) = (path.into_inner(), state.rates(), state.workflows.clone());
    let r = state
        .db(move |conn| uc::usage_report(conn, &registry, &id, from, to, &rates, now))
        .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Generates the usage report's PDF for a period and attaches it as the procedure's
/// `usage_report` document, which the `close_cycle` guard asks for (committee).
#[utoipa::path(tag = "procedures", params(("id" = String, Path), PeriodQuery), security(("bearer" = [])),
    responses((status = 201, body = DocumentMeta), (status = 401), (status = 403), (status = 404), (status = 422)))]
#[post("/procedures/{id}/usage-report")]
pub async fn attach(
    who: Authed<CommitteeMembers>,
    path: web::Path<String>,
    query: web::Query<PeriodQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let (from, to) =
        crate::usecases::period::period(query.from.as_deref(), query.to.as_deref(), now, tz)?;
    let (id, rates, registry) = (path.into_inner(), state.rates(), state.workflows.clone());
    let doc = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            let period = uc::UsagePeriod {
                registry: &registry,
                from,
                to,
                rates: &rates,
            };
            uc::make_and_attach_usage_report(conn, ctx, period, &id, |r| {
                crate::pdf::reports::usage(r, tz)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(put_usage)
        .service(import_usage)
        .service(usage_list)
        .service(survey_results)
        .service(answer)
        .service(moderate)
        .service(usage_report)
        .service(attach);
}
