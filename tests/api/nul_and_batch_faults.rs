//! Defects found by probing the service as an outsider would, each held fixed, on both
//! backends (PostgreSQL cannot store NUL; SQLite can: both must answer the same).

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{problem, procedure_body, spawn_app};

#[tokio::test]
async fn a_nul_character_is_refused_naming_the_field_wherever_it_arrives() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap().to_string();
    let nul = "a\u{0}b";
    // (body field, a comment with it)
    for (field, body) in [
        ("body", json!({"body": nul})),
        ("author_name", json!({"body": "ok", "author_name": nul})),
        ("organization", json!({"body": "ok", "organization": nul})),
        ("email", json!({"body": "ok", "email": "a\u{0}@b.gt"})),
    ] {
        let res = comment(&app, &cid, body, None).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], field, "{p}");
    }
    let staff: &[(Method, String, Value, &str)] = &[
        (
            Method::POST,
            "/api/v1/procedures".into(),
            procedure_body("NUL-1", json!({"name": nul})),
            "name",
        ),
        (
            Method::POST,
            format!("/api/v1/procedures/{}/transitions", s.procedure),
            json!({"transition": "return_to_analysis", "note": nul}),
            "note",
        ),
        (
            Method::POST,
            format!("/api/v1/procedures/{}/consultations", s.procedure),
            json!({"title": nul, "proposal_text": "p"}),
            "title",
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"username": "x", "display_name": nul, "email": "x@y.gt", "password": "12345678"}),
            "display_name",
        ),
    ];
    let admin = app.admin_token().await;
    for (method, path, body, field) in staff {
        let token = if path.ends_with("/users") {
            &admin
        } else {
            &s.committee
        };
        let res = app
            .send(method.clone(), path, Some(token), Some(body))
            .await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], *field, "{path}: {p}");
    }
    let res = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": nul, "password": "x"})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    // Query parameters, the public search and the auditor's filter among them.
    for path in [
        "/api/v1/procedures?q=a%00b".to_string(),
        "/api/v1/consultations?status=open%00".to_string(),
        "/api/v1/audit?actor=%00".to_string(),
    ] {
        let res = app.send(Method::GET, &path, Some(&admin), None).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert!(p["errors"][0]["field"].is_string(), "{path}: {p}");
    }
    // Codes in the address name nothing that exists.
    for path in [
        "/api/v1/comments/by-tracking/C-2026-%00AAA-BBBB",
        "/api/v1/subscriptions/confirm?token=%00",
    ] {
        let res = app.get(path).await;
        assert!(
            res.status() == StatusCode::NOT_FOUND
                || res.status() == StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            res.status()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_bad_comment_never_fails_the_others_sent_with_it() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap().to_string();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (client, url) = (
                app.client.clone(),
                app.url(&format!("/api/v1/consultations/{cid}/comments")),
            );
            let body = if i == 7 {
                json!({"body": "malo\u{0}"})
            } else {
                json!({"body": format!("comentario {i}")})
            };
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((created, refused), (39, 1), "{statuses:?}");
    let got: Value = app
        .get(&format!("/api/v1/consultations/{cid}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 39, "{got}");
}
