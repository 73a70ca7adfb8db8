//! Hardening of identity: failed-login limits that hold under concurrency and across
//! instances, failed logins that store nothing typed, tokens that end when they should.

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_on, spawn_app_with, TestApp, JWT_SECRET};

/// Sends `n` logins at once; returns how many got 401 and how many 429.
async fn guesses_at_once(
    app: &TestApp,
    n: usize,
    username: impl Fn(usize) -> String,
) -> (usize, usize) {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/auth/token"));
            let body = json!({"username": username(i), "password": "wrong-password"});
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    let (mut unauthorized, mut limited) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::UNAUTHORIZED => unauthorized += 1,
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            other => panic!("unexpected {other}"),
        }
    }
    (unauthorized, limited)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_guesses_cannot_beat_the_failed_login_limits() {
    let app = spawn_app().await;
    // Default limits: 5 per user, 20 per address.
    let (unauthorized, limited) = guesses_at_once(&app, 200, |_| "admin".into()).await;
    assert!(
        unauthorized <= 5,
        "{unauthorized} wrong passwords were checked"
    );
    assert_eq!(unauthorized + limited, 200);
    let other = spawn_app().await;
    let (unauthorized, limited) = guesses_at_once(&other, 60, |i| format!("user{i}")).await;
    assert!(
        unauthorized <= 20,
        "{unauthorized} guesses from one address were checked"
    );
    assert_eq!(unauthorized + limited, 60);
}

#[tokio::test]
async fn instances_on_one_database_share_the_failed_login_limits() {
    let first = spawn_app_with(json!({"login_max_failures_per_user": 3})).await;
    let second = spawn_app_on(first.db.clone(), json!({"login_max_failures_per_user": 3})).await;
    let body = json!({"username": "admin", "password": "wrong-password"});
    for app in [&first, &first, &second] {
        let res = app
            .send(Method::POST, "/api/v1/auth/token", None, Some(&body))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = second
        .send(Method::POST, "/api/v1/auth/token", None, Some(&body))
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_failed_login_stores_no_typed_text_in_the_audit_chain() {
    let app = spawn_app().await;
    let typed = format!("my-password-{}", "x".repeat(5_000));
    for username in [typed.as_str(), "admin"] {
        let body = json!({"username": username, "password": "wrong-password"});
        let res = app
            .send(Method::POST, "/api/v1/auth/token", None, Some(&body))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let auditor = app.admin_token().await;
    let page: Value = app
        .send(
            Method::GET,
            "/api/v1/audit?action=auth.login_failed",
            Some(&auditor),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{page}");
    let unknown = items[0]["subject_id"].as_str().unwrap();
    assert!(
        unknown.len() <= 64 && !unknown.contains("my-password"),
        "{unknown}"
    );
    let me: Value = app
        .send(Method::GET, "/api/v1/me", Some(&auditor), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        items[1]["subject_id"], me["id"],
        "a known name is recorded by its id"
    );
    assert!(!page.to_string().contains("my-password"));
}

fn forge(claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn a_new_password_or_a_block_ends_the_tokens_issued_before() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me = |token: String| {
        let app = &app;
        async move {
            app.send(Method::GET, "/api/v1/me", Some(&token), None)
                .await
                .status()
        }
    };
    let (id, token) = app.user_with("ana", &["committee"]).await;
    let patch = |body: Value| {
        let (app, admin, id) = (&app, admin.clone(), id.clone());
        async move {
            let res = app
                .send(
                    Method::PATCH,
                    &format!("/api/v1/users/{id}"),
                    Some(&admin),
                    Some(&body),
                )
                .await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    };
    assert_eq!(me(token.clone()).await, StatusCode::OK);
    patch(json!({"password": "una-clave-nueva-larga"})).await;
    assert_eq!(
        me(token).await,
        StatusCode::UNAUTHORIZED,
        "the old token ended"
    );
    let token = app.login("ana", "una-clave-nueva-larga").await;
    patch(json!({"active": false})).await;
    patch(json!({"active": true})).await;
    assert_eq!(
        me(token).await,
        StatusCode::UNAUTHORIZED,
        "reactivation does not revive it"
    );
    assert_eq!(
        me(app.login("ana", "una-clave-nueva-larga").await).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn tokens_issued_in_the_future_or_not_yet_valid_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me: Value = app
        .send(Method::GET, "/api/v1/me", Some(&admin), None)
        .await
        .json()
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp();
    let base =
        json!({"sub": me["id"], "iss": "tramites", "aud": "tramites-api", "exp": now + 7200});
    let with = |extra: Value| {
        let mut c = base.clone();
        c.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        forge(&c)
    };
    for (case, token) in [
        ("iat in the future", with(json!({"iat": now + 3600}))),
        (
            "nbf in the future",
            with(json!({"iat": now, "nbf": now + 3600})),
        ),
    ] {
        let res = app
            .send(Method::GET, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{case}");
    }
    let good = with(json!({"iat": now, "nbf": now}));
    let res = app.send(Method::GET, "/api/v1/me", Some(&good), None).await;
    assert_eq!(res.status(), StatusCode::OK, "the control");
}

#[tokio::test]
async fn the_chain_lets_no_one_confirm_a_guessed_subscriber_address() {
    use sha2::{Digest, Sha256};
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let p = app
        .create_procedure(
            &committee,
            &crate::helpers::procedure_body("SUB-9", json!({})),
        )
        .await;
    let email = "vecina@correo.gt";
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/procedures/{}/subscriptions",
            p["id"].as_str().unwrap()
        )))
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let auditor = app.admin_token().await;
    let chain = app
        .send(Method::GET, "/api/v1/audit?limit=200", Some(&auditor), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(chain.contains("subscription.requested"), "{chain}");
    let guess = hex::encode(Sha256::digest(email.as_bytes()));
    assert!(
        !chain.contains(&guess),
        "an unsalted hash of the address is in the chain"
    );
    assert!(!chain.contains(email));
}

#[tokio::test]
async fn a_generated_token_secret_is_not_kept_in_the_database() {
    use diesel::prelude::*;
    let db = crate::helpers::TestDb::new();
    let mut settings = crate::helpers::test_settings(&db, json!({}));
    settings.jwt_secret = None;
    let app = tramites::startup::Application::build(
        settings,
        std::sync::Arc::new(tramites::clock::SystemClock::default()),
    )
    .await
    .unwrap();
    let mut conn = db.connect();
    let stored: i64 = tramites::db::schema::service_secrets::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(stored, 0, "no token secret in the database");
    drop(app);
}
