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
    req: HttpRequest,
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
    let answering = decision == "answer";
    let typed = Typed {
        target: comment.clone(),
        field: format!(
            "{}-{comment}",
            if answering { "respuesta" } else { "motivo" }
        ),
        message: String::new(),
        text: if answering {
            answer.clone()
        } else {
            form.get("detail")
        },
    };
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
        Err(AppError::Validation(faults)) => {
            let message = faults
                .iter()
                .map(|f| {
                    if f.problem.kind == "campo-motivo-retener" {
                        crate::i18n::t("campo-motivo-retener-lista")
                    } else {
                        crate::words::problem(&f.problem)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let typed = Some(Typed { message, ..typed });
            let (only, with_head) = page_of(&back);
            build(&req, &state, only, with_head, typed).await
        }
        Err(e) => failure(&state, &e, &back),
    }
}

/// The page a form came from: a consultation's staff page, or the moderation list (perhaps of
/// one consultation).
fn page_of(back: &str) -> (Option<String>, bool) {
    if let Some(id) = back.strip_prefix("/gestion/consultas/") {
        return (id_of(id.split(['?', '#']).next().unwrap_or_default()), true);
    }
    let only = back
        .split_once("consulta=")
        .and_then(|(_, rest)| id_of(rest.split('&').next().unwrap_or_default()));
    (only, false)
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
