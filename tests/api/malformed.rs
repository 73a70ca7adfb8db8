//! A table of malformed requests: each gets its expected 4xx as problem+json, never a 5xx.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app};

enum Who {
    Nobody,
    Committee,
    Admin,
}

fn with(field: &str, value: Value) -> String {
    let mut body = procedure_body("BAD-1", json!({}));
    body[field] = value;
    body.to_string()
}

fn without(field: &str) -> String {
    let mut body = procedure_body("BAD-1", json!({}));
    body.as_object_mut().unwrap().remove(field);
    body.to_string()
}

#[tokio::test]
async fn malformed_requests_get_4xx_problems_never_5xx() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let admin = app.admin_token().await;
    let p = app
        .create_procedure(&committee, &procedure_body("GOOD-1", json!({})))
        .await;
    let existing = format!("/api/v1/procedures/{}", p["id"].as_str().unwrap());
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let huge = format!(
        "{{\"code\":\"X\",\"name\":\"{}\"}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let (post, get, patch) = (Method::POST, Method::GET, Method::PATCH);
    let procs = "/api/v1/procedures";
    let u = StatusCode::UNPROCESSABLE_ENTITY;
    let b = StatusCode::BAD_REQUEST;
    #[rustfmt::skip]
    let cases: Vec<(&str, Method, &str, Who, String, StatusCode)> = vec![
        ("truncated JSON", post.clone(), procs, Who::Committee, "{\"code\": \"X\"".into(), b),
        ("not JSON at all", post.clone(), procs, Who::Committee, "code=X&name=Y".into(), b),
        ("empty body", post.clone(), procs, Who::Committee, String::new(), b),
        ("trailing garbage", post.clone(), procs, Who::Committee, format!("{} x", procedure_body("BAD-1", json!({}))), b),
        ("nesting 5000 deep", post.clone(), procs, Who::Committee, deep, u),
        ("invalid UTF-8 escape", post.clone(), procs, Who::Committee, "{\"code\": \"\\ud800\"}".into(), b),
        ("array instead of object", post.clone(), procs, Who::Committee, "[1,2,3]".into(), u),
        ("null body", post.clone(), procs, Who::Committee, "null".into(), u),
        ("number as code", post.clone(), procs, Who::Committee, with("code", json!(7)), u),
        ("string as steps", post.clone(), procs, Who::Committee, with("steps", json!("four")), u),
        ("fractional steps", post.clone(), procs, Who::Committee, with("steps", json!(2.5)), u),
        ("negative visits", post.clone(), procs, Who::Committee, with("in_person_visits", json!(-1)), u),
        ("negative fee", post.clone(), procs, Who::Committee, with("fee_gtq", json!(-10.0)), u),
        ("huge volume", post.clone(), procs, Who::Committee, with("annual_volume", json!(99_999_999_999_999i64)), u),
        ("number overflowing i64", post.clone(), procs, Who::Committee, with("annual_volume", json!(1e30)), u),
        ("unknown category", post.clone(), procs, Who::Committee, with("category", json!("urgent")), u),
        ("unknown channel", post.clone(), procs, Who::Committee, with("channel", json!("fax")), u),
        ("unknown audience", post.clone(), procs, Who::Committee, with("audience", json!("aliens")), u),
        ("11,000-character name", post.clone(), procs, Who::Committee, with("name", json!("n".repeat(11_000))), u),
        ("empty name", post.clone(), procs, Who::Committee, with("name", json!("   ")), u),
        ("missing name", post.clone(), procs, Who::Committee, without("name"), u),
        ("requirement without held_by_state", post.clone(), procs, Who::Committee, with("requirements", json!([{"name": "DPI"}])), u),
        ("requirements not a list", post.clone(), procs, Who::Committee, with("requirements", json!("DPI")), u),
        ("unknown field", post.clone(), procs, Who::Committee, with("colour", json!("blue")), u),
        ("unknown workflow", post.clone(), procs, Who::Committee, with("workflow", json!("nope")), u),
        ("code with spaces", post.clone(), procs, Who::Committee, with("code", json!("MIN TRAB")), u),
        ("body over 1 MiB", post.clone(), procs, Who::Committee, huge, StatusCode::PAYLOAD_TOO_LARGE),
        ("invalid UUID in path", get.clone(), "/api/v1/procedures/not-a-uuid", Who::Nobody, String::new(), StatusCode::NOT_FOUND),
        ("SQL in path", get.clone(), "/api/v1/procedures/1'%20OR%20'1'='1", Who::Nobody, String::new(), StatusCode::NOT_FOUND),
        ("invalid UUID in PATCH path", patch.clone(), "/api/v1/users/zzz", Who::Admin, "{}".into(), StatusCode::NOT_FOUND),
        ("limit not a number", get.clone(), "/api/v1/procedures?limit=lots", Who::Nobody, String::new(), u),
        ("limit zero", get.clone(), "/api/v1/procedures?limit=0", Who::Nobody, String::new(), u),
        ("forged cursor", get.clone(), "/api/v1/procedures?cursor=AAAA", Who::Nobody, String::new(), u),
        ("bad channel filter", get.clone(), "/api/v1/procedures?channel=fax", Who::Nobody, String::new(), u),
        ("login with number password", post.clone(), "/api/v1/auth/token", Who::Nobody, "{\"username\":\"a\",\"password\":1}".into(), u),
        ("login truncated", post.clone(), "/api/v1/auth/token", Who::Nobody, "{\"username\":".into(), b),
        ("user with unknown role", post.clone(), "/api/v1/users", Who::Admin,
            json!({"username": "abc", "display_name": "A", "email": "a@b.gt", "password": "12345678", "roles": ["king"]}).to_string(), u),
        ("patch with wrong type", patch.clone(), existing.as_str(), Who::Committee, "{\"fee_gtq\": \"free\"}".into(), StatusCode::PRECONDITION_REQUIRED),
    ];
    assert!(cases.len() >= 20);
    for (name, method, path, who, body, expected) in cases {
        let mut req = app
            .client
            .request(method, app.url(path))
            .header("content-type", "application/json")
            .body(body);
        match who {
            Who::Nobody => {}
            Who::Committee => req = req.bearer_auth(&committee),
            Who::Admin => req = req.bearer_auth(&admin),
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let status = res.status();
        assert!(!status.is_server_error(), "{name}: {status}");
        assert_eq!(status, expected, "{name}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{name}"
        );
        let problem: Value = res.json().await.unwrap();
        assert!(problem["code"].is_string(), "{name}: {problem}");
        if expected == u {
            assert_eq!(problem["code"], "validation_failed", "{name}");
            assert!(
                problem["errors"][0]["field"].is_string(),
                "{name}: {problem}"
            );
        }
    }
    // None of those stored anything.
    let page: Value = app.get("/api/v1/procedures").await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}
