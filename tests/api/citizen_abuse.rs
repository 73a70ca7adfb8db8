//! What one address can do to the public forms and look-ups: guess tracking codes, rotate
//! through its IPv6 network, tell the honeypot from a receipt, or lose a correction sent with
//! the same form.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{form_token, no_redirects, problem, spawn_app_with, TestApp};
use crate::walks::{comment, open_consultation, setup};

fn looks_like_a_receipt(location: &str) -> bool {
    let Some(code) = location.strip_prefix("/seguimiento/C-") else {
        return false;
    };
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 4
        && parts[2].len() == 6
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

async fn page(app: &TestApp, path: &str) -> String {
    app.client
        .get(app.url(path))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn tracking_codes_are_longer_and_their_look_ups_are_limited_per_address() {
    let app = spawn_app_with(json!({"tracking_lookups_per_minute": 10})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let receipt: Value = comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "Hola"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let code = receipt["tracking_code"].as_str().unwrap().to_string();
    assert!(
        looks_like_a_receipt(&format!("/seguimiento/{code}")),
        "{code}"
    );
    let mut limited = None;
    for i in 0..40 {
        let res = app
            .get(&format!(
                "/api/v1/comments/by-tracking/C-2026-2222-GUESS{i:01}"
            ))
            .await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(i);
            assert!(res.headers().contains_key("retry-after"));
            break;
        }
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        limited,
        Some(10),
        "the eleventh guess within a minute is refused"
    );
    // The page and the opinions' look-up share the limit; the owner's own code waits too.
    let res = app
        .client
        .get(app.url(&format!("/seguimiento/{code}")))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    problem(
        app.get("/api/v1/feedback/by-tracking/O-2026-AAAA-BBBB")
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    )
    .await;
}

#[tokio::test]
async fn addresses_of_one_ipv6_network_share_one_limit() {
    let app = spawn_app_with(json!({
        "trusted_proxies": ["127.0.0.1"],
        "comment_limit_per_hour": 5,
        "comment_burst": 5,
    }))
    .await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let send = |from: String, n: usize| {
        let app = &app;
        async move {
            app.client
                .post(app.url(&format!("/api/v1/consultations/{id}/comments")))
                .header("X-Forwarded-For", from)
                .json(&json!({"body": format!("Comentario {n}")}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for n in 0..5 {
        let from = format!("2001:db8:7:1:{n:x}:ab:cd:ef");
        assert_eq!(send(from, n).await, StatusCode::CREATED);
    }
    // A sixth address of the same /64 is the same subscriber.
    assert_eq!(
        send("2001:db8:7:1:ffff:1:2:3".into(), 5).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another network is not.
    assert_eq!(send("2001:db8:7:2::1".into(), 6).await, StatusCode::CREATED);
}

#[tokio::test]
async fn a_filled_honeypot_is_answered_as_a_receipt_is() {
    let app = spawn_app_with(json!({})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut locations = Vec::new();
    for trap in ["", "http://spam.example"] {
        let html = page(&app, &format!("/consultas/{id}")).await;
        let res = no_redirects()
            .post(app.url(&format!("/consultas/{id}/comentarios")))
            .form(&[
                ("body", "Propongo eliminar la copia del DPI"),
                ("sitio_web", trap),
                ("form_token", &form_token(&html)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        locations.push(res.headers()["location"].to_str().unwrap().to_string());
    }
    for l in &locations {
        assert!(looks_like_a_receipt(l), "{l}");
        // Followed, each reads as a comment received on this consultation.
        let res = app
            .client
            .get(app.url(l))
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{l}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Recibido"), "{html}");
        assert!(html.contains(c["title"].as_str().unwrap()), "{html}");
    }
    // A made-up code of the same shape is still unknown.
    let made_up = format!("{}ZZZZZZ", &locations[1]["/seguimiento/".len()..][..12]);
    let res = app
        .client
        .get(app.url(&format!("/seguimiento/{made_up}")))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "{made_up}");
    let got: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 1, "only the person's comment");
}

#[tokio::test]
async fn a_key_or_form_sent_again_with_another_text_is_refused_not_dropped() {
    let app = spawn_app_with(json!({})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let first = comment(
        &app,
        id,
        json!({"body": "Primera versión"}),
        Some("clave-1"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let same = comment(
        &app,
        id,
        json!({"body": "Primera versión"}),
        Some("clave-1"),
    )
    .await;
    assert_eq!(same.status(), StatusCode::CREATED);
    let same: Value = same.json().await.unwrap();
    assert_eq!(same["tracking_code"], first["tracking_code"]);
    let edited = comment(
        &app,
        id,
        json!({"body": "Versión corregida"}),
        Some("clave-1"),
    )
    .await;
    problem(
        edited,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;
    // The page: the same form token with a corrected text comes back with the correction.
    let html = page(&app, &format!("/consultas/{id}")).await;
    let token = form_token(&html);
    let send = |body: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            no_redirects()
                .post(app.url(&format!("/consultas/{id}/comentarios")))
                .header("Accept", "text/html")
                .form(&[("body", body), ("form_token", &token)])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        send("Texto del formulario").await.status(),
        StatusCode::SEE_OTHER
    );
    let again = send("Texto del formulario, corregido").await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = again.text().await.unwrap();
    assert!(html.contains("Texto del formulario, corregido"), "{html}");
    assert!(
        html.contains("ya se había enviado con otro texto"),
        "{html}"
    );
    let got: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 2);
}

#[tokio::test]
async fn an_opinion_sent_again_with_the_same_form_and_another_text_comes_back() {
    let app = spawn_app_with(json!({})).await;
    let html = page(&app, "/opinion").await;
    let token = form_token(&html);
    let send = |body: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            no_redirects()
                .post(app.url("/opinion"))
                .header("Accept", "text/html")
                .form(&[
                    ("body", body),
                    ("topic", "open_data"),
                    ("form_token", &token),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let first = send("Publiquen los datos de empleo").await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let location = first.headers()["location"].to_str().unwrap().to_string();
    let same = send("Publiquen los datos de empleo").await;
    assert_eq!(
        same.headers()["location"].to_str().unwrap(),
        location,
        "the same receipt"
    );
    let edited = send("Publiquen los datos de empleo por municipio").await;
    assert_eq!(edited.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = edited.text().await.unwrap();
    assert!(
        html.contains("por municipio") && html.contains("ya se había enviado"),
        "{html}"
    );
}

/// Two instances on one PostgreSQL database: an address gets its hourly share in all, not per
/// instance. (SQLite serves one instance; there the limit is the process's own and this test
/// has nothing to share, so it checks only the one instance.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_on_one_database_share_the_per_address_limit() {
    let db = crate::helpers::TestDb::new();
    let settings = json!({
        "trusted_proxies": ["127.0.0.1"],
        "comment_limit_per_hour": 6,
        "comment_burst": 6,
    });
    let first = crate::helpers::spawn_app_on(db.clone(), settings.clone()).await;
    let s = setup(&first).await;
    let c = open_consultation(&first, &s, json!({})).await;
    let id = c["id"].as_str().unwrap().to_string();
    let send = |app: &TestApp, n: usize| {
        let request = app
            .client
            .post(app.url(&format!("/api/v1/consultations/{id}/comments")))
            .header("X-Forwarded-For", "203.0.113.9")
            .json(&json!({"body": format!("Comentario {n}")}));
        async move { request.send().await.unwrap().status() }
    };
    if !db.is_postgres() {
        for n in 0..6 {
            assert_eq!(send(&first, n).await, StatusCode::CREATED);
        }
        assert_eq!(send(&first, 6).await, StatusCode::TOO_MANY_REQUESTS);
        return;
    }
    let second = crate::helpers::spawn_app_on(db.clone(), settings).await;
    for n in 0..3 {
        assert_eq!(send(&first, n).await, StatusCode::CREATED);
        assert_eq!(send(&second, n + 3).await, StatusCode::CREATED);
    }
    // Each instance has sent three of the six; once they have told each other (a second or
    // two), neither takes a seventh.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(send(&first, 6).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send(&second, 7).await, StatusCode::TOO_MANY_REQUESTS);
    let other = first
        .client
        .post(first.url(&format!("/api/v1/consultations/{id}/comments")))
        .header("X-Forwarded-For", "203.0.113.10")
        .json(&json!({"body": "Otra persona"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        other.status(),
        StatusCode::CREATED,
        "another address is not limited"
    );
}
