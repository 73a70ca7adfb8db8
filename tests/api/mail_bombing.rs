//! Nobody can make the service e-mail an address over and over: one subscription
//! confirmation a day (whatever the letters' case), and a few receipts a day to an address
//! typed into the forms.

use std::net::TcpListener;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{procedure_body, TestDb};
use crate::notifications::{app_with_smtp, smtp_sink, to, wait_for};
use crate::walks::{comment, open_consultation, setup};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_again_sends_no_more_confirmations_and_receipts_stop_at_three_a_day() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = smtp_sink(listener);
    let app = app_with_smtp(TestDb::new(), port).await;
    let s = setup(&app).await;
    let other = app
        .create_procedure(&s.committee, &procedure_body("AVISO-9", json!({})))
        .await;
    let id = other["id"].as_str().unwrap();
    for i in 0..30 {
        let email = if i % 2 == 0 {
            "victima@correo.gt"
        } else {
            "Victima@Correo.GT"
        };
        let res = app
            .client
            .post(app.url(&format!("/api/v1/procedures/{id}/subscriptions")))
            .json(&json!({ "email": email }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::ACCEPTED);
    }
    let consultation = open_consultation(&app, &s, json!({})).await;
    let c = consultation["id"].as_str().unwrap();
    for i in 0..6 {
        let res = comment(
            &app,
            c,
            json!({"body": format!("Comentario {i}"), "email": if i % 2 == 0 { "victima@correo.gt" } else { "VICTIMA@correo.gt" }}),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let receipts = wait_for(
        &mails,
        |m| to(m, "victima@correo.gt") && m.subject.starts_with("Recibimos su comentario"),
        3,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let all = mails.lock().unwrap().clone();
    let to_victim: Vec<_> = all
        .iter()
        .filter(|m| {
            m.to.iter()
                .any(|t| t.eq_ignore_ascii_case("victima@correo.gt"))
        })
        .collect();
    let confirmations = to_victim
        .iter()
        .filter(|m| m.subject.starts_with("Confirme su suscripción"))
        .count();
    assert_eq!(confirmations, 1, "one confirmation link for 30 requests");
    assert_eq!(receipts.len(), 3, "three receipts of six comments");
    assert_eq!(
        to_victim.len(),
        4,
        "{:?}",
        to_victim.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    // One subscription, not one per spelling of the address.
    let mut conn = app.db.connect();
    use diesel::prelude::*;
    use tramites::db::schema::subscriptions;
    let rows: i64 = subscriptions::table
        .filter(subscriptions::procedure_id.eq(id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(rows, 1);
}
