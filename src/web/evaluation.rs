//! `/tramites/{code}/encuesta`: the citizens' survey of a launched procedure (no account, a
//! one-time form token, the per-address limits; results shown only as counts and averages),
//! and `/tramites/{code}/uso` (and `.pdf`): its usage report for a chosen period.

use crate::i18n::t;
use crate::tr;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{errors, forms};
use crate::domain::error::FieldError;
use crate::domain::evaluation::{check_survey, NewSurveyAnswer};
use crate::domain::Channel;
use crate::format;
use crate::server::AppState;
use crate::usecases::evaluation::{self as uc, Survey, UsageReport};

/// What the form shows.
pub struct SurveyForm {
    /// The one-time token.
    pub token: String,
    /// Chosen satisfaction.
    pub satisfaction: String,
    /// Chosen ease.
    pub ease: String,
    /// `yes` or `no`.
    pub completed_online: String,
    /// Chosen channel.
    pub channel: String,
    /// Typed comment.
    pub comment: String,
    /// Faults.
    pub errors: Vec<FieldError>,
}

impl SurveyForm {
    /// The score chosen for `satisfaction` or `ease`.
    pub fn chosen(&self, field: &str) -> &str {
        if field == "satisfaction" {
            &self.satisfaction
        } else {
            &self.ease
        }
    }

    /// The fault of a field, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::words::problem(&e.problem))
    }
}

/// The survey's two scales: (field, question, words of 1, words of 5), as catalog keys.
pub const SCALES: [(&str, &str, &str, &str); 2] = [
    (
        "satisfaction",
        crate::i18n::k("encuesta-pregunta-satisfaccion"),
        crate::i18n::k("encuesta-satisfaccion-baja"),
        crate::i18n::k("encuesta-satisfaccion-alta"),
    ),
    (
        "ease",
        crate::i18n::k("encuesta-pregunta-facilidad"),
        crate::i18n::k("encuesta-facilidad-baja"),
        crate::i18n::k("encuesta-facilidad-alta"),
    ),
];

/// The survey page.
#[derive(Template)]
#[template(path = "encuesta.html")]
pub struct SurveyPage {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// The form.
    pub form: SurveyForm,
    /// The results so far.
    pub survey: Survey,
    /// Averages in words.
    pub satisfaction: String,
    /// Ease average.
    pub ease: String,
    /// Channels: value, words.
    pub channels: Vec<(&'static str, String)>,
    /// Just answered.
    pub thanks: bool,
}

/// `?gracias=1`.
#[derive(Deserialize)]
pub struct ThanksQuery {
    /// Set after an answer.
    pub gracias: Option<String>,
}

fn empty_form(state: &AppState) -> SurveyForm {
    SurveyForm {
        token: forms::issue_token(&state.audit_keys),
        satisfaction: String::new(),
        ease: String::new(),
        completed_online: String::new(),
        channel: String::new(),
        comment: String::new(),
        errors: Vec::new(),
    }
}

async fn page(
    state: &AppState,
    code: String,
    form: SurveyForm,
    thanks: bool,
) -> Result<SurveyPage, HttpResponse> {
    let registry = state.workflows.clone();
    let found = super::db(state, move |conn| {
        let Some(p) = crate::db::procedures::find_by_code(conn, &code)? else {
            return Ok(None);
        };
        if !uc::surveyed(&registry, &p) {
            return Ok(None);
        }
        let s = uc::survey(conn, &p.id)?;
        Ok(Some((p, s)))
    })
    .await?;
    let Some((p, survey)) = found else {
        return Err(errors::page(
            StatusCode::NOT_FOUND,
            &t("pagina-esta-encuesta-no-esta"),
            &t("pagina-cada-tramite-tiene-encuesta"),
            Some(("/tramites", &t("pagina-ver-catalogo-tramites"))),
        ));
    };
    let avg = |v: Option<f64>| v.map_or("—".to_string(), format::figure);
    Ok(SurveyPage {
        code: p.code,
        title: p.name,
        satisfaction: avg(survey.results.satisfaction_average),
        ease: avg(survey.results.ease_average),
        survey,
        form,
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str(), format::channel(*c)))
            .collect(),
        thanks,
    })
}

/// `GET /tramites/{code}/encuesta`.
pub async fn show(
    path: web::Path<String>,
    query: web::Query<ThanksQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let form = empty_form(&state);
    match page(&state, path.into_inner(), form, query.gracias.is_some()).await {
        Ok(p) => super::ok(&p),
        Err(res) => res,
    }
}

/// `POST /tramites/{code}/encuesta`.
pub async fn send(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let code = path.into_inner();
    let done = format!("/tramites/{code}/encuesta?gracias=1");
    let form = match forms::citizen(&req, body, &state, || done.clone()).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let token = form.get("form_token");
    let mut errors = form.errors.clone();
    let input = NewSurveyAnswer {
        satisfaction: Some(form.get("satisfaction").into()),
        ease: Some(form.get("ease").into()),
        completed_online: Some(form.get("completed_online").into()),
        channel: Some(form.get("channel")),
        comment: form.optional("comment"),
    };
    let checked = check_survey(&input);
    if let Err(e) = &checked {
        errors.extend(e.iter().cloned());
    }
    forms::expect_token(&state.audit_keys, &token, &mut errors);
    let checked = match checked {
        Ok(c) if errors.is_empty() => c,
        _ => {
            let again = SurveyForm {
                token: forms::issue_token(&state.audit_keys),
                satisfaction: form.get("satisfaction"),
                ease: form.get("ease"),
                completed_online: form.get("completed_online"),
                channel: form.get("channel"),
                comment: form.get("comment"),
                errors,
            };
            return match page(&state, code, again, false).await {
                Ok(p) => super::render(StatusCode::UNPROCESSABLE_ENTITY, &p),
                Err(res) => res,
            };
        }
    };
    let key = crate::server::client::scoped_idempotency_key(&state, &req, &token);
    let target = code.clone();
    let registry = state.workflows.clone();
    let result = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| {
                let p = crate::db::procedures::find_by_code(conn, &target)?
                    .ok_or_else(|| crate::usecases::AppError::not_found("inexistente-tramite"))?;
                uc::submit_survey(conn, ctx, &registry, &p.id, &checked, Some(key))
            },
        )
        .await;
    match result {
        Ok(_) => super::see_other(&done),
        Err(crate::usecases::AppError::Conflict { .. })
        | Err(crate::usecases::AppError::NotFound(_)) => {
            match page(&state, code, empty_form(&state), false).await {
                Ok(p) => super::ok(&p),
                Err(res) => res,
            }
        }
        Err(e) => errors::from_error(&e),
    }
}

/// The usage report page.
#[derive(Template)]
#[template(path = "uso.html")]
pub struct UsagePage {
    /// The figures.
    pub r: UsageReport,
    /// Month bars: month, width (0–300), total, online share.
    pub bars: Vec<(String, f64, f64, String, String)>,
    /// Averages in words.
    pub satisfaction: String,
    /// Ease average.
    pub ease: String,
    /// Before and after launch, in words.
    pub before: String,
    /// After.
    pub after: String,
    /// Burden in words: before, now, saving.
    pub burden: Vec<(String, String)>,
}

/// `?desde=YYYY-MM&hasta=YYYY-MM`.
#[derive(Deserialize)]
pub struct PeriodQuery {
    /// First month.
    pub desde: Option<String>,
    /// Last month.
    pub hasta: Option<String>,
}

/// Loads a usage report for the page or its PDF.
pub async fn load(
    state: &AppState,
    code: String,
    desde: Option<String>,
    hasta: Option<String>,
) -> Result<UsageReport, HttpResponse> {
    let now = state.clock.now();
    let (from, to) = crate::usecases::period::period(
        desde.as_deref(),
        hasta.as_deref(),
        now,
        state.settings.tz(),
    )
    .map_err(|e| errors::from_error(&e))?;
    let (rates, registry) = (state.rates(), state.workflows.clone());
    super::db(state, move |conn| {
        let p = crate::db::procedures::find_by_code(conn, &code)?
            .ok_or_else(|| crate::usecases::AppError::not_found("inexistente-tramite"))?;
        uc::usage_report(conn, &registry, &p.id, from, to, &rates, now)
    })
    .await
}

/// `GET /tramites/{code}/uso`.
pub async fn usage_page(
    path: web::Path<String>,
    query: web::Query<PeriodQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let q = query.into_inner();
    let r = match load(&state, path.into_inner(), q.desde, q.hasta).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let max = r.months.iter().map(|m| m.total).max().unwrap_or(0).max(1) as f64;
    let bars = r
        .months
        .iter()
        .map(|m| {
            (
                format::month(&m.month),
                m.total as f64 / max * 320.0,
                m.online as f64 / max * 320.0,
                format::figure(m.total as f64),
                format::figure(m.online_percent),
            )
        })
        .collect();
    let mut burden = Vec::new();
    let words = format::burden;
    if let Some(b) = &r.burden_before {
        burden.push((t("pagina-cuando-empezo-analisis"), words(b)));
    }
    burden.push((t("pagina-ahora"), words(&r.burden_now)));
    if let Some(s) = &r.savings {
        burden.push((
            t("pagina-ahorro"),
            tr!(
                "pagina-horas-ano-requisitos-visitas",
                v1 = (format::figure(s.annual_hours)).to_string(),
                v2 = (format::quetzales(s.annual_cost_gtq)).to_string(),
                v3 = (s.requirements_removed).to_string(),
                v4 = (s.visits_removed).to_string()
            ),
        ));
    }
    let avg = |v: Option<f64>| v.map_or("—".to_string(), format::figure);
    super::ok(&UsagePage {
        satisfaction: avg(r.survey.results.satisfaction_average),
        ease: avg(r.survey.results.ease_average),
        before: format::online_share(r.before_launch.as_ref()),
        after: format::online_share(r.after_launch.as_ref()),
        bars,
        burden,
        r,
    })
}

/// `GET /tramites/{code}/uso.pdf`.
pub async fn usage_pdf(
    path: web::Path<String>,
    query: web::Query<PeriodQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let q = query.into_inner();
    let r = match load(&state, path.into_inner(), q.desde, q.hasta).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let tz = state.settings.tz();
    let name = format!("informe-de-uso-{}-{}-a-{}.pdf", r.code, r.from, r.to);
    let bytes = web::block(move || crate::pdf::reports::usage(&r, tz))
        .await
        .unwrap_or_default();
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/pdf"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            crate::domain::file_name::content_disposition(true, &name),
        ))
        .body(bytes)
}
