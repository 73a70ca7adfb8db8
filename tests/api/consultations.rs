//! Public consultations and citizens' comments, on both backends.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app};

pub(crate) use crate::walks::{comment, open_consultation, proposal, setup, Setup};

#[tokio::test]
async fn consultations_open_only_in_regulation_change_and_close_a_calendar_month_later() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let other = app
        .create_procedure(&s.committee, &procedure_body("CONS-2", json!({})))
        .await;
    let res = app
        .post(
            &format!(
                "/api/v1/procedures/{}/consultations",
                other["id"].as_str().unwrap()
            ),
            &s.committee,
            &proposal(json!({})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "consultation_not_allowed").await;
    let res = app
        .post(
            &format!("/api/v1/procedures/{}/consultations", s.procedure),
            &s.committee,
            &proposal(json!({"opens_at": "2020-01-01T00:00:00Z"})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let res = app
        .post(
            &format!("/api/v1/procedures/{}/consultations", s.procedure),
            &s.director,
            &proposal(json!({})),
        )
        .await;
    problem(res, StatusCode::FORBIDDEN, "forbidden").await;

    let c = open_consultation(&app, &s, json!({"opens_at": "2030-01-31T10:00:00-06:00"})).await;
    assert_eq!(c["status"], "scheduled");
    assert_eq!(c["opens_at"], "2030-01-31T16:00:00.000000Z");
    // 28 February 2030, 23:59:59 in Guatemala (UTC-6).
    assert_eq!(c["closes_at"], "2030-03-01T05:59:59.000000Z");
    assert_eq!(
        c["proposal_text"],
        "## Propuesta\n\nEl registro se hará **en línea**."
    );
    let now_opened = open_consultation(&app, &s, json!({})).await;
    assert_eq!(now_opened["status"], "open");
    let open: Value = app
        .get("/api/v1/consultations?status=open")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open["items"].as_array().unwrap().len(), 1);
    let scheduled: Value = app
        .get("/api/v1/consultations?status=scheduled")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(scheduled["items"][0]["id"], c["id"]);
}

#[tokio::test]
async fn comments_are_accepted_only_while_open() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let later = open_consultation(
        &app,
        &s,
        json!({"opens_at": (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339()}),
    )
    .await;
    let res = comment(
        &app,
        later["id"].as_str().unwrap(),
        json!({"body": "Muy bien"}),
        None,
    )
    .await;
    problem(res, StatusCode::CONFLICT, "consultation_not_open").await;

    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let res = comment(
        &app,
        id,
        json!({"body": "  Que no pidan copia del DPI  ", "email": "ana@correo.gt"}),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["status"], "received");
    let code = receipt["tracking_code"].as_str().unwrap();
    assert!(
        code.starts_with(&format!("C-{}-", chrono::Utc::now().format("%Y"))),
        "{code}"
    );
    assert_eq!(code.len(), 18);
    let tracked: Value = app
        .get(&format!(
            "/api/v1/comments/by-tracking/{}",
            code.to_lowercase()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "received");
    assert!(!tracked.to_string().contains("ana@correo.gt"));

    for body in [
        json!({"body": ""}),
        json!({"body": "   \n\t "}),
        json!({"body": "x".repeat(10_001)}),
    ] {
        problem(
            comment(&app, id, body, None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
    }
    assert_eq!(
        comment(&app, id, json!({"body": "y".repeat(10_000)}), None)
            .await
            .status(),
        StatusCode::CREATED
    );

    // A month and a bit later it has closed.
    app.clock.advance(chrono::Duration::days(33));
    problem(
        comment(&app, id, json!({"body": "Tarde"}), None).await,
        StatusCode::CONFLICT,
        "consultation_closed",
    )
    .await;
    let c: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["status"], "closed");
    assert_eq!(c["received"], 2);
}

#[tokio::test]
async fn a_repeated_idempotency_key_returns_the_first_answer_and_stores_nothing() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let first: Value = comment(&app, id, json!({"body": "Uno"}), Some("k-123"))
        .await
        .json()
        .await
        .unwrap();
    let res = comment(&app, id, json!({"body": "Uno"}), Some("k-123")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: Value = res.json().await.unwrap();
    assert_eq!(first, second);
    let c: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["received"], 1);
}

/// On PostgreSQL comments carry no foreign key to their consultation (its per-row check cost
/// a tenth of the database's CPU under load); the database refuses to delete a consultation
/// instead, on both backends, before and after it has comments.
#[tokio::test]
async fn the_database_refuses_to_delete_a_consultation_so_no_comment_loses_it() {
    use diesel::RunQueryDsl;
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut conn = app.db.connect();
    let delete = format!("DELETE FROM consultations WHERE id = '{id}'");
    let refused = diesel::sql_query(&delete).execute(&mut conn).unwrap_err();
    assert!(
        refused.to_string().contains("never deleted"),
        "without comments: {refused}"
    );
    let res = comment(&app, id, json!({"body": "Que sea en línea"}), None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let refused = diesel::sql_query(&delete).execute(&mut conn).unwrap_err();
    assert!(
        refused.to_string().contains("never deleted"),
        "with a comment: {refused}"
    );
    if app.db.is_postgres() {
        let truncate = diesel::sql_query("TRUNCATE consultations CASCADE").execute(&mut conn);
        assert!(truncate.is_err(), "TRUNCATE is refused too");
    }
    let code = receipt["tracking_code"].as_str().unwrap();
    let tracked = app
        .get(&format!("/api/v1/comments/by-tracking/{code}"))
        .await;
    assert_eq!(tracked.status(), StatusCode::OK);
    let c: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["received"], 1);
}
