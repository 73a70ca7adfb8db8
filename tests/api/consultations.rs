//! Public consultations and citizens' comments, on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app, spawn_app_with, TestApp};

struct Setup {
    committee: String,
    director: String,
    minister: String,
    procedure: String,
}

/// A procedure in `regulation_change`, and the staff who move it.
async fn setup(app: &TestApp) -> Setup {
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let (_, minister) = app.user_with("ministro", &["minister"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("CONS-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap().to_string();
    app.walk(
        &committee,
        &director,
        &id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    Setup {
        committee,
        director,
        minister,
        procedure: id,
    }
}

fn proposal(extra: Value) -> Value {
    let mut body = json!({"title": "Registro de contratos sin papel", "summary": "Se elimina la copia del DPI",
                          "proposal_text": "## Propuesta\n\nEl registro se hará **en línea**."});
    if let (Some(o), Value::Object(e)) = (body.as_object_mut(), extra) {
        o.extend(e);
    }
    body
}

async fn open_consultation(app: &TestApp, s: &Setup, extra: Value) -> Value {
    let res = app
        .post(
            &format!("/api/v1/procedures/{}/consultations", s.procedure),
            &s.committee,
            &proposal(extra),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

async fn comment(
    app: &TestApp,
    consultation: &str,
    body: Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(&format!("/api/v1/consultations/{consultation}/comments")))
        .json(&body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.unwrap()
}

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
    assert_eq!(code.len(), 16);
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

#[tokio::test]
async fn moderation_answers_and_honest_counts() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (body, name) in [
        ("¡No al formulario en papel!", Some("Ana")),
        ("no al formulario en PAPEL", None),
        ("Compre en www.spam.example", None),
        ("Propongo ventanilla única", Some("Luis")),
    ] {
        let mut b =
            json!({"body": body, "email": "secreto@correo.gt", "organization": "Sindicato"});
        if let Some(n) = name {
            b["author_name"] = json!(n);
        }
        let r: Value = comment(&app, id, b, None).await.json().await.unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    // Nothing is public before moderation.
    let public: Value = app
        .get(&format!("/api/v1/consultations/{id}/comments"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["items"], json!([]));
    let moderate = |cid: &str, body: Value| {
        let (app, token, cid) = (&app, s.committee.clone(), cid.to_string());
        async move {
            app.post(&format!("/api/v1/comments/{cid}/moderation"), &token, &body)
                .await
        }
    };
    problem(
        moderate(&ids[2], json!({"decision": "reject"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        moderate(&ids[2], json!({"decision": "reject", "reason": "ugly"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        moderate(
            &ids[2],
            json!({"decision": "reject", "reason": "Spam", "detail": "Publicidad"})
        )
        .await
        .status(),
        StatusCode::OK
    );
    for cid in [&ids[0], &ids[1], &ids[3]] {
        assert_eq!(
            moderate(cid, json!({"decision": "publish"})).await.status(),
            StatusCode::OK
        );
    }
    problem(
        app.post(
            &format!("/api/v1/comments/{}/moderation", ids[0]),
            &s.director,
            &json!({"decision": "publish"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // One answer covers both copies of the campaign text.
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Gracias: se elimina el papel."}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let public: Value = app
        .get(&format!("/api/v1/consultations/{id}/comments"))
        .await
        .json()
        .await
        .unwrap();
    let text = public.to_string();
    assert!(
        !text.contains("secreto@correo.gt"),
        "no e-mail in public answers"
    );
    assert!(!text.contains("spam.example"), "withheld text is not shown");
    let items = public["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let withheld = items.iter().find(|c| c["status"] == "withheld").unwrap();
    assert_eq!(withheld["withheld_reason"], "spam");
    assert!(withheld["withheld_at"].as_str().unwrap().ends_with('Z'));
    assert!(withheld.get("body").is_none());
    let anonymous = items.iter().find(|c| c["id"] == ids[1].as_str()).unwrap();
    assert_eq!(anonymous["author_name"], "Anónimo");
    assert_eq!(
        anonymous["response"]["body"],
        "Gracias: se elimina el papel."
    );
    let luis = items.iter().find(|c| c["id"] == ids[3].as_str()).unwrap();
    assert_eq!(luis["response"], Value::Null);

    let c: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        c["counts"],
        json!({"received": 4, "distinct": 3, "published": 3, "rejected": 1, "answered": 2})
    );
    assert_eq!(c["answered"], 2);
    // Staff filter needs a token.
    problem(
        app.get(&format!(
            "/api/v1/consultations/{id}/comments?status=received"
        ))
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let rejected: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/consultations/{id}/comments?status=rejected"),
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rejected["items"][0]["body"], "Compre en www.spam.example");
    assert!(!rejected.to_string().contains("secreto@correo.gt"));
}

#[tokio::test]
async fn extensions_move_the_close_later_only_and_only_by_a_director() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let closes = chrono::DateTime::parse_from_rfc3339(c["closes_at"].as_str().unwrap()).unwrap();
    let extend = |token: &str, to: chrono::DateTime<chrono::FixedOffset>, reason: &str| {
        let body = json!({"closes_at": to.to_rfc3339(), "reason": reason});
        let (app, token, id) = (&app, token.to_string(), id.to_string());
        async move {
            app.post(&format!("/api/v1/consultations/{id}/extend"), &token, &body)
                .await
        }
    };
    let earlier = closes - chrono::Duration::days(1);
    let later = closes + chrono::Duration::days(7);
    problem(
        extend(&s.committee, later, "más tiempo").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        extend(&s.director, earlier, "menos tiempo").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        extend(&s.director, later, "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let res = extend(&s.director, later, "Solicitud de las cámaras empresariales").await;
    assert_eq!(res.status(), StatusCode::OK);
    let c: Value = res.json().await.unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(c["closes_at"].as_str().unwrap()).unwrap(),
        later
    );
}

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
    let propose = |t: &'static str| {
        let (app, token, p) = (&app, s.committee.clone(), p.clone());
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
        propose("start_pilot").await,
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
    let res = propose("start_pilot").await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let req: Value = res.json().await.unwrap();
    problem(
        app.post(
            &format!(
                "/api/v1/transition-requests/{}/approve",
                req["id"].as_str().unwrap()
            ),
            &s.director,
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let pilot: Value = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/approve",
                req["id"].as_str().unwrap()
            ),
            &s.minister,
            &json!({}),
        )
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
    let r: Value = propose("launch").await.json().await.unwrap();
    let launched: Value = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/approve",
                r["id"].as_str().unwrap()
            ),
            &s.director,
            &json!({}),
        )
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
    assert_eq!(propose("start_evaluation").await.status(), StatusCode::OK);
    let r: Value = propose("close_cycle").await.json().await.unwrap();
    let closed: Value = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/approve",
                r["id"].as_str().unwrap()
            ),
            &s.director,
            &json!({}),
        )
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
