//! Reading JSON bodies: size limit (413), syntax (400) and field errors (422 with the field).
//! Handlers call [`read_json`] after authorisation, so a caller without the right to act
//! never has its body read.

use actix_web::http::header;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::domain::error::FieldError;
use crate::domain::text::check_controls;
use crate::usecases::AppError;

/// Reads and parses the body, refusing more than `limit` bytes.
pub async fn read_json<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<T, AppError> {
    parse_json(&read_body(req, payload, limit).await?)
}

/// [`read_json`], taking an empty body as `T::default()` (for bodies whose fields are all optional).
pub async fn read_json_or_default<T: DeserializeOwned + Default>(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<T, AppError> {
    let bytes = read_body(req, payload, limit).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    parse_json(&bytes)
}

/// Reads a body of at most `limit` bytes.
pub async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::BytesMut, AppError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::PayloadTooLarge(limit));
    }
    let seconds = req
        .app_data::<web::Data<super::AppState>>()
        .map_or(30, |s| s.settings.request_timeout_seconds);
    let read = async {
        let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|e| AppError::MalformedJson(format!("cannot read the body: {e}")))?;
            if body.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    // A body that trickles in is cut off: it would otherwise hold a worker for ever.
    tokio::time::timeout(std::time::Duration::from_secs(seconds), read)
        .await
        .map_err(|_| AppError::RequestTimeout(seconds))?
}

/// Parses JSON text into `T`, classifying errors.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::MalformedJson(
            "the body is empty; send a JSON object".into(),
        ));
    }
    refuse_controls(body)?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = strip_position(&inner.to_string());
                AppError::Validation(vec![FieldError::with(
                    field_name(&path, &message),
                    data_problem(&message),
                )])
            }
            _ => AppError::MalformedJson(inner.to_string()),
        }
    })?;
    // Refuse trailing content after the value, as a strict parser does.
    de.end()
        .map_err(|e| AppError::MalformedJson(e.to_string()))?;
    Ok(value)
}

/// Applies the core's control-character rule to every string of the body (keys included),
/// naming the field. JSON can carry a control character only as a `\u00XX` escape, so bodies
/// without one are not walked.
fn refuse_controls(body: &[u8]) -> Result<(), AppError> {
    if !body.windows(4).any(|w| w.eq_ignore_ascii_case(b"\\u00")) {
        return Ok(());
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(()); // the typed parse reports the syntax error
    };
    match first_control(&value, String::new()) {
        Some(error) => Err(AppError::Validation(vec![error])),
        None => Ok(()),
    }
}

/// The first string under `value` holding a control character, as a field error.
fn first_control(value: &serde_json::Value, path: String) -> Option<FieldError> {
    let here = || {
        if path.is_empty() {
            "body".to_string()
        } else {
            path.clone()
        }
    };
    match value {
        serde_json::Value::String(text) => check_controls(&here(), text).err(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_control(v, format!("{}[{i}]", here()))),
        serde_json::Value::Object(map) => map.iter().find_map(|(key, v)| {
            let field = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            check_controls(&field, key)
                .err()
                .or_else(|| first_control(v, field))
        }),
        _ => None,
    }
}

/// serde's English message about a value as a problem the faces word: a missing or unknown
/// field, or a value of another type (named by what was expected).
fn data_problem(message: &str) -> crate::domain::error::Problem {
    use crate::domain::error::Problem;
    if message.starts_with("missing field") {
        return Problem::new("campo-obligatorio");
    }
    if message.starts_with("unknown field") {
        return Problem::new("campo-desconocido");
    }
    let expected = message.rsplit("expected ").next().unwrap_or_default();
    let kind = if expected.contains("string") || expected.contains("char") {
        "texto"
    } else if expected.contains("bool") {
        "booleano"
    } else if [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize", "f32", "f64", "integer",
        "number",
    ]
    .iter()
    .any(|n| expected.contains(n))
    {
        "numero"
    } else if expected.contains("sequence") || expected.contains("array") {
        "lista"
    } else if expected.contains("map") || expected.contains("struct") {
        "objeto"
    } else if message.starts_with("unknown variant") {
        "opcion"
    } else {
        "otro"
    };
    Problem::new("campo-tipo").with("esperado", kind)
}

/// Removes serde_json's " at line L column C" suffix.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The field an error is about: the path, or the name quoted in "missing/unknown field `x`".
fn field_name(path: &str, message: &str) -> String {
    if path != "." && !path.is_empty() {
        return path.to_string();
    }
    for prefix in ["missing field `", "unknown field `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some(end) = rest.find('`') {
                return rest[..end].to_string();
            }
        }
    }
    "body".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u8,
        b: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        c: bool,
    }

    fn field_of(body: &str) -> String {
        match parse_json::<T>(body.as_bytes()) {
            Err(AppError::Validation(e)) => e[0].field.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classifies_errors() {
        assert!(matches!(
            parse_json::<T>(b"{\"a\":"),
            Err(AppError::MalformedJson(_))
        ));
        assert!(matches!(
            parse_json::<T>(b""),
            Err(AppError::MalformedJson(_))
        ));
        assert!(matches!(
            parse_json::<T>(br#"{"a":1,"b":[]} x"#),
            Err(AppError::MalformedJson(_))
        ));
        assert_eq!(field_of(r#"{"a":"x","b":[]}"#), "a");
        assert_eq!(field_of(r#"{"a":1,"b":[{"c":1}]}"#), "b[0].c");
        assert_eq!(field_of(r#"{"a":1}"#), "b");
        assert_eq!(field_of(r#"{"a":1,"b":[],"z":0}"#), "z");
        assert_eq!(field_of(r#"{"a":-1,"b":[]}"#), "a");
        assert!(parse_json::<T>(br#"{"a":1,"b":[{"c":true}]}"#).is_ok());
    }

    #[test]
    fn control_characters_are_refused_naming_the_field() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Body {
            name: String,
            items: Vec<String>,
        }
        let field = |body: &str| match parse_json::<Body>(body.as_bytes()) {
            Err(AppError::Validation(e)) => e[0].field.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(r#"{"name":"a\u0000b","items":[]}"#), "name");
        assert_eq!(field(r#"{"name":"ok","items":["x","\u001B"]}"#), "items[1]");
        assert!(parse_json::<Body>(r#"{"name":"caf\u00e9","items":[]}"#.as_bytes()).is_ok());
    }
}
