//! The changing forms of a procedure's workspace page: proposing a transition, ticking the
//! checklist, attaching and downloading documents, opening a consultation after its preview.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::procedure::{build, ConsultationForm, Overrides};
use super::{failure, render, see_other, session};
use crate::db::lifecycle as store;
use crate::domain::access::can;
use crate::domain::consultation::CreateConsultation;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::staff::{ProcedureId, SignedForm, Staff};

/// `POST /gestion/tramites/{id}/proponer` (fields `transition`, `note`).
pub async fn propose(
    signed: SignedForm<can::Work>,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, back } = target;
    let (transition, note) = (form.get("transition"), form.get("note"));
    let registry = state.workflows.clone();
    let user = s.user.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            let note = crate::domain::check_note(&note, false)
                .map_err(|e| AppError::Validation(vec![e]))?;
            usecases::transitions::propose(conn, ctx, &registry, &user, &id, &transition, &note)
        })
        .await;
    match result {
        Ok(usecases::transitions::Proposed::Applied(_)) => {
            see_other(&format!("{back}?hecho=aplicada"))
        }
        Ok(usecases::transitions::Proposed::Requested(_)) => {
            see_other(&format!("{back}?hecho=propuesta"))
        }
        Err(e) => failure(&state, &e, &back),
    }
}

/// `POST /gestion/tramites/{id}/lista` (fields `item`, `done` = `true`/`false`).
pub async fn checklist(
    signed: SignedForm<can::Simplify>,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, back } = target;
    let (item, done) = (form.get("item"), form.get("done") == "true");
    let registry = state.workflows.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::documents::set_checklist(conn, ctx, &registry, &id, &item, done)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=lista")),
        Err(e) => failure(&state, &e, &back),
    }
}

/// `POST /gestion/tramites/{id}/documentos` (multipart: `csrf`, `kind`, `file`).
pub async fn upload(
    staff: Staff<can::Simplify>,
    req: HttpRequest,
    target: ProcedureId,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let ProcedureId { id, back } = target;
    let received = match receive_file(&req, payload, &s, &state, &back).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let (kind, filename, content_type, bytes) = match crate::server::uploads::checked(received) {
        Ok(x) => x,
        Err(e) => return failure(&state, &e, &back),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            let upload = usecases::documents::Upload {
                kind: &kind,
                filename: &filename,
                content_type,
                bytes: &bytes,
            };
            usecases::documents::attach(conn, ctx, &id, &upload)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=documento")),
        Err(e) => failure(&state, &e, &back),
    }
}

/// A workspace form's multipart body of at most `document_limit_bytes`: its CSRF token comes
/// before its file and is checked before the file is read; a refusal is the page to answer.
pub(super) async fn receive_file(
    req: &HttpRequest,
    payload: web::Payload,
    s: &crate::usecases::sessions::Session,
    state: &AppState,
    back: &str,
) -> Result<crate::server::uploads::Received, HttpResponse> {
    let limit = state.settings.document_limit_bytes;
    match crate::server::uploads::receive_after_csrf(req, payload, limit, &s.csrf).await {
        Ok(r) => Ok(r),
        Err(AppError::Forbidden(_)) => {
            Err(super::check_csrf(s, "").unwrap_or_else(crate::web::errors::not_found))
        }
        Err(e) => Err(failure(state, &e, back)),
    }
}

/// `GET /gestion/documentos/{id}`: the file, for any staff member.
pub async fn download(
    req: HttpRequest,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    if let Err(res) = session(&req, &state).await {
        return res;
    }
    let ProcedureId { id, .. } = target;
    let found = state
        .db(move |conn| Ok::<_, AppError>(store::document(conn, &id)?))
        .await;
    match found {
        Ok(Some((meta, bytes))) => {
            let mut res = crate::server::uploads::file_response(&meta, bytes);
            super::no_store(&mut res);
            res
        }
        Ok(None) => errors::not_found(),
        Err(e) => errors::from_error(&e),
    }
}

/// `POST /gestion/tramites/{id}/consultas` (fields `title`, `summary`, `proposal_text`, and
/// `accion` = `vista` for the preview or `publicar`).
pub async fn open_consultation(
    signed: SignedForm<can::Simplify>,
    req: HttpRequest,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, back } = target;
    let typed = ConsultationForm {
        title: form.get("title"),
        summary: form.get("summary"),
        proposal_text: form.get("proposal_text"),
        opens_on: form.get("opens_on").trim().to_string(),
        preview: None,
        draft_note: None,
    };
    if form.get("accion") != "publicar" {
        let mut shown =
            super::draft_upload::previewed(typed.title, typed.summary, typed.proposal_text);
        shown.opens_on = typed.opens_on;
        let o = Overrides {
            consultation: Some(shown),
            ..Default::default()
        };
        return match build(&state, &s, &req, id, o).await {
            Ok(page) => render(StatusCode::OK, &page),
            Err(res) => res,
        };
    }
    let input = CreateConsultation {
        title: typed.title,
        summary: typed.summary,
        proposal_text: typed.proposal_text,
        opens_at: opening_time(&typed.opens_on, state.settings.tz(), state.clock.now()),
        supersedes: Some(form.get("supersedes")).filter(|s| !s.is_empty()),
    };
    let (registry, tz) = (state.workflows.clone(), state.settings.tz());
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::consultations::open(conn, ctx, &registry, tz, &id, &input)
        })
        .await;
    match result {
        Ok(c) => see_other(&format!("/gestion/consultas/{}?hecho=consulta", c.id)),
        Err(e) => failure(&state, &e, &back),
    }
}

/// The opening day typed (`YYYY-MM-DD`, a date field) as the API's RFC 3339 time: the start of
/// that day in the service's zone. Empty opens now; anything else is passed on as typed, so the
/// use case's check names the field.
fn opening_time(
    day: &str,
    tz: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    use chrono::TimeZone;
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    // Today (or nothing) opens at once: the start of today has passed.
    if day.is_empty() || date == Some(now.with_timezone(&tz).date_naive()) {
        return None;
    }
    let parsed = date.and_then(|d| tz.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).earliest());
    Some(parsed.map_or_else(|| day.to_string(), |t| t.to_rfc3339()))
}

/// `POST /gestion/tramites/{id}/uso` (fields `month`, `online`, `in_person`, `other`): records
/// a month's transactions by channel.
pub async fn usage(
    signed: SignedForm<can::Simplify>,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, back } = target;
    let month = crate::domain::evaluation::Month::parse(&form.get("month"));
    let cell = |name: &str| serde_json::Value::String(form.get(name));
    let counts = crate::domain::evaluation::check_usage(
        Some(&cell("online")),
        Some(&cell("in_person")),
        Some(&cell("other")),
    );
    let (month, counts) = match (month, counts) {
        (Some(m), Ok(c)) => (m, c),
        (None, _) => {
            return failure(
                &state,
                &AppError::field("month", "campo-mes-invalido-use-aaaa-mm"),
                &back,
            )
        }
        (_, Err(e)) => return failure(&state, &AppError::Validation(e), &back),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::evaluation::put_usage(conn, ctx, &id, month, counts)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=uso#evaluacion")),
        Err(e) => failure(&state, &e, &back),
    }
}

/// `POST /gestion/tramites/{id}/informe-de-uso` (fields `desde`, `hasta`): makes the usage
/// report's PDF and attaches it as the `usage_report` document.
pub async fn usage_report(
    signed: SignedForm<can::Simplify>,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, back } = target;
    let now = state.clock.now();
    let tz = state.settings.tz();
    let (desde, hasta) = (form.get("desde"), form.get("hasta"));
    let (from, to) = match crate::usecases::period::period(Some(&desde), Some(&hasta), now, tz) {
        Ok(p) => p,
        Err(e) => return failure(&state, &e, &back),
    };
    let (rates, registry) = (state.rates(), state.workflows.clone());
    let result = state
        .audited(s.user.actor(), now, move |conn, ctx| {
            let period = usecases::evaluation::UsagePeriod {
                registry: &registry,
                from,
                to,
                rates: &rates,
            };
            usecases::evaluation::make_and_attach_usage_report(conn, ctx, period, &id, |r| {
                crate::pdf::reports::usage(r, tz)
            })
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=documento")),
        Err(e) => failure(&state, &e, &back),
    }
}
