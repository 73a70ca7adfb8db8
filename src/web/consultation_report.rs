//! `/consultas/{id}/informe` (and `.csv`): the report of a closed consultation.

use crate::i18n::t;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;

use super::errors;
use crate::db::consultation_reports::FrozenReportRow;
use crate::format;
use crate::server::AppState;
use crate::usecases::consultation_report::{self, Report};
use crate::usecases::consultation_report_articles::ArticleLine;
use crate::usecases::AppError;

/// The page.
#[derive(Template)]
#[template(path = "consulta_informe.html")]
pub struct ReportPage {
    /// The figures.
    pub r: Report,
    /// The consultation's page.
    pub back: String,
    /// Withheld by reason, in words.
    pub reasons: Vec<(String, i64)>,
    /// Outcomes in words.
    pub outcomes: Vec<(String, i64)>,
    /// Each text's answer date and outcome, in words.
    pub answered: Vec<String>,
    /// Each article: its line, comments accepted in all or part, and what the final text did.
    pub articles: Vec<(ArticleLine, i64, String)>,
    /// How copies were counted.
    pub method: String,
    /// The largest campaigns' columns and rows.
    pub campaigns: (Vec<String>, Vec<Vec<String>>),
}

async fn load(state: &web::Data<AppState>, raw: &str) -> Result<Report, HttpResponse> {
    load_frozen(state, raw).await.map(|(r, _)| r)
}

/// The frozen report and its row (frozen on the first reading after the consultation closed).
async fn load_frozen(
    state: &web::Data<AppState>,
    raw: &str,
) -> Result<(Report, FrozenReportRow), HttpResponse> {
    let Ok(id) = uuid::Uuid::parse_str(raw.trim()).map(|u| u.to_string()) else {
        return Err(errors::not_found());
    };
    let threshold = state.settings.campaign_similarity;
    let found = state
        .audited(
            crate::domain::access::Actor::system(),
            state.clock.now(),
            move |conn, ctx| consultation_report::frozen(conn, ctx, &id, threshold),
        )
        .await;
    found.map_err(|e| match e {
        AppError::Conflict { .. } => errors::page(
            StatusCode::CONFLICT,
            &t("pagina-informe-aun-no-esta"),
            &t("pagina-informe-consulta-publica-cuando"),
            None,
        ),
        other => errors::from_error(&other),
    })
}

/// `GET /consultas/{id}/informe`.
pub async fn page(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let r = match load(&state, &path).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let tz = state.settings.tz();
    let reasons = r
        .withheld_by_reason
        .iter()
        .map(|(k, n)| (format::reject_reason(Some(k)), *n))
        .collect();
    let outcomes = r
        .outcomes
        .iter()
        .map(|(k, n)| {
            let words = crate::domain::comment::Outcome::parse(k)
                .map_or_else(|| t("informe-sin-indicar"), format::outcome);
            (words, *n)
        })
        .collect();
    let answered = r
        .items
        .iter()
        .map(|i| match i.answered_at {
            Some(at) => format::answered(&at, i.outcome.as_deref(), tz),
            None => String::new(),
        })
        .collect();
    let articles = r
        .articles
        .iter()
        .map(|a| {
            let accepted = a.accepted();
            (a.clone(), accepted, crate::pdf::reports::article_change(a))
        })
        .collect();
    super::ok(&ReportPage {
        articles,
        method: crate::usecases::consultation_report_campaigns::method(&r),
        campaigns: (
            crate::usecases::consultation_report_campaigns::headers(),
            crate::usecases::consultation_report_campaigns::rows(&r),
        ),
        back: format!("/consultas/{}", r.consultation_id),
        r,
        reasons,
        outcomes,
        answered,
    })
}

/// `GET /consultas/{id}/informe.csv`.
pub async fn csv(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let raw = path.into_inner();
    let raw = raw.trim_end_matches(".csv");
    match load(&state, raw).await {
        Ok(r) => match consultation_report::csv(&r) {
            Ok(bytes) => HttpResponse::Ok()
                .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"informe-consulta.csv\"",
                ))
                .body(bytes),
            Err(e) => errors::from_error(&e),
        },
        Err(res) => res,
    }
}

/// `GET /consultas/{id}/informe.pdf`.
pub async fn pdf(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let raw = path.into_inner();
    let (r, row) = match load_frozen(&state, &raw).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let bytes = match (row.pdf.clone(), row.pdf_sha256.clone()) {
        (Some(pdf), Some(_)) => pdf,
        _ => {
            // Drawn once per version, in one of the heavy-work turns, then kept.
            let tz = state.settings.tz();
            let drawn = match state
                .heavy(move || crate::pdf::reports::consultation(&r, tz))
                .await
            {
                Ok(pdf) => pdf,
                Err(e) => return errors::from_error(&e),
            };
            let pdf = drawn.clone();
            let kept = state
                .audited(
                    crate::domain::access::Actor::system(),
                    state.clock.now(),
                    move |conn, ctx| consultation_report::freeze_pdf(conn, ctx, &row, &pdf),
                )
                .await;
            if let Err(e) = kept {
                return errors::from_error(&e);
            }
            drawn
        }
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/pdf"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "inline; filename=\"informe-consulta.pdf\"",
        ))
        .body(bytes)
}
