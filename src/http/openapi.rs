//! The OpenAPI 3 document, collected from the routes as they are registered, so a route
//! cannot exist without appearing in it.

use actix_web::http::header::ContentType;
use actix_web::{web, HttpResponse};
use serde_json::Value;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa_actix_web::AppExt;

/// Title, version and description of the document.
pub fn base() -> OpenApi {
    let mut api = OpenApi::default();
    api.info.title = "tramites".into();
    api.info.version = env!("CARGO_PKG_VERSION").into();
    api.info.description = Some(
        "Workflow engine for simplifying government procedures (trámites): inventory, \
         analysis, regulation change with public consultation, pilot, launch, feedback."
            .into(),
    );
    api
}

/// Adds what route collection cannot know: the bearer scheme, the document's own route and the
/// errors every route can answer.
pub fn finish(mut api: OpenApi) -> serde_json::Result<Value> {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    let doc_route = utoipa::openapi::path::PathItem::new(
        utoipa::openapi::HttpMethod::Get,
        utoipa::openapi::path::OperationBuilder::new()
            .summary(Some("This OpenAPI document"))
            .tag("meta")
            .response("200", utoipa::openapi::Response::new("OpenAPI 3 document"))
            .build(),
    );
    api.paths
        .paths
        .insert("/api/v1/openapi.json".into(), doc_route);
    let mut doc = serde_json::to_value(&api)?;
    declare_errors(&mut doc);
    Ok(doc)
}

/// What any route may answer besides its own statuses: the failures every request can meet
/// (a malformed request, a body too large or too slow, a limit, the database away), the
/// identity ones for routes behind a token, and 404 for addresses with an id.
const COMMON_ERRORS: &[(&str, &str)] = &[
    ("400", "Malformed request or JSON"),
    ("405", "Method not allowed here (see Allow)"),
    ("408", "The request did not arrive in time"),
    ("413", "Body larger than the limit"),
    ("415", "Unsupported content type"),
    ("422", "Invalid fields, query parameters or characters"),
    ("429", "Too many requests (see Retry-After)"),
    (
        "431",
        "Request line and headers larger than the server accepts",
    ),
    ("503", "The database does not answer"),
];

/// Declares every error status a route can answer, each as `application/problem+json`, in the
/// JSON that is served (reading it back into utoipa's types failed, and left them out).
fn declare_errors(doc: &mut Value) {
    let problem = serde_json::json!({
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    });
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for operation in item.values_mut().filter_map(|o| o.as_object_mut()) {
                let secured = operation.get("security").is_some_and(|s| s.is_array());
                let responses = operation
                    .entry("responses")
                    .or_insert_with(|| serde_json::json!({}));
                let Some(responses) = responses.as_object_mut() else {
                    continue;
                };
                let mut wanted: Vec<(&str, &str)> = COMMON_ERRORS.to_vec();
                if secured {
                    wanted.push(("401", "No valid token"));
                    wanted.push(("403", "The token's user lacks the role"));
                }
                if path.contains('{') {
                    wanted.push(("404", "Nothing with that identity"));
                }
                for (status, description) in wanted {
                    responses
                        .entry(status)
                        .or_insert_with(|| serde_json::json!({"description": description}));
                }
                for (status, response) in responses.iter_mut() {
                    if status.starts_with('4') || status.starts_with('5') {
                        response["content"] = problem.clone();
                    }
                }
            }
        }
    }
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(|s| s.as_object_mut())
    {
        if !schemas.contains_key("Problem") {
            if let Ok(schema) = serde_json::to_value(
                <crate::server::problem::Problem as utoipa::PartialSchema>::schema(),
            ) {
                schemas.insert("Problem".into(), schema);
            }
        }
    }
}

/// The document as served, and the methods of each of its paths (for `405` and `Allow`). It is
/// kept serialized: utoipa's tree of the same document held 2.5 MB of the idle server's heap,
/// and each request for it cloned that tree and serialized it again.
#[derive(Debug, Clone)]
pub struct Document {
    json: web::Bytes,
    methods: Vec<(String, Vec<String>)>,
}

impl Document {
    fn new(doc: &Value) -> serde_json::Result<Self> {
        let methods = doc["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(path, item)| {
                let methods = item
                    .as_object()
                    .into_iter()
                    .flat_map(|o| o.keys())
                    .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
                    .map(|k| k.to_uppercase())
                    .collect();
                (path.clone(), methods)
            })
            .collect();
        Ok(Self {
            json: serde_json::to_vec(doc)?.into(),
            methods,
        })
    }

    /// The methods the documented routes accept at `path` (empty when no route matches it).
    /// When several patterns match, only the most literal ones count, as in routing:
    /// `/api/v1/procedures/export` is that route, not `/api/v1/procedures/{id}`.
    pub fn methods_at(&self, path: &str) -> Vec<String> {
        let wanted: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let literal_parts =
            |pattern: &str| pattern.split('/').filter(|p| !p.starts_with('{')).count();
        let matching: Vec<_> = self
            .methods
            .iter()
            .filter(|(pattern, _)| {
                let parts: Vec<&str> = pattern.split('/').collect();
                parts.len() == wanted.len()
                    && parts
                        .iter()
                        .zip(&wanted)
                        .all(|(p, w)| p.starts_with('{') || p == w)
            })
            .collect();
        let most_literal = matching
            .iter()
            .map(|(pattern, _)| literal_parts(pattern))
            .max()
            .unwrap_or(0);
        let mut methods: Vec<String> = matching
            .into_iter()
            .filter(|(pattern, _)| literal_parts(pattern) == most_literal)
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect();
        methods.sort();
        methods.dedup();
        methods
    }
}

/// The whole document: every route registered by [`super::routes`], collected as it registers.
pub fn document() -> serde_json::Result<Document> {
    let (_, api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(super::routes)
        .split_for_parts();
    Document::new(&finish(api)?)
}

/// `GET /api/v1/openapi.json`.
pub async fn serve(doc: web::Data<Document>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(doc.json.clone())
}
