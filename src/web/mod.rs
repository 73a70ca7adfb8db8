//! The public pages: server-rendered Spanish HTML from compile-time checked templates
//! (`templates/`), calling the same use cases as the JSON API. No page needs JavaScript.

pub mod assets;
mod calendar_page;
mod consultation_report;
mod consultations;
mod data_demand;
pub mod errors;
mod evaluation;
mod feedback;
mod feeds;

pub mod forms;
mod home;
mod indicators;
pub mod language;
mod notices;
mod open_data;
pub mod page_cache;
mod paper;
mod procedure_page;
mod procedures;
pub mod reach_words;

mod reports;
pub mod staff;
mod subscription;
mod tracking;
mod transparency;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::server::AppState;
use crate::usecases::AppError;

/// The policy of pages: the stylesheet and the one script ("Imprimir") from here, forms
/// posting here, nothing else (no inline script, no other origin).
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Renders a template as a page with its status and the pages' security policy.
pub fn render<T: Template>(status: StatusCode, page: &T) -> HttpResponse {
    match page.render() {
        Ok(html) => page_response(status, html),
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered");
            HttpResponse::InternalServerError()
                .content_type("text/plain; charset=utf-8")
                .body(crate::i18n::t("pagina-fallo-render"))
        }
    }
}

/// A rendered page answered with `status` and the pages' security policy.
pub fn page_response(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_CSP))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(html)
}

/// A 200 page.
pub fn ok<T: Template>(page: &T) -> HttpResponse {
    render(StatusCode::OK, page)
}

/// 303 See Other to `location` (Post/Redirect/Get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Runs database work for a page; any failure becomes its Spanish page.
pub async fn db<T, F>(state: &AppState, f: F) -> Result<T, HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    state.db(f).await.map_err(|e| errors::from_error(&e))
}

/// Registers the public pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::inicio))
        .route("/estatico/{name}", web::get().to(assets::serve))
        .route("/consultas", web::get().to(consultations::list))
        .route("/consultas.ics", web::get().to(feeds::ics))
        .route("/consultas.atom", web::get().to(feeds::atom))
        .route("/consultas/calendario", web::get().to(calendar_page::page))
        .route("/consultas/{id}.pdf", web::get().to(paper::pdf))
        .route("/consultas/{id}", web::get().to(consultations::show))
        .route(
            "/consultas/{id}/texto-final",
            web::get().to(consultations::final_text),
        )
        .route(
            "/consultas/{id}/informe",
            web::get().to(consultation_report::page),
        )
        .route(
            "/consultas/{id}/informe.pdf",
            web::get().to(consultation_report::pdf),
        )
        .route(
            "/consultas/{id}/informe.csv",
            web::get().to(consultation_report::csv),
        )
        .route(
            "/consultas/{id}/comentarios",
            web::post().to(consultations::send_comment),
        )
        .route(
            "/consultas/{id}/comentarios/{comment_id}/apoyos",
            web::post().to(consultations::endorse),
        )
        .route(
            "/consultas/{id}/comentarios/{comment_id}/variantes",
            web::get().to(consultations::variants),
        )
        .route("/seguimiento", web::get().to(tracking::ask))
        .route("/seguimiento/{code}", web::get().to(tracking::show))
        .route(
            "/seguimiento/{code}/comprobante",
            web::get().to(transparency::receipt),
        )
        .route("/transparencia", web::get().to(transparency::page))
        .route("/tramites", web::get().to(procedures::catalogue))
        .route("/tramites/{code}", web::get().to(procedure_page::show))
        .route("/tramites/{code}/encuesta", web::get().to(evaluation::show))
        .route(
            "/tramites/{code}/encuesta",
            web::post().to(evaluation::send),
        )
        .route(
            "/tramites/{code}/uso",
            web::get().to(evaluation::usage_page),
        )
        .route(
            "/tramites/{code}/uso.pdf",
            web::get().to(evaluation::usage_pdf),
        )
        .route("/tramites/{code}/aviso", web::get().to(notices::ask))
        .route("/tramites/{code}/aviso", web::post().to(notices::request))
        .route("/indicadores", web::get().to(indicators::show))
        .route("/informes", web::get().to(reports::index))
        .route("/informes/{period}", web::get().to(reports::show))
        .route("/opinion", web::get().to(feedback::show))
        .route("/opinion", web::post().to(feedback::send))
        .route(
            "/suscripcion/confirmar",
            web::get().to(subscription::ask_confirm),
        )
        .route(
            "/suscripcion/confirmar",
            web::post().to(subscription::confirm),
        )
        .route("/suscripcion/baja", web::get().to(subscription::ask_leave))
        .route("/suscripcion/baja", web::post().to(subscription::leave))
        .route("/datos", web::get().to(open_data::page))
        .route("/datos/opinion", web::post().to(data_demand::send))
        .route("/datos/{file}", web::get().to(open_data::file))
        .configure(staff::routes);
}
