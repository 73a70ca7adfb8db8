//! `POST /datos/opinion` (issue 37): a citizen says whether a file of `/datos` serves them and,
//! optionally, what it lacks or what other data they need (then stored as feedback on open data
//! and followed with its tracking code). The per-address limits, the honeypot and the one-time
//! token of every citizen's form apply.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::{errors, forms};
use crate::domain::feedback::{check, NewFeedback};
use crate::server::AppState;
use crate::usecases;

/// `POST /datos/opinion` (fields `dataset`, `useful` = `si` | `no`, `body` optional,
/// `form_token`).
pub async fn send(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let form = match forms::citizen(&req, body, &state, || "/datos".to_string()).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let token = form.get("form_token");
    let mut errors = form.errors.clone();
    let dataset = usecases::data_demand::check_dataset(&form.get("dataset"))
        .map_err(|e| errors.push(e))
        .ok();
    let useful = match form.get("useful").as_str() {
        "si" => Some(true),
        "no" => Some(false),
        _ => {
            errors.push(crate::domain::error::FieldError::new(
                "useful",
                "campo-elija-opcion-lista",
            ));
            None
        }
    };
    let text = form.get("body");
    let words = if text.trim().is_empty() {
        None
    } else {
        match check(&NewFeedback {
            body: format!("{}: {}", form.get("dataset").trim(), text.trim()),
            topic: "open_data".into(),
            author_name: None,
            email: form.optional("email"),
        }) {
            Ok(w) => Some(w),
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    };
    forms::expect_token(&state.audit_keys, &token, &mut errors);
    let (Some(dataset), Some(useful), true) = (dataset, useful, errors.is_empty()) else {
        let file = form.get("dataset");
        let words: Vec<String> = errors
            .iter()
            .map(|e| crate::format::sentence(crate::words::problem(&e.problem)))
            .collect();
        let notice = (file, words.join(" "));
        return super::open_data::show(&state, Some(notice), StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    let key = crate::server::client::scoped_idempotency_key(&state, &req, &token);
    let target = dataset.clone();
    let result = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| {
                usecases::data_demand::record(conn, ctx, (&target, useful), words.as_ref(), key)
            },
        )
        .await;
    match result {
        Ok(Some(receipt)) => super::see_other(&format!("/seguimiento/{}", receipt.tracking_code)),
        Ok(None) => super::see_other(&format!("/datos?gracias={dataset}#encuesta-{dataset}")),
        Err(e) => errors::from_error(&e),
    }
}
