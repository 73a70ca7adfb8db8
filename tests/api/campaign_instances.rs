//! Campaigns across processes (issue 36), on both backends: a writer that starts over stored
//! comments loads their signatures from the comments' rows, and a writer catches up with the
//! texts another process placed, found by their audit entries.

use serde_json::Value;

use crate::audit::api_verify;
use crate::binary::{serve, stop};
use crate::campaigns::{campaign_of, send, staff_comments, LETTER, OTHER};
use crate::consultations::*;
use crate::helpers::spawn_app;

async fn send_to(base: &str, consultation: &str, body: &str) -> String {
    let res = reqwest::Client::new()
        .post(format!(
            "{base}/api/v1/consultations/{consultation}/comments"
        ))
        .json(&serde_json::json!({ "body": body }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    let sent: Value = res.json().await.unwrap();
    sent["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn near_duplicates_join_the_campaigns_another_process_started() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, serde_json::json!({})).await;
    let id = c["id"].as_str().unwrap();
    let letter = send(&app, id, LETTER).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    // A second process over the same database: it knows the letter only from its row.
    let other = serve(&app.db, None).await;
    let copy = send_to(
        &other.base,
        id,
        &format!("{LETTER}. Atentamente, María López"),
    )
    .await;
    let started = send_to(&other.base, id, OTHER).await;
    // The first process has the letter in memory and must catch up with what the second placed.
    let joined = send(
        &app,
        id,
        &format!("{OTHER}. Firmado: Cámara de Comercio de Occidente"),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    stop(other);

    let received = staff_comments(&app, &s.committee, id, "received").await;
    let campaign_of = |cid: &str| campaign_of(&received, cid);
    assert_eq!(campaign_of(&copy), letter, "loaded from the stored rows");
    assert_eq!(campaign_of(&started), started, "a new argument");
    assert_eq!(
        campaign_of(&joined),
        started,
        "caught up with the other process"
    );
    let report = api_verify(&app, &s.director).await;
    assert_eq!(report["valid"], true, "{report}");
}
