//! One log line per request that keeps no secret and no citizen's address: the path without
//! its query (where confirmation and unsubscribe tokens travel), tracking codes masked, and
//! the client's address only for staff (a token or session) and sign-in attempts. The line
//! (the request span's close) also names the route template (`route`, e.g.
//! `/api/v1/consultations/{id}/comments`), the status and the time taken (`duration_ms`); with
//! `log_format = "json"` it is one JSON object with the same fields.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

use super::client::client_address;

/// Builds the request span (see the module's documentation).
pub struct PrivateRootSpan;

/// When a request started (kept in its extensions for its log line).
#[derive(Clone, Copy)]
struct Started(std::time::Instant);

/// The path with codes that act as secrets replaced by a placeholder.
pub fn loggable_path(path: &str) -> String {
    let mut out = Vec::new();
    let mut mask_next = false;
    for segment in path.split('/') {
        if mask_next && !segment.is_empty() {
            out.push("{code}");
        } else {
            out.push(segment);
        }
        mask_next = matches!(segment, "by-tracking" | "seguimiento");
    }
    out.join("/")
}

/// True when the request comes from staff or signs in: the only ones whose address is logged.
fn logs_address(request: &ServiceRequest) -> bool {
    let path = request.path();
    request.headers().contains_key("authorization")
        || request.cookie("tramites_sesion").is_some()
        || path == "/api/v1/auth/token"
        || path == "/gestion/entrar"
}

impl RootSpanBuilder for PrivateRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        request
            .extensions_mut()
            .insert(Started(std::time::Instant::now()));
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        let client = if logs_address(request) {
            client_address(request.request())
        } else {
            "-".into()
        };
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %loggable_path(request.path()),
            client = %client,
            request_id = %request_id,
            route = tracing::field::Empty,
            "http.status_code" = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            "exception.message" = tracing::field::Empty,
            "exception.details" = tracing::field::Empty,
        )
    }

    /// Records the status; an error's text only for faults of ours (5xx), since a client
    /// error's message may repeat what the client sent (a tracking code, a name).
    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => {
                let request = response.request();
                let status = response.status();
                // An unmatched path is one label, so that a scan cannot grow the metrics.
                let route = request.match_pattern().unwrap_or_else(|| "-".into());
                span.record("route", route.as_str());
                let started = request.extensions().get::<Started>().copied();
                if let Some(Started(at)) = started {
                    let seconds = at.elapsed().as_secs_f64();
                    span.record("duration_ms", (seconds * 1e6).round() / 1000.0);
                    metrics::histogram!(super::metrics::REQUEST_SECONDS, "route" => route.clone())
                        .record(seconds);
                }
                let code = status.as_u16().to_string();
                metrics::counter!(super::metrics::REQUESTS, "route" => route, "status" => code)
                    .increment(1);
                status
            }
            Err(error) => error.as_response_error().status_code(),
        };
        span.record("http.status_code", status.as_u16());
        if status.is_server_error() {
            DefaultRootSpanBuilder::on_request_end(span, outcome);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_codes_are_masked() {
        assert_eq!(
            loggable_path("/api/v1/comments/by-tracking/C-2026-AAAA-BBBB"),
            "/api/v1/comments/by-tracking/{code}"
        );
        assert_eq!(
            loggable_path("/seguimiento/C-2026-AAAA-BBBB"),
            "/seguimiento/{code}"
        );
        assert_eq!(loggable_path("/api/v1/procedures"), "/api/v1/procedures");
    }
}
