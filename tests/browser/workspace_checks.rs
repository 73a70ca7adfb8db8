//! Every workspace page passes axe-core at 360 and 1280 pixels, and two browsers saving one
//! procedure: the second is told and keeps what it typed.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::driver::{self, axe_violations, screenshot};
use crate::helpers::{procedure_body, spawn_app};
use crate::public::text_of;
use crate::staff::*;

#[tokio::test]
async fn every_workspace_page_passes_axe_at_360_and_1280() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    app.user_with("todo", &["committee", "director", "auditor", "admin"])
        .await;
    let p = app
        .create_procedure(&committee, &procedure_body("AXE-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap().to_string();
    app.walk(
        &committee,
        &director,
        &id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    let c: Value = app
        .post(
            &format!("/api/v1/procedures/{id}/consultations"),
            &committee,
            &json!({"title": "Consulta de prueba", "proposal_text": "Texto"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let consultation = c["id"].as_str().unwrap().to_string();
    for _ in 0..2 {
        app.client
            .post(app.url(&format!("/api/v1/consultations/{consultation}/comments")))
            .json(&json!({"body": "Un texto repetido"}))
            .send()
            .await
            .unwrap();
    }
    app.client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Una opinión", "topic": "services"}))
        .send()
        .await
        .unwrap();
    let other = app
        .create_procedure(&committee, &procedure_body("AXE-2", json!({})))
        .await;
    let asked: Value = app
        .post(
            &format!(
                "/api/v1/procedures/{}/transitions",
                other["id"].as_str().unwrap()
            ),
            &committee,
            &json!({"transition": "start_analysis"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let pending = asked["id"].as_str().unwrap().to_string();
    let pages = [
        ("gestion-tablero", "/gestion".to_string()),
        ("gestion-nuevo", "/gestion/tramites/nuevo".to_string()),
        ("gestion-tramite", format!("/gestion/tramites/{id}")),
        ("gestion-aprobaciones", "/gestion/aprobaciones".to_string()),
        (
            "gestion-aprobaciones-decididas",
            "/gestion/aprobaciones?vista=decididas".to_string(),
        ),
        ("gestion-moderacion", "/gestion/moderacion".to_string()),
        (
            "gestion-consulta",
            format!("/gestion/consultas/{consultation}"),
        ),
        (
            "gestion-auditoria",
            "/gestion/auditoria?verificar=1".to_string(),
        ),
        ("gestion-usuarios", "/gestion/usuarios".to_string()),
        (
            "gestion-usuario-nuevo",
            "/gestion/usuarios/nuevo".to_string(),
        ),
        ("gestion-importar", "/gestion/importar".to_string()),
    ];
    for width in [360, 1280] {
        let browser = driver.browser(width, true).await;
        browser.goto(&app.url("/gestion/entrar")).await.unwrap();
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "sign-in at {width}px: {violations:#?}"
        );
        screenshot(&browser, "gestion-entrar", width).await;
        sign_in(&browser, &app, "todo").await;
        for (name, path) in &pages {
            browser.goto(&app.url(path)).await.unwrap();
            let violations = axe_violations(&browser, &axe).await;
            assert!(
                violations.is_empty(),
                "{path} at {width}px: {violations:#?}"
            );
            let apart = driver::boxes_apart_from_labels(&browser).await;
            assert!(
                apart.is_empty(),
                "{path} at {width}px, boxes without their label beside them: {apart:?}"
            );
            let stray = driver::stray_words(&browser, &keys).await;
            assert!(stray.is_empty(), "{path} at {width}px: {stray:?}");
            if let Some(wide) = driver::sideways(&browser).await {
                panic!("{path} at {width}px scrolls sideways: {wide}");
            }
            screenshot(&browser, name, width).await;
        }
        // Rejecting without a note: the error comes back on the approvals page, in the
        // workspace, with its summary and the field marked.
        browser
            .goto(&app.url("/gestion/aprobaciones"))
            .await
            .unwrap();
        submit_with(
            &browser,
            Locator::Css("button[name='decision'][value='reject']"),
            "«Rechazar»",
        )
        .await;
        assert_eq!(
            crate::public::path_of(&browser).await,
            "/gestion/aprobaciones/".to_string() + &pending
        );
        let title = browser.title().await.unwrap();
        assert!(title.starts_with("Error:"), "{title}");
        browser
            .find(Locator::Css(
                "body.gestion .resumen-errores a[href^='#nota-']",
            ))
            .await
            .expect("the workspace's error summary, linked to the note");
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "rejection error at {width}px: {violations:#?}"
        );
        screenshot(&browser, "gestion-aprobaciones-error", width).await;
        // A form with errors.
        browser
            .goto(&app.url("/gestion/tramites/nuevo"))
            .await
            .unwrap();
        click(&browser, "Registrar").await;
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "registration errors at {width}px: {violations:#?}"
        );
        let stray = driver::stray_words(&browser, &keys).await;
        assert!(stray.is_empty(), "registration errors: {stray:?}");
        screenshot(&browser, "gestion-nuevo-errores", width).await;
        browser.close().await.unwrap();
    }
}

#[tokio::test]
async fn of_two_browsers_saving_one_procedure_the_second_is_told_and_keeps_its_text() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    let (_, committee) = app.user_with("ana", &["committee"]).await;
    app.user_with("beto", &["committee"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("DOS-1", json!({})))
        .await;
    let path = format!("/gestion/tramites/{}", p["id"].as_str().unwrap());
    let (ana, beto) = (
        driver.browser(1280, false).await,
        driver.browser(360, false).await,
    );
    sign_in(&ana, &app, "ana").await;
    sign_in(&beto, &app, "beto").await;
    for (browser, name) in [
        (&ana, "Nombre que pone Ana"),
        (&beto, "Nombre que pone Beto"),
    ] {
        browser.goto(&app.url(&path)).await.unwrap();
        fill(browser, "campo-name", name).await;
    }
    click(&ana, "Guardar cambios").await;
    assert!(text_of(&ana).await.contains("Cambios guardados"));
    click(&beto, "Guardar cambios").await;
    let page = text_of(&beto).await;
    assert!(
        page.contains("cambió este trámite mientras usted lo editaba"),
        "{page}"
    );
    let typed = beto
        .find(Locator::Id("campo-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        typed.as_deref(),
        Some("Nombre que pone Beto"),
        "nothing typed is lost"
    );
    let stored: Value = app
        .get(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["name"], "Nombre que pone Ana");
    // Saved again knowingly, it applies.
    click(&beto, "Guardar cambios").await;
    assert!(text_of(&beto).await.contains("Cambios guardados"));
    for b in [ana, beto] {
        b.close().await.unwrap();
    }
}
