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
pub mod subscriptions;
pub mod tokens;
pub mod transitions;
pub mod users;
pub mod workflows;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpMessage, HttpServer};
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
}

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
            .configure(comments::configure)
            .configure(subscriptions::configure)
            .configure(feedback::configure)
            .configure(indicators::configure)
            .configure(reports::configure)
            .configure(evaluation::configure),
    );
}

/// Builds the server on a bound listener. Actix stops accepting on SIGTERM/SIGINT and lets
/// in-flight requests finish within `shutdown_timeout_seconds`.
pub fn server(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    let shutdown = state.settings.shutdown_timeout_seconds;
    let request_timeout = state.settings.request_timeout_seconds;
    let api = web::Data::new(openapi::document());
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(state.clone())
            .app_data(api.clone())
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
    })
    .shutdown_timeout(shutdown)
    .client_request_timeout(Duration::from_secs(request_timeout))
    .listen(listener)?
    .run();
    Ok(server)
}
