//! Savings: the burden when a procedure first enters analysis is its baseline; the API and
//! the public page show what the simplification saved, with the same figures.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app};

#[tokio::test]
async fn a_simplified_procedure_shows_its_saving_in_the_api_and_on_its_page() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let body = procedure_body(
        "AHORRO-1",
        json!({"requirements": [{"name": "Copia del DPI", "held_by_state": true},
                                {"name": "Solicitud", "held_by_state": false},
                                {"name": "Constancia laboral", "held_by_state": false}],
               "in_person_visits": 2, "citizen_hours": 5.0, "annual_volume": 1000, "fee_gtq": 0.0}),
    );
    let p = app.create_procedure(&committee, &body).await;
    let id = p["id"].as_str().unwrap();
    assert!(
        p.get("baseline").is_none() && p.get("savings").is_none(),
        "{p}"
    );
    app.walk(&committee, &director, id, &["start_analysis"])
        .await;
    // The simplification: two requirements, both visits and four hours less.
    let now: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{id}")))
        .bearer_auth(&committee)
        .header("If-Match", format!("\"{}\"", now["version"]))
        .json(
            &json!({"requirements": [{"name": "Solicitud", "held_by_state": false}],
                      "in_person_visits": 0, "citizen_hours": 1.0}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Going back to analysis later does not move the baseline.
    app.walk(
        &committee,
        &director,
        id,
        &["return_to_inventory", "start_analysis"],
    )
    .await;
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        p["baseline"]["requirements"].as_array().unwrap().len(),
        3,
        "{p}"
    );
    assert_eq!(p["baseline"]["in_person_visits"], 2);
    let s = &p["savings"];
    assert_eq!(s["requirements_removed"], 2);
    assert_eq!(s["held_by_state_removed"], 1);
    assert_eq!(s["annual_hours"], 4000.0);
    let expected = p["baseline"]["burden"]["annual_cost_gtq"].as_f64().unwrap()
        - p["burden"]["annual_cost_gtq"].as_f64().unwrap();
    assert!(
        (s["annual_cost_gtq"].as_f64().unwrap() - expected).abs() < 0.01,
        "{p}"
    );
    let page = app.get("/tramites/AHORRO-1").await.text().await.unwrap();
    assert!(page.contains("Lo que ahorra la simplificación"), "{page}");
    assert!(page.contains("4,000 horas"), "{page}");
    assert!(
        page.contains("2 requisitos menos, 1 de ellos en poder del Estado"),
        "{page}"
    );
}
