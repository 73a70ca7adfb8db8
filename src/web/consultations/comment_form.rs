//! A citizen's comment sent from the consultation's page: limits, honeypot, one-time token,
//! the form again with its faults, or the receipt.

use super::*;
use crate::domain::error::Problem;
use crate::i18n::t;

/// `POST /consultas/{id}/comentarios`: stores the comment (as the API does) and sends the
/// citizen to its tracking page; invalid input brings the form back with what was typed.
pub async fn send_comment(
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = parse_id(&path) else {
        return errors::not_found();
    };
    // A bot is answered as a receipt is (303 to a tracking page whose code reads as a
    // received comment's); nothing is stored.
    let decoy = || {
        format!(
            "/seguimiento/{}",
            crate::web::tracking::decoy_code(&state, &id)
        )
    };
    let (form, limited) = match crate::web::forms::citizen_kept(&req, body, &state, decoy).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let token = form.get("form_token");
    let mut errors = form.errors.clone();
    let input = NewComment {
        body: form.get("body"),
        author_name: form.optional("author_name"),
        email: form.optional("email"),
        organization: form.optional("organization"),
        article: form.optional("article"),
        proposed_text: form.optional("proposed_text"),
        language: form.optional("language"),
    };
    if let Some(refused) = limited {
        return kept(&state, id, input, &refused).await;
    }
    let checked = comment::check(&input);
    if let Err(e) = &checked {
        errors.extend(e.iter().cloned());
    }
    forms::expect_token(&state.audit_keys, &token, &mut errors);
    let checked = match checked {
        Ok(c) if errors.is_empty() => c,
        _ => return again(&state, id, input, errors, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let submission = usecases::comments::Submission::new(
        state.clock.now(),
        state.comment_writer.numbers(),
        id.clone(),
        checked,
        // The form's one-time token works as the API's Idempotency-Key: a double click or a
        // resubmitted page stores one comment and leads to the same receipt.
        Some(crate::server::client::scoped_idempotency_key(
            &state, &req, &token,
        )),
    );
    match state.comment_writer.submit(submission).await {
        Ok(receipt) => crate::web::see_other(&format!("/seguimiento/{}", receipt.tracking_code)),
        Err(AppError::Overloaded { retry_after, .. }) => {
            // Nothing was stored: the form comes back as it was, to be sent again.
            let error = FieldError::with(
                "body",
                Problem::new("campo-comentario-no-guardado").with("segundos", retry_after),
            );
            let mut res = again(
                &state,
                id,
                input,
                vec![error],
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
            if let Ok(v) = retry_after.to_string().parse() {
                res.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            res
        }
        Err(AppError::IdempotencyKeyReused) => {
            // The page was sent before with another text: the first one is stored; this
            // version comes back with a fresh form, to be sent knowingly.
            let error = FieldError::new("body", "campo-este-formulario-ya-habia-enviado");
            again(
                &state,
                id,
                input,
                vec![error],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        // A fault found when storing (an article the draft does not have): the form again.
        Err(AppError::Validation(faults)) => {
            again(&state, id, input, faults, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // Closed or not yet open: the page says so, and gives back the text to keep.
        Err(e @ AppError::Conflict { .. }) => kept(&state, id, input, &e).await,
        Err(e) => errors::from_error(&e),
    }
}

/// A comment refused for a reason that is not the citizen's text (too many from one address,
/// or outside the window): the consultation's page with the message above the form and the
/// text as typed, with the status and, when waiting helps, `Retry-After`.
async fn kept(
    state: &web::Data<AppState>,
    id: String,
    input: NewComment,
    refused: &AppError,
) -> HttpResponse {
    let (problem, retry_after) = match refused {
        AppError::RateLimited { retry_after, .. } => (
            Problem::new("campo-comentario-limite")
                .with("minutos", (*retry_after).div_ceil(60).max(1)),
            Some(*retry_after),
        ),
        AppError::Conflict { detail, .. } => (detail.clone(), None),
        _ => (Problem::new("campo-comentario-no-guardado-error"), None),
    };
    let status = crate::server::problem::status_of(refused);
    let mut res = again(
        state,
        id,
        input,
        vec![FieldError::with("body", problem)],
        status,
    )
    .await;
    if let Some(v) = retry_after.and_then(|s| s.to_string().parse().ok()) {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    res
}

/// The consultation page with the comment form filled in as sent, and what stopped it.
pub(super) async fn again(
    state: &web::Data<AppState>,
    id: String,
    input: NewComment,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> HttpResponse {
    let form = CommentForm {
        action: format!("/consultas/{id}/comentarios"),
        token: forms::issue_token(&state.audit_keys),
        body: input.body,
        author_name: input.author_name.unwrap_or_default(),
        email: input.email.unwrap_or_default(),
        organization: input.organization.unwrap_or_default(),
        article: input.article.unwrap_or_default(),
        proposed_text: input.proposed_text.unwrap_or_default(),
        language: input.language.unwrap_or_default(),
        articles: Vec::new(),
        errors,
        // An overload is not the citizen's mistake: say what happened, not "check it".
        summary: if status == StatusCode::SERVICE_UNAVAILABLE
            || status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::CONFLICT
        {
            t("pagina-comentario-todavia-no-guardo")
        } else {
            t("pagina-revise-comentario")
        },
    };
    let reading = form.language.clone();
    match build(
        state,
        id,
        (None, None, Some(reading)),
        Some(form),
        fresh_tokens(state),
    )
    .await
    {
        Ok(page) => crate::web::render(status, &page),
        Err(page) => page,
    }
}
