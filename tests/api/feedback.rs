//! General feedback (`/opinion` and `/api/v1/feedback`): sent without an account, seen by
//! nobody before moderation, answered, followed by its code, audited, never showing an e-mail.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{form_token, no_redirects, problem, spawn_app, TestApp};

async fn text(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn stored(app: &TestApp, committee: &str, status: &str) -> Vec<Value> {
    let res = app
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/feedback?status={status}"),
            Some(committee),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page: Value = res.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_opinion_form_stores_once_moderates_answers_and_tracks() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let (status, html) = text(&app, "/opinion").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Enviar opinión"));
    let client = no_redirects();
    // Empty: the form comes back with what was typed and a summary linking to each field.
    let res = client
        .post(app.url("/opinion"))
        .form(&[
            ("body", "  "),
            ("topic", ""),
            ("author_name", "Rosa Pérez"),
            ("form_token", &form_token(&html)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let again = res.text().await.unwrap();
    assert!(again.contains("Revise su opinión"));
    assert!(again.contains("href=\"#campo-body\"") && again.contains("href=\"#campo-topic\""));
    assert!(
        again.contains("value=\"Rosa Pérez\""),
        "what was typed is kept"
    );
    assert!(stored(&app, &committee, "received").await.is_empty());
    // A good one, sent twice from the same rendered form: one opinion, one receipt.
    let token = form_token(&again);
    let mut locations = Vec::new();
    for _ in 0..2 {
        let res = client
            .post(app.url("/opinion"))
            .form(&[
                ("body", "Publiquen las vacantes por departamento."),
                ("topic", "labour_needs"),
                ("author_name", "Rosa Pérez"),
                ("email", "rosa@correo.gt"),
                ("form_token", &token),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        locations.push(res.headers()["location"].to_str().unwrap().to_string());
    }
    assert_eq!(locations[0], locations[1]);
    assert!(
        locations[0].starts_with("/seguimiento/O-"),
        "{}",
        locations[0]
    );
    let waiting = stored(&app, &committee, "received").await;
    assert_eq!(waiting.len(), 1);
    // Nobody sees it before moderation.
    let (_, public) = text(&app, "/opinion").await;
    assert!(!public.contains("vacantes por departamento"));
    let (status, tracking) = text(&app, &locations[0]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(tracking.contains("Recibida") && tracking.contains("Guarde este código"));
    // Published and answered through the API: the page and the tracking page show both.
    let id = waiting[0]["id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/v1/feedback/{id}/moderation"),
            &committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post(
            &format!("/api/v1/feedback/{id}/response"),
            &committee,
            &json!({"body": "Las publicaremos cada mes en datos abiertos."}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, public) = text(&app, "/opinion").await;
    assert!(public.contains("Publiquen las vacantes por departamento."));
    assert!(public.contains("Las publicaremos cada mes en datos abiertos."));
    assert!(public.contains("Necesidades laborales de la población"));
    assert!(!public.contains("rosa@correo.gt"), "never an e-mail");
    let (_, tracking) = text(&app, &locations[0]).await;
    assert!(tracking.contains("Publicada"));
    assert!(tracking.contains("Las publicaremos cada mes en datos abiertos."));
    // The API's public listing shows it without e-mail or tracking code.
    let listing: Value = app.get("/api/v1/feedback").await.json().await.unwrap();
    assert_eq!(listing["items"].as_array().unwrap().len(), 1);
    let shown = listing["items"][0].to_string();
    assert!(
        !shown.contains("rosa@") && !shown.contains("O-20"),
        "{shown}"
    );
    // Each act is in the chain, which verifies.
    let auditor = app.user_with("auditora", &["auditor"]).await.1;
    let log: Value = app
        .send(
            reqwest::Method::GET,
            "/api/v1/audit?limit=200",
            Some(&auditor),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["subject_type"] == "feedback")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "feedback.received",
            "feedback.moderated",
            "feedback.answered"
        ]
    );
    assert!(
        !log.to_string().contains("vacantes"),
        "no text in the chain"
    );
    let verify: Value = app
        .send(
            reqwest::Method::GET,
            "/api/v1/audit/verify",
            Some(&auditor),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verify["valid"], true);
}

#[tokio::test]
async fn the_honeypot_stores_nothing_and_bad_api_input_is_refused() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let (_, html) = text(&app, "/opinion").await;
    let res = no_redirects()
        .post(app.url("/opinion"))
        .form(&[
            ("body", "Oferta de préstamos rápidos"),
            ("topic", "other"),
            ("sitio_web", "http://spam.example"),
            ("form_token", &form_token(&html)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "looks like a success");
    assert!(stored(&app, &committee, "received").await.is_empty());
    let res = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Hola", "topic": "deportes"}))
        .send()
        .await
        .unwrap();
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(p.to_string().contains("topic"), "{p}");
    let res = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Los datos de empleo en CSV, por favor", "topic": "open_data"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let code = receipt["tracking_code"].as_str().unwrap();
    let tracked: Value = app
        .get(&format!("/api/v1/feedback/by-tracking/{code}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "received");
    // A citizen may not moderate.
    let id = receipt["id"].as_str().unwrap();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/feedback/{id}/moderation")))
        .json(&json!({"decision": "publish"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Withheld: the public sees the date and reason, never the text.
    app.post(
        &format!("/api/v1/feedback/{id}/moderation"),
        &committee,
        &json!({"decision": "reject", "reason": "off_topic"}),
    )
    .await;
    let (_, public) = text(&app, "/opinion").await;
    assert!(public.contains("Opinión retenida"));
    assert!(!public.contains("Los datos de empleo en CSV"));
    let (status, _) = text(&app, "/seguimiento/O-2026-ZZZZ-ZZZZ").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
