//! Reading the pages' forms: the fields (with the core's control-character rule), one-time
//! form tokens, and the honeypot.

use std::collections::HashMap;

use actix_web::{web, HttpRequest};
use rand::RngCore;

use crate::audit::AuditKeys;
use crate::domain::error::FieldError;
use crate::domain::text::check_controls;
use crate::server::json::read_body;
use crate::usecases::AppError;

/// The hidden field that people never see and bots fill in.
pub const HONEYPOT: &str = "sitio_web";

/// A submitted form: its fields, and the fields that broke the control-character rule.
pub struct Form {
    fields: HashMap<String, String>,
    /// Faults found while reading.
    pub errors: Vec<FieldError>,
}

impl Form {
    /// The field's value, trimmed of nothing (the rules trim), or empty.
    pub fn get(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// Every field: (name, value).
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The field's value when not blank.
    pub fn optional(&self, name: &str) -> Option<String> {
        self.fields
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .cloned()
    }

    /// True when the honeypot was filled in (a bot).
    pub fn is_bot(&self) -> bool {
        self.optional(HONEYPOT).is_some()
    }
}

/// Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes.
pub async fn read(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Form, AppError> {
    let body = read_body(req, payload, limit).await?;
    let mut fields = HashMap::new();
    let mut errors = Vec::new();
    for (name, value) in form_urlencoded::parse(&body) {
        if let Err(e) = check_controls(&name, &value) {
            errors.push(e);
        }
        fields.insert(name.into_owned(), value.into_owned());
    }
    Ok(Form { fields, errors })
}

/// A new one-time token for a rendered form: a random nonce and its keyed signature.
pub fn issue_token(keys: &AuditKeys) -> String {
    let mut nonce = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut nonce);
    let nonce = hex::encode(nonce);
    let signature = keys.pseudonym("form-token", &nonce);
    format!("{nonce}.{signature}")
}

/// True when the token is one this service issued.
pub fn token_is_ours(keys: &AuditKeys, token: &str) -> bool {
    match token.split_once('.') {
        Some((nonce, signature)) => {
            nonce.len() == 32 && keys.pseudonym("form-token", nonce) == signature
        }
        None => false,
    }
}

/// Adds the fault of a form token this service did not issue (an expired page, a forgery).
pub fn expect_token(keys: &AuditKeys, token: &str, errors: &mut Vec<FieldError>) {
    if !token_is_ours(keys, token) {
        errors.push(FieldError::new(
            "form_token",
            "campo-formulario-caduco-revise-texto-envielo",
        ));
    }
}

/// A citizen's form as every public form receives it: the per-address limit first (429 page),
/// then the form (its size and encoding checked); a bot that filled the honeypot is answered
/// as a person would be, with `decoy`'s address (a 303), and nothing is done.
/// As [`citizen`], but the per-address limit is checked after reading the form and given back
/// with it: a form refused for sending too often comes back with what was typed.
pub async fn citizen_kept(
    req: &HttpRequest,
    body: web::Payload,
    state: &crate::server::AppState,
    decoy: impl FnOnce() -> String,
) -> Result<(Form, Option<crate::usecases::AppError>), actix_web::HttpResponse> {
    use super::errors::from_error;
    let form = read(req, body, state.settings.json_limit_bytes)
        .await
        .map_err(|e| from_error(&e))?;
    if form.is_bot() {
        return Err(super::see_other(&decoy()));
    }
    let limited = crate::server::client::limit_citizen(req, state).err();
    Ok((form, limited))
}

/// A citizen's form: the per-address limit, the body read, and a bot sent to `decoy`.
pub async fn citizen(
    req: &HttpRequest,
    body: web::Payload,
    state: &crate::server::AppState,
    decoy: impl FnOnce() -> String,
) -> Result<Form, actix_web::HttpResponse> {
    use super::errors::from_error;
    crate::server::client::limit_citizen(req, state).map_err(|e| from_error(&e))?;
    let form = read(req, body, state.settings.json_limit_bytes)
        .await
        .map_err(|e| from_error(&e))?;
    if form.is_bot() {
        return Err(super::see_other(&decoy()));
    }
    Ok(form)
}

/// One option of a filter or a list of links: the value sent (or the address), the words shown,
/// and whether it is the one chosen.
pub struct Choice {
    /// Value sent.
    pub value: String,
    /// Words shown.
    pub label: String,
    /// True when chosen.
    pub selected: bool,
}
