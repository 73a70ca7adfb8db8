//! The pages a citizen sees when something cannot be done: plain Spanish, what to do next.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

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
        "No encontramos esa página",
        "Puede que la dirección esté mal escrita o que la página ya no exista.",
        Some(("/", "Ir al inicio")),
    )
}

/// The page for an application error (the web's counterpart of problem+json).
pub fn from_error(error: &AppError) -> HttpResponse {
    let status = crate::server::problem::status_of(error);
    match error {
        AppError::NotFound(_) => not_found(),
        AppError::RateLimited { retry_after, .. } => {
            let minutes = retry_after.div_ceil(60).max(1);
            let mut res = page(
                status,
                "Demasiados envíos seguidos",
                &format!(
                    "Recibimos muchos envíos desde su conexión en poco tiempo. Intente de nuevo en \
                     {minutes} {}. Si comparte la conexión (un café internet, una oficina), es posible \
                     que otras personas hayan enviado antes.",
                    if minutes == 1 { "minuto" } else { "minutos" }
                ),
                None,
            );
            if let Ok(v) = retry_after.to_string().parse() {
                res.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            res
        }
        AppError::Conflict { code, .. } if *code == "consultation_closed" => page(
            status,
            "La consulta ya cerró",
            "El plazo para comentar terminó, así que su comentario no se guardó. Puede leer los \
             comentarios publicados y las respuestas del Comité.",
            None,
        ),
        AppError::Conflict { code, .. } if *code == "consultation_not_open" => page(
            status,
            "La consulta aún no está abierta",
            "Todavía no se reciben comentarios. Vuelva cuando se abra el plazo.",
            None,
        ),
        AppError::Overloaded { retry_after, .. } => {
            let mut res =
                page(
                    status,
                    "Estamos recibiendo muchos comentarios",
                    &format!(
                    "Su comentario no se guardó. Vuelva a enviarlo en {retry_after} {}: lo que \
                     escribió sigue en el formulario si regresa con el botón Atrás.",
                    if *retry_after == 1 { "segundo" } else { "segundos" }
                ),
                    None,
                );
            if let Ok(v) = retry_after.to_string().parse() {
                res.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            res
        }
        AppError::Unavailable(_) => page(
            status,
            "El servicio no responde por ahora",
            "Intente de nuevo en unos minutos. Lo que haya escrito no se guardó.",
            None,
        ),
        AppError::Internal(detail) => {
            tracing::error!(%detail, "internal error on a page");
            page(
                status,
                "Algo falló de nuestro lado",
                "No es un error suyo. Intente de nuevo en unos minutos.",
                Some(("/", "Ir al inicio")),
            )
        }
        other => page(status, "No se pudo completar", &other.to_string(), None),
    }
}
