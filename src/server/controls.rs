//! The core's control-character rule applied to what arrives in the address itself: a query
//! parameter holding one answers 422 naming it; a path holding one names nothing that exists.

use actix_web::HttpRequest;

use crate::domain::text::{check_controls, control_character};
use crate::usecases::AppError;

/// The refusal a request's path or query earns, if any.
pub fn refusal(req: &HttpRequest) -> Option<AppError> {
    let path = percent_encoding::percent_decode_str(req.path()).decode_utf8_lossy();
    if control_character(&path).is_some() {
        return Some(AppError::not_found("inexistente-direccion-control"));
    }
    form_urlencoded::parse(req.query_string().as_bytes()).find_map(|(name, value)| {
        check_controls(&name, &name)
            .and_then(|_| check_controls(&name, &value))
            .err()
            .map(|e| AppError::Validation(vec![e]))
    })
}
