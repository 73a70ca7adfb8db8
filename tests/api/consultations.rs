//! Public consultations and citizens' comments, on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app, TestApp};

pub(crate) struct Setup {
    pub(crate) committee: String,
    pub(crate) director: String,
    pub(crate) minister: String,
    pub(crate) procedure: String,
}

/// A procedure in `regulation_change`, and the staff who move it.
pub(crate) async fn setup(app: &TestApp) -> Setup {
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

pub(crate) fn proposal(extra: Value) -> Value {
    let mut body = json!({"title": "Registro de contratos sin papel", "summary": "Se elimina la copia del DPI",
                          "proposal_text": "## Propuesta\n\nEl registro se hará **en línea**."});
    if let (Some(o), Value::Object(e)) = (body.as_object_mut(), extra) {
        o.extend(e);
    }
    body
}

pub(crate) async fn open_consultation(app: &TestApp, s: &Setup, extra: Value) -> Value {
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

pub(crate) async fn comment(
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
