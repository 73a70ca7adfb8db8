//! Long staff work and citizens' writes: a usage file is bounded, and a write that waits too
//! long for another's lock answers 503 with Retry-After, never 500.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{problem, procedure_body, spawn_app};

#[tokio::test]
async fn a_usage_file_of_more_than_a_hundred_years_is_refused() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let p = app
        .create_procedure(&committee, &procedure_body("USO-1", json!({})))
        .await;
    let mut csv = String::from("month,online,in_person,other\n");
    for i in 0..1_300 {
        csv.push_str(&format!("{}-{:02},1,1,0\n", 1900 + i / 12, i % 12 + 1));
    }
    let started = Instant::now();
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/procedures/{}/usage",
            p["id"].as_str().unwrap()
        )))
        .bearer_auth(&committee)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    let body = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(body.to_string().contains("1,200 meses"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_waits_too_long_for_the_lock_answers_503_with_retry_after() {
    let app = spawn_app().await;
    let mut conn = app.db.connect();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        tramites::db::write_tx(&mut conn, |_| {
            held_tx.send(()).unwrap();
            std::thread::sleep(Duration::from_secs(12));
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
    });
    held_rx.recv().unwrap();
    let started = Instant::now();
    let res = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Los datos de empleo, por favor", "topic": "open_data"}))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().contains_key("retry-after"));
    assert!(started.elapsed() < Duration::from_secs(12));
    problem(res, StatusCode::SERVICE_UNAVAILABLE, "overloaded").await;
    tokio::task::spawn_blocking(move || holder.join().unwrap())
        .await
        .unwrap();
    let res = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Los datos de empleo, por favor", "topic": "open_data"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
}
