//! The pages a citizen sees when something cannot be done: plain Spanish, what to do next.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use crate::i18n::t;
use crate::tr;
use crate::usecases::AppError;

/// A page that explains a failure.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// The page's title and heading.
    pub title: String,
    /// What happened and what to do.
    pub message: String,
    /// Where to go next: (address, words).
    pub next: Option<(String, String)>,
}

/// Renders a failure page with its status.
pub fn page(
    status: StatusCode,
    title: &str,
    message: &str,
    next: Option<(&str, &str)>,
) -> HttpResponse {
    super::render(
        status,
        &ErrorPage {
            title: title.into(),
            message: message.into(),
            next: next.map(|(a, b)| (a.into(), b.into())),
        },
    )
}

/// 404 in Spanish.
pub fn not_found() -> HttpResponse {
    page(
        StatusCode::NOT_FOUND,
        &t("pagina-no-encontrada"),
        &t("pagina-no-encontrada-detalle"),
        Some(("/", &t("comun-ir-inicio"))),
    )
}

fn retry_after(mut res: HttpResponse, seconds: u64) -> HttpResponse {
    if let Ok(v) = seconds.to_string().parse() {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    res
}

/// The page for an application error (the web's counterpart of problem+json).
pub fn from_error(error: &AppError) -> HttpResponse {
    let status = crate::server::problem::status_of(error);
    match error {
        AppError::NotFound(_) => not_found(),
        AppError::RateLimited {
            retry_after: wait, ..
        } => {
            let minutes = wait.div_ceil(60).max(1);
            let res = page(
                status,
                &t("pagina-demasiados-envios"),
                &tr!(
                    "pagina-demasiados-envios-detalle",
                    espera = tr!("espera-minutos", n = minutes)
                ),
                None,
            );
            retry_after(res, *wait)
        }
        AppError::Conflict { code, .. } if *code == "consultation_closed" => page(
            status,
            &t("pagina-consulta-cerro"),
            &t("pagina-consulta-cerro-detalle"),
            None,
        ),
        AppError::Conflict { code, .. } if *code == "consultation_not_open" => page(
            status,
            &t("pagina-consulta-no-abierta"),
            &t("pagina-consulta-no-abierta-detalle"),
            None,
        ),
        AppError::Overloaded {
            retry_after: wait, ..
        } => {
            let res = page(
                status,
                &t("pagina-muchos-comentarios"),
                &tr!("pagina-muchos-comentarios-detalle", segundos = *wait),
                None,
            );
            retry_after(res, *wait)
        }
        AppError::Unavailable(_) => page(
            status,
            &t("pagina-servicio-no-responde"),
            &t("pagina-servicio-no-responde-detalle"),
            None,
        ),
        AppError::Internal(detail) => {
            tracing::error!(%detail, "internal error on a page");
            page(
                status,
                &t("pagina-fallo-nuestro"),
                &t("pagina-fallo-nuestro-detalle"),
                Some(("/", &t("comun-ir-inicio"))),
            )
        }
        other => page(
            status,
            &t("error-no-se-pudo-completar"),
            &crate::format::sentence(crate::words::problem(&other.detail())),
            None,
        ),
    }
}
