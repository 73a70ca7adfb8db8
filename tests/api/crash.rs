//! Kill -9 during a surge of comments: every comment answered 201 survives, and the audit chain
//! verifies after restart. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, workflows_dir, TestDb};

fn start(db: &TestDb, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tramites"))
        .arg("serve")
        .current_dir(db.dir())
        .env_remove("TRAMITES_CONFIG")
        .env("TRAMITES_DATABASE_URL", &db.url)
        .env("TRAMITES_BIND", format!("127.0.0.1:{port}"))
        .env("TRAMITES_DATA_DIR", db.dir().join("data"))
        .env("TRAMITES_WORKFLOWS_DIR", workflows_dir())
        .env("TRAMITES_ADMIN_PASSWORD", "crash-admin-password")
        .env("TRAMITES_COMMENT_LIMIT_PER_HOUR", "0")
        // The test looks every acknowledged code up from one address.
        .env("TRAMITES_TRACKING_LOOKUPS_PER_MINUTE", "0")
        .env("TRAMITES_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn ready(base: &str) {
    let started = Instant::now();
    while reqwest::get(format!("{base}/readyz"))
        .await
        .map(|r| r.status())
        .ok()
        != Some(StatusCode::OK)
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server not ready"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn call(client: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Value {
    let mut req = client.post(url).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_comment_survives_a_kill_9() {
    let db = TestDb::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db, port);
    ready(&base).await;
    let client = reqwest::Client::new();
    let login = |u: &'static str, p: &'static str| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let r = call(
                &client,
                format!("{base}/api/v1/auth/token"),
                None,
                json!({"username": u, "password": p}),
            )
            .await;
            r["access_token"].as_str().unwrap().to_string()
        }
    };
    let admin = login("admin", "crash-admin-password").await;
    for (u, role) in [("comite", "committee"), ("directora", "director")] {
        call(&client, format!("{base}/api/v1/users"), Some(&admin),
             json!({"username": u, "display_name": u, "email": format!("{u}@x.gt"), "password": "crash-password", "roles": [role]})).await;
    }
    let committee = login("comite", "crash-password").await;
    let director = login("directora", "crash-password").await;
    let p = call(
        &client,
        format!("{base}/api/v1/procedures"),
        Some(&committee),
        procedure_body("CRASH-1", json!({})),
    )
    .await;
    let pid = p["id"].as_str().unwrap();
    for t in ["start_analysis", "authorize_simplification"] {
        let r = call(
            &client,
            format!("{base}/api/v1/procedures/{pid}/transitions"),
            Some(&committee),
            json!({"transition": t}),
        )
        .await;
        call(
            &client,
            format!(
                "{base}/api/v1/transition-requests/{}/approve",
                r["id"].as_str().unwrap()
            ),
            Some(&director),
            json!({}),
        )
        .await;
    }
    let c = call(
        &client,
        format!("{base}/api/v1/procedures/{pid}/consultations"),
        Some(&committee),
        json!({"title": "Crash", "proposal_text": "Propuesta"}),
    )
    .await;
    let cid = c["id"].as_str().unwrap().to_string();

    // 16 clients send comments until the server dies; each records what was acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut clients = Vec::new();
    for w in 0..16 {
        let (client, url, acknowledged) = (
            client.clone(),
            format!("{base}/api/v1/consultations/{cid}/comments"),
            acknowledged.clone(),
        );
        clients.push(tokio::spawn(async move {
            for i in 0.. {
                let sent = client
                    .post(&url)
                    .json(&json!({"body": format!("comentario {w}-{i}")}))
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status() == StatusCode::CREATED => {
                        let receipt: Value = match res.json().await {
                            Ok(v) => v,
                            Err(_) => return,
                        };
                        acknowledged
                            .lock()
                            .unwrap()
                            .push(receipt["tracking_code"].as_str().unwrap().to_string());
                    }
                    Ok(res) => assert!(res.status().is_success(), "unexpected {}", res.status()),
                    Err(_) => return,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    for c in clients {
        c.await.unwrap();
    }
    let codes = acknowledged.lock().unwrap().clone();
    assert!(
        codes.len() > 20,
        "the load ran ({} acknowledged)",
        codes.len()
    );
    eprintln!(
        "crash test: {} comments acknowledged before SIGKILL",
        codes.len()
    );

    let mut server = start(&db, port);
    ready(&base).await;
    for code in &codes {
        let res = client
            .get(format!("{base}/api/v1/comments/by-tracking/{code}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "comment {code} was acknowledged but is missing"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tramites"))
        .args(["audit", "verify"])
        .current_dir(db.dir())
        .env_remove("TRAMITES_CONFIG")
        .env("TRAMITES_DATABASE_URL", &db.url)
        .env("TRAMITES_DATA_DIR", db.dir().join("data"))
        .env("TRAMITES_WORKFLOWS_DIR", workflows_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["entries"].as_i64().unwrap() >= codes.len() as i64);
}
