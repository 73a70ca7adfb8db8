//! The moderation forms: a comment group published, withheld or answered; an opinion; a survey
//! comment; a consultation extended.

use super::*;
use crate::domain::access::can;
use crate::web::staff::SignedForm;

/// The form's way back, kept inside the workspace.
pub(super) fn back_of(form: &crate::web::forms::Form) -> String {
    let back = form.get("back");
    if back.starts_with("/gestion") && !back.contains("//") {
        back
    } else {
        "/gestion/moderacion".into()
    }
}

pub(super) fn with_notice(back: &str, notice: &str) -> String {
    let sep = if back.contains('?') { '&' } else { '?' };
    format!("{back}{sep}hecho={notice}")
}

/// `POST /gestion/moderacion/grupo` (fields `consultation`, `group`, `comment`, `decision` =
/// `publish` | `reject` | `answer`, `reason`, `detail`, `answer`, `back`).
pub async fn decide_group(
    signed: SignedForm<can::Moderate>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let back = back_of(&form);
    let decision = form.get("decision");
    let (consultation, group, comment) = (
        form.get("consultation"),
        form.get("group"),
        form.get("comment"),
    );
    let (reason, detail, answer) = (
        form.optional("reason"),
        form.optional("detail"),
        form.get("answer"),
    );
    let outcome = form.optional("outcome");
    // Numbers separated by commas: "2, 7 bis".
    let changed: Vec<String> = form
        .get("changed_articles")
        .split([',', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let word = decision.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            if word == "answer" {
                usecases::moderation::respond(
                    conn,
                    ctx,
                    &comment,
                    &answer,
                    outcome.as_deref(),
                    &changed,
                )
                .map(|_| ())
            } else {
                let input = Moderation {
                    decision: word,
                    reason,
                    detail,
                };
                usecases::moderation::moderate_group(conn, ctx, &consultation, &group, &input)
                    .map(|_| ())
            }
        })
        .await;
    let done = match decision.as_str() {
        "publish" => "publicado",
        "answer" => "respondido",
        _ => "retenido",
    };
    match result {
        Ok(()) => see_other(&with_notice(&back, done)),
        Err(e) => failure(&state, &e, &back),
    }
}

/// `POST /gestion/moderacion/opinion` (fields `feedback`, `decision`, `reason`, `detail`, `answer`).
pub async fn decide_feedback(
    signed: SignedForm<can::Moderate>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let decision = form.get("decision");
    let id = form.get("feedback");
    let (reason, detail, answer) = (
        form.optional("reason"),
        form.optional("detail"),
        form.get("answer"),
    );
    let word = decision.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            if word == "answer" {
                usecases::feedback::respond(conn, ctx, &id, &answer).map(|_| ())
            } else {
                let input = Moderation {
                    decision: word,
                    reason,
                    detail,
                };
                usecases::feedback::moderate(conn, ctx, &id, &input).map(|_| ())
            }
        })
        .await;
    let done = match decision.as_str() {
        "publish" => "publicado",
        "answer" => "respondido",
        _ => "retenido",
    };
    match result {
        Ok(()) => see_other(&format!("/gestion/moderacion?hecho={done}")),
        Err(e) => failure(&state, &e, "/gestion/moderacion"),
    }
}

/// `POST /gestion/moderacion/encuesta` (fields `answer`, `decision` = `publish`/`reject`,
/// `reason`): publishes or withholds a survey comment.
pub async fn decide_survey(
    signed: SignedForm<can::Moderate>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let id = form.get("answer");
    let publish = form.get("decision") == "publish";
    // The same decision as a comment's and an opinion's.
    let decision = crate::domain::comment::decide(&crate::domain::comment::Moderation {
        decision: form.get("decision"),
        reason: form.optional("reason"),
        detail: None,
    });
    let result = match decision {
        Ok(decision) => {
            state
                .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
                    usecases::evaluation::moderate_comment(conn, ctx, &id, &decision)
                })
                .await
        }
        Err(fault) => Err(crate::usecases::AppError::Validation(vec![fault])),
    };
    let done = if publish { "publicado" } else { "retenido" };
    match result {
        Ok(()) => see_other(&format!("/gestion/moderacion?hecho={done}")),
        Err(e) => failure(&state, &e, "/gestion/moderacion"),
    }
}

/// `POST /gestion/consultas/{id}/extender` (director; fields `closes_at` as a local date
/// `AAAA-MM-DD`, `reason`): the window ends at the end of that day.
pub async fn extend(
    signed: SignedForm<can::ExtendConsultation>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let Some(id) = id_of(&path) else {
        return errors::not_found();
    };
    let back = format!("/gestion/consultas/{id}");
    let tz = state.settings.tz();
    let closes_at = chrono::NaiveDate::parse_from_str(form.get("closes_at").trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .and_then(|t| t.and_local_timezone(tz).single())
        .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339());
    let Some(closes_at) = closes_at else {
        return failure(
            &state,
            &AppError::field("closes_at", "campo-escriba-fecha-como-2026-12"),
            &back,
        );
    };
    let input = Extend {
        closes_at,
        reason: form.get("reason"),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::consultations::extend(conn, ctx, &id, &input)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("{back}?hecho=extendida")),
        Err(e) => failure(&state, &e, &back),
    }
}
