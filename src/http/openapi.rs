//! The OpenAPI 3 document, collected from the routes as they are registered, so a route
//! cannot exist without appearing in it.

use actix_web::web;
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

/// Adds what route collection cannot know: the bearer scheme and the document's own route.
pub fn finish(mut api: OpenApi) -> OpenApi {
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
    declare_errors(api)
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

/// Declares every error status a route can answer, each as `application/problem+json`.
fn declare_errors(api: OpenApi) -> OpenApi {
    let Ok(mut doc) = serde_json::to_value(&api) else {
        return api;
    };
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
    serde_json::from_value(doc).unwrap_or(api)
}

/// The whole document: every route registered by [`super::routes`], collected as it registers.
pub fn document() -> OpenApi {
    let (_, api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(super::routes)
        .split_for_parts();
    finish(api)
}

/// `GET /api/v1/openapi.json`.
pub async fn serve(api: web::Data<OpenApi>) -> web::Json<OpenApi> {
    web::Json(api.get_ref().clone())
}
