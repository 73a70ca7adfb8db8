//! Hardening of HTTP: headers on every answer, HEAD and 405, slow bodies, addresses believed
//! only from trusted proxies, idempotency keys scoped to their sender, and the head of a
//! chain whose comment text was altered.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_staff_answers_are_not_stored() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for (path, token) in [
        ("/healthz", None),
        ("/api/v1/procedures", None),
        ("/api/v1/no-such-thing", None),
        ("/api/v1/users", Some(admin.as_str())),
    ] {
        let res = app.send(Method::GET, path, token, None).await;
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert_eq!(
            h.get("cache-control").is_some_and(|v| v == "no-store"),
            token.is_some(),
            "{path}: no-store exactly for staff"
        );
    }
}

#[tokio::test]
async fn head_of_the_health_checks_and_405_with_allow_for_a_wrong_method() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let res = app.send(Method::HEAD, path, None, None).await;
        assert_eq!(res.status(), StatusCode::OK, "HEAD {path}");
    }
    let res = app
        .send(Method::DELETE, "/api/v1/procedures", None, None)
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()["allow"], "GET, POST");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let id = uuid::Uuid::new_v4();
    let res = app
        .send(Method::PUT, &format!("/api/v1/procedures/{id}"), None, None)
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()["allow"], "GET, PATCH");
    // A literal route beside a templated one: its own methods only.
    let res = app
        .send(Method::DELETE, "/api/v1/procedures/export", None, None)
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()["allow"], "GET");
    let res = app
        .send(Method::GET, "/api/v1/nothing/here", None, None)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_trickles_in_is_cut_off() {
    let app = spawn_app_with(json!({"request_timeout_seconds": 2})).await;
    let address = app.address.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let head = "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
        stream.write_all(head.as_bytes()).unwrap();
        // One byte a second: never the whole body.
        for _ in 0..8 {
            std::thread::sleep(Duration::from_secs(1));
            if stream.write_all(b" ").is_err() {
                break;
            }
        }
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    })
    .await
    .unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "cut off with 408: {answer:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(15));
}

/// Sends raw bytes on a new connection and reads the whole answer (the server closes it).
fn raw_exchange(address: &str, parts: &[&[u8]], pause: Duration) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    for part in parts {
        // The server may answer and close before it has read everything (431).
        let _ = stream.write_all(part);
        std::thread::sleep(pause);
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_made_below_the_application_are_problems_too() {
    let app = spawn_app_with(json!({"request_timeout_seconds": 2})).await;
    let address = app.address.trim_start_matches("http://").to_string();
    let answers =
        tokio::task::spawn_blocking(move || {
            let huge = format!("X-Big: {}\r\n", "a".repeat(300_000));
            vec![
            // An unparsable request line.
            raw_exchange(&address, &[b"GARBAGE / HTTP/1.1\r\n\r\n"], Duration::ZERO),
            // A malformed Content-Length.
            raw_exchange(
                &address,
                &[b"POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n"],
                Duration::ZERO,
            ),
            // Headers larger than the server accepts.
            raw_exchange(
                &address,
                &[b"GET /healthz HTTP/1.1\r\nHost: x\r\n", huge.as_bytes(), b"\r\n"],
                Duration::ZERO,
            ),
            // A head that never ends.
            raw_exchange(
                &address,
                &[b"GET /healthz HTTP/1.1\r\n", b"Host: x\r\n"],
                Duration::from_millis(1500),
            ),
        ]
        })
        .await
        .unwrap();
    for (answer, status, code) in [
        (&answers[0], 400, "bad_request"),
        (&answers[1], 400, "bad_request"),
        (&answers[2], 431, "request_header_fields_too_large"),
        (&answers[3], 408, "request_timeout"),
    ] {
        let (head, body) = answer
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("an answer: {answer:?}"));
        assert!(
            head.starts_with(&format!("HTTP/1.1 {status} ")),
            "{status}: {head}"
        );
        let head = head.to_ascii_lowercase();
        assert!(
            head.contains("content-type: application/problem+json"),
            "{head}"
        );
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let problem: Value = serde_json::from_str(body).unwrap();
        assert_eq!(problem["status"], status);
        assert_eq!(problem["code"], code);
    }
    // The application's own answers are untouched by the wrapper.
    let res = app.send(Method::GET, "/healthz", None, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "ok");
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    // Not trusted (the default): a forged X-Forwarded-For does not buy a fresh quota.
    let app = spawn_app_with(json!({"comment_limit_per_hour": 2, "comment_burst": 2})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let url = app.url(&format!(
        "/api/v1/consultations/{}/comments",
        c["id"].as_str().unwrap()
    ));
    let send = |from: &'static str| {
        let (client, url) = (app.client.clone(), url.clone());
        async move {
            client
                .post(url)
                .header("X-Forwarded-For", from)
                .json(&json!({"body": "hola"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let statuses = [
        send("198.51.100.1").await,
        send("198.51.100.2").await,
        send("198.51.100.3").await,
    ];
    assert_eq!(statuses[2], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    // Behind a trusted proxy each citizen has their own quota.
    let app = spawn_app_with(json!({"comment_limit_per_hour": 2, "comment_burst": 2,
                                    "trusted_proxies": ["127.0.0.1"]}))
    .await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let url = app.url(&format!(
        "/api/v1/consultations/{}/comments",
        c["id"].as_str().unwrap()
    ));
    for from in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        let res = app
            .client
            .post(&url)
            .header("X-Forwarded-For", from)
            .json(&json!({"body": "hola"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED, "{from}");
    }
}

#[tokio::test]
async fn an_idempotency_key_returns_a_receipt_only_to_its_sender() {
    let app = spawn_app_with(json!({"trusted_proxies": ["127.0.0.1"]})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let url = app.url(&format!(
        "/api/v1/consultations/{}/comments",
        c["id"].as_str().unwrap()
    ));
    let send = |from: &'static str, body: &'static str| {
        let (client, url) = (app.client.clone(), url.clone());
        async move {
            let res = client
                .post(url)
                .header("X-Forwarded-For", from)
                .header("Idempotency-Key", "clave-compartida-1")
                .json(&json!({"body": body}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::CREATED);
            res.json::<Value>().await.unwrap()["tracking_code"].clone()
        }
    };
    let citizen = send("198.51.100.10", "Mi comentario").await;
    let again = send("198.51.100.10", "Mi comentario").await;
    assert_eq!(citizen, again, "the sender's repeat gets the first receipt");
    let other = send("198.51.100.99", "Otro texto").await;
    assert_ne!(
        other, citizen,
        "another sender never gets the citizen's code"
    );
}

#[tokio::test]
async fn an_altered_comment_reports_the_head_of_the_entries_it_checked() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let r: Value = comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "Original"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "Después"}),
        None,
    )
    .await;
    use diesel::prelude::*;
    use tramites::db::schema::{audit_log, comments};
    let mut conn = app.db.connect();
    let seq: i64 = audit_log::table
        .filter(audit_log::subject_id.eq(r["id"].as_str().unwrap()))
        .select(audit_log::seq)
        .first(&mut conn)
        .unwrap();
    let before: String = audit_log::table
        .find(seq - 1)
        .select(audit_log::hash)
        .first(&mut conn)
        .unwrap();
    diesel::update(comments::table.find(r["id"].as_str().unwrap()))
        .set(comments::body.eq("Cambiado"))
        .execute(&mut conn)
        .unwrap();
    let report = tramites::usecases::audit::verify(&mut conn, Some(&app.db.audit_keys())).unwrap();
    assert_eq!(report.first_invalid_seq, Some(seq));
    assert_eq!(report.entries, seq - 1);
    assert_eq!(
        report.head_hash, before,
        "the head of the entries found intact"
    );
}
