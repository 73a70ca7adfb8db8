//! The survey of a launched procedure in a real browser: axe-core at 360 and 1280 pixels
//! (empty and with its errors) and the usage report page; then answered with JavaScript off,
//! by keyboard alone.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

use crate::driver::{self, axe_violations, screenshot};
use crate::helpers::spawn_app_with;
use crate::walks::launch_simplified;

#[tokio::test]
async fn the_survey_passes_axe_and_is_answered_without_javascript_by_keyboard() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    launch_simplified(&app).await;
    for width in [360, 1280] {
        // axe-core is itself a script: these pages are checked with JavaScript on.
        let browser = driver.browser(width, true).await;
        for (name, path) in [
            ("encuesta", "/tramites/CONS-1/encuesta"),
            ("uso", "/tramites/CONS-1/uso"),
        ] {
            browser.goto(&app.url(path)).await.unwrap();
            let violations = axe_violations(&browser, &axe).await;
            assert!(
                violations.is_empty(),
                "{path} at {width}px: {violations:#?}"
            );
            let apart = driver::boxes_apart_from_labels(&browser).await;
            assert!(apart.is_empty(), "{path} at {width}px: {apart:?}");
            screenshot(&browser, name, width).await;
        }
        browser
            .goto(&app.url("/tramites/CONS-1/encuesta"))
            .await
            .unwrap();
        browser
            .find(Locator::XPath(
                "//button[normalize-space()='Enviar respuestas']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let summary = browser
            .wait()
            .for_element(Locator::Css(".resumen-errores"))
            .await
            .expect("the error summary");
        let said = summary.text().await.unwrap();
        assert!(said.contains("Satisfacción: elija del 1 al 5"), "{said}");
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "the survey with errors at {width}px: {violations:#?}"
        );
        screenshot(&browser, "encuesta-errores", width).await;
        browser.close().await.unwrap();
    }
    // Keyboard alone: Tab to the first score, arrows choose within a group, Space checks.
    let browser = driver.browser(360, false).await;
    browser
        .goto(&app.url("/tramites/CONS-1/encuesta"))
        .await
        .unwrap();
    let first = browser
        .find(Locator::Id("campo-satisfaction"))
        .await
        .unwrap();
    first.send_keys(" ").await.unwrap();
    first
        .send_keys(&format!("{}{}{}", Key::Right, Key::Right, Key::Right))
        .await
        .unwrap();
    let ease = browser.find(Locator::Id("campo-ease")).await.unwrap();
    ease.send_keys(&format!(" {}", Key::Right)).await.unwrap();
    let online = browser
        .find(Locator::Id("campo-completed_online"))
        .await
        .unwrap();
    online.send_keys(" ").await.unwrap();
    let channel = browser.find(Locator::Id("campo-channel")).await.unwrap();
    channel.send_keys("En línea").await.unwrap();
    let comment = browser.find(Locator::Id("campo-comment")).await.unwrap();
    comment
        .send_keys("Lo terminé en diez minutos.")
        .await
        .unwrap();
    comment
        .send_keys(&format!("{}{}", Key::Tab, Key::Enter))
        .await
        .unwrap();
    // Enter starts the form's submission; the redirect lands when the browser gets to it
    // (slower while other browser tests share the machine).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let url = loop {
        let url = browser.current_url().await.unwrap();
        if url
            .as_str()
            .ends_with("/tramites/CONS-1/encuesta?gracias=1")
            || std::time::Instant::now() > deadline
        {
            break url;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(
        url.as_str()
            .ends_with("/tramites/CONS-1/encuesta?gracias=1"),
        "{url}"
    );
    let text = browser
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("Gracias por responder"), "{text}");
    assert!(
        text.contains("1\nrespuestas") || text.contains("1 respuestas"),
        "{text}"
    );
    let id = app
        .client
        .get(app.url("/api/v1/procedures?q=CONS-1"))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let results: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/procedures/{id}/survey")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(results["answers"], 1);
    assert_eq!(
        results["satisfaction_counts"],
        json!([0, 0, 0, 1, 0]),
        "1 → 4 by arrows"
    );
    assert_eq!(results["ease_counts"], json!([0, 1, 0, 0, 0]));
    assert_eq!(results["completed_online"], 1);
    assert_eq!(results["by_channel"]["online"], 1);
    browser.close().await.unwrap();
}
