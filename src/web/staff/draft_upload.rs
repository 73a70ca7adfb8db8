//! A consultation's draft from a word processor: `POST /gestion/tramites/{id}/borrador` takes a
//! `.docx` or `.odt`, turns it into the same text a person would type (one paragraph a line) and
//! shows the procedure's page with the consultation form filled in and its preview, so that the
//! Committee confirms the articles read before publishing. Nothing is stored.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::procedure::{build, ConsultationForm, Overrides};
use super::{failure, render};
use crate::domain::access::can;
use crate::server::AppState;
use crate::usecases::AppError;
use crate::web::staff::{ProcedureId, Staff};
use crate::{i18n::t, tr};

/// What the preview says of a draft's articles: how many were read and their numbers, or
/// every fault of the numbering with its line.
pub fn articles_note(text: &str) -> String {
    match crate::domain::draft::parse("proposal_text", text) {
        Ok(d) if d.articles.is_empty() => t("gestion-borrador-sin-articulos"),
        Ok(d) => tr!(
            "gestion-borrador-articulos",
            n = d.articles.len(),
            numeros = d
                .articles
                .iter()
                .map(|a| a.number.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Err(faults) => tr!(
            "gestion-borrador-faltas",
            lista = faults
                .iter()
                .map(|f| crate::words::problem(&f.problem))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

/// The proposal as the public page will show it: the preamble, then each article under its
/// title (the whole text when it has no articles).
pub fn preview_html(text: &str) -> String {
    use crate::domain::proposal::proposal_html;
    let draft = crate::domain::draft::Draft::of_stored(text);
    if draft.articles.is_empty() {
        return proposal_html(text);
    }
    let mut html = proposal_html(&draft.preamble);
    for a in &draft.articles {
        let title = crate::web::consultations::article_title(&a.number, &a.heading);
        html.push_str(&proposal_html(&format!("### {title}\n\n{}", a.text)));
    }
    html
}

/// The consultation form with `text` as its proposal, previewed.
pub fn previewed(title: String, summary: String, text: String) -> ConsultationForm {
    ConsultationForm {
        preview: Some(preview_html(&text)),
        draft_note: Some(articles_note(&text)),
        title,
        summary,
        proposal_text: text,
        opens_on: String::new(),
    }
}

/// `POST /gestion/tramites/{id}/borrador` (multipart: `csrf`, then `file`).
pub async fn upload_draft(
    staff: Staff<can::Simplify>,
    req: HttpRequest,
    target: ProcedureId,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let ProcedureId { id, back } = target;
    let received =
        match super::procedure_actions::receive_file(&req, payload, &s, &state, &back).await {
            Ok(r) => r,
            Err(res) => return res,
        };
    let Some(bytes) = received.file_bytes().filter(|b| !b.is_empty()) else {
        return failure(&state, &AppError::field("file", "campo-obligatorio"), &back);
    };
    let max = state.settings.import_max_unpacked_bytes;
    let text = match state
        .heavy(move || crate::sheets::draft_text(&bytes, max))
        .await
    {
        Ok(Ok(text)) => text,
        Ok(Err(faults)) => return failure(&state, &AppError::Validation(faults), &back),
        Err(e) => return failure(&state, &e, &back),
    };
    let o = Overrides {
        consultation: Some(previewed(String::new(), String::new(), text)),
        ..Default::default()
    };
    match build(&state, &s, &req, id, o).await {
        Ok(page) => render(StatusCode::OK, &page),
        Err(res) => res,
    }
}
