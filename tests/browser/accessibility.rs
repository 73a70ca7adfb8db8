//! Accessibility, weight and privacy of every public page, with screenshots for review.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::driver::{self, axe_violations, screenshot};
use crate::helpers::spawn_app;
use crate::public::{moderate_and_answer, world};

#[tokio::test]
async fn every_public_page_passes_axe_at_360_and_1280_and_stays_small() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    let app = spawn_app().await;
    let w = world(&app).await;
    // Where and how to do it, so the procedure page is looked at as citizens meet it.
    let found: Value = app
        .get(&format!("/api/v1/procedures?q={}", w.procedure_code))
        .await
        .json()
        .await
        .unwrap();
    let procedure = found["items"][0]["id"].as_str().unwrap().to_string();
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{procedure}")))
        .bearer_auth(&w.committee)
        .header("If-Match", "*")
        .json(&json!({"access": {
            "online_url": "https://servicios.mintrabajo.gob.gt/contratos",
            "offices": "Sede central, 7a. Avenida 3-33, zona 9, Ciudad de Guatemala\nDelegación de Quetzaltenango, 4a. Calle 12-20, zona 1",
            "opening_hours": "lunes a viernes, de 8:00 a 16:00",
            "phone": "2422-2500",
            "whatsapp": "+502 5555-0000"
        }}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // Comments of every kind: a campaign of copies, an answered one, a withheld one.
    for body in [
        "No al cambio",
        "No al cambio",
        "no al  CAMBIO!",
        "Bien pensado",
    ] {
        let res = app
            .client
            .post(app.url(&format!("/api/v1/consultations/{}/comments", w.consultation)))
            .json(&json!({"body": body, "author_name": "Vecina de Mixco", "email": "vecina@correo.gt"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let receipt: Value = app
        .client
        .post(app.url(&format!(
            "/api/v1/consultations/{}/comments",
            w.consultation
        )))
        .json(&json!({"body": "Texto que se retendrá"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let withheld = receipt["id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/v1/comments/{withheld}/moderation"),
            &w.committee,
            &json!({"decision": "reject", "reason": "off_topic"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    moderate_and_answer(
        &app,
        &w,
        "El Comité revisará el cambio con estas opiniones.",
    )
    .await;
    // General feedback, published and answered.
    let opinion: Value = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Que el registro de contratos funcione en el teléfono.", "topic": "services", "email": "vecina@correo.gt"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let opinion_id = opinion["id"].as_str().unwrap();
    for (path, body) in [
        ("moderation", json!({"decision": "publish"})),
        (
            "response",
            json!({"body": "Ya funciona en teléfonos desde marzo."}),
        ),
    ] {
        let res = app
            .post(
                &format!("/api/v1/feedback/{opinion_id}/{path}"),
                &w.committee,
                &body,
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let pages = [
        ("opinion", "/opinion".to_string()),
        (
            "opinion-seguimiento",
            format!(
                "/seguimiento/{}",
                opinion["tracking_code"].as_str().unwrap()
            ),
        ),
        (
            "suscripcion",
            "/suscripcion/confirmar?token=enlace-de-prueba".to_string(),
        ),
        ("inicio", "/".to_string()),
        ("consultas", "/consultas".to_string()),
        ("consulta", format!("/consultas/{}", w.consultation)),
        ("seguimiento-buscar", "/seguimiento".to_string()),
        (
            "seguimiento",
            format!(
                "/seguimiento/{}",
                receipt["tracking_code"].as_str().unwrap()
            ),
        ),
        ("tramites", "/tramites".to_string()),
        ("tramite", format!("/tramites/{}", w.procedure_code)),
        ("aviso", format!("/tramites/{}/aviso", w.procedure_code)),
        ("indicadores", "/indicadores".to_string()),
        ("datos", "/datos".to_string()),
        ("informes", "/informes".to_string()),
        ("informe", {
            use chrono::Datelike;
            let today = (chrono::Utc::now() - chrono::Duration::hours(6)).date_naive();
            format!("/informes/{}-{}", today.year(), today.month0() / 4 + 1)
        }),
        ("no-encontrada", "/no-existe".to_string()),
    ];
    for width in [360, 1280] {
        let browser = driver.browser(width, true).await;
        for (name, path) in &pages {
            browser.goto(&app.url(path)).await.unwrap();
            let violations = axe_violations(&browser, &axe).await;
            assert!(
                violations.is_empty(),
                "{path} at {width}px: {violations:#?}"
            );
            let stray = driver::stray_words(&browser, &keys).await;
            assert!(stray.is_empty(), "{path} at {width}px: {stray:?}");
            let html = browser.source().await.unwrap();
            assert!(!html.contains("vecina@correo.gt"), "{path} shows an e-mail");
            assert!(!html.contains("127.0.0.1"), "{path} shows an address");
            let weight = browser
                .execute(
                    "const n = performance.getEntriesByType('navigation')[0];
                     const r = performance.getEntriesByType('resource');
                     return n.transferSize + r.reduce((s, e) => s + e.transferSize, 0);",
                    vec![],
                )
                .await
                .unwrap()
                .as_u64()
                .unwrap_or(0);
            assert!(weight <= 60 * 1024, "{path} weighs {weight} bytes");
            let apart = driver::boxes_apart_from_labels(&browser).await;
            assert!(apart.is_empty(), "{path} at {width}px: {apart:?}");
            if let Some(wide) = driver::sideways(&browser).await {
                panic!("{path} at {width}px scrolls sideways: {wide}");
            }
            if *name == "seguimiento" {
                // The one script runs under the pages' policy: "Imprimir" is shown.
                let button = browser
                    .find(Locator::Css("button[data-imprimir]"))
                    .await
                    .unwrap();
                assert!(
                    button.is_displayed().await.unwrap(),
                    "«Imprimir» stays hidden"
                );
            }
            screenshot(&browser, name, width).await;
        }
        // The form with its errors, as a citizen meets it.
        browser
            .goto(&app.url(&format!("/consultas/{}", w.consultation)))
            .await
            .unwrap();
        browser
            .find(Locator::XPath(
                "//button[normalize-space()='Enviar comentario']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "the form with errors at {width}px: {violations:#?}"
        );
        let stray = driver::stray_words(&browser, &keys).await;
        assert!(stray.is_empty(), "the form with errors: {stray:?}");
        screenshot(&browser, "consulta-errores", width).await;
        browser.goto(&app.url("/opinion")).await.unwrap();
        browser
            .find(Locator::XPath(
                "//button[normalize-space()='Enviar opinión']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "the opinion form with errors at {width}px: {violations:#?}"
        );
        let stray = driver::stray_words(&browser, &keys).await;
        assert!(stray.is_empty(), "the opinion form with errors: {stray:?}");
        screenshot(&browser, "opinion-errores", width).await;
        browser.close().await.unwrap();
    }
    let page: String = app
        .client
        .get(app.url(&format!("/consultas/{}", w.consultation)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("enviado por 3 personas"),
        "a campaign shows as one text"
    );
    assert!(
        page.contains("Comentario retenido el"),
        "withheld: date and reason"
    );
    assert!(
        !page.contains("Texto que se retendrá"),
        "never the withheld text"
    );
    println!(
        "BROWSER TESTS RAN: {} pages at 360 and 1280 px",
        pages.len() + 1
    );
}
