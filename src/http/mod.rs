//! The HTTP adapter: application state, routes, middleware and the server.

pub mod audit;
pub mod auth;
pub mod checklist;
pub mod client;
pub mod comments;
pub mod consultations;
pub mod controls;
pub mod documents;
pub mod evaluation;
pub mod feedback;
pub mod health;
pub mod hygiene;
pub mod indicators;
pub mod inventory_files;
pub mod json;
pub mod logging;
pub mod openapi;
pub mod pagination;
pub mod problem;
pub mod procedures;
pub mod reports;
pub mod requests;
pub mod schemas;
pub mod shared_limit;
pub mod subscriptions;
pub mod tokens;
pub mod transitions;
pub mod users;
pub mod wire;
pub mod workflows;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpMessage};
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_actix_web::AppExt;

use crate::audit::AuditKeys;
use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::domain::procedure::CostRates;
use crate::domain::workflow::Registry;
use crate::http::problem::problem_response;
use crate::usecases::AppError;

/// What every handler can reach.
pub struct AppState {
    /// Database pool.
    pub pool: DbPool,
    /// Settings.
    pub settings: Arc<Settings>,
    /// The only source of "now".
    pub clock: Arc<dyn Clock>,
    /// Token signing and checking.
    pub tokens: TokenKeys,
    /// The failed-login limits (counted in the database).
    pub login_limits: crate::domain::login::LoginLimits,
    /// Loaded workflows.
    pub workflows: Registry,
    /// The audit key (seals entries, signs checkpoints).
    pub audit_keys: AuditKeys,
    /// The group-commit writer of citizens' comments.
    pub comment_writer: crate::workers::comment_writer::CommentWriter,
    /// Per-address limit on comment submissions (None when disabled).
    pub comment_limiter: Option<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>,
    /// The per-address limit summed over the instances on one PostgreSQL database (None on
    /// SQLite, or when the limit is off).
    pub shared_limit: Option<Arc<shared_limit::SharedLimit>>,
    /// Per-address limit on looking up tracking codes (None when disabled).
    pub lookup_limiter: Option<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>,
    /// Turns for CPU-heavy work (reading spreadsheets, rendering PDFs): `heavy_work_slots`.
    pub heavy_work: Arc<tokio::sync::Semaphore>,
    /// Downloads of `comentarios.csv` under way at once ([`COMMENT_EXPORTS_AT_ONCE`]); one
    /// more answers 503 with `Retry-After`.
    pub comment_exports: Arc<tokio::sync::Semaphore>,
}

/// Downloads of the comments file that may be under way at once.
pub const COMMENT_EXPORTS_AT_ONCE: usize = 8;

impl AppState {
    /// Runs blocking database work on the blocking thread pool.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs CPU-heavy work without a database connection on the blocking pool, once one of
    /// the `heavy_work_slots` turns is free, so that a few such requests never take every
    /// core (or the pool) from the others.
    pub async fn heavy<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let _turn = self
            .heavy_work
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(web::block(f).await?)
    }

    /// Reads an uploaded spreadsheet within the settings' limits, off the request threads.
    pub async fn read_sheet(
        &self,
        bytes: Vec<u8>,
    ) -> Result<
        Result<crate::domain::import::Sheet, Vec<crate::domain::import::ImportError>>,
        AppError,
    > {
        let limits = self.settings.sheet_limits();
        self.heavy(move || crate::sheets::read(&bytes, &limits))
            .await
    }

    /// Runs an audited change on the blocking pool: `f` gets the connection and the audit
    /// [`Context`](crate::audit::Context) of `actor` at `now` (read once by the handler).
    pub async fn audited<T, F>(
        &self,
        actor: String,
        now: chrono::DateTime<chrono::Utc>,
        f: F,
    ) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection, &crate::audit::Context<'_>) -> Result<T, AppError>
            + Send
            + 'static,
        T: Send + 'static,
    {
        let keys = self.audit_keys.clone();
        self.db(move |conn| {
            f(
                conn,
                &crate::audit::Context {
                    keys: &keys,
                    now,
                    actor: &actor,
                },
            )
        })
        .await
    }

    /// The Standard Cost Model rates from the settings.
    pub fn rates(&self) -> CostRates {
        CostRates {
            hourly_value_gtq: self.settings.hourly_value_gtq,
            visit_cost_gtq: self.settings.visit_cost_gtq,
        }
    }
}

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
    let title = status.canonical_reason().unwrap_or("Error");
    let (req, _) = res.into_parts();
    let response = problem_response(status, code, title, title);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// Registers every route of the API (used by the server and by the OpenAPI test).
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    health::configure(cfg);
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            // First: actix tries a scope's routes in order, running each `{id}` pattern's
            // regex, and a comment is the request that comes by the thousand (measured:
            // route matching took 3 % of the machine's CPU under the comment load).
            .configure(comments::configure)
            .configure(tokens::configure)
            .configure(audit::configure)
            .configure(users::configure)
            .configure(inventory_files::configure)
            .configure(procedures::configure)
            .configure(transitions::configure)
            .configure(requests::configure)
            .configure(checklist::configure)
            .configure(workflows::configure)
            .configure(documents::configure)
            .configure(consultations::configure)
            .configure(subscriptions::configure)
            .configure(feedback::configure)
            .configure(indicators::configure)
            .configure(reports::configure)
            .configure(evaluation::configure),
    );
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
    let api = web::Data::new(openapi::document());
    let local = listener.local_addr()?;
    let builder = actix_server::Server::build();
    let goodbye = builder.graceful_shutdown_signal();
    let server = builder
        .shutdown_timeout(shutdown)
        .listen("tramites", listener, move || {
            let goodbye = goodbye.clone();
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
    api: web::Data<utoipa::openapi::OpenApi>,
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
        .app_data(
            web::QueryConfig::default()
                .error_handler(|err, _| AppError::field("query", &err.to_string()).into()),
        )
        // Registered before the `/api/v1` scope, which would otherwise answer 404 for it.
        .route("/api/v1/openapi.json", web::get().to(openapi::serve))
        .configure(routes)
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
        .wrap(TracingLogger::<logging::PrivateRootSpan>::new())
}
