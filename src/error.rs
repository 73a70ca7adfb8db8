//! The one error type of the API; the only place errors become `application/problem+json`.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct FieldError {
    /// Path of the field, e.g. `requirements[0].name`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every way a request can fail. Each variant has a stable `code`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: fields failed validation.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// 400: the body is not JSON.
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    /// 401: no valid credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: authenticated but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// 403: the approver is the requester.
    #[error("the person who requested a transition cannot approve it")]
    SamePerson,
    /// 409: guards do not hold; every guard is listed with its status.
    #[error("the transition's conditions are not met")]
    GuardFailed(Vec<crate::workflow::engine::GuardStatus>),
    /// 404.
    #[error("{0}")]
    NotFound(String),
    /// 409 with a specific code (duplicate_code, invalid_transition, …).
    #[error("{detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 412: `If-Match` names an old version.
    #[error("{0}")]
    VersionConflict(String),
    /// 428: `If-Match` missing.
    #[error("this write needs an If-Match header with the resource's current ETag")]
    PreconditionRequired,
    /// 413.
    #[error("the body is larger than the limit of {0} bytes")]
    PayloadTooLarge(usize),
    /// 429 with the seconds to wait.
    #[error("{detail}")]
    RateLimited {
        /// Seconds after which the client may try again.
        retry_after: u64,
        /// Explanation.
        detail: String,
    },
    /// 503: the database does not answer.
    #[error("{0}")]
    Unavailable(String),
    /// 500: a fault of ours; the detail is logged, not shown.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A single-field validation error.
    pub fn field(field: &str, message: &str) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    /// A 409 with the given code.
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            detail: detail.into(),
        }
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation_failed",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::SamePerson => "same_person",
            ApiError::GuardFailed(_) => "guard_failed",
            ApiError::NotFound(_) => "not_found",
            ApiError::Conflict { code, .. } => code,
            ApiError::VersionConflict(_) => "version_conflict",
            ApiError::PreconditionRequired => "precondition_required",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal_error",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "Invalid fields",
            ApiError::MalformedJson(_) => "Malformed JSON",
            ApiError::Unauthorized(_) => "Unauthorized",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::SamePerson => "Two-person rule",
            ApiError::GuardFailed(_) => "Conditions not met",
            ApiError::NotFound(_) => "Not found",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::VersionConflict(_) => "Version conflict",
            ApiError::PreconditionRequired => "Precondition required",
            ApiError::PayloadTooLarge(_) => "Payload too large",
            ApiError::RateLimited { .. } => "Too many requests",
            ApiError::Unavailable(_) => "Service unavailable",
            ApiError::Internal(_) => "Internal error",
        }
    }
}

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
    pub guards: Option<Vec<crate::workflow::engine::GuardStatus>>,
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

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MalformedJson(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::SamePerson => StatusCode::FORBIDDEN,
            ApiError::GuardFailed(_) => StatusCode::CONFLICT,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::VersionConflict(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let ApiError::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
        let body = Problem {
            kind: format!("https://tramites.example/problems/{}", self.code()),
            title: self.title().to_string(),
            status: status.as_u16(),
            detail: self.to_string(),
            code: self.code().to_string(),
            errors: match self {
                ApiError::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
            guards: match self {
                ApiError::GuardFailed(guards) => Some(guards.clone()),
                _ => None,
            },
        };
        let mut builder = HttpResponse::build(status);
        builder.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            ApiError::RateLimited { retry_after, .. } => {
                builder.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthorized(_) => {
                builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        builder.body(serde_json::to_string(&body).unwrap_or_default())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => ApiError::NotFound("not found".into()),
            other => ApiError::Internal(format!("database: {other}")),
        }
    }
}

impl From<r2d2_error::PoolError> for ApiError {
    fn from(err: r2d2_error::PoolError) -> Self {
        ApiError::Unavailable(format!("the database is not answering: {err}"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        ApiError::Internal("blocking task failed".into())
    }
}

mod r2d2_error {
    pub use diesel::r2d2::PoolError;
}
