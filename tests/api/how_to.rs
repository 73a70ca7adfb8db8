//! Where, when and how to do a procedure (issue 35, citizens 1): the `access` fields through the
//! API, the import and the open data, and the public page that leads with them, shows what to
//! bring today and what is no longer asked, and shows savings only when there are some.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app, TestApp};

async fn html(app: &TestApp, path: &str) -> String {
    app.client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn access() -> Value {
    json!({
        "online_url": "https://servicios.mintrabajo.gob.gt/contratos",
        "offices": "Sede central, 7a. Avenida 3-33, zona 9\n  \nDelegación de Quetzaltenango, 4a. Calle 12-20, zona 1",
        "opening_hours": "lunes a viernes, de 8:00 a 16:00",
        "phone": "+502 2422-2500",
        "whatsapp": "+502 5555-0000"
    })
}

#[tokio::test]
async fn the_procedure_page_leads_with_how_to_do_it_from_the_apis_fields() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    // Bad parts are refused, each by its own field.
    let bad = app
        .post(
            "/api/v1/procedures",
            &committee,
            &procedure_body(
                "COMO-0",
                json!({"access": {"online_url": "javascript:alert(1)", "phone": "llame"}}),
            ),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad.json().await.unwrap();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["access.online_url", "access.phone"], "{body}");
    let p = app
        .create_procedure(
            &committee,
            &procedure_body("COMO-1", json!({"access": access()})),
        )
        .await;
    assert_eq!(
        p["access"]["online_url"],
        "https://servicios.mintrabajo.gob.gt/contratos"
    );
    assert_eq!(
        p["access"]["opening_hours"],
        "lunes a viernes, de 8:00 a 16:00"
    );
    let page = html(&app, "/tramites/COMO-1").await;
    let how = page
        .find("Cómo hacer el trámite")
        .expect("the how-to section");
    let stage = page
        .find("Dónde está en el ciclo")
        .expect("the cycle section");
    assert!(how < stage, "the page leads with how to do it");
    assert!(
        page.contains("href=\"https://servicios.mintrabajo.gob.gt/contratos\"")
            && page.contains("Hacer el trámite en línea")
    );
    assert!(page.contains("<li>Delegación de Quetzaltenango, 4a. Calle 12-20, zona 1</li>"));
    assert!(
        page.contains("href=\"tel:+50224222500\"")
            && page.contains("href=\"https://wa.me/50255550000\"")
    );
    // The DPI the State holds is still asked today: the page says to bring it.
    assert!(page.contains("Qué llevar hoy") && page.contains("hoy todavía se pide"));
    assert!(!page.contains("no debería pedirse"));
    // No baseline yet: no savings section with zeros.
    assert!(!page.contains("Lo que ahorra la simplificación"));
    // Open data carries them: the CSV's columns and CPSV-AP's channels and contact point.
    let csv = html(&app, "/datos/tramites.csv").await;
    let header = csv.lines().next().unwrap();
    for column in [
        "dirección en línea",
        "oficinas",
        "horario de atención",
        "teléfono",
        "whatsapp",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert!(csv.contains("+502 2422-2500"));
    // The export imports elsewhere with the same parts (the import reads the same columns).
    let other = spawn_app().await;
    let token = other.committee_token().await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.clone().into_bytes()).file_name("tramites.csv"),
    );
    let res = other
        .client
        .post(other.url("/api/v1/procedures/import?commit=true"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let list: Value = other
        .get("/api/v1/procedures?q=COMO-1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["access"], p["access"], "{list}");
    let ld: Value = serde_json::from_str(&html(&app, "/datos/tramites.jsonld").await).unwrap();
    let service = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["dct:identifier"] == "COMO-1")
        .unwrap();
    assert_eq!(
        service["cv:hasContactPoint"]["cv:telephone"],
        "+502 2422-2500"
    );
    assert_eq!(
        service["cv:hasChannel"][0]["foaf:homepage"],
        "https://servicios.mintrabajo.gob.gt/contratos"
    );
    assert_eq!(
        service["cv:hasChannel"].as_array().unwrap().len(),
        3,
        "online plus two offices"
    );
    // A PATCH replaces the whole; a procedure without any says whom to ask.
    let id = p["id"].as_str().unwrap();
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{id}")))
        .bearer_auth(&committee)
        .header("If-Match", "\"1\"")
        .json(&json!({"access": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = html(&app, "/tramites/COMO-1").await;
    assert!(
        !page.contains("Hacer el trámite en línea")
            && page.contains("aún no ha publicado aquí dónde y cuándo")
    );
}

#[tokio::test]
async fn removed_requirements_show_as_removed_and_savings_only_when_some() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let body = procedure_body(
        "COMO-2",
        json!({"requirements": [{"name": "DPI", "held_by_state": true}, {"name": "Solicitud firmada", "held_by_state": false}]}),
    );
    let p = app.create_procedure(&committee, &body).await;
    let id = p["id"].as_str().unwrap();
    app.walk(&committee, &director, id, &["start_analysis"])
        .await;
    let page = html(&app, "/tramites/COMO-2").await;
    assert!(
        !page.contains("Lo que ahorra la simplificación"),
        "a baseline alone saves nothing"
    );
    let current: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{id}")))
        .bearer_auth(&committee)
        .header("If-Match", format!("\"{}\"", current["version"]))
        .json(&json!({"requirements": [{"name": "Solicitud firmada", "held_by_state": false}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = html(&app, "/tramites/COMO-2").await;
    assert!(
        page.contains("Ya no se pide:") && page.contains("<del>DPI</del>"),
        "{page}"
    );
    assert!(page.contains("Lo que ahorra la simplificación"));
}
