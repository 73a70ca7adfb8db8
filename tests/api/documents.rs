//! Documents attached to procedures, and the launch that needs them, over HTTP on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, spawn_app_with, TestApp};

use crate::workflow::*;

pub(crate) fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    id: &str,
    kind: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .part("file", part);
    app.client
        .post(app.url(&format!("/api/v1/procedures/{id}/documents")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn documents_are_checked_stored_and_served_back() {
    let app = spawn_app_with(json!({"document_limit_bytes": 4096})).await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "D-1").await;
    let res = upload(
        &app,
        &s.committee,
        &id,
        "pilot_report",
        "informe.pdf",
        "application/pdf",
        pdf(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let doc: Value = res.json().await.unwrap();
    use sha2::Digest;
    assert_eq!(doc["sha256"], hex::encode(sha2::Sha256::digest(pdf())));
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["kind"], "pilot_report");
    assert_eq!(doc["size"], pdf().len());
    let csv = upload(
        &app,
        &s.committee,
        &id,
        "usage_report",
        "uso.csv",
        "text/csv",
        b"mes,usos\nenero,120\n".to_vec(),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::CREATED);
    // Refused: an executable, a PDF name on PNG-less garbage, no kind, too large, not committee.
    let exe = upload(
        &app,
        &s.committee,
        &id,
        "pilot_report",
        "x.exe",
        "application/pdf",
        b"MZ\x90\x00\x03".to_vec(),
    )
    .await;
    problem(exe, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let bad_kind = upload(
        &app,
        &s.committee,
        &id,
        "Informe Piloto",
        "a.pdf",
        "application/pdf",
        pdf(),
    )
    .await;
    problem(
        bad_kind,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let mut big = pdf();
    big.extend(std::iter::repeat_n(b' ', 5000));
    problem(
        upload(
            &app,
            &s.committee,
            &id,
            "pilot_report",
            "big.pdf",
            "application/pdf",
            big,
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    problem(
        upload(
            &app,
            &s.director,
            &id,
            "pilot_report",
            "a.pdf",
            "application/pdf",
            pdf(),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let list: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/procedures/{id}/documents"),
            Some(&s.director),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let res = app
        .send(
            Method::GET,
            &format!("/api/v1/documents/{}", doc["id"].as_str().unwrap()),
            Some(&s.director),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("informe.pdf"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf());
    problem(
        app.get(&format!(
            "/api/v1/documents/{}",
            doc["id"].as_str().unwrap()
        ))
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn launch_needs_its_report_and_sets_the_channel_then_the_checklist_gates_evaluation() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "L-1").await;
    // Put the procedure in the pilot directly: the consultation guards belong to a later issue.
    let mut conn = app.db.connect();
    use diesel::prelude::*;
    diesel::update(tramites::db::schema::procedures::table.find(&id))
        .set(tramites::db::schema::procedures::state.eq("pilot"))
        .execute(&mut conn)
        .unwrap();
    let body = problem(
        propose(&app, &s.committee, &id, "launch").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    assert_eq!(
        body["guards"][0]["guard"],
        json!({"kind": "document_attached", "document": "pilot_report"})
    );
    assert_eq!(
        upload(
            &app,
            &s.committee,
            &id,
            "pilot_report",
            "p.pdf",
            "application/pdf",
            pdf()
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let p = move_with_approval(&app, &s, &s.director, &id, "launch").await;
    assert_eq!(p["state"], "launch");
    assert_eq!(p["channel"], "online", "launch puts the service online");

    problem(
        propose(&app, &s.committee, &id, "start_evaluation").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    let tick = |item: &'static str, token: String| {
        let app = &app;
        let id = id.clone();
        async move {
            app.send(
                Method::PUT,
                &format!("/api/v1/procedures/{id}/checklist/{item}"),
                Some(&token),
                Some(&json!({"done": true})),
            )
            .await
        }
    };
    problem(
        tick("staff_trained", s.director.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        tick("dance_performed", s.committee.clone()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    for item in ["staff_trained", "tutorials_published"] {
        assert_eq!(
            tick(item, s.committee.clone()).await.status(),
            StatusCode::OK
        );
    }
    problem(
        propose(&app, &s.committee, &id, "start_evaluation").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    let res = tick("awareness_campaign_published", s.committee.clone()).await;
    let list: Value = res.json().await.unwrap();
    assert!(list.as_array().unwrap().iter().all(|i| i["done"] == true));
    let res = propose(&app, &s.committee, &id, "start_evaluation").await;
    assert_eq!(res.status(), StatusCode::OK);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["state"], "feedback");
    problem(
        propose(&app, &s.committee, &id, "close_cycle").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    assert_eq!(
        upload(
            &app,
            &s.committee,
            &id,
            "usage_report",
            "uso.pdf",
            "application/pdf",
            pdf()
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let p = move_with_approval(&app, &s, &s.director, &id, "close_cycle").await;
    assert_eq!(p["state"], "closed");
    let ind: Value = app.get("/api/v1/indicators").await.json().await.unwrap();
    assert_eq!(ind["by_state"]["closed"], 1);
    assert_eq!(ind["priority"]["digital"], 1);
}
