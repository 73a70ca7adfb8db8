//! Subscribers' notices of a consultation (contract section "Reach", issue 37), through a real
//! SMTP server on loopback and two instances on one database: the opening, a reminder
//! `reminder_days_before` (3) days before it closes and the final text, each once.

use std::net::TcpListener;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::json;
use tramites::clock::Clock;

use crate::drafts::{DRAFT, FINAL};
use crate::helpers::{procedure_body, TestDb};
use crate::notifications::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_hears_of_the_opening_three_days_before_the_close_and_the_final_text_once() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = smtp_sink(listener);
    let db = TestDb::new();
    let first = app_with_smtp(db.clone(), port).await;
    let second = app_with_smtp(db.clone(), port).await;
    let (_, committee) = first.user_with("comite", &["committee"]).await;
    let (_, director) = first.user_with("directora", &["director"]).await;
    let p = first
        .create_procedure(&committee, &procedure_body("AVI-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    let res = first
        .client
        .post(first.url(&format!("/api/v1/procedures/{id}/subscriptions")))
        .json(&json!({"email": "vecina@correo.gt"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let confirm = wait_for(&mails, |m| m.subject.starts_with("Confirme"), 1).await;
    let link = confirm[0]
        .text
        .split_whitespace()
        .find(|w| w.contains("/suscripcion/confirmar?token="))
        .unwrap()
        .trim_start_matches("http://tramites.test")
        .to_string();
    let res = first.client.post(first.url(&link)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    first
        .walk(
            &committee,
            &director,
            id,
            &["start_analysis", "authorize_simplification"],
        )
        .await;
    let c = first
        .open_consultation(
            &committee,
            id,
            &json!({"title": "Contratos sin papel", "proposal_text": DRAFT}),
        )
        .await;
    let cid = c["id"].as_str().unwrap().to_string();
    let opened = wait_for(
        &mails,
        |m| m.subject.starts_with("Consulta pública abierta"),
        1,
    )
    .await;
    assert_eq!(opened.len(), 1);

    // Four days before the close: no reminder yet; two days before: one, from two instances.
    let closes = DateTime::parse_from_rfc3339(c["closes_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    let to_four_days = closes - first.clock.now() - chrono::Duration::days(4);
    for app in [&first, &second] {
        app.clock.advance(to_four_days);
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    let closing = |m: &Mail| m.subject.starts_with("Quedan pocos días para comentar");
    assert_eq!(
        mails.lock().unwrap().iter().filter(|m| closing(m)).count(),
        0
    );
    for app in [&first, &second] {
        app.clock.advance(chrono::Duration::days(2));
    }
    let reminded = wait_for(&mails, closing, 1).await;
    assert_eq!(reminded.len(), 1, "once, although two instances tick");
    assert!(to(&reminded[0], "vecina@correo.gt"));
    assert!(reminded[0].unsubscribe.is_some(), "one-click unsubscribe");
    assert!(reminded[0].text.contains(&format!("/consultas/{cid}")));

    // The final text, once published, is announced once.
    for app in [&first, &second] {
        app.clock.advance(chrono::Duration::days(5));
    }
    let committee = first.login("comite", "comite-password").await;
    let res = first
        .post(
            &format!("/api/v1/consultations/{cid}/final-text"),
            &committee,
            &json!({"text": FINAL}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let news = wait_for(
        &mails,
        |m| m.subject.starts_with("Texto final publicado"),
        1,
    )
    .await;
    assert_eq!(news.len(), 1);
    assert!(news[0]
        .text
        .contains(&format!("/consultas/{cid}/texto-final")));
    tokio::time::sleep(Duration::from_millis(700)).await;
    let all = mails.lock().unwrap().clone();
    for subject in [
        "Consulta pública abierta",
        "Quedan pocos días",
        "Texto final publicado",
    ] {
        assert_eq!(
            all.iter()
                .filter(|m| m.subject.starts_with(subject))
                .count(),
            1,
            "{subject}"
        );
    }
}
