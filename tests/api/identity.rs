use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    problem, procedure_body, spawn_app, spawn_app_with, ADMIN_PASSWORD, JWT_SECRET,
};

fn forge(claims: &Value, secret: &str) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn claims(sub: &str, exp_offset: i64, iss: &str, aud: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": sub, "iat": now, "exp": now + exp_offset, "iss": iss, "aud": aud})
}

#[tokio::test]
async fn login_issues_a_bearer_token_that_works() {
    let app = spawn_app().await;
    let res = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": "admin", "password": ADMIN_PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let token = body["access_token"].as_str().unwrap();
    let me: Value = app
        .send(Method::GET, "/api/v1/me", Some(token), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["roles"], json!(["admin"]));
}

#[tokio::test]
async fn wrong_user_and_wrong_password_get_the_same_401() {
    let app = spawn_app().await;
    let wrong_password = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": "admin", "password": "nope-nope"})),
        )
        .await;
    let wrong_user = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": "nadie", "password": "nope-nope"})),
        )
        .await;
    let a = problem(wrong_password, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let b = problem(wrong_user, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert_eq!(a, b);
}

#[tokio::test]
async fn every_bad_token_gets_401() {
    let app = spawn_app().await;
    let (admin_id, good) = {
        let token = app.admin_token().await;
        let me: Value = app
            .send(Method::GET, "/api/v1/me", Some(&token), None)
            .await
            .json()
            .await
            .unwrap();
        (me["id"].as_str().unwrap().to_string(), token)
    };
    let payload = good.split('.').nth(1).unwrap().to_string();
    let mut tampered = good.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let cases: Vec<(&str, Option<String>)> = vec![
        ("missing", None),
        (
            "not bearer",
            Some(format!("Basic {}", URL_SAFE_NO_PAD.encode("admin:x"))),
        ),
        ("garbage", Some("Bearer not.a.token".into())),
        (
            "expired",
            Some(format!(
                "Bearer {}",
                forge(
                    &claims(&admin_id, -3600, "tramites", "tramites-api"),
                    JWT_SECRET
                )
            )),
        ),
        ("tampered", Some(format!("Bearer {tampered}"))),
        (
            "alg none",
            Some(format!(
                "Bearer {}.{payload}.",
                URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#)
            )),
        ),
        (
            "alg RS256 header",
            Some(format!(
                "Bearer {}.{payload}.{}",
                URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
                good.split('.').nth(2).unwrap()
            )),
        ),
        (
            "other secret",
            Some(format!(
                "Bearer {}",
                forge(
                    &claims(&admin_id, 600, "tramites", "tramites-api"),
                    "another-secret"
                )
            )),
        ),
        (
            "wrong audience",
            Some(format!(
                "Bearer {}",
                forge(
                    &claims(&admin_id, 600, "tramites", "someone-else"),
                    JWT_SECRET
                )
            )),
        ),
        (
            "wrong issuer",
            Some(format!(
                "Bearer {}",
                forge(&claims(&admin_id, 600, "evil", "tramites-api"), JWT_SECRET)
            )),
        ),
        (
            "unknown user",
            Some(format!(
                "Bearer {}",
                forge(
                    &claims(
                        &uuid::Uuid::new_v4().to_string(),
                        600,
                        "tramites",
                        "tramites-api"
                    ),
                    JWT_SECRET
                )
            )),
        ),
    ];
    for (name, header) in cases {
        let mut req = app.client.get(app.url("/api/v1/me"));
        if let Some(h) = header {
            req = req.header("Authorization", h);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "case {name}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "case {name}"
        );
    }
    // The control: a token forged with the right secret and claims is accepted.
    let ok = forge(
        &claims(&admin_id, 600, "tramites", "tramites-api"),
        JWT_SECRET,
    );
    assert_eq!(
        app.send(Method::GET, "/api/v1/me", Some(&ok), None)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_blocked_account_loses_access_at_once() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (id, token) = app.user_with("ana", &["committee"]).await;
    assert_eq!(
        app.send(Method::GET, "/api/v1/me", Some(&token), None)
            .await
            .status(),
        StatusCode::OK
    );
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    problem(
        app.send(Method::GET, "/api/v1/me", Some(&token), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let res = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": "ana", "password": "ana-password"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_valid_token_without_the_role_gets_403() {
    let app = spawn_app().await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    problem(
        app.post(
            "/api/v1/procedures",
            &director,
            &procedure_body("MT-1", json!({})),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        app.send(Method::GET, "/api/v1/users", Some(&committee), None)
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let body = json!({"username": "x-user", "display_name": "X", "email": "x@x.gt", "password": "12345678", "roles": []});
    problem(
        app.post("/api/v1/users", &committee, &body).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let id = uuid::Uuid::new_v4();
    problem(
        app.send(
            Method::PATCH,
            &format!("/api/v1/procedures/{id}"),
            Some(&director),
            Some(&json!({})),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn identity_and_role_are_checked_before_the_body() {
    let app = spawn_app().await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let huge = "x".repeat(2 * 1024 * 1024);
    for body in ["{not json", huge.as_str(), r#"{"code": 5}"#] {
        let res = app
            .client
            .post(app.url("/api/v1/procedures"))
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        problem(res, StatusCode::UNAUTHORIZED, "unauthorized").await;
        let res = app
            .client
            .post(app.url("/api/v1/procedures"))
            .bearer_auth(&director)
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        problem(res, StatusCode::FORBIDDEN, "forbidden").await;
    }
}

#[tokio::test]
async fn repeated_failed_logins_are_answered_429() {
    let app = spawn_app_with(json!({"login_max_failures_per_user": 3})).await;
    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            app.send(
                Method::POST,
                "/api/v1/auth/token",
                None,
                Some(&json!({"username": "admin", "password": password})),
            )
            .await
        }
    };
    for _ in 0..3 {
        assert_eq!(
            attempt("wrong-password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let res = attempt(ADMIN_PASSWORD).await;
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    problem(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[tokio::test]
async fn many_failures_from_one_address_are_answered_429_for_every_user() {
    let app = spawn_app_with(json!({"login_max_failures_per_address": 4})).await;
    for i in 0..4 {
        let body = json!({"username": format!("user{i}"), "password": "x-x-x-x-x"});
        assert_eq!(
            app.send(Method::POST, "/api/v1/auth/token", None, Some(&body))
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let body = json!({"username": "admin", "password": ADMIN_PASSWORD});
    problem(
        app.send(Method::POST, "/api/v1/auth/token", None, Some(&body))
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    )
    .await;
}
