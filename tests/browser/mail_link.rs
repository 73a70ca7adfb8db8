//! A staff e-mail's link, opened in a browser with no session, leads through the sign-in page to
//! the page it names (issue 35, staff 1): the e-mail is the one the service really wrote (the
//! file transport), not a link built by the test.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::driver;
use crate::helpers::{procedure_body, spawn_app_with};
use crate::public::{path_of, text_of};
use crate::staff::{click, fill};

/// The plain text of the first e-mail in `dir` whose subject starts with `subject`.
async fn mail_text(dir: &std::path::Path, subject: &str) -> String {
    for _ in 0..200 {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(raw) = std::fs::read(entry.path()) else {
                continue;
            };
            let Ok(mail) = mailparse::parse_mail(&raw) else {
                continue;
            };
            use mailparse::MailHeaderMap;
            let found = mail.headers.get_first_value("Subject").unwrap_or_default();
            if found.starts_with(subject) {
                return mail
                    .subparts
                    .iter()
                    .find(|p| p.ctype.mimetype == "text/plain")
                    .map(|p| p.get_body().unwrap())
                    .unwrap_or_else(|| mail.get_body().unwrap());
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no e-mail «{subject}» in {}", dir.display());
}

#[tokio::test]
async fn an_approvers_mail_link_leads_through_sign_in_to_the_request() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app_with(json!({
        "mail_transport": "file", "notify_interval_ms": 100, "public_url": "http://tramites.test"
    }))
    .await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("ENLACE-1", json!({})))
        .await;
    let asked: Value = app
        .propose(&committee, p["id"].as_str().unwrap(), "start_analysis")
        .await
        .json()
        .await
        .unwrap();
    let text = mail_text(&app.db.dir().join("data/mail"), "Aprobación pendiente").await;
    let link = text
        .split_whitespace()
        .find(|w| w.starts_with("http://tramites.test/gestion/"))
        .unwrap_or_else(|| panic!("no workspace link in: {text}"))
        .trim_end_matches(['.', ')', ','])
        .to_string();
    let path = link.trim_start_matches("http://tramites.test");
    let browser = driver.browser(1280, false).await;
    browser.goto(&app.url(path)).await.unwrap();
    assert_eq!(path_of(&browser).await, "/gestion/entrar", "{path}");
    fill(&browser, "campo-username", "directora").await;
    fill(&browser, "campo-password", "directora-password").await;
    click(&browser, "Entrar").await;
    assert_eq!(
        path_of(&browser).await,
        "/gestion/aprobaciones",
        "{}",
        text_of(&browser).await
    );
    let anchor = format!("solicitud-{}", asked["id"].as_str().unwrap());
    assert!(path.ends_with(&format!("#{anchor}")), "{path}");
    browser
        .find(Locator::Id(&anchor))
        .await
        .unwrap_or_else(|_| panic!("the request {anchor} is on the page"));
    // A return address to another site is not followed: signing in lands on the board.
    let other = driver.browser(1280, false).await;
    other
        .goto(&app.url("/gestion/entrar?volver=//ejemplo.com/gestion"))
        .await
        .unwrap();
    fill(&other, "campo-username", "directora").await;
    fill(&other, "campo-password", "directora-password").await;
    click(&other, "Entrar").await;
    assert_eq!(path_of(&other).await, "/gestion");
    assert!(other.current_url().await.unwrap().host_str() == Some("127.0.0.1"));
    browser.close().await.unwrap();
    other.close().await.unwrap();
}
