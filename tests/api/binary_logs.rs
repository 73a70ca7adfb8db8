//! Hardening seen from the binary: what its logs keep, `serve --demo` on a new database,
//! and verification without the audit key.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::binary::{free_port, serve, serve_with, stop, tramites, Served};
use crate::helpers::TestDb;

#[tokio::test]
async fn logs_keep_no_token_no_tracking_code_and_no_forged_or_citizen_address() {
    let db = TestDb::new();
    let served = serve(&db, Some("clave-del-operador-123")).await;
    let client = reqwest::Client::new();
    let base = &served.base;
    let forged = "203.0.113.77";
    let id = uuid::Uuid::new_v4();
    let _ = client
        .post(format!("{base}/api/v1/consultations/{id}/comments"))
        .header("X-Forwarded-For", forged)
        .json(&json!({"body": "hola"}))
        .send()
        .await
        .unwrap();
    let _ = client
        .get(format!(
            "{base}/api/v1/subscriptions/confirm?token=SECRETO-DE-ENLACE-123"
        ))
        .header("X-Forwarded-For", forged)
        .send()
        .await
        .unwrap();
    let _ = client
        .post(format!(
            "{base}/suscripcion/baja?token=SECRETO-DE-PAGINA-456"
        ))
        .send()
        .await
        .unwrap();
    let _ = client
        .get(format!("{base}/seguimiento/O-2026-PPPP-WWWW"))
        .send()
        .await
        .unwrap();
    let _ = client
        .get(format!(
            "{base}/api/v1/comments/by-tracking/C-2026-QQQQ-ZZZZ"
        ))
        .send()
        .await
        .unwrap();
    let res = client
        .post(format!("{base}/api/v1/auth/token"))
        .header("X-Forwarded-For", forged)
        .json(&json!({"username": "admin", "password": "clave-del-operador-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, err) = stop(served);
    assert!(
        err.contains("/api/v1/subscriptions/confirm"),
        "requests are logged: {err}"
    );
    for secret in [
        forged,
        "SECRETO-DE-ENLACE-123",
        "SECRETO-DE-PAGINA-456",
        "QQQQ-ZZZZ",
        "PPPP-WWWW",
    ] {
        assert!(!err.contains(secret), "the log holds {secret}:\n{err}");
    }
    assert!(
        err.contains("127.0.0.1"),
        "a sign-in's real address is logged"
    );
}

#[tokio::test]
async fn json_logs_give_one_object_a_line_with_request_id_route_status_and_duration() {
    let db = TestDb::new();
    let served = serve_with(&db, &[("TRAMITES_LOG_FORMAT", "json")]).await;
    let base = &served.base;
    let client = reqwest::Client::new();
    let id = uuid::Uuid::new_v4();
    let res = client
        .get(format!("{base}/api/v1/consultations/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let _ = client
        .get(format!(
            "{base}/seguimiento/C-2026-QQQQ-ZZZZ?token=SECRETO-789"
        ))
        .send()
        .await
        .unwrap();
    let (_, err) = stop(served);
    let lines: Vec<Value> = err
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let request = lines
        .iter()
        .map(|l| &l["span"])
        .find(|span| span["route"] == "/api/v1/consultations/{id}")
        .unwrap_or_else(|| panic!("no request line with its route: {err}"));
    assert_eq!(request["http.status_code"], 404);
    assert_eq!(request["method"], "GET");
    assert!(!request["request_id"].as_str().unwrap().is_empty());
    assert!(request["duration_ms"].as_f64().unwrap() >= 0.0, "{request}");
    assert!(
        lines
            .iter()
            .any(|l| l["span"]["route"] == "/seguimiento/{code}"),
        "{err}"
    );
    for secret in ["QQQQ-ZZZZ", "SECRETO-789"] {
        assert!(!err.contains(secret), "the log holds {secret}:\n{err}");
    }
}

#[tokio::test]
async fn serve_demo_on_a_new_database_creates_the_admin_with_the_configured_password() {
    let db = TestDb::new();
    let port = free_port();
    let child = tramites(&db)
        .args(["serve", "--demo"])
        .env("TRAMITES_BIND", format!("127.0.0.1:{port}"))
        .env("TRAMITES_ADMIN_PASSWORD", "clave-del-operador-demo")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while !reqwest::get(format!("{base}/readyz"))
        .await
        .is_ok_and(|r| r.status() == reqwest::StatusCode::OK)
    {
        assert!(started.elapsed() < Duration::from_secs(60), "not ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let served = Served { child, base };
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/token", served.base))
        .json(&json!({"username": "admin", "password": "clave-del-operador-demo"}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let (out, _) = stop(served);
    assert_eq!(status, 200, "admin signs in with TRAMITES_ADMIN_PASSWORD");
    assert!(
        !out.contains("clave-del-operador-demo"),
        "a configured password is not printed"
    );
}

#[tokio::test]
async fn verification_without_the_key_says_seals_were_not_checked() {
    let db = TestDb::new();
    let served = serve(&db, Some("clave-del-operador-123")).await;
    stop(served);
    std::fs::remove_file(db.dir().join("data/audit-signing.key")).unwrap();
    let out = tramites(&db).args(["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the hashes hold");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["sealed"], false);
    assert!(report["warning"]
        .as_str()
        .unwrap()
        .contains("seals were not checked"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WARNING"));
    let out = tramites(&db)
        .args(["audit", "verify", "--require-seals"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "seals required but not checkable"
    );
}
