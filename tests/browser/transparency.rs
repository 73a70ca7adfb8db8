//! The transparency log through the pages (issue 38): a citizen on a phone, JavaScript off,
//! finds the receipt on their comment's tracking page once a tree head includes it, and
//! reads on `/transparencia` what they can check and how. axe-core, the catalog's stray
//! words and screenshots at 360 and 1280 px.

use fantoccini::Locator;
use reqwest::Method;
use serde_json::{json, Value};

use crate::drafts::checked;
use crate::driver;
use crate::helpers::spawn_app;
use crate::public::text_of;
use crate::staff::{click, fill};

#[tokio::test]
async fn a_citizen_finds_the_receipt_and_reads_how_to_check_it() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    let app = spawn_app().await;
    let s = crate::walks::setup(&app).await;
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let c = app
        .open_consultation(
            &s.committee,
            &s.procedure,
            &crate::walks::proposal(json!({})),
        )
        .await;
    let cid = c["id"].as_str().unwrap().to_string();

    // A citizen comments from a phone, JavaScript off.
    let citizen = driver.browser(360, false).await;
    citizen
        .goto(&app.url(&format!("/consultas/{cid}")))
        .await
        .unwrap();
    fill(
        &citizen,
        "campo-body",
        "Que el registro acepte la firma electrónica avanzada.",
    )
    .await;
    click(&citizen, "Enviar comentario").await;
    let tracking = citizen.current_url().await.unwrap().path().to_string();
    assert!(tracking.starts_with("/seguimiento/C-"), "{tracking}");
    let page = text_of(&citizen).await;
    assert!(page.contains("El comprobante estará listo"), "{page}");

    // The next tree head includes it: the page offers the receipt.
    let res = app
        .send(
            Method::POST,
            "/api/v1/transparency/tree-heads",
            Some(&auditor),
            None,
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    citizen.goto(&app.url(&tracking)).await.unwrap();
    let link = citizen
        .find(Locator::LinkText("Descargar comprobante"))
        .await
        .expect("the receipt's link");
    let href = link.attr("href").await.unwrap().unwrap();
    assert_eq!(href, format!("{tracking}/comprobante"));
    let receipt: Value = app.get(&href).await.json().await.unwrap();
    assert_eq!(receipt["format"], "tramites.receipt.v1");

    // From the footer of any page to the explanation, then the page itself at both widths.
    citizen
        .find(Locator::LinkText("Cómo comprobarlo."))
        .await
        .expect("the footer's link")
        .click()
        .await
        .unwrap();
    assert_eq!(
        citizen.current_url().await.unwrap().path(),
        "/transparencia"
    );
    // axe runs in the page: these look with JavaScript on.
    for width in [360, 1280] {
        let b = driver.browser(width, true).await;
        b.goto(&app.url(&tracking)).await.unwrap();
        checked(&b, &axe, &keys, "seguimiento-comprobante", width).await;
        b.goto(&app.url("/transparencia")).await.unwrap();
        let page = text_of(&b).await;
        assert!(page.contains("Qué puede comprobar"), "{page}");
        assert!(
            page.contains(&app.db.audit_keys().public_key_hex()),
            "the key is shown"
        );
        assert!(page.contains(receipt["tree_head"]["root_hash"].as_str().unwrap()));
        checked(&b, &axe, &keys, "transparencia", width).await;
    }
}
