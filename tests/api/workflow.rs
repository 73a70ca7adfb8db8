//! Procedures moving through the default workflow, over HTTP, on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    problem, procedure_body, spawn_app, spawn_app_on, spawn_app_with, TestApp, TestDb,
};

struct Staff {
    committee: String,
    committee_id: String,
    director: String,
    director_id: String,
    minister: String,
}

async fn staff(app: &TestApp) -> Staff {
    let (committee_id, committee) = app.user_with("comite", &["committee"]).await;
    let (director_id, director) = app.user_with("directora", &["director"]).await;
    let (_, minister) = app.user_with("ministro", &["minister"]).await;
    Staff {
        committee,
        committee_id,
        director,
        director_id,
        minister,
    }
}

async fn propose(app: &TestApp, token: &str, id: &str, transition: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/procedures/{id}/transitions"),
        token,
        &json!({"transition": transition, "note": "motivo"}),
    )
    .await
}

async fn approve(app: &TestApp, token: &str, request_id: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/transition-requests/{request_id}/approve"),
        token,
        &json!({"note": "visto bueno"}),
    )
    .await
}

/// Proposes and has it approved; returns the procedure.
async fn move_with_approval(
    app: &TestApp,
    s: &Staff,
    approver: &str,
    id: &str,
    transition: &str,
) -> Value {
    let res = propose(app, &s.committee, id, transition).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED, "{transition}");
    let request: Value = res.json().await.unwrap();
    assert_eq!(request["status"], "pending");
    let res = approve(app, approver, request["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK, "approve {transition}");
    res.json().await.unwrap()
}

async fn new_procedure(app: &TestApp, s: &Staff, code: &str) -> String {
    app.create_procedure(&s.committee, &procedure_body(code, json!({})))
        .await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn time(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn a_procedure_walks_from_inventory_to_regulation_change() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "W-1").await;
    let res = propose(&app, &s.committee, &id, "start_analysis").await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let request: Value = res.json().await.unwrap();
    assert_eq!(request["procedure_id"], id.as_str());
    assert_eq!(request["transition"], "start_analysis");
    assert_eq!(request["from"], "inventory");
    assert_eq!(request["to"], "analysis");
    assert_eq!(request["requested_by"], s.committee_id.as_str());
    assert!(request["requested_at"].as_str().unwrap().ends_with('Z'));
    // Still in inventory until approved; listed as pending.
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["state"], "inventory");
    let pending: Value = app
        .send(
            Method::GET,
            "/api/v1/transition-requests?status=pending",
            Some(&s.director),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pending["items"].as_array().unwrap().len(), 1);

    let res = approve(&app, &s.director, request["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["state"], "analysis");
    assert_eq!(p["version"], 2);
    assert_eq!(
        time(&p["due_at"]) - time(&p["state_entered_at"]),
        chrono::Duration::days(60)
    );

    let p = move_with_approval(&app, &s, &s.director, &id, "authorize_simplification").await;
    assert_eq!(p["state"], "regulation_change");
    assert_eq!(
        time(&p["due_at"]) - time(&p["state_entered_at"]),
        chrono::Duration::days(90)
    );

    let history: Value = app
        .get(&format!("/api/v1/procedures/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["transition"], "start_analysis");
    assert_eq!(rows[0]["from"], "inventory");
    assert_eq!(rows[0]["to"], "analysis");
    assert_eq!(rows[0]["requested_by"], s.committee_id.as_str());
    assert_eq!(rows[0]["approved_by"], s.director_id.as_str());
    assert_eq!(rows[0]["note"], "motivo");
    assert_eq!(rows[1]["to"], "regulation_change");
    let approved: Value = app
        .send(
            Method::GET,
            "/api/v1/transition-requests?status=approved",
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(approved["items"].as_array().unwrap().len(), 2);
    assert_eq!(approved["items"][0]["decided_by"], s.director_id.as_str());
}

#[tokio::test]
async fn a_procedure_can_be_eliminated_and_then_nothing_moves_it() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "W-2").await;
    move_with_approval(&app, &s, &s.director, &id, "start_analysis").await;
    let p = move_with_approval(&app, &s, &s.director, &id, "eliminate").await;
    assert_eq!(p["state"], "eliminated");
    assert_eq!(p["due_at"], Value::Null, "end states have no time limit");
    let available: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/procedures/{id}/transitions/available"),
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(available, json!([]));
    problem(
        propose(&app, &s.committee, &id, "new_cycle").await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn start_pilot_is_refused_by_its_guards_while_no_consultation_exists() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "W-3").await;
    move_with_approval(&app, &s, &s.director, &id, "start_analysis").await;
    move_with_approval(&app, &s, &s.director, &id, "authorize_simplification").await;
    let body = problem(
        propose(&app, &s.committee, &id, "start_pilot").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    let guards = body["guards"].as_array().unwrap();
    let status =
        |kind: &str| guards.iter().find(|g| g["guard"]["kind"] == kind).unwrap()["passed"].clone();
    assert_eq!(status("consultation_closed"), false);
    assert_eq!(status("field_set"), false);
    // Setting the Acuerdo Ministerial satisfies one guard; the consultation is still missing.
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{id}")))
        .bearer_auth(&s.committee)
        .header("If-Match", "\"3\"")
        .json(&json!({"regulation_reference": "Acuerdo Ministerial 45-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body = problem(
        propose(&app, &s.committee, &id, "start_pilot").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    let guards = body["guards"].as_array().unwrap();
    let failing: Vec<&Value> = guards.iter().filter(|g| g["passed"] == false).collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0]["guard"]["kind"], "consultation_closed");
    let available: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/procedures/{id}/transitions/available"),
            Some(&s.minister),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let pilot = available
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["transition"] == "start_pilot")
        .unwrap()
        .clone();
    assert_eq!(
        pilot["can_propose"], false,
        "the minister approves, the committee proposes"
    );
    assert_eq!(pilot["approve"], json!(["minister"]));
}

#[tokio::test]
async fn every_refusal_has_its_code() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "W-4").await;
    // invalid_transition: not from this state. Unknown transition: 422.
    problem(
        propose(&app, &s.committee, &id, "launch").await,
        StatusCode::CONFLICT,
        "invalid_transition",
    )
    .await;
    problem(
        propose(&app, &s.committee, &id, "fly").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    // forbidden: the director may not propose; an auditor may not even send a body.
    problem(
        propose(&app, &s.director, &id, "start_analysis").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (_, auditor) = app.user_with("auditor", &["auditor"]).await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{id}/transitions")))
        .bearer_auth(&auditor)
        .body("{")
        .send()
        .await
        .unwrap();
    problem(res, StatusCode::FORBIDDEN, "forbidden").await;
    // request_pending: a second request while one waits.
    let request: Value = propose(&app, &s.committee, &id, "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    let request_id = request["id"].as_str().unwrap().to_string();
    problem(
        propose(&app, &s.committee, &id, "start_analysis").await,
        StatusCode::CONFLICT,
        "request_pending",
    )
    .await;
    // forbidden: the minister does not approve this one. same_person: one person holding both roles.
    problem(
        approve(&app, &s.minister, &request_id).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let (_, both) = app.user_with("doble", &["committee", "director"]).await;
    let own = new_procedure(&app, &s, "W-5").await;
    let own_request: Value = propose(&app, &both, &own, "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    problem(
        approve(&app, &both, own_request["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "same_person",
    )
    .await;
    // Approved once; a second approval finds it decided.
    assert_eq!(
        approve(&app, &s.director, &request_id).await.status(),
        StatusCode::OK
    );
    problem(
        approve(&app, &s.director, &request_id).await,
        StatusCode::CONFLICT,
        "stale_request",
    )
    .await;
    // stale_request: the procedure moves (an immediate transition) while a request waits.
    let waiting: Value = propose(&app, &s.committee, &id, "authorize_simplification")
        .await
        .json()
        .await
        .unwrap();
    let res = propose(&app, &s.committee, &id, "return_to_inventory").await;
    assert_eq!(res.status(), StatusCode::OK, "applied at once");
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["state"], "inventory");
    problem(
        approve(&app, &s.director, waiting["id"].as_str().unwrap()).await,
        StatusCode::CONFLICT,
        "stale_request",
    )
    .await;
    let stale: Value = app
        .send(
            Method::GET,
            &format!(
                "/api/v1/transition-requests/{}",
                waiting["id"].as_str().unwrap()
            ),
            Some(&s.director),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stale["status"], "stale");
    // Rejection needs a note, and only an approver may reject.
    let other: Value = propose(&app, &s.committee, &id, "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    let reject = format!(
        "/api/v1/transition-requests/{}/reject",
        other["id"].as_str().unwrap()
    );
    problem(
        app.post(&reject, &s.director, &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        app.post(&reject, &s.committee, &json!({"note": "no"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app
        .post(
            &reject,
            &s.director,
            &json!({"note": "Falta el análisis de costos"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rejected: Value = res.json().await.unwrap();
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["decision_note"], "Falta el análisis de costos");
    // 404s.
    let nobody = uuid::Uuid::new_v4();
    problem(
        approve(&app, &s.director, &nobody.to_string()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        propose(&app, &s.committee, &nobody.to_string(), "start_analysis").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // The audit chain holds every step.
    let mut conn = app.db.connect();
    assert!(
        tramites::usecases::audit::verify(&mut conn, Some(&app.db.audit_keys()))
            .unwrap()
            .valid
    );
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

async fn upload(
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

/// Sends the same POST fifty times at once; asserts exactly one answers `winner` and the
/// other 49 answer 409.
async fn fifty_at_once(app: &TestApp, path: &str, token: &str, body: Value, winner: StatusCode) {
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (client, url, token, body) = (
                app.client.clone(),
                app.url(path),
                token.to_string(),
                body.clone(),
            );
            tokio::spawn(async move {
                client
                    .post(url)
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == winner).count(),
        1,
        "{path}: {statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        49,
        "{path}: {statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_fifty_simultaneous_proposals_and_approvals_exactly_one_wins() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "X-1").await;
    let transitions = format!("/api/v1/procedures/{id}/transitions");
    fifty_at_once(
        &app,
        &transitions,
        &s.committee,
        json!({"transition": "start_analysis"}),
        StatusCode::ACCEPTED,
    )
    .await;

    let pending: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/transition-requests?status=pending&procedure_id={id}"),
            Some(&s.director),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let approve = format!(
        "/api/v1/transition-requests/{}/approve",
        pending["items"][0]["id"].as_str().unwrap()
    );
    fifty_at_once(&app, &approve, &s.director, json!({}), StatusCode::OK).await;
    let history: Value = app
        .get(&format!("/api/v1/procedures/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "no duplicate history row"
    );
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["version"], 2);

    // Fifty simultaneous immediate transitions: one applies, the rest find it moved.
    fifty_at_once(
        &app,
        &transitions,
        &s.committee,
        json!({"transition": "return_to_inventory"}),
        StatusCode::OK,
    )
    .await;
    let history: Value = app
        .get(&format!("/api/v1/procedures/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_pending_request_keeps_the_rules_it_was_made_under() {
    let db = TestDb::new();
    let first = spawn_app_on(db.clone(), json!({})).await;
    let s = staff(&first).await;
    let id = new_procedure(&first, &s, "V-1").await;
    let request: Value = propose(&first, &s.committee, &id, "start_analysis")
        .await
        .json()
        .await
        .unwrap();

    // The file changes: version 2 reserves start_analysis to the minister.
    let dir = db.dir().join("workflows-v2");
    std::fs::create_dir_all(&dir).unwrap();
    let source =
        std::fs::read_to_string(crate::helpers::workflows_dir().join("simplificacion.toml"))
            .unwrap();
    let v2 = source.replacen("version = 1", "version = 2", 1).replacen(
        "key = \"start_analysis\"\nfrom = [\"inventory\"]\nto = \"analysis\"\npropose = [\"committee\"]\napprove = [\"director\"]",
        "key = \"start_analysis\"\nfrom = [\"inventory\"]\nto = \"analysis\"\npropose = [\"committee\"]\napprove = [\"minister\"]",
        1,
    );
    assert_ne!(v2, source);
    std::fs::write(dir.join("simplificacion.toml"), &v2).unwrap();
    let second = spawn_app_on(db.clone(), json!({"workflows_dir": dir})).await;
    // The pending request is approved by a director, as when it was made.
    problem(
        approve(&second, &s.minister, request["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = approve(&second, &s.director, request["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["workflow_version"], 1, "the procedure keeps its version");
    // A new procedure starts under version 2, where the minister approves.
    let newer = new_procedure(&second, &s, "V-2").await;
    let p: Value = second
        .get(&format!("/api/v1/procedures/{newer}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["workflow_version"], 2);
    let r: Value = propose(&second, &s.committee, &newer, "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    problem(
        approve(&second, &s.director, r["id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(
        approve(&second, &s.minister, r["id"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );

    // Changing a file without a new version number is refused at start-up.
    let same_version = v2.replacen("time_limit_days = 30", "time_limit_days = 31", 1);
    std::fs::write(dir.join("simplificacion.toml"), same_version).unwrap();
    let settings = crate::helpers::test_settings(&db, json!({"workflows_dir": dir}));
    let err = tramites::startup::Application::build(
        settings,
        std::sync::Arc::new(tramites::clock::SystemClock::default()),
    )
    .await
    .err()
    .expect("start-up refused");
    assert!(err.to_string().contains("new `version`"), "{err}");
}

#[tokio::test]
async fn workflows_are_published() {
    let app = spawn_app().await;
    let list: Value = app.get("/api/v1/workflows").await.json().await.unwrap();
    assert_eq!(list[0]["key"], "simplificacion");
    let wf: Value = app
        .get("/api/v1/workflows/simplificacion")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wf["initial_state"], "inventory");
    assert_eq!(wf["transitions"].as_array().unwrap().len(), 11);
    problem(
        app.get("/api/v1/workflows/none").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}
