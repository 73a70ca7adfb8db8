//! Every refusal of the workflow API has its code.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app};
use crate::workflow::*;

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
    // Nor may they reject it: the requester decides nothing of their own request.
    let res = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/reject",
                own_request["id"].as_str().unwrap()
            ),
            &both,
            &json!({"note": "Mejor no"}),
        )
        .await;
    problem(res, StatusCode::FORBIDDEN, "same_person").await;
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
