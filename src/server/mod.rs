//! The server both faces run in: the application state, the request helpers the JSON API
//! ([`crate::http`]) and the pages ([`crate::web`]) share, the middleware and the server
//! itself. The two faces import this module and never each other; only this module's
//! [`server`] puts them side by side.

pub mod allocator;
pub mod client;
pub mod controls;
pub mod hygiene;
pub mod json;
pub mod logging;
pub mod metrics;
pub mod problem;
pub mod reach;
mod receipts;
pub mod shared_limit;
pub mod state;
pub mod uploads;
pub mod wire;

use std::net::TcpListener;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpMessage};
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_actix_web::AppExt;

pub use receipts::receipt_download;
pub use state::{AppState, COMMENT_EXPORTS_AT_ONCE};

use crate::http::openapi;
use crate::usecases::AppError;
use problem::problem_response;

/// Turns any error response not already problem+json (404 of unknown routes, 405, errors
/// raised inside actix) into one, so clients always get the same shape.
fn problemize<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // Problems and the pages' own Spanish error pages pass as they are.
    let is_problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes().starts_with(b"application/problem+json")
            || v.as_bytes().starts_with(b"text/html")
    });
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let code = match status.as_u16() {
        400 => "bad_request",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        s if s >= 500 => "internal_error",
        _ => "http_error",
    };
    let (title, detail) = crate::server::problem::protocol_words(code);
    let (req, _) = res.into_parts();
    let response = problem_response(status, code, &title, &detail);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// Builds the server on a bound listener. Actix stops accepting on SIGTERM/SIGINT and lets
/// in-flight requests finish within `shutdown_timeout_seconds`.
///
/// Built from actix-server and actix-http's parts rather than `HttpServer` for one reason: each
/// connection is wrapped in [`wire::ProblemBodies`], so the 400, 408 and 431 that actix-http
/// writes by itself carry a problem+json body like every other error. The settings are
/// `HttpServer`'s own defaults (keep-alive 5 s, 1 s to close, one worker per core), with our
/// request timeout. The application's `AppConfig` is the default one: nothing here builds URLs
/// from the server's own host or address.
pub fn server(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    use actix_http::{HttpService, KeepAlive};
    use actix_service::{fn_service, map_config, IntoServiceFactory, ServiceFactoryExt};
    use actix_web::dev::AppConfig;

    let shutdown = state.settings.shutdown_timeout_seconds;
    let request_timeout = Duration::from_secs(state.settings.request_timeout_seconds);
    let api = web::Data::new(openapi::document().map_err(std::io::Error::other)?);
    let local = listener.local_addr()?;
    let builder = actix_server::Server::build();
    let goodbye = builder.graceful_shutdown_signal();
    let server = builder
        .shutdown_timeout(shutdown)
        .listen("tramites", listener, move || {
            let goodbye = goodbye.clone();
            allocator::collect_when_started();
            let app = application(state.clone(), api.clone())
                .into_factory()
                .map_err(|err| err.error_response());
            let http = HttpService::build()
                .graceful_shutdown_signal(move || {
                    let goodbye = goodbye.clone();
                    async move { goodbye.notified().await }
                })
                .keep_alive(KeepAlive::default())
                .client_request_timeout(request_timeout)
                .client_disconnect_timeout(Duration::from_secs(1))
                .local_addr(local)
                .h1(map_config(app, |_| AppConfig::default()));
            fn_service(|io: actix_web::rt::net::TcpStream| async move {
                let peer = io.peer_addr().ok();
                Ok::<_, actix_http::error::DispatchError>((wire::ProblemBodies::new(io), peer))
            })
            .and_then(http)
        })?
        .run();
    Ok(server)
}

/// The application: every route, page and middleware, as each worker builds it.
fn application(
    state: web::Data<AppState>,
    api: web::Data<openapi::Document>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (app, _) = App::new()
        .into_utoipa_app()
        .app_data(state)
        .app_data(api)
        .app_data(web::QueryConfig::default().error_handler(|err, _| {
            AppError::field_with(
                "query",
                crate::domain::error::Problem::new("campo-consulta")
                    .with("detalle", err.to_string()),
            )
            .into()
        }))
        // Registered before the `/api/v1` scope, which would otherwise answer 404 for it.
        .route("/api/v1/openapi.json", web::get().to(openapi::serve))
        .configure(crate::http::routes)
        .split_for_parts();
    app.configure(crate::web::routes)
        .default_service(web::to(hygiene::unknown_route))
        .wrap(ErrorHandlers::new().default_handler(problemize))
        .wrap_fn(|req: ServiceRequest, srv| {
            use actix_web::dev::Service;
            use futures_util::future::{ready, Either, FutureExt};
            match controls::refusal(req.request()) {
                Some(error) => {
                    Either::Left(ready(Ok(req.error_response(error).map_into_right_body())))
                }
                None => Either::Right(
                    srv.call(req)
                        .map(|res| res.map(ServiceResponse::map_into_left_body)),
                ),
            }
        })
        .wrap_fn(|req: ServiceRequest, srv| {
            use actix_web::dev::Service;
            let request_id: Option<String> =
                req.extensions().get::<RequestId>().map(|id| id.to_string());
            let staff = hygiene::is_staff(req.request());
            let fut = srv.call(req);
            async move {
                let mut res = fut.await?;
                if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                    res.headers_mut()
                        .insert(header::HeaderName::from_static("x-request-id"), id);
                }
                hygiene::secure(res.headers_mut(), staff);
                Ok(res)
            }
        })
        .wrap_fn(|req: ServiceRequest, srv| {
            // A public page answers in the language its reader chose (crate::web::language).
            use actix_web::dev::Service;
            let chosen = crate::web::language::choose(req.request());
            let secure = req
                .app_data::<web::Data<AppState>>()
                .is_some_and(|s| s.settings.public_url.starts_with("https://"));
            let (lang, path) = chosen
                .as_ref()
                .map_or((crate::i18n::Lang::Es, String::new()), |c| {
                    (c.lang, c.path.clone())
                });
            let fut = crate::i18n::scoped(lang, path, srv.call(req));
            async move {
                let mut res = fut.await?;
                if let Some(choice) = chosen {
                    crate::web::language::mark(res.headers_mut(), &choice, secure);
                }
                Ok(res)
            }
        })
        .wrap(TracingLogger::<logging::PrivateRootSpan>::new())
}
