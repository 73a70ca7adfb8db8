//! Files received from either face: a multipart body read within a limit (after the CSRF
//! token for the pages), its type recognised from its bytes, and a stored document sent back.

use crate::domain::error::Problem;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;

use crate::db::lifecycle::DocumentMeta;
use crate::domain::error::FieldError;
use crate::usecases::AppError;

/// A file part as received: file name, declared content type, bytes.
type ReceivedFile = (String, Option<String>, Vec<u8>);

/// The types accepted: PDF, ODT, DOCX, XLSX, PNG, JPEG (recognised from their bytes) and CSV
/// (UTF-8 text declared as CSV).
const ALLOWED: &[&str] = &[
    "application/pdf",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg",
];

/// The content type of the bytes, when allowed.
fn detect(bytes: &[u8], declared: Option<&str>, filename: &str) -> Option<&'static str> {
    if let Some(kind) = infer::get(bytes) {
        return ALLOWED.iter().copied().find(|a| *a == kind.mime_type());
    }
    let says_csv = declared.is_some_and(|d| d.starts_with("text/csv"))
        || filename.to_lowercase().ends_with(".csv");
    (says_csv && !bytes.is_empty() && std::str::from_utf8(bytes).is_ok()).then_some("text/csv")
}

fn valid_kind(kind: &str) -> bool {
    (1..=64).contains(&kind.len())
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A multipart body as received: its small text fields and its `file` part.
pub struct Received {
    /// Text fields (each at most 1 KiB).
    pub texts: std::collections::HashMap<String, String>,
    /// The `file` part.
    file: Option<ReceivedFile>,
}

impl Received {
    /// The `file` part's bytes, if any.
    pub fn file_bytes(self) -> Option<Vec<u8>> {
        self.file.map(|(_, _, bytes)| bytes)
    }
}

/// Reads a multipart body with a `file` of at most `limit` bytes (413 beyond).
pub async fn receive(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Received, AppError> {
    receive_gated(req, payload, limit, None).await
}

/// [`receive`] for a workspace form: its `csrf` field must come before the file and match
/// `csrf` (compared in constant time), else 403 before a byte of the file is read.
pub async fn receive_after_csrf(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
    csrf: &str,
) -> Result<Received, AppError> {
    receive_gated(req, payload, limit, Some(csrf)).await
}

fn csrf_matches(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    !given.is_empty() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

async fn receive_gated(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
    csrf: Option<&str>,
) -> Result<Received, AppError> {
    let refused = || AppError::Forbidden(Problem::new("detalle-csrf"));
    let mut csrf_seen = csrf.is_none();
    let declared_len = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared_len.is_some_and(|n| n > limit + 64 * 1024) {
        return Err(AppError::PayloadTooLarge(limit));
    }
    let mut multipart = Multipart::new(req.headers(), payload.into_inner());
    let mut received = Received {
        texts: std::collections::HashMap::new(),
        file: None,
    };
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|e| {
            AppError::field_with(
                "body",
                Problem::new("campo-multipart").with("detalle", e.to_string()),
            )
        })?;
        let name = field.name().unwrap_or_default().to_string();
        let filename = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let declared = field.content_type().map(|m| m.essence_str().to_string());
        if name == "file" && !csrf_seen {
            return Err(refused());
        }
        let cap = if name == "file" { limit } else { 1024 };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                AppError::field_with(
                    &name,
                    Problem::new("campo-ilegible").with("detalle", e.to_string()),
                )
            })?;
            if bytes.len() + chunk.len() > cap {
                return Err(if name == "file" {
                    AppError::PayloadTooLarge(limit)
                } else {
                    AppError::field(&name, "campo-demasiado-largo")
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            received.file = Some((
                crate::domain::file_name::clean(filename.as_deref().unwrap_or("document")),
                declared,
                bytes,
            ));
        } else {
            let text = String::from_utf8_lossy(&bytes).trim().to_string();
            if let (Some(expected), "csrf") = (csrf, name.as_str()) {
                if !csrf_matches(&text, expected) {
                    return Err(refused());
                }
                csrf_seen = true;
            }
            received.texts.insert(name, text);
        }
    }
    if !csrf_seen {
        return Err(refused());
    }
    Ok(received)
}

/// Checks a received upload: a valid `kind` and an allowed, non-empty file. Returns
/// (kind, file name, detected content type, bytes).
pub fn checked(received: Received) -> Result<(String, String, &'static str, Vec<u8>), AppError> {
    let kind = received.texts.get("kind").cloned();
    let file = received.file;
    let mut errors = Vec::new();
    if !kind.as_deref().is_some_and(valid_kind) {
        errors.push(FieldError::new("kind", "campo-debe-tener-1-64-minusculas"));
    }
    let content_type = match &file {
        None => {
            errors.push(FieldError::new("file", "campo-obligatorio"));
            None
        }
        Some((_, _, bytes)) if bytes.is_empty() => {
            errors.push(FieldError::new("file", "campo-esta-vacio"));
            None
        }
        Some((name, declared, bytes)) => {
            let detected = detect(bytes, declared.as_deref(), name);
            if detected.is_none() {
                errors.push(FieldError::new("file", "campo-debe-ser-archivo-pdf-odt"));
            }
            detected
        }
    };
    let (Some(kind), Some((filename, _, bytes)), Some(content_type), true) =
        (kind, file, content_type, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let filename: String = filename
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    Ok((kind, filename, content_type, bytes))
}

/// Checks a scanned original: a non-empty `file` that is a PDF, PNG or JPEG. Returns (file
/// name, detected type, bytes).
pub fn checked_scan(received: Received) -> Result<(String, &'static str, Vec<u8>), AppError> {
    let Some((name, declared, bytes)) = received.file else {
        return Err(AppError::field("file", "campo-obligatorio"));
    };
    if bytes.is_empty() {
        return Err(AppError::field("file", "campo-esta-vacio"));
    }
    let scan = ["application/pdf", "image/png", "image/jpeg"];
    let Some(kind) = detect(&bytes, declared.as_deref(), &name).filter(|k| scan.contains(k)) else {
        return Err(AppError::field("file", "campo-debe-ser-escaneo"));
    };
    let name: String = name.chars().filter(|c| !c.is_control()).take(255).collect();
    Ok((name, kind, bytes))
}

/// A stored document as a download: its type, file name, hash as ETag, never sniffed.
pub fn file_response(meta: &DocumentMeta, bytes: Vec<u8>) -> HttpResponse {
    let disposition = crate::domain::file_name::content_disposition(false, &meta.filename);
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, meta.content_type.clone()))
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::ETAG, format!("\"{}\"", meta.sha256)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes)
}
