//! Concurrent proposals and approvals, and requests keeping their rules, on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, spawn_app_on, TestApp, TestDb};

use crate::workflow::*;

/// Sends the same POST fifty times at once; asserts exactly one answers `winner` and the
/// other 49 answer 409.
pub(crate) async fn fifty_at_once(
    app: &TestApp,
    path: &str,
    token: &str,
    body: Value,
    winner: StatusCode,
) {
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (client, url, token, body) = (
                app.client.clone(),
                app.url(path),
                token.to_string(),
                body.clone(),
            );
            tokio::spawn(async move {
                client
                    .post(url)
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == winner).count(),
        1,
        "{path}: {statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        49,
        "{path}: {statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_fifty_simultaneous_proposals_and_approvals_exactly_one_wins() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "X-1").await;
    let transitions = format!("/api/v1/procedures/{id}/transitions");
    fifty_at_once(
        &app,
        &transitions,
        &s.committee,
        json!({"transition": "start_analysis"}),
        StatusCode::ACCEPTED,
    )
    .await;

    let pending: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/transition-requests?status=pending&procedure_id={id}"),
            Some(&s.director),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let approve = format!(
        "/api/v1/transition-requests/{}/approve",
        pending["items"][0]["id"].as_str().unwrap()
    );
    fifty_at_once(&app, &approve, &s.director, json!({}), StatusCode::OK).await;
    let history: Value = app
        .get(&format!("/api/v1/procedures/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "no duplicate history row"
    );
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["version"], 2);

    // Fifty simultaneous immediate transitions: one applies, the rest find it moved.
    fifty_at_once(
        &app,
        &transitions,
        &s.committee,
        json!({"transition": "return_to_inventory"}),
        StatusCode::OK,
    )
    .await;
    let history: Value = app
        .get(&format!("/api/v1/procedures/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_pending_request_keeps_the_rules_it_was_made_under() {
    let db = TestDb::new();
    let first = spawn_app_on(db.clone(), json!({})).await;
    let s = staff(&first).await;
    let id = new_procedure(&first, &s, "V-1").await;
    let request: Value = propose(&first, &s.committee, &id, "start_analysis")
        .await
        .json()
        .await
        .unwrap();

    // The file changes: version 2 reserves start_analysis to the minister.
    let dir = db.dir().join("workflows-v2");
    std::fs::create_dir_all(&dir).unwrap();
    let source =
        std::fs::read_to_string(crate::helpers::workflows_dir().join("simplificacion.toml"))
            .unwrap();
    let v2 = source.replacen("version = 1", "version = 2", 1).replacen(
        "key = \"start_analysis\"\nfrom = [\"inventory\"]\nto = \"analysis\"\npropose = [\"committee\"]\napprove = [\"director\"]",
        "key = \"start_analysis\"\nfrom = [\"inventory\"]\nto = \"analysis\"\npropose = [\"committee\"]\napprove = [\"minister\"]",
        1,
    );
    assert_ne!(v2, source);
    std::fs::write(dir.join("simplificacion.toml"), &v2).unwrap();
    let second = spawn_app_on(db.clone(), json!({"workflows_dir": dir})).await;
    // The pending request is approved by a director, as when it was made.
    problem(
        approve(&second, &s.minister, request["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = approve(&second, &s.director, request["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["workflow_version"], 1, "the procedure keeps its version");
    // A new procedure starts under version 2, where the minister approves.
    let newer = new_procedure(&second, &s, "V-2").await;
    let p: Value = second
        .get(&format!("/api/v1/procedures/{newer}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["workflow_version"], 2);
    let r: Value = propose(&second, &s.committee, &newer, "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    problem(
        approve(&second, &s.director, r["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(
        approve(&second, &s.minister, r["id"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );

    // Changing a file without a new version number is refused at start-up.
    let same_version = v2.replacen("time_limit_days = 30", "time_limit_days = 31", 1);
    std::fs::write(dir.join("simplificacion.toml"), same_version).unwrap();
    let settings = crate::helpers::test_settings(&db, json!({"workflows_dir": dir}));
    let err = tramites::startup::Application::build(
        settings,
        std::sync::Arc::new(tramites::clock::SystemClock::default()),
    )
    .await
    .err()
    .expect("start-up refused");
    assert!(err.to_string().contains("new `version`"), "{err}");
}
