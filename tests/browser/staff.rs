//! Steps staff take in the workspace, for the browser tests: signing in, filling fields,
//! pressing a button and waiting for the next page, proposing, approving, attaching.

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::helpers::TestApp;
use crate::public::{path_of, text_of};

/// Clicks and waits until the next page has replaced this one (every button here submits).
pub(crate) async fn submit_with(browser: &Client, locator: Locator<'_>, what: &str) {
    press(browser, locator, what, "main").await;
}

/// Clicks and waits until the next page has replaced this one and shows `css`.
pub(crate) async fn press(browser: &Client, locator: Locator<'_>, what: &str, css: &str) {
    let old = browser.find(Locator::Css("html")).await.unwrap();
    browser
        .find(locator)
        .await
        .unwrap_or_else(|_| panic!("{what}"))
        .click()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while old.tag_name().await.is_ok() {
        assert!(started.elapsed().as_secs() < 15, "{what} led nowhere");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.wait().for_element(Locator::Css(css)).await.unwrap();
}

pub(crate) async fn click(browser: &Client, button: &str) {
    let xpath = format!("//button[normalize-space()='{button}']");
    submit_with(
        browser,
        Locator::XPath(&xpath),
        &format!("a button «{button}»"),
    )
    .await;
}

pub(crate) async fn fill(browser: &Client, id: &str, text: &str) {
    let field = browser.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub(crate) async fn sign_in(browser: &Client, app: &TestApp, username: &str) {
    browser.goto(&app.url("/gestion/entrar")).await.unwrap();
    fill(browser, "campo-username", username).await;
    fill(browser, "campo-password", &format!("{username}-password")).await;
    click(browser, "Entrar").await;
    let at = path_of(browser).await;
    assert_eq!(
        at,
        "/gestion",
        "{username} is in: {}",
        text_of(browser).await
    );
}

pub(crate) async fn propose(browser: &Client, app: &TestApp, id: &str, transition: &str) {
    browser
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    let xpath = format!(
        "//form[input[@name='transition' and @value='{transition}']]//button[normalize-space()='Proponer']"
    );
    submit_with(
        browser,
        Locator::XPath(&xpath),
        &format!("«Proponer» for {transition}"),
    )
    .await;
    let notice = text_of(browser).await;
    assert!(
        notice.contains("Propuesta enviada") || notice.contains("Transición aplicada"),
        "{transition}: {notice}"
    );
}

/// Approves the first request in the queue; a step that cannot be undone (a final stage, an
/// effect on the procedure) asks first, and the confirmation is given. Returns whether it asked.
pub(crate) async fn approve(browser: &Client, app: &TestApp) -> bool {
    browser
        .goto(&app.url("/gestion/aprobaciones"))
        .await
        .unwrap();
    // The button names its request for screen readers ("Aprobar «Lanzar» de …").
    let button = Locator::Css("button[name='decision'][value='approve']");
    submit_with(browser, button, "«Aprobar»").await;
    let asked = text_of(browser).await.contains("no se puede deshacer");
    if asked {
        assert!(path_of(browser).await.starts_with("/gestion/aprobaciones/"));
        click(browser, "Sí, aprobar").await;
    }
    assert!(text_of(browser).await.contains("Solicitud aprobada"));
    asked
}

pub(crate) async fn attach(
    browser: &Client,
    app: &TestApp,
    id: &str,
    kind: &str,
    dir: &std::path::Path,
) {
    browser
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    let file = dir.join(format!("{kind}.pdf"));
    std::fs::write(&file, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").unwrap();
    browser
        .find(Locator::Css(&format!("#campo-kind option[value='{kind}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Id("campo-file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    click(browser, "Adjuntar documento").await;
    assert!(text_of(browser).await.contains("Documento adjunto"));
}

pub(crate) async fn state_of(app: &TestApp, id: &str) -> String {
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    p["state"].as_str().unwrap().to_string()
}
