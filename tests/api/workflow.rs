//! Procedures moving through the default workflow, over HTTP, on both backends.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app, TestApp};

pub(crate) struct Staff {
    pub(crate) committee: String,
    pub(crate) committee_id: String,
    pub(crate) director: String,
    pub(crate) director_id: String,
    pub(crate) minister: String,
}

pub(crate) async fn staff(app: &TestApp) -> Staff {
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

pub(crate) async fn propose(
    app: &TestApp,
    token: &str,
    id: &str,
    transition: &str,
) -> reqwest::Response {
    app.propose(token, id, transition).await
}

pub(crate) async fn approve(app: &TestApp, token: &str, request_id: &str) -> reqwest::Response {
    app.approve(token, request_id).await
}

/// Proposes and has it approved; returns the procedure.
pub(crate) async fn move_with_approval(
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

pub(crate) async fn new_procedure(app: &TestApp, s: &Staff, code: &str) -> String {
    app.create_procedure(&s.committee, &procedure_body(code, json!({})))
        .await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub(crate) fn time(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
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
