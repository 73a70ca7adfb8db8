//! The one place where the application error becomes `application/problem+json` (RFC 9457).

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::error::FieldError;
use crate::domain::workflow::engine::GuardStatus;
use crate::usecases::AppError;

/// The problem+json body (RFC 9457).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// Explanation for this occurrence.
    pub detail: String,
    /// Stable code.
    pub code: String,
    /// Field errors, for `validation_failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// Every guard of the transition with its status, for `guard_failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guards: Option<Vec<GuardStatus>>,
}

/// Builds a problem+json response; used for errors raised outside handlers too.
pub fn problem_response(status: StatusCode, code: &str, title: &str, detail: &str) -> HttpResponse {
    let body = Problem {
        kind: format!("https://tramites.example/problems/{code}"),
        title: title.to_string(),
        status: status.as_u16(),
        detail: detail.to_string(),
        code: code.to_string(),
        errors: None,
        guards: None,
    };
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "application/problem+json"))
        .body(serde_json::to_string(&body).unwrap_or_default())
}

/// The title and the detail, in words, of an answer the HTTP layer makes by itself (no use
/// case behind it), by its code.
pub fn protocol_words(code: &str) -> (String, String) {
    use crate::i18n::{k, t};
    let (title, detail) = match code {
        "bad_request" => (k("http-bad-request"), k("http-bad-request-detalle")),
        "not_found" => (k("error-not-found"), k("http-not-found-detalle")),
        "method_not_allowed" => (
            k("http-method-not-allowed"),
            k("http-method-not-allowed-detalle"),
        ),
        "payload_too_large" => (
            k("error-payload-too-large"),
            k("http-payload-too-large-detalle"),
        ),
        "unsupported_media_type" => (
            k("http-unsupported-media-type"),
            k("http-unsupported-media-type-detalle"),
        ),
        "request_timeout" => (
            k("error-request-timeout"),
            k("http-request-timeout-detalle"),
        ),
        "request_header_fields_too_large" => (
            k("http-header-too-large"),
            k("http-header-too-large-detalle"),
        ),
        "internal_error" => (k("error-internal"), k("detalle-internal")),
        _ => (k("http-error"), k("http-error-detalle")),
    };
    (t(title), t(detail))
}

/// The HTTP status of each application error.
pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::MalformedJson(_) => StatusCode::BAD_REQUEST,
        AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) | AppError::SamePerson => StatusCode::FORBIDDEN,
        AppError::GuardFailed(_) => StatusCode::CONFLICT,
        AppError::NotFound(_) | AppError::NotYet { .. } => StatusCode::NOT_FOUND,
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::VersionConflict(_) => StatusCode::PRECONDITION_FAILED,
        AppError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
        AppError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Overloaded { .. } | AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        status_of(self)
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let AppError::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
        let body = Problem {
            kind: format!("https://tramites.example/problems/{}", self.code()),
            title: crate::i18n::t(self.title_key()),
            status: status.as_u16(),
            detail: crate::words::problem(&self.detail()),
            code: self.code().to_string(),
            errors: match self {
                AppError::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
            guards: match self {
                AppError::GuardFailed(guards) => Some(guards.clone()),
                _ => None,
            },
        };
        let mut builder = HttpResponse::build(status);
        builder.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            AppError::RateLimited { retry_after, .. }
            | AppError::Overloaded { retry_after, .. } => {
                builder.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            AppError::Unauthorized(_) => {
                builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        builder.body(serde_json::to_string(&body).unwrap_or_default())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        AppError::Internal("blocking task failed".into())
    }
}
