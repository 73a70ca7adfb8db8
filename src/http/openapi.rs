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
    api
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
