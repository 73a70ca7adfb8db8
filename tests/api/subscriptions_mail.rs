//! Subscriptions, reminders and delivery failures, through a real SMTP server on loopback.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{procedure_body, spawn_app_on, TestDb};

use crate::notifications::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribers_confirm_hear_of_consultations_and_leave_with_one_click() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = smtp_sink(listener);
    let app = app_with_smtp(TestDb::new(), port).await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("SUB-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{id}/subscriptions")))
        .json(&json!({"email": "vecino@correo.gt"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let confirm = wait_for(
        &mails,
        |m| m.subject.starts_with("Confirme su suscripción"),
        1,
    )
    .await;
    let link = confirm[0]
        .text
        .split_whitespace()
        .find(|w| w.contains("/suscripcion/confirmar?token="))
        .unwrap()
        .to_string();
    let path = link.trim_start_matches("http://tramites.test");
    let token = path.split("token=").nth(1).unwrap();
    // Opening the link (as a mail scanner would) only shows the button, and never the token.
    let page = app.get(path).await.text().await.unwrap();
    assert!(page.contains("Confirmar aviso"), "{page}");
    assert!(!page.contains(token), "the page must not print the token");
    app.walk(
        &committee,
        &director,
        id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    // Not confirmed yet: a consultation opening tells nobody.
    app.post(
        &format!("/api/v1/procedures/{id}/consultations"),
        &committee,
        &json!({"title": "Primera", "proposal_text": "P"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(mails
        .lock()
        .unwrap()
        .iter()
        .all(|m| !m.subject.starts_with("Consulta pública abierta")));
    // The button posts to the page's own address.
    let res = app.client.post(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Aviso confirmado"));
    let opened = wait_for(
        &mails,
        |m| m.subject.starts_with("Consulta pública abierta"),
        1,
    )
    .await;
    assert_eq!(opened.len(), 1, "told once about the open consultation");
    assert!(to(&opened[0], "vecino@correo.gt"));
    let unsubscribe = opened[0]
        .unsubscribe
        .clone()
        .expect("List-Unsubscribe header");
    let url = unsubscribe
        .trim_matches(|c| c == '<' || c == '>')
        .trim_start_matches("http://tramites.test")
        .to_string();
    assert!(opened[0].text.contains("Para no recibir más avisos"));
    // The notice leads to the consultation's public page, with its closing date in words.
    assert!(
        opened[0].text.contains("http://tramites.test/consultas/")
            && opened[0].text.contains("(hora de Guatemala)"),
        "{}",
        opened[0].text
    );
    assert!(url.starts_with("/suscripcion/baja?token="), "{url}");
    // RFC 8058 one-click: a POST to the header's address with this exact body.
    let res = app
        .client
        .post(app.url(&url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("no recibirá más avisos"));
    app.post(
        &format!("/api/v1/procedures/{id}/consultations"),
        &committee,
        &json!({"title": "Segunda", "proposal_text": "P"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let count = mails
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.subject.starts_with("Consulta pública abierta"))
        .count();
    assert_eq!(count, 1, "nothing after unsubscribing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_once_per_stage_entry_even_with_two_instances_ticking() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = smtp_sink(listener);
    let db = TestDb::new();
    let first = app_with_smtp(db.clone(), port).await;
    let second = app_with_smtp(db.clone(), port).await;
    let (_, committee) = first.user_with("comite", &["committee"]).await;
    first
        .create_procedure(&committee, &procedure_body("REM-1", json!({})))
        .await;
    // Inventory lasts 30 days; reminders start 7 days before.
    for app in [&first, &second] {
        app.clock.advance(chrono::Duration::days(24));
    }
    let soon = wait_for(&mails, |m| m.subject.starts_with("Plazo próximo"), 1).await;
    assert_eq!(soon.len(), 1, "one reminder although two instances tick");
    assert!(to(&soon[0], "comite@mintrabajo.gob.gt"));
    assert!(
        soon[0]
            .text
            .contains("La etapa «Inventario y priorización» del trámite REM-1"),
        "{}",
        soon[0].text
    );
    // The date in words in the ministry's time zone, and the procedure's staff page.
    assert!(
        soon[0].text.contains("(hora de Guatemala)") && !soon[0].text.contains("Z."),
        "{}",
        soon[0].text
    );
    assert!(
        soon[0]
            .text
            .contains("http://tramites.test/gestion/tramites/"),
        "{}",
        soon[0].text
    );
    for app in [&first, &second] {
        app.clock.advance(chrono::Duration::days(7));
    }
    let late = wait_for(&mails, |m| m.subject.starts_with("Plazo vencido"), 1).await;
    assert_eq!(late.len(), 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let total = mails
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.subject.starts_with("Plazo"))
        .count();
    assert_eq!(total, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_smtp_server_down_events_commit_and_mail_waits_then_goes_once() {
    let port = free_port(); // nothing listens there yet
    let db = TestDb::new();
    let app = app_with_smtp(db.clone(), port).await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("DOWN-1", json!({})))
        .await;
    let res = app
        .post(
            &format!(
                "/api/v1/procedures/{}/transitions",
                p["id"].as_str().unwrap()
            ),
            &committee,
            &json!({"transition": "start_analysis"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::ACCEPTED,
        "the event commits while mail is down"
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mut conn = db.connect();
    let pending = tramites::notify::by_status(&mut conn, "pending").unwrap();
    assert_eq!(pending.len(), 1);
    assert!(
        pending[0].attempts >= 1 && pending[0].last_error.is_some(),
        "{pending:?}"
    );
    // The server comes back; after the backoff the message goes, once.
    let mails = smtp_sink(TcpListener::bind(("127.0.0.1", port)).unwrap());
    app.clock.advance(chrono::Duration::minutes(10));
    let delivered = wait_for(&mails, |m| m.subject.starts_with("Aprobación pendiente"), 1).await;
    assert_eq!(delivered.len(), 1);
    assert_eq!(
        delivered[0].message_id, pending[0].message_id,
        "the same Message-ID as when first tried"
    );
    assert!(tramites::notify::by_status(&mut conn, "pending")
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn messages_that_keep_failing_are_marked_failed_and_retried_from_the_command_line() {
    let db = TestDb::new();
    let app = spawn_app_on(
        db.clone(),
        json!({"mail_transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_tls": "none",
               "notify_interval_ms": 50, "mail_retry_base_seconds": 0, "mail_max_attempts": 2}),
    )
    .await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("FAIL-1", json!({})))
        .await;
    app.post(
        &format!(
            "/api/v1/procedures/{}/transitions",
            p["id"].as_str().unwrap()
        ),
        &committee,
        &json!({"transition": "start_analysis"}),
    )
    .await;
    let mut conn = db.connect();
    let started = Instant::now();
    while tramites::notify::by_status(&mut conn, "failed")
        .unwrap()
        .is_empty()
    {
        // Leases hold a claimed message for five minutes: move the clock past them.
        app.clock.advance(chrono::Duration::minutes(6));
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "never marked failed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let failed = tramites::notify::by_status(&mut conn, "failed").unwrap();
    assert_eq!(failed[0].attempts, 2);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tramites"))
        .args(["outbox", "retry"])
        .env_remove("TRAMITES_CONFIG")
        .env("TRAMITES_DATABASE_URL", &db.url)
        .env("TRAMITES_DATA_DIR", db.dir().join("data"))
        .env("TRAMITES_WORKFLOWS_DIR", crate::helpers::workflows_dir())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 failed message(s) queued again"));
    assert!(tramites::notify::by_status(&mut conn, "failed")
        .unwrap()
        .is_empty());
}
