//! `/informes`: the four-monthly accountability reports (programme, line 19), as a page with
//! charts drawn on the server, and as PDF, XLSX, CSV and JSON of the same figures.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::errors;
use crate::audit::Context;
use crate::domain::report::{AccountabilityReport, Period, ReportStatus};
use crate::format;
use crate::pdf::reports as report_pdf;
use crate::server::AppState;
use crate::usecases::reports::{self, ReportDoc, ReportSettings};

/// One period in the index.
pub struct IndexItem {
    /// `/informes/2026-3`.
    pub href: String,
    /// "Septiembre a diciembre de 2026".
    pub label: String,
    /// "En curso" or "Cerrado el …".
    pub state: String,
}

/// `/informes`.
#[derive(Template)]
#[template(path = "informes.html")]
pub struct IndexPage {
    /// Newest first.
    pub items: Vec<IndexItem>,
}

/// One horizontal bar of a server-drawn chart: its words in HTML, its bars in SVG (units of a
/// 320- or 300-wide view box stretched to the text's width).
pub struct ChartBar {
    /// Label.
    pub label: String,
    /// Value shown.
    pub value: String,
    /// Bar width (0–170).
    pub width: f64,
    /// Second bar (e.g. the start of the period), if any.
    pub width_before: Option<f64>,
    /// Target line position, if any.
    pub target_x: Option<f64>,
    /// Drawn green (target met).
    pub met: bool,
}

/// `/informes/{period}`.
#[derive(Template)]
#[template(path = "informe.html")]
pub struct ReportPage {
    /// The figures.
    pub r: AccountabilityReport,
    /// "septiembre a diciembre de 2026".
    pub label: String,
    /// First and last day in words.
    pub from: String,
    /// Last day.
    pub to: String,
    /// "Cerrado el …" with the hash, or "en curso".
    pub frozen: Option<(String, String)>,
    /// When the figures were computed.
    pub generated: String,
    /// Stages at start and end.
    pub stage_bars: Vec<ChartBar>,
    /// Indicators against the targets.
    pub target_bars: Vec<ChartBar>,
    /// Launched procedures: code, title, date.
    pub launched: Vec<(String, String, String)>,
    /// Eliminated procedures.
    pub eliminated: Vec<(String, String, String)>,
    /// Savings: hours, money; per procedure: code, title, hours, money, requirements, visits.
    pub hours: String,
    /// Quetzales a year.
    pub money: String,
    /// Per procedure.
    pub savings: Vec<[String; 6]>,
    /// Overdue: code, title, stage, due, days.
    pub overdue: Vec<[String; 5]>,
    /// Consultations: link, title, received, published, withheld, answered.
    pub consultations: Vec<[String; 6]>,
    /// Measured on.
    pub measured_on: String,
}

fn settings(state: &AppState) -> ReportSettings<'_> {
    ReportSettings {
        registry: &state.workflows,
        rates: state.rates(),
        tz: state.settings.tz(),
    }
}

/// Loads (and, once its period has ended, freezes) a period's report.
pub async fn load(state: &web::Data<AppState>, period: Period) -> Result<ReportDoc, HttpResponse> {
    let st = state.clone();
    let now = state.clock.now();
    super::db(state, move |conn| {
        let ctx = Context {
            keys: &st.audit_keys,
            now,
            actor: "system",
            roles: crate::domain::Role::ALL,
        };
        reports::report(conn, &ctx, settings(&st), period)
    })
    .await
}

/// `GET /informes`.
pub async fn index(state: web::Data<AppState>) -> HttpResponse {
    let tz = state.settings.tz();
    let now = state.clock.now();
    let lines = match super::db(&state, move |conn| reports::index(conn, tz, now)).await {
        Ok(l) => l,
        Err(page) => return page,
    };
    let items = lines
        .into_iter()
        .map(|l| {
            let label = format::period(l.period);
            IndexItem {
                href: format!("/informes/{}", l.period.key()),
                label: label
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(label.chars().skip(1))
                    .collect(),
                state: match l.frozen {
                    Some((_, at)) => format!("Cerrado el {}", format::date(&at, tz)),
                    None if l.period.end() <= reports::today(tz, now) => {
                        "Terminado; se cierra al abrirlo".into()
                    }
                    None => "En curso".into(),
                },
            }
        })
        .collect();
    super::ok(&IndexPage { items })
}

fn dated(
    list: &[crate::domain::report::ProcedureLine],
    tz: chrono_tz::Tz,
) -> Vec<(String, String, String)> {
    list.iter()
        .map(|p| (p.code.clone(), p.title.clone(), format::date_of(&p.at, tz)))
        .collect()
}

fn page(doc: ReportDoc, tz: chrono_tz::Tz) -> HttpResponse {
    let r = doc.report;
    let period = Period {
        year: r.year,
        n: r.n,
    };
    let most = r
        .stages
        .iter()
        .map(|s| s.at_start.max(s.at_end))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let stage_bars: Vec<ChartBar> = r
        .stages
        .iter()
        .map(|s| ChartBar {
            label: s.label.clone(),
            value: format!("{} al inicio, {} al final", s.at_start, s.at_end),
            width: s.at_end as f64 / most * 320.0,
            width_before: Some(s.at_start as f64 / most * 320.0),
            target_x: None,
            met: false,
        })
        .collect();
    let target_bars: Vec<ChartBar> = r
        .indicators
        .targets
        .iter()
        .map(|t| ChartBar {
            label: format!(
                "Servicios {}, meta {} % en {}",
                format::category_words(&t.category),
                format::figure(t.target_percent),
                t.year
            ),
            value: format!("{} %", format::figure(t.percent)),
            width: t.percent.clamp(0.0, 100.0) * 3.0,
            width_before: None,
            target_x: Some((t.target_percent.clamp(0.0, 100.0) * 3.0).clamp(1.5, 298.5)),
            met: t.met,
        })
        .collect();
    let generated = format::date_time_of(&r.generated_at, tz);
    let frozen = match (r.status, doc.frozen_at, doc.sha256) {
        (ReportStatus::Frozen, Some(at), Some(hash)) => Some((format::date_time(&at, tz), hash)),
        _ => None,
    };
    let savings = r
        .savings
        .procedures
        .iter()
        .map(|p| {
            [
                p.code.clone(),
                p.title.clone(),
                format::figure(p.annual_hours),
                format::quetzales(p.annual_cost_gtq),
                format::figure(p.requirements_removed as f64),
                format::figure(p.visits_removed as f64),
            ]
        })
        .collect();
    let overdue = r
        .overdue
        .oldest
        .iter()
        .map(|o| {
            [
                o.code.clone(),
                o.title.clone(),
                o.label.clone(),
                format::date_of(&o.due_at, tz),
                format::figure(o.days_overdue as f64),
            ]
        })
        .collect();
    let consultations = r
        .consultations
        .items
        .iter()
        .map(|c| {
            [
                format!("/consultas/{}", c.id),
                c.title.clone(),
                format::figure(c.received as f64),
                format::figure(c.published as f64),
                format::figure(c.withheld as f64),
                format::figure(c.answered as f64),
            ]
        })
        .collect();
    super::ok(&ReportPage {
        label: format::period(period),
        from: format::day(&r.starts_on),
        to: format::day(&r.ends_on),
        frozen,
        generated,
        stage_bars,
        target_bars,
        launched: dated(&r.launched, tz),
        eliminated: dated(&r.eliminated, tz),
        hours: format::figure(r.savings.annual_hours),
        money: format::quetzales(r.savings.annual_cost_gtq),
        savings,
        overdue,
        consultations,
        measured_on: format::day(&r.indicators.measured_on),
        r,
    })
}

fn download(
    req: &HttpRequest,
    body: Vec<u8>,
    content_type: &str,
    name: &str,
    frozen: bool,
) -> HttpResponse {
    use sha2::Digest;
    // The bytes' own hash as a strong validator: an unchanged file answers 304.
    let etag = format!("\"{}\"", hex::encode(sha2::Sha256::digest(&body)));
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((header::ETAG, etag));
    res.content_type(content_type).insert_header((
        header::CONTENT_DISPOSITION,
        crate::domain::file_name::content_disposition(true, name),
    ));
    // A frozen report never changes; one in progress changes with the data.
    res.insert_header((
        header::CACHE_CONTROL,
        if frozen {
            "public, max-age=86400"
        } else {
            "no-cache"
        },
    ));
    if unchanged {
        return res.finish();
    }
    res.body(body)
}

/// `GET /informes/{period}` and `/informes/{period}.{pdf|xlsx|csv|json}`.
pub async fn show(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let raw = path.into_inner();
    let (key, ext) = match raw.split_once('.') {
        Some((k, e)) => (k.to_string(), Some(e.to_string())),
        None => (raw.clone(), None),
    };
    let Some(period) = Period::parse(&key) else {
        return errors::not_found();
    };
    let doc = match load(&state, period).await {
        Ok(d) => d,
        Err(page) => return page,
    };
    let tz = state.settings.tz();
    let frozen = doc.report.status == ReportStatus::Frozen;
    let name = format!("informe-{key}");
    match ext.as_deref() {
        None => page(doc, tz),
        Some("json") => download(
            &req,
            doc.json,
            "application/json",
            &format!("{name}.json"),
            frozen,
        ),
        Some("csv") => match reports::figures_csv(&doc.report) {
            Ok(b) => download(
                &req,
                b,
                "text/csv; charset=utf-8",
                &format!("{name}.csv"),
                frozen,
            ),
            Err(e) => errors::from_error(&e),
        },
        Some("xlsx") => match reports::figures_xlsx(&doc.report) {
            Ok(b) => download(
                &req,
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{name}.xlsx"),
                frozen,
            ),
            Err(e) => errors::from_error(&e),
        },
        Some("pdf") => {
            let body = state
                .heavy(move || {
                    report_pdf::accountability(
                        &doc.report,
                        doc.sha256.as_deref(),
                        doc.frozen_at,
                        tz,
                    )
                })
                .await
                .unwrap_or_default();
            download(
                &req,
                body,
                "application/pdf",
                &format!("{name}.pdf"),
                frozen,
            )
        }
        Some(_) => errors::not_found(),
    }
}
