//! The public catalogue's search (issue 35, citizens 8): by words in any order, without regard to
//! case or accents, singular or plural, in names and descriptions, ranked, and a way on when
//! nothing is found. The same on both backends (FTS5 and PostgreSQL's Spanish configuration).

use serde_json::json;

use crate::helpers::{procedure_body, spawn_app, TestApp};

/// The codes of the procedures the catalogue lists for `query`, in its order.
async fn found(app: &TestApp, query: &str) -> Vec<String> {
    let html = app
        .get(&format!("/tramites?{query}"))
        .await
        .text()
        .await
        .unwrap();
    html.split("<h2><a href=\"/tramites/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

async fn seed(app: &TestApp) {
    let token = app.committee_token().await;
    let seeds = [
        (
            "B-1",
            "Permiso de trabajo para personas extranjeras",
            "Autoriza a una empresa a contratar a quien no es guatemalteco.",
            "priority",
        ),
        (
            "B-2",
            "Registro de contratos de trabajo",
            "Inscribe los contratos; también los de trabajadores extranjeros con permiso vigente.",
            "general",
        ),
        (
            "B-3",
            "Libro de salarios",
            "Autoriza el libro donde se anotan los salarios pagados.",
            "general",
        ),
        (
            "B-4",
            "Constancia de inscripción patronal",
            "Para empleadores que la piden en una licitación.",
            "priority",
        ),
    ];
    for (code, name, description, category) in seeds {
        let body = procedure_body(
            code,
            json!({"name": name, "description": description, "category": category}),
        );
        app.create_procedure(&token, &body).await;
    }
}

#[tokio::test]
async fn words_in_any_order_and_form_find_names_first_then_descriptions() {
    let app = spawn_app().await;
    seed(&app).await;
    // Singular for plural, in any order, whatever the case and the accents: the name's match
    // ranks above the description's.
    assert_eq!(found(&app, "q=permiso%20extranjero").await, ["B-1", "B-2"]);
    assert_eq!(found(&app, "q=EXTRANJEROS+Permisos").await, ["B-1", "B-2"]);
    assert_eq!(found(&app, "q=salario").await, ["B-3"]);
    assert_eq!(found(&app, "q=inscripci%C3%B3n").await, ["B-4"]);
    assert_eq!(
        found(&app, "q=guatemalteco").await,
        ["B-1"],
        "descriptions count"
    );
    // Little words do not narrow; a code is found by its code.
    assert_eq!(
        found(&app, "q=permiso%20de%20trabajo%20para").await,
        ["B-1", "B-2"]
    );
    assert_eq!(found(&app, "q=b-3").await, ["B-3"]);
    // Filters narrow a search.
    assert_eq!(found(&app, "q=permiso&categoria=general").await, ["B-2"]);
    // No words: the whole catalogue in order.
    assert_eq!(found(&app, "q=").await, ["B-1", "B-2", "B-3", "B-4"]);
    // The page leads with what a procedure is for and speaks no staff language in its filters.
    let html = app.get("/tramites").await.text().await.unwrap();
    assert!(html.contains("Autoriza el libro donde"), "{html}");
    assert!(html.contains("Priorizados para simplificar"), "{html}");
    assert!(!html.contains(">Prioritario<"), "{html}");
}

#[tokio::test]
async fn an_empty_result_says_what_to_do_next() {
    let app = spawn_app().await;
    seed(&app).await;
    let html = app
        .get("/tramites?q=permiso+zanahoria")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("No encontramos trámites con «permiso zanahoria»"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/tramites?q=permiso\">buscar solo «permiso» (2 trámites)"),
        "{html}"
    );
    assert!(
        !html.contains("«zanahoria» ("),
        "a word that finds nothing is not offered"
    );
    let html = app
        .get("/tramites?q=salarios&categoria=priority")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("href=\"/tramites?q=salarios\">buscar sin los filtros (1 trámite)"),
        "{html}"
    );
}
