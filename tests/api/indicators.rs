//! The programme's indicators and overdue procedures.
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, procedure_body, spawn_app};
use crate::procedures::*;

#[tokio::test]
async fn indicators_count_digital_services_against_the_programme_targets() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let rows = [
        ("I-1", "priority", "online"),
        ("I-2", "priority", "online"),
        ("I-3", "general", "online"),
        ("I-4", "general", "hybrid"),
        ("I-5", "general", "in_person"),
    ];
    for (code, category, channel) in rows {
        app.create_procedure(
            &token,
            &procedure_body(code, json!({"category": category, "channel": channel})),
        )
        .await;
    }
    let ind: Value = app.get("/api/v1/indicators").await.json().await.unwrap();
    assert_eq!(
        ind["priority"],
        json!({"total": 2, "digital": 2, "percent": 100.0})
    );
    assert_eq!(
        ind["general"],
        json!({"total": 3, "digital": 1, "percent": 33.3})
    );
    assert_eq!(ind["by_state"]["inventory"], 5);
    assert_eq!(ind["by_state"]["analysis"], 0);
    assert_eq!(ind["overdue"], 0);
    let targets = ind["targets"].as_array().unwrap();
    let find = |year: i64, category: &str| {
        targets
            .iter()
            .find(|t| t["year"] == year && t["category"] == category)
            .unwrap()
            .clone()
    };
    assert_eq!(find(2024, "priority")["percent"], 100.0);
    assert_eq!(find(2024, "priority")["met"], true);
    assert_eq!(find(2024, "general")["percent"], 50.0);
    assert_eq!(find(2024, "general")["met"], false);
    assert_eq!(find(2026, "general")["percent"], 100.0);
}

#[tokio::test]
async fn overdue_procedures_are_listed_and_counted_once_their_limit_passes() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    app.create_procedure(&token, &procedure_body("O-1", json!({})))
        .await;
    assert!(codes(&app, "overdue=true").await.is_empty());
    app.clock.advance(chrono::Duration::days(29));
    // A month later the morning's token has expired: sign in again.
    let token = app.login("comite", "comite-password").await;
    app.create_procedure(&token, &procedure_body("O-2", json!({})))
        .await;
    assert!(codes(&app, "overdue=true").await.is_empty());
    app.clock.advance(chrono::Duration::days(2));
    assert_eq!(codes(&app, "overdue=true").await, vec!["O-1"]);
    assert_eq!(codes(&app, "overdue=false").await, vec!["O-1", "O-2"]);
    let ind: Value = app.get("/api/v1/indicators").await.json().await.unwrap();
    assert_eq!(ind["overdue"], 1);
    problem(
        app.get("/api/v1/procedures?overdue=maybe").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn the_indicators_page_lists_stages_in_the_cycles_order() {
    let app = crate::helpers::spawn_app().await;
    let html = app
        .client
        .get(app.url("/indicadores"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = |label: &str| {
        html.find(&format!(">{label}<"))
            .unwrap_or_else(|| panic!("{label} on the page"))
    };
    // Alphabetically by key, "analysis" came before "inventory" and "closed" before "pilot".
    assert!(at("Inventario y priorización") < at("Análisis de simplificación"));
    assert!(at("Análisis de simplificación") < at("Prueba piloto"));
    assert!(at("Prueba piloto") < at("Ciclo cerrado"));
}

#[tokio::test]
async fn no_heading_of_the_indicators_page_is_repeated() {
    let app = spawn_app().await;
    let page = app.get("/indicadores").await.text().await.unwrap();
    let headings: Vec<&str> = page
        .split("<h2")
        .skip(1)
        .map(|rest| rest.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert!(headings.len() > 3, "{page}");
    let mut seen = std::collections::HashSet::new();
    for h in &headings {
        assert!(seen.insert(*h), "«{h}» twice: {headings:?}");
    }
}
