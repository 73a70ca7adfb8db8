//! The public pages as citizens use them.

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::driver;
use crate::helpers::{procedure_body, spawn_app, TestApp};

/// Staff tokens and a consultation open on a procedure with requirements.
pub(crate) struct World {
    pub(crate) committee: String,
    pub(crate) procedure_code: String,
    pub(crate) consultation: String,
    pub(crate) title: String,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let body = procedure_body(
        "MINTRAB-042",
        json!({"requirements": [{"name": "Copia del DPI", "held_by_state": true},
                                {"name": "Constancia laboral", "held_by_state": false}]}),
    );
    let p = app.create_procedure(&committee, &body).await;
    let id = p["id"].as_str().unwrap().to_string();
    app.walk(
        &committee,
        &director,
        &id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    let title = "Registro de contratos sin copia del DPI";
    let res = app
        .post(
            &format!("/api/v1/procedures/{id}/consultations"),
            &committee,
            &json!({"title": title, "summary": "Se deja de pedir la copia del DPI.",
                    "proposal_text": "## Qué cambia\n\nEl registro se hará **en línea** y sin copia del DPI."}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let c: Value = res.json().await.unwrap();
    World {
        committee,
        procedure_code: "MINTRAB-042".into(),
        consultation: c["id"].as_str().unwrap().to_string(),
        title: title.into(),
    }
}

pub(crate) async fn received_count(app: &TestApp, consultation: &str) -> i64 {
    let c: Value = app
        .get(&format!("/api/v1/consultations/{consultation}"))
        .await
        .json()
        .await
        .unwrap();
    c["counts"]["received"].as_i64().unwrap()
}

pub(crate) async fn path_of(browser: &Client) -> String {
    browser.current_url().await.unwrap().path().to_string()
}

pub(crate) async fn text_of(browser: &Client) -> String {
    browser
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Publishes and answers every comment received so far through the API.
pub(crate) async fn moderate_and_answer(app: &TestApp, w: &World, answer: &str) {
    let list: Value = app
        .send(
            reqwest::Method::GET,
            &format!(
                "/api/v1/consultations/{}/comments?status=received",
                w.consultation
            ),
            Some(&w.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    for item in list["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let res = app
            .post(
                &format!("/api/v1/comments/{id}/moderation"),
                &w.committee,
                &json!({"decision": "publish"}),
            )
            .await;
        assert_eq!(res.status(), 200);
        let res = app
            .post(
                &format!("/api/v1/comments/{id}/response"),
                &w.committee,
                &json!({"body": answer}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
}

#[tokio::test]
async fn a_citizen_comments_and_follows_the_answer_with_javascript_off() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    let w = world(&app).await;
    let browser = driver.browser(360, false).await;
    browser.goto(&app.url("/")).await.unwrap();
    browser
        .find(Locator::LinkText(&w.title))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        path_of(&browser).await,
        format!("/consultas/{}", w.consultation)
    );
    // Empty: the form comes back with a summary linking to the field; nothing is stored.
    browser
        .find(Locator::XPath(
            "//button[normalize-space()='Enviar comentario']",
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
        .unwrap();
    let link = summary.find(Locator::Css("a")).await.unwrap();
    assert_eq!(
        link.attr("href").await.unwrap().as_deref(),
        Some("#campo-body")
    );
    assert_eq!(received_count(&app, &w.consultation).await, 0);
    let text = "Me parece bien: la copia del DPI sobra.";
    browser
        .find(Locator::Id("campo-body"))
        .await
        .unwrap()
        .send_keys(text)
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
    let code = browser
        .wait()
        .for_element(Locator::Css(".codigo strong"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tracking = path_of(&browser).await;
    assert!(tracking.starts_with("/seguimiento/C-"), "{tracking}");
    assert!(tracking.ends_with(&code));
    assert!(text_of(&browser).await.contains("Guarde este código"));
    // The confirmation (GOV.UK pattern) as the citizen sees it, on a phone and on a desk.
    let confirmation = text_of(&browser).await;
    assert!(
        confirmation.contains("Comentario enviado") && confirmation.contains(text),
        "{confirmation}"
    );
    assert_eq!(driver::sideways(&browser).await, None);
    driver::screenshot(&browser, "comentario-enviado", 360).await;
    driver::screenshot(&browser, "comentario-enviado", 1280).await;
    let _ = browser.set_window_size(360, 900).await;
    moderate_and_answer(&app, &w, "Gracias: así quedará.").await;
    browser
        .goto(&app.url(&format!("/consultas/{}", w.consultation)))
        .await
        .unwrap();
    let page = text_of(&browser).await;
    assert!(
        page.contains(text) && page.contains("Gracias: así quedará."),
        "{page}"
    );
    browser.goto(&app.url(&tracking)).await.unwrap();
    let page = text_of(&browser).await;
    assert!(
        page.contains("Publicado") && page.contains("Gracias: así quedará."),
        "{page}"
    );
    browser.close().await.unwrap();
}

/// Presses Tab until the focused element satisfies `wanted` (at most 60 times).
async fn tab_to(browser: &Client, wanted: impl Fn(&str, &str) -> bool) {
    for _ in 0..60 {
        let active = browser.active_element().await.unwrap();
        let href = active.attr("href").await.unwrap().unwrap_or_default();
        let id = active.attr("id").await.unwrap().unwrap_or_default();
        let text = active.text().await.unwrap_or_default();
        if wanted(&href, &format!("{id}|{text}")) {
            return;
        }
        active.send_keys(&Key::Tab.to_string()).await.unwrap();
    }
    panic!("the element was never reached with Tab");
}

#[tokio::test]
async fn a_citizen_comments_with_the_keyboard_alone() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    let w = world(&app).await;
    let browser = driver.browser(1280, false).await;
    browser.goto(&app.url("/")).await.unwrap();
    let target = format!("/consultas/{}", w.consultation);
    tab_to(&browser, |href, _| href.ends_with(&target)).await;
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    browser
        .wait()
        .for_element(Locator::Id("campo-body"))
        .await
        .unwrap();
    assert_eq!(path_of(&browser).await, target);
    tab_to(&browser, |_, id| id.starts_with("campo-body|")).await;
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys("Escrito solo con el teclado.")
        .await
        .unwrap();
    tab_to(&browser, |_, id| id.ends_with("|Enviar comentario")).await;
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    browser
        .wait()
        .for_element(Locator::Css(".codigo strong"))
        .await
        .unwrap();
    assert!(path_of(&browser).await.starts_with("/seguimiento/C-"));
    assert_eq!(received_count(&app, &w.consultation).await, 1);
    browser.close().await.unwrap();
}
