//! Staff sign-in with the institutional account in a real browser (issue 40), JavaScript off:
//! from the sign-in page's "Entrar con la cuenta institucional" through a real OpenID provider's
//! login and consent pages back to the board, with the roles an administrator gave. axe-core
//! at 360 and 1280 px on the sign-in page that now offers both ways in.

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::drafts::checked;
use crate::driver;
use crate::oidc_provider::app_with_provider;
use crate::public::{path_of, text_of};
use crate::staff::{press, submit_with};

/// Fills the provider's field `name`.
async fn type_into(browser: &Client, name: &str, text: &str) {
    let css = format!("input[name='{name}']");
    browser
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|_| panic!("the provider's field {name}"))
        .send_keys(text)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_staff_member_signs_in_with_the_institutional_account_and_lands_on_the_board() {
    let Some(driver) = driver::start() else {
        return;
    };
    let Some((app, _provider)) = app_with_provider(json!({})).await else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    app.user_with("comite", &["committee"]).await;
    for width in [360, 1280] {
        let b = driver.browser(width, true).await;
        b.goto(&app.url("/gestion/entrar")).await.unwrap();
        checked(&b, &axe, &keys, "entrar-institucional", width).await;
        b.close().await.unwrap();
    }

    let b = driver.browser(1280, false).await;
    b.goto(&app.url("/gestion/entrar")).await.unwrap();
    // The provider's pages have no `main`.
    press(
        &b,
        Locator::LinkText("Entrar con la cuenta institucional"),
        "the institutional sign-in",
        "body",
    )
    .await;
    // The provider's login page (any password: it is the provider's development form).
    type_into(&b, "login", "comite").await;
    type_into(&b, "password", "clave-institucional").await;
    press(
        &b,
        Locator::Css("button[type='submit']"),
        "the provider's sign-in",
        "body",
    )
    .await;
    // Its consent page, then back here.
    submit_with(
        &b,
        Locator::Css("button[type='submit']"),
        "the provider's consent",
    )
    .await;
    assert_eq!(path_of(&b).await, "/gestion", "{}", text_of(&b).await);
    let whole = b.source().await.unwrap();
    assert!(whole.contains("comite"), "signed in as comite: {whole}");
    assert!(
        b.find(Locator::Css("a[href='/gestion/moderacion']"))
            .await
            .is_ok(),
        "the Committee's sections: the roles given in tramites"
    );
    driver::screenshot(&b, "tablero-tras-entrada-institucional", 1280).await;
    b.close().await.unwrap();
}
