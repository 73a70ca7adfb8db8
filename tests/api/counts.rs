//! A consultation's counts are counters changed with each comment, moderation and answer: they
//! must always equal a recount of the comments themselves.

use serde_json::{json, Value};

use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{spawn_app, spawn_app_with, TestApp};
use crate::walks::comment_answered;

pub(crate) async fn counters_match_a_recount(app: &TestApp, consultation: &str) -> Value {
    let api: Value = app
        .get(&format!("/api/v1/consultations/{consultation}"))
        .await
        .json()
        .await
        .unwrap();
    let mut conn = app.db.connect();
    let recount = tramites::usecases::consultations::recount(&mut conn, consultation).unwrap();
    let mut expected = serde_json::to_value(&recount).unwrap();
    let by_article = tramites::db::drafts::recount_articles(&mut conn, consultation).unwrap();
    expected["by_article"] = by_article
        .into_iter()
        .map(|(a, (received, published))| {
            (a, json!({"received": received, "published": published}))
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    assert_eq!(api["counts"], expected, "counters drifted");
    api["counts"].clone()
}

#[tokio::test]
async fn counters_follow_every_comment_moderation_and_answer() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for i in 0..15 {
        let r: Value = comment(&app, cid, json!({"body": format!("Texto {}", i % 4)}), None)
            .await
            .json()
            .await
            .unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    let counts = counters_match_a_recount(&app, cid).await;
    assert_eq!(
        (counts["received"].as_i64(), counts["distinct"].as_i64()),
        (Some(15), Some(4))
    );
    let moderate = |id: String, decision: &'static str| {
        let (app, token) = (&app, s.committee.clone());
        async move {
            let body = json!({"decision": decision, "reason": "spam"});
            let res = app
                .post(&format!("/api/v1/comments/{id}/moderation"), &token, &body)
                .await;
            assert_eq!(res.status(), 200);
        }
    };
    for id in &ids[..10] {
        moderate(id.clone(), "publish").await;
    }
    moderate(ids[10].clone(), "reject").await;
    counters_match_a_recount(&app, cid).await;
    // Answer group "Texto 0", then move comments in and out of publication around it.
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Respuesta"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    counters_match_a_recount(&app, cid).await;
    moderate(ids[4].clone(), "reject").await; // "Texto 0", answered, unpublished
    moderate(ids[12].clone(), "publish").await; // "Texto 0", published after the answer
    moderate(ids[10].clone(), "publish").await; // from withheld to published
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[8]),
            &s.committee,
            &json!({"body": "Otra"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Corregida"}),
        )
        .await;
    assert_eq!(res.status(), 200, "a second answer replaces the first");
    let counts = counters_match_a_recount(&app, cid).await;
    assert!(counts["answered"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn counters_hold_when_comments_are_published_on_receipt() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    comment_answered(&app, &s, cid, "Igual").await;
    comment(&app, cid, json!({"body": "igual"}), None).await;
    comment(&app, cid, json!({"body": "Distinto"}), None).await;
    let counts = counters_match_a_recount(&app, cid).await;
    assert_eq!(
        counts["answered"], 2,
        "a copy of an answered text counts as answered"
    );
}
