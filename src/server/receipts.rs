//! A citizen's receipt as a download, the same from the API and the tracking page.

use actix_web::HttpResponse;

use crate::audit::Receipt;

/// The receipt as indented JSON, offered as `comprobante-<seq>.json`; never cached by a
/// shared cache (it is found by a tracking code).
pub fn receipt_download(receipt: &Receipt) -> HttpResponse {
    let body = serde_json::to_string_pretty(receipt).unwrap_or_default();
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"comprobante-{}.json\"", receipt.seq),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(body)
}
