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

/// PostgreSQL: a batch places its texts before it takes the write lock. A regrouping (here made
/// by hand, as a rebuild or split would: a comment moved to another group, the generation
/// bumped) committed while the batch waited for the lock must not leave the batch's comment in
/// the group it replaced. SQLite's batches hold the lock from their start, placement included.
#[tokio::test]
async fn a_batch_placed_before_a_regrouping_committed_is_placed_again() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, serde_json::json!({})).await;
    let id = c["id"].as_str().unwrap().to_string();
    let letter = send(&app, &id, LETTER).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let lock = tramites::db::WRITE_LOCK;
    let mut other = app.db.connect();
    other
        .batch_execute(&format!("SELECT pg_advisory_lock({lock})"))
        .unwrap();
    // The copy is placed in the letter's campaign, inserted, and waits for the lock.
    let base = app.address.clone();
    let (consultation, copy_text) = (id.clone(), format!("{LETTER}. Atentamente, Ana Pérez"));
    let pending = tokio::spawn(async move { send_to(&base, &consultation, &copy_text).await });
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    other
        .batch_execute(&format!(
            "BEGIN; \
             UPDATE comments SET group_key = 'regrouped' WHERE id = '{letter}'; \
             INSERT INTO comment_groups (consultation_id, group_key, published, size) \
                 VALUES ('{id}', 'regrouped', 0, 1); \
             UPDATE consultation_counts SET campaign_generation = campaign_generation + 1 \
                 WHERE consultation_id = '{id}'; \
             COMMIT; \
             SELECT pg_advisory_unlock({lock});"
        ))
        .unwrap();
    let copy = pending.await.unwrap();
    let received = staff_comments(&app, &s.committee, &id, "received").await;
    assert_eq!(
        campaign_of(&received, &copy),
        letter,
        "placed again in the letter's campaign as regrouped"
    );
}
