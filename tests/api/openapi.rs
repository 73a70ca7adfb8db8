use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::spawn_app;

/// Every route of the contract implemented so far.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/api/v1/openapi.json"),
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/users"),
    ("get", "/api/v1/users"),
    ("patch", "/api/v1/users/{id}"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/procedures"),
    ("get", "/api/v1/procedures"),
    ("get", "/api/v1/procedures/{id}"),
    ("patch", "/api/v1/procedures/{id}"),
    ("get", "/api/v1/indicators"),
    ("get", "/api/v1/procedures/{id}/history"),
    ("post", "/api/v1/procedures/{id}/transitions"),
    ("get", "/api/v1/procedures/{id}/transitions/available"),
    ("get", "/api/v1/transition-requests"),
    ("get", "/api/v1/transition-requests/{id}"),
    ("post", "/api/v1/transition-requests/{id}/approve"),
    ("post", "/api/v1/transition-requests/{id}/reject"),
    ("put", "/api/v1/procedures/{id}/checklist/{item}"),
    ("get", "/api/v1/procedures/{id}/checklist"),
    ("post", "/api/v1/procedures/{id}/documents"),
    ("get", "/api/v1/procedures/{id}/documents"),
    ("get", "/api/v1/documents/{id}"),
    ("get", "/api/v1/workflows"),
    ("get", "/api/v1/workflows/{key}"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/audit/verify"),
    ("get", "/api/v1/audit/checkpoint"),
    ("get", "/api/v1/transparency/public-key"),
    ("get", "/api/v1/transparency/tree-heads"),
    ("post", "/api/v1/transparency/tree-heads"),
    ("get", "/api/v1/transparency/tree-heads/latest"),
    (
        "get",
        "/api/v1/transparency/tree-heads/{tree_size}/timestamp",
    ),
    ("get", "/api/v1/transparency/proof/inclusion"),
    ("get", "/api/v1/transparency/proof/consistency"),
    ("get", "/api/v1/comments/by-tracking/{code}/receipt"),
    ("get", "/api/v1/feedback/by-tracking/{code}/receipt"),
    ("post", "/api/v1/procedures/{id}/consultations"),
    ("get", "/api/v1/consultations"),
    ("get", "/api/v1/consultations/{id}"),
    ("post", "/api/v1/consultations/{id}/extend"),
    ("post", "/api/v1/consultations/{id}/comments"),
    ("get", "/api/v1/consultations/{id}/comments"),
    ("get", "/api/v1/comments/by-tracking/{code}"),
    ("post", "/api/v1/comments/{id}/moderation"),
    ("post", "/api/v1/comments/{id}/response"),
];

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_only_real_ones() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} missing from the document"
        );
    }
    // Each documented operation reaches a handler: nothing answers "no resource".
    let id = uuid::Uuid::new_v4().to_string();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let url = path
                .replace("{id}", &id)
                .replace("{item}", "staff_trained")
                .replace("{key}", "simplificacion")
                .replace("{code}", "C-2026-AAAA-BBBB");
            let res = app.send(method.clone(), &url, None, None).await;
            let status = res.status();
            let body = res.text().await.unwrap();
            assert!(
                !body.contains("no resource at"),
                "{method} {path} is documented but not served"
            );
            assert!(!status.is_server_error(), "{method} {path}: {status}");
        }
    }
    // Operations needing a token say so.
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(paths["/api/v1/users"]["post"]["security"].is_array());
    // Every error an operation can answer is declared, as problem+json: those of any request,
    // a token's for secured operations, 404 where the address names something.
    let problem = |path: &str, method: &str, status: &str| {
        doc["paths"][path][method]["responses"][status]["content"]["application/problem+json"]
            ["schema"]["$ref"]
            .as_str()
            .map(str::to_owned)
    };
    let reference = Some("#/components/schemas/Problem".to_owned());
    for status in ["400", "413", "422", "429", "503"] {
        assert_eq!(problem("/api/v1/procedures", "get", status), reference);
    }
    assert_eq!(problem("/api/v1/users", "post", "401"), reference);
    assert_eq!(problem("/api/v1/users", "post", "403"), reference);
    assert_eq!(
        problem("/api/v1/consultations/{id}", "get", "404"),
        reference
    );
    assert_eq!(problem("/api/v1/consultations", "get", "404"), None);
    assert!(doc["components"]["schemas"]["Problem"]["properties"]["code"].is_object());
}
