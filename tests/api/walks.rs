//! Shared walks for the API and browser tests (no tests here): a procedure taken to
//! `regulation_change` with its staff, a consultation opened and commented, and a simplified
//! procedure walked all the way to `launch`.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, TestApp};

pub struct Setup {
    pub committee: String,
    pub director: String,
    pub minister: String,
    pub procedure: String,
}

/// A procedure in `regulation_change`, and the staff who move it.
pub async fn setup(app: &TestApp) -> Setup {
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

pub fn proposal(extra: Value) -> Value {
    let mut body = json!({"title": "Registro de contratos sin papel", "summary": "Se elimina la copia del DPI",
                          "proposal_text": "## Propuesta\n\nEl registro se hará **en línea**."});
    if let (Some(o), Value::Object(e)) = (body.as_object_mut(), extra) {
        o.extend(e);
    }
    body
}

pub async fn open_consultation(app: &TestApp, s: &Setup, extra: Value) -> Value {
    app.open_consultation(&s.committee, &s.procedure, &proposal(extra))
        .await
}

pub async fn comment(
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

/// Sends a comment and answers it as the Committee: its text's group is then answered.
pub async fn comment_answered(app: &TestApp, s: &Setup, consultation: &str, body: &str) {
    let sent: Value = comment(app, consultation, json!({"body": body}), None)
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", sent["id"].as_str().unwrap()),
            &s.committee,
            &json!({"body": "Respuesta del Comité"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

pub async fn json_of(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

async fn approve(app: &TestApp, token: &str, request: &Value) -> Value {
    let res = app.approve(token, request["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// CONS-1 simplified (two requirements fewer, no visits) and walked to `launch` through its
/// consultation; returns fresh tokens (the walk takes a month).
pub async fn launch_simplified(app: &TestApp) -> Setup {
    let s = setup(app).await;
    let p = s.procedure.clone();
    let now = json_of(app, &format!("/api/v1/procedures/{p}")).await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{p}")))
        .bearer_auth(&s.committee)
        .header("If-Match", format!("\"{}\"", now["version"]))
        .json(
            &json!({"requirements": [{"name": "Solicitud en línea", "held_by_state": false}],
                      "in_person_visits": 0, "citizen_hours": 1.0,
                      "regulation_reference": "Acuerdo Ministerial 12-2026"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let c = open_consultation(app, &s, json!({})).await;
    let r: Value = comment(
        app,
        c["id"].as_str().unwrap(),
        json!({"body": "Que sea en línea", "email": "ana@correo.gt"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    app.clock.advance(Duration::days(33));
    let s = Setup {
        committee: app.login("comite", "comite-password").await,
        director: app.login("directora", "directora-password").await,
        minister: app.login("ministro", "ministro-password").await,
        procedure: p.clone(),
    };
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", r["id"].as_str().unwrap()),
            &s.committee,
            &json!({"body": "Así será.", "outcome": "accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let propose = |t: &'static str| {
        let (app, token, p) = (app, s.committee.clone(), p.clone());
        async move {
            let res = app
                .post(
                    &format!("/api/v1/procedures/{p}/transitions"),
                    &token,
                    &json!({"transition": t}),
                )
                .await;
            assert_eq!(res.status(), StatusCode::ACCEPTED, "{t}");
            res.json::<Value>().await.unwrap()
        }
    };
    approve(app, &s.minister, &propose("start_pilot").await).await;
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec())
        .file_name("piloto.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("kind", "pilot_report")
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
    let launched = approve(app, &s.director, &propose("launch").await).await;
    assert_eq!(launched["state"], "launch");
    s
}
