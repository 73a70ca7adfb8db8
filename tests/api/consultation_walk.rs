//! A procedure walked to closed through its consultation, comment texts in the audit chain, and the per-address limit.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, spawn_app_with};

use crate::consultations::*;

#[tokio::test]
async fn a_procedure_walks_from_inventory_to_closed_through_its_consultation() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let p = &s.procedure;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let r: Value = comment(&app, cid, json!({"body": "Que sea en línea"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        r["status"], "published",
        "published on receipt when so configured"
    );
    let propose = |token: &str, t: &'static str| {
        let (app, token, p) = (&app, token.to_string(), p.clone());
        async move {
            app.post(
                &format!("/api/v1/procedures/{p}/transitions"),
                &token,
                &json!({"transition": t}),
            )
            .await
        }
    };
    // Guards fail: open consultation, unanswered comment, no Acuerdo.
    let body = problem(
        propose(&s.committee, "start_pilot").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    assert_eq!(
        body["guards"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["passed"] == false)
            .count(),
        3
    );
    app.clock.advance(chrono::Duration::days(33));
    // A month later the morning's tokens have expired: everyone signs in again.
    let s = Setup {
        committee: app.login("comite", "comite-password").await,
        director: app.login("directora", "directora-password").await,
        minister: app.login("ministro", "ministro-password").await,
        procedure: s.procedure.clone(),
    };
    app.post(
        &format!("/api/v1/comments/{}/response", r["id"].as_str().unwrap()),
        &s.committee,
        &json!({"body": "Así será."}),
    )
    .await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{p}")))
        .bearer_auth(&s.committee)
        .header("If-Match", "\"3\"")
        .json(&json!({"regulation_reference": "Acuerdo Ministerial 77-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Now every guard holds; the minister approves.
    let res = propose(&s.committee, "start_pilot").await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let req: Value = res.json().await.unwrap();
    problem(
        app.approve(&s.director, req["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let pilot: Value = app
        .approve(&s.minister, req["id"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pilot["state"], "pilot");
    // Pilot → launch (report) → feedback (checklist) → closed (usage report).
    let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
    for kind in ["pilot_report", "usage_report"] {
        let part = reqwest::multipart::Part::bytes(pdf.clone())
            .file_name("r.pdf")
            .mime_str("application/pdf")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("kind", kind)
            .part("file", part);
        let res = app
            .client
            .post(app.url(&format!("/api/v1/procedures/{p}/documents")))
            .bearer_auth(&s.committee)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let r: Value = propose(&s.committee, "launch").await.json().await.unwrap();
    let launched: Value = app
        .approve(&s.director, r["id"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(launched["channel"], "online");
    for item in [
        "staff_trained",
        "tutorials_published",
        "awareness_campaign_published",
    ] {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/procedures/{p}/checklist/{item}"),
                Some(&s.committee),
                Some(&json!({"done": true})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    assert_eq!(
        propose(&s.committee, "start_evaluation").await.status(),
        StatusCode::OK
    );
    let r: Value = propose(&s.committee, "close_cycle")
        .await
        .json()
        .await
        .unwrap();
    let closed: Value = app
        .approve(&s.director, r["id"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["state"], "closed");
    let history: Value = app
        .get(&format!("/api/v1/procedures/{p}/history"))
        .await
        .json()
        .await
        .unwrap();
    let path: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        path,
        vec![
            "analysis",
            "regulation_change",
            "pilot",
            "launch",
            "feedback",
            "closed"
        ]
    );
}

#[tokio::test]
async fn an_altered_comment_text_fails_audit_verification_at_its_entry() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let r: Value = comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "Texto original"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "Otro"}),
        None,
    )
    .await;
    let mut conn = app.db.connect();
    let keys = app.db.audit_keys();
    assert!(
        tramites::usecases::audit::verify(&mut conn, Some(&keys))
            .unwrap()
            .valid
    );
    use diesel::prelude::*;
    use tramites::db::schema::{audit_log, comments};
    let seq: i64 = audit_log::table
        .filter(audit_log::subject_id.eq(r["id"].as_str().unwrap()))
        .filter(audit_log::action.eq("comment.received"))
        .select(audit_log::seq)
        .first(&mut conn)
        .unwrap();
    let entry: String = audit_log::table
        .find(seq)
        .select(audit_log::data)
        .first(&mut conn)
        .unwrap();
    assert!(
        !entry.contains("Texto original"),
        "the chain holds a hash, not the text"
    );
    diesel::update(comments::table.find(r["id"].as_str().unwrap()))
        .set(comments::body.eq("Texto cambiado"))
        .execute(&mut conn)
        .unwrap();
    let report = tramites::usecases::audit::verify(&mut conn, Some(&keys)).unwrap();
    assert!(!report.valid);
    assert_eq!(report.first_invalid_seq, Some(seq));
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let api: Value = app
        .send(Method::GET, "/api/v1/audit/verify", Some(&auditor), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["first_invalid_seq"], seq);
}

#[tokio::test]
async fn a_limited_address_gets_429_with_retry_after() {
    let app = spawn_app_with(json!({"comment_limit_per_hour": 60, "comment_burst": 3})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    for i in 0..3 {
        assert_eq!(
            comment(
                &app,
                c["id"].as_str().unwrap(),
                json!({"body": format!("n {i}")}),
                None
            )
            .await
            .status(),
            StatusCode::CREATED
        );
    }
    let res = comment(
        &app,
        c["id"].as_str().unwrap(),
        json!({"body": "uno más"}),
        None,
    )
    .await;
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    problem(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}
