//! `GET /consultas/{id}.pdf` (issue 37): the consultation on paper, for offices and community
//! radios to print: the draft article by article, how to comment, and a blank form.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::errors;
use crate::domain::draft::Draft;
use crate::pdf::reports::{consultation_on_paper, Paper};
use crate::server::AppState;
use crate::usecases;

/// `GET /consultas/{id}.pdf`.
pub async fn pdf(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let Some(id) = uuid::Uuid::parse_str(path.trim())
        .ok()
        .map(|u| u.to_string())
    else {
        return errors::not_found();
    };
    let c = match super::db(&state, move |conn| usecases::consultations::find(conn, &id)).await {
        Ok(c) => c,
        Err(page) => return page,
    };
    let tz = state.settings.tz();
    let window = crate::tr!(
        "pagina-recibe-comentarios-desde-hasta",
        v1 = crate::format::date_time(&c.opens_at, tz),
        v2 = crate::format::date_time(&c.closes_at, tz)
    );
    let address = format!(
        "{}/consultas/{}",
        state.settings.public_url.trim_end_matches('/'),
        c.id
    );
    let offices = state.settings.paper_offices.clone();
    let drawn = state
        .heavy(move || {
            let draft = Draft::of_stored(&c.proposal_text);
            consultation_on_paper(&Paper {
                title: &c.title,
                summary: &c.summary,
                draft: &draft,
                window: &window,
                address: &address,
                offices: &offices,
            })
        })
        .await;
    match drawn {
        Ok(bytes) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, "application/pdf"))
            .insert_header((
                header::CONTENT_DISPOSITION,
                "inline; filename=\"consulta.pdf\"",
            ))
            .body(bytes),
        Err(e) => errors::from_error(&e),
    }
}
