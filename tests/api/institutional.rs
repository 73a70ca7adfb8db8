//! Staff sign-in with institutional accounts (issue 40) against a real OpenID provider
//! (`oidc_provider.rs`), walked with an HTTP client that keeps cookies as a browser does: the
//! first sign-in links the account by its verified e-mail, later ones by its subject; an
//! unknown account gets the Spanish page and nothing is created; a forged, replayed or
//! another browser's callback is refused; `password_sign_in = false` removes the password.

use diesel::prelude::*;
use reqwest::{Client, StatusCode, Url};
use serde_json::json;
use tramites::db::schema::{audit_log, users};
use tramites::db::schema_identities::user_identities;

use crate::helpers::{no_redirects, TestApp};
use crate::oidc_provider::app_with_provider;

fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of `attr="…"` in a piece of HTML.
fn attr<'a>(html: &'a str, attr: &str) -> Option<&'a str> {
    let start = html.find(&format!("{attr}=\""))? + attr.len() + 2;
    html[start..].split('"').next()
}

/// The form's fields: its hidden inputs, and the login form's `login` and `password`.
fn fields(page: &str, login: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for input in page.split("<input").skip(1) {
        let tag = input.split('>').next().unwrap_or("");
        match (attr(tag, "type"), attr(tag, "name")) {
            (Some("hidden"), Some(name)) => {
                out.push((name.into(), attr(tag, "value").unwrap_or("").into()))
            }
            (_, Some("login")) => out.push(("login".into(), login.into())),
            (_, Some("password")) => out.push(("password".into(), "cualquier-clave".into())),
            _ => {}
        }
    }
    out
}

/// Signs in at the provider as `login`, from `/gestion/oidc/entrar` to the callback address
/// the provider sends the browser to (returned, not followed).
async fn through_provider(app: &TestApp, client: &Client, login: &str) -> String {
    let callback = app.url("/gestion/oidc/callback");
    let mut url = app.url("/gestion/oidc/entrar");
    for _ in 0..20 {
        if url.starts_with(&callback) {
            return url;
        }
        let mut res = client.get(&url).send().await.unwrap();
        if res.status() == StatusCode::OK {
            let page = res.text().await.unwrap();
            let action = attr(&page, "action").expect("a form at the provider");
            let target = Url::parse(&url).unwrap().join(action).unwrap();
            res = client
                .post(target)
                .form(&fields(&page, login))
                .send()
                .await
                .unwrap();
        }
        assert!(res.status().is_redirection(), "{url}: {}", res.status());
        let location = res.headers()["location"].to_str().unwrap().to_string();
        url = Url::parse(&url)
            .unwrap()
            .join(&location)
            .unwrap()
            .to_string();
    }
    panic!("the provider never sent the browser back");
}

fn actions(app: &TestApp, action: &str) -> Vec<String> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .select(audit_log::data)
        .load(&mut app.db.connect())
        .unwrap()
}

/// The entries of `action` that an institutional sign-in wrote.
fn institutional(app: &TestApp, action: &str) -> usize {
    actions(app, action)
        .iter()
        .filter(|d| d.contains("\"oidc\""))
        .count()
}

#[tokio::test]
async fn the_first_sign_in_links_by_verified_email_and_later_ones_by_subject() {
    let Some((app, _provider)) = app_with_provider(json!({})).await else {
        return;
    };
    app.user_with("comite", &["committee"]).await;
    let client = browser();
    let back = through_provider(&app, &client, "comite").await;
    assert!(back.contains("code=") && back.contains("state="), "{back}");
    let res = client.get(&back).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    assert_eq!(res.headers()["location"], "/gestion");
    let board = client.get(app.url("/gestion")).send().await.unwrap();
    assert_eq!(board.status(), StatusCode::OK, "signed in");
    assert!(board.text().await.unwrap().contains("comite"));
    assert_eq!(actions(&app, "auth.identity_linked").len(), 1);
    assert_eq!(institutional(&app, "auth.login"), 1);

    // The same callback a second time, with this browser's state cookie sent again by hand:
    // the state was used once.
    let state = Url::parse(&back)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .to_string();
    let replay = no_redirects()
        .get(&back)
        .header("cookie", format!("tramites_oidc={state}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST);
    assert!(replay.text().await.unwrap().contains("ya se usó"));

    // A second sign-in finds the account by its subject: no second link.
    let again = browser();
    let back = through_provider(&app, &again, "comite").await;
    let res = again.get(&back).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(actions(&app, "auth.identity_linked").len(), 1);
}

#[tokio::test]
async fn an_unknown_account_is_told_to_ask_an_administrator_and_nothing_is_created() {
    let Some((app, _provider)) = app_with_provider(json!({})).await else {
        return;
    };
    let before: i64 = users::table
        .count()
        .get_result(&mut app.db.connect())
        .unwrap();
    let client = browser();
    let back = through_provider(&app, &client, "desconocida").await;
    let res = client.get(&back).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let page = res.text().await.unwrap();
    assert!(page.contains("Pida a un administrador"), "{page}");
    let after: i64 = users::table
        .count()
        .get_result(&mut app.db.connect())
        .unwrap();
    assert_eq!(after, before, "no user created");
    let links: i64 = user_identities::table
        .count()
        .get_result(&mut app.db.connect())
        .unwrap();
    assert_eq!(links, 0);
    assert_eq!(institutional(&app, "auth.login_failed"), 1);
    assert!(client
        .get(app.url("/gestion"))
        .send()
        .await
        .unwrap()
        .status()
        .is_redirection());
}

#[tokio::test]
async fn a_forged_callback_or_one_from_another_browser_is_refused() {
    let Some((app, _provider)) = app_with_provider(json!({})).await else {
        return;
    };
    app.user_with("comite", &["committee"]).await;
    // A state nobody sent, with a cookie to match.
    let forged = no_redirects()
        .get(app.url("/gestion/oidc/callback?code=inventado&state=inventado"))
        .header("cookie", "tramites_oidc=inventado")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    // A real answer of the provider, brought by another browser (login CSRF): refused.
    let victim = browser();
    let back = through_provider(&app, &victim, "comite").await;
    let other = no_redirects().get(&back).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::BAD_REQUEST);
    assert!(other
        .headers()
        .get("set-cookie")
        .is_none_or(|c| !c.to_str().unwrap().starts_with("tramites_sesion=")));
    // The provider's own refusal (no code) is refused too.
    let denied = victim
        .get(app.url("/gestion/oidc/callback?error=access_denied&state=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), StatusCode::BAD_REQUEST);
    assert_eq!(institutional(&app, "auth.login"), 0);
}

#[tokio::test]
async fn without_password_sign_in_the_form_is_gone_and_passwords_are_refused() {
    let Some((app, _provider)) = app_with_provider(json!({"password_sign_in": false})).await else {
        return;
    };
    let page = app
        .client
        .get(app.url("/gestion/entrar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Entrar con la cuenta institucional"));
    assert!(!page.contains("type=\"password\""), "no password form");
    let posted = no_redirects()
        .post(app.url("/gestion/entrar"))
        .form(&[
            ("username", "admin"),
            ("password", crate::helpers::ADMIN_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::FORBIDDEN);
    let token = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"username": "admin", "password": crate::helpers::ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::FORBIDDEN);
    assert!(actions(&app, "auth.login").is_empty(), "nobody signed in");
}

#[tokio::test]
async fn an_id_token_expired_at_the_services_clock_is_refused() {
    let Some((app, _provider)) = app_with_provider(json!({})).await else {
        return;
    };
    app.user_with("comite", &["committee"]).await;
    let client = browser();
    let back = through_provider(&app, &client, "comite").await;
    // The test provider's ID tokens live 60 s; the sign-in itself may take ten minutes.
    app.clock.advance(chrono::Duration::minutes(5));
    let res = client.get(&back).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(client
        .get(app.url("/gestion"))
        .send()
        .await
        .unwrap()
        .status()
        .is_redirection());
    assert_eq!(institutional(&app, "auth.login"), 0);
}
