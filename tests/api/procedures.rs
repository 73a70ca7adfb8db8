use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app, spawn_app_with};

pub(crate) fn time(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn create_returns_the_procedure_with_location_etag_and_burden() {
    let app = spawn_app_with(json!({"hourly_value_gtq": 20.0, "visit_cost_gtq": 30.0})).await;
    let token = app.committee_token().await;
    let res = app
        .post(
            "/api/v1/procedures",
            &token,
            &procedure_body("mintrab-001", json!({})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let p: Value = res.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/procedures/{}", p["id"].as_str().unwrap())
    );
    assert_eq!(p["code"], "MINTRAB-001");
    assert_eq!(p["state"], "inventory");
    assert_eq!(p["workflow"], "simplificacion");
    assert_eq!(p["version"], 1);
    assert_eq!(
        p["requirements"],
        json!([{"name": "DPI", "held_by_state": true}])
    );
    // Standard Cost Model: 1000 × 3 h; 1000 × (25.50 + 3 × 20 + 2 × 30).
    assert_eq!(
        p["burden"],
        json!({"annual_hours": 3000.0, "annual_cost_gtq": 145500.0})
    );
    // The inventory stage's limit is 30 days (workflows/simplificacion.toml).
    let entered = time(&p["state_entered_at"]);
    assert_eq!(time(&p["due_at"]) - entered, chrono::Duration::days(30));
    for field in ["created_at", "updated_at", "state_entered_at", "due_at"] {
        assert!(p[field].as_str().unwrap().ends_with('Z'), "{field} in UTC");
    }
    let fetched: Value = app.get(&location).await.json().await.unwrap();
    assert_eq!(fetched, p);
}

#[tokio::test]
async fn a_duplicate_code_is_409_whatever_its_case() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    app.create_procedure(&token, &procedure_body("MT-7", json!({})))
        .await;
    let res = app
        .post(
            "/api/v1/procedures",
            &token,
            &procedure_body("mt-7", json!({})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "duplicate_code").await;
}

#[tokio::test]
async fn get_is_public_and_unknown_ids_are_404() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let p = app
        .create_procedure(&token, &procedure_body("MT-1", json!({})))
        .await;
    let res = app
        .get(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap()))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let id = uuid::Uuid::new_v4();
    problem(
        app.get(&format!("/api/v1/procedures/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.get("/api/v1/procedures/123").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

pub(crate) async fn codes(app: &crate::helpers::TestApp, query: &str) -> Vec<String> {
    let res = app.get(&format!("/api/v1/procedures?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    let page: Value = res.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_list_filters_by_state_category_channel_and_words() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let seeds = [
        (
            "A-1",
            "Trámite único de empleo",
            "Dirección General de Empleo",
            "priority",
            "online",
        ),
        (
            "A-2",
            "Libro de salarios",
            "Inspección General de Trabajo",
            "priority",
            "in_person",
        ),
        (
            "A-3",
            "Permiso para extranjeros",
            "Dirección General de Empleo",
            "general",
            "hybrid",
        ),
        (
            "A-4",
            "Solvencia 100%_listo",
            "Inspección General de Trabajo",
            "general",
            "online",
        ),
    ];
    for (code, name, unit, category, channel) in seeds {
        let body = procedure_body(
            code,
            json!({"name": name, "responsible_unit": unit, "category": category, "channel": channel}),
        );
        app.create_procedure(&token, &body).await;
    }
    assert_eq!(codes(&app, "").await, vec!["A-1", "A-2", "A-3", "A-4"]);
    assert_eq!(codes(&app, "state=inventory").await.len(), 4);
    assert!(codes(&app, "state=analysis").await.is_empty());
    assert_eq!(codes(&app, "category=priority").await, vec!["A-1", "A-2"]);
    assert_eq!(codes(&app, "channel=online").await, vec!["A-1", "A-4"]);
    assert_eq!(
        codes(&app, "category=general&channel=online").await,
        vec!["A-4"]
    );
    // Words match code, name and unit, ignoring case and accents.
    assert_eq!(codes(&app, "q=TRAMITE").await, vec!["A-1"]);
    assert_eq!(codes(&app, "q=empleo").await, vec!["A-1", "A-3"]);
    assert_eq!(codes(&app, "q=inspeccion%20libro").await, vec!["A-2"]);
    assert_eq!(codes(&app, "q=a-3").await, vec!["A-3"]);
    // LIKE wildcards are taken literally.
    assert_eq!(codes(&app, "q=%25").await, vec!["A-4"]);
    assert_eq!(codes(&app, "q=_").await, vec!["A-4"]);
    assert!(codes(&app, "q=0%25a").await.is_empty());
    problem(
        app.get("/api/v1/procedures?category=urgent").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        app.get("/api/v1/procedures?state=limbo").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn pages_follow_the_cursor_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let mut expected = Vec::new();
    for i in 0..7 {
        let code = format!("P-{i}");
        app.create_procedure(&token, &procedure_body(&code, json!({})))
            .await;
        expected.push(code);
    }
    let mut seen = Vec::new();
    let mut query = "limit=3".to_string();
    let mut pages = 0;
    loop {
        let page: Value = app
            .get(&format!("/api/v1/procedures?{query}"))
            .await
            .json()
            .await
            .unwrap();
        pages += 1;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["code"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => query = format!("limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
    let page: Value = app.get("/api/v1/procedures").await.json().await.unwrap();
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        7,
        "default limit is 50"
    );
    problem(
        app.get("/api/v1/procedures?cursor=bogus").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        app.get("/api/v1/procedures?limit=-1").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn patch_needs_if_match_and_refuses_stale_versions() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let p = app
        .create_procedure(&token, &procedure_body("MT-9", json!({})))
        .await;
    let path = format!("/api/v1/procedures/{}", p["id"].as_str().unwrap());
    let change =
        json!({"name": "Nuevo nombre", "regulation_reference": "Acuerdo Ministerial 12-2026"});

    let res = app
        .send(Method::PATCH, &path, Some(&token), Some(&change))
        .await;
    problem(
        res,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;

    let patch = |etag: &'static str, body: Value| {
        let app = &app;
        let (path, token) = (path.clone(), token.clone());
        async move {
            app.client
                .patch(app.url(&path))
                .bearer_auth(token)
                .header("If-Match", etag)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    // An empty If-Match gives no precondition either.
    problem(
        patch("", change.clone()).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    let res = patch("\"1\"", change.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let v2: Value = res.json().await.unwrap();
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["name"], "Nuevo nombre");
    assert_eq!(v2["regulation_reference"], "Acuerdo Ministerial 12-2026");
    assert_eq!(v2["state"], "inventory");
    assert_eq!(v2["created_at"], p["created_at"]);

    problem(
        patch("\"1\"", json!({"name": "Otro"})).await,
        StatusCode::PRECONDITION_FAILED,
        "version_conflict",
    )
    .await;
    let unchanged: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(unchanged["name"], "Nuevo nombre");

    // null clears the reference; the state cannot be patched.
    let v3: Value = patch("\"2\"", json!({"regulation_reference": null}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v3["regulation_reference"], Value::Null);
    let p = problem(
        patch("\"3\"", json!({"state": "pilot"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "state");
    let p = problem(
        patch("\"3\"", json!({"steps": -4})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "steps");
}

#[tokio::test]
async fn patch_cannot_take_another_procedures_code() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    app.create_procedure(&token, &procedure_body("MT-1", json!({})))
        .await;
    let p = app
        .create_procedure(&token, &procedure_body("MT-2", json!({})))
        .await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap())))
        .bearer_auth(&token)
        .header("If-Match", "\"1\"")
        .json(&json!({"code": "mt-1"}))
        .send()
        .await
        .unwrap();
    problem(res, StatusCode::CONFLICT, "duplicate_code").await;
}
