//! The one error of the use cases. It knows nothing of HTTP: the web and JSON faces each
//! turn it into their own answer (see `http::problem`), the command line into a message.

pub use crate::domain::error::{FieldError, Problem};
use crate::domain::workflow::engine::GuardStatus;

/// Every way a use case can fail. Each variant has a stable `code`.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Fields failed validation.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// The body is not JSON.
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    /// No valid credentials.
    #[error("{0}")]
    Unauthorized(Problem),
    /// Authenticated but not allowed.
    #[error("{0}")]
    Forbidden(Problem),
    /// The approver is the requester.
    #[error("the person who requested a transition cannot approve it")]
    SamePerson,
    /// Guards do not hold; every guard is listed with its status.
    #[error("the transition's conditions are not met")]
    GuardFailed(Vec<GuardStatus>),
    /// Nothing with that identity.
    #[error("{0}")]
    NotFound(Problem),
    /// Not there yet, with a specific code (`receipt_not_ready`): 404 until it is.
    #[error("{detail}")]
    NotYet {
        /// Stable code.
        code: &'static str,
        /// What happened, for the faces to word.
        detail: Problem,
    },
    /// A conflict with a specific code (duplicate_code, invalid_transition, …).
    #[error("{detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// What happened, for the faces to word.
        detail: Problem,
    },
    /// The change names an old version.
    #[error("{0}")]
    VersionConflict(Problem),
    /// An Idempotency-Key (or a page's form token) already used for a different request: the
    /// first one stands, and this one is not stored (IETF Idempotency-Key header draft).
    #[error("this Idempotency-Key was already used for a different request")]
    IdempotencyKeyReused,
    /// The version of the resource being changed was not given.
    #[error("this write needs an If-Match header with the resource's current ETag")]
    PreconditionRequired,
    /// The input is larger than the limit (bytes).
    #[error("the body is larger than the limit of {0} bytes")]
    PayloadTooLarge(usize),
    /// The input did not arrive in time (seconds allowed).
    #[error("the request did not arrive within {0} seconds")]
    RequestTimeout(u64),
    /// Too many attempts; the seconds to wait.
    #[error("{detail}")]
    RateLimited {
        /// Seconds after which the client may try again.
        retry_after: u64,
        /// What happened, for the faces to word.
        detail: Problem,
    },
    /// More work arrived than the service can take now: refused at once (503) rather than
    /// queued without bound; the seconds after which to try again.
    #[error("{detail}")]
    Overloaded {
        /// Seconds after which the client may try again.
        retry_after: u64,
        /// What happened, for the faces to word.
        detail: Problem,
    },
    /// The database does not answer.
    #[error("{0}")]
    Unavailable(String),
    /// A fault of ours; the detail is logged, not shown.
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// A single-field validation error.
    pub fn field(field: &str, kind: &'static str) -> Self {
        AppError::Validation(vec![FieldError::new(field, kind)])
    }

    /// A single-field validation error whose message shows values.
    pub fn field_with(field: &str, problem: crate::domain::error::FieldProblem) -> Self {
        AppError::Validation(vec![FieldError::with(field, problem)])
    }

    /// A conflict with the given code, worded by its catalog message `conflicto-<code>`.
    pub fn conflict(code: &'static str, detail: Problem) -> Self {
        AppError::Conflict { code, detail }
    }

    /// Nothing with that identity; `kind` names what was looked for (`no-existe-…`).
    pub fn not_found(kind: &'static str) -> Self {
        AppError::NotFound(Problem::new(kind))
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation_failed",
            AppError::MalformedJson(_) => "malformed_json",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::SamePerson => "same_person",
            AppError::GuardFailed(_) => "guard_failed",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict { code, .. } | AppError::NotYet { code, .. } => code,
            AppError::VersionConflict(_) => "version_conflict",
            AppError::PreconditionRequired => "precondition_required",
            AppError::IdempotencyKeyReused => "idempotency_key_reused",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::RequestTimeout(_) => "request_timeout",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Overloaded { .. } => "overloaded",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal_error",
        }
    }

    /// The catalog key of the title of this kind of failure (`error-<code>`).
    pub fn title_key(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "error-validation-failed",
            AppError::MalformedJson(_) => "error-malformed-json",
            AppError::Unauthorized(_) => "error-unauthorized",
            AppError::Forbidden(_) => "error-forbidden",
            AppError::SamePerson => "error-same-person",
            AppError::GuardFailed(_) => "error-guard-failed",
            AppError::NotFound(_) | AppError::NotYet { .. } => "error-not-found",
            AppError::Conflict { .. } => "error-conflict",
            AppError::VersionConflict(_) => "error-version-conflict",
            AppError::PreconditionRequired => "error-precondition-required",
            AppError::IdempotencyKeyReused => "error-idempotency-key-reused",
            AppError::PayloadTooLarge(_) => "error-payload-too-large",
            AppError::RequestTimeout(_) => "error-request-timeout",
            AppError::RateLimited { .. } => "error-rate-limited",
            AppError::Overloaded { .. } | AppError::Unavailable(_) => "error-unavailable",
            AppError::Internal(_) => "error-internal",
        }
    }

    /// What happened, as a problem the faces word: the variant's own, or one built from its
    /// values. Never the internal detail of `Internal` or `Unavailable`, which is only logged.
    pub fn detail(&self) -> Problem {
        match self {
            AppError::Validation(errors) => {
                Problem::new("detalle-validation-failed").with("n", errors.len())
            }
            // serde's own words stay in the variant (for the logs): they are English.
            AppError::MalformedJson(_) => Problem::new("detalle-malformed-json"),
            AppError::Unauthorized(p)
            | AppError::Forbidden(p)
            | AppError::NotFound(p)
            | AppError::VersionConflict(p) => p.clone(),
            AppError::Conflict { detail, .. }
            | AppError::NotYet { detail, .. }
            | AppError::RateLimited { detail, .. }
            | AppError::Overloaded { detail, .. } => detail.clone(),
            AppError::SamePerson => Problem::new("detalle-same-person"),
            AppError::GuardFailed(_) => Problem::new("detalle-guard-failed"),
            AppError::PreconditionRequired => Problem::new("detalle-precondition-required"),
            AppError::IdempotencyKeyReused => Problem::new("detalle-idempotency-key-reused"),
            AppError::PayloadTooLarge(max) => {
                Problem::new("detalle-payload-too-large").with("max", *max)
            }
            AppError::RequestTimeout(s) => {
                Problem::new("detalle-request-timeout").with("segundos", *s)
            }
            AppError::Unavailable(_) => Problem::new("detalle-unavailable"),
            AppError::Internal(_) => Problem::new("detalle-internal"),
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Validation(errors)
    }
}

/// True for a database's "wait your turn" answers: SQLite's busy or locked database after
/// its busy timeout, PostgreSQL's lock timeout or a serialisation failure under load.
fn is_lock_wait(kind: &diesel::result::DatabaseErrorKind, message: &str) -> bool {
    matches!(
        kind,
        diesel::result::DatabaseErrorKind::SerializationFailure
    ) || message.contains("database is locked")
        || message.contains("database table is locked")
        || message.contains("lock timeout")
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => AppError::not_found("inexistente"),
            // Another writer held the database for longer than we wait: nothing was written,
            // and the same request can be sent again shortly (503, never 500).
            diesel::result::Error::DatabaseError(kind, info)
                if is_lock_wait(&kind, info.message()) =>
            {
                AppError::Overloaded {
                    retry_after: 2,
                    detail: Problem::new("detalle-ocupado").with("segundos", 2),
                }
            }
            other => AppError::Internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(format!("the database is not answering: {err}"))
    }
}

/// Refuses, with 403, an actor whose roles may not do `act` (the core's table,
/// [`crate::domain::access`]): the use cases authorise; the faces only authenticate and ask the
/// same table to show or hide what a person may do.
pub fn authorize(
    ctx: &crate::audit::Context<'_>,
    act: crate::domain::access::Act,
) -> Result<(), AppError> {
    if act.allowed(ctx.roles) {
        Ok(())
    } else {
        Err(AppError::Forbidden(act.needs()))
    }
}
