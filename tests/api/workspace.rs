//! The staff workspace over HTTP: sessions, CSRF, no approving one's own request, sign-out,
//! deactivation, and a concurrent edit. (The browser tests walk a whole cycle in Chromium.)

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{no_redirects, procedure_body, spawn_app, TestApp};

/// A signed-in person: the session cookie and the page's CSRF token.
pub struct Desk {
    pub cookie: String,
    client: Client,
    base: String,
}

/// Signs in through the page; panics unless it works.
pub async fn sign_in(app: &TestApp, username: &str) -> Desk {
    let client = no_redirects();
    let res = client
        .post(app.url("/gestion/entrar"))
        .form(&[
            ("username", username),
            ("password", &format!("{username}-password")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in of {username}");
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(set.contains("Path=/gestion"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    Desk {
        cookie,
        client,
        base: app.url(""),
    }
}

impl Desk {
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        let status = res.status();
        if status.is_success() {
            assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
        }
        (status, res.text().await.unwrap())
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .form(fields)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        let body = res.text().await.unwrap();
        (status, location.unwrap_or(body))
    }

    /// The CSRF token of a page.
    pub async fn csrf(&self, path: &str) -> String {
        let (status, html) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
        html[at..].split('"').next().unwrap().to_string()
    }
}

async fn procedures(app: &TestApp, token: &str) -> Vec<Value> {
    let res = app
        .send(
            reqwest::Method::GET,
            "/api/v1/procedures",
            Some(token),
            None,
        )
        .await;
    let page: Value = res.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn without_a_session_or_a_csrf_token_nothing_happens() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let res = no_redirects()
        .get(app.url("/gestion"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/gestion/entrar");
    let res = no_redirects()
        .post(app.url("/gestion/entrar"))
        .form(&[("username", "comite"), ("password", "equivocada")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.text().await.unwrap().contains("no son correctos"));
    let desk = sign_in(&app, "comite").await;
    let form = [
        ("code", "CSRF-1"),
        ("name", "Sin token"),
        ("responsible_unit", "U"),
        ("category", "general"),
        ("audience", "workers"),
        ("channel", "online"),
    ];
    let (status, _) = desk.post("/gestion/tramites/nuevo", &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = desk
        .post(
            "/gestion/tramites/nuevo",
            &[&form[..], &[("csrf", "falso")]].concat(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        procedures(&app, &committee).await.is_empty(),
        "nothing was written"
    );
    let csrf = desk.csrf("/gestion/tramites/nuevo").await;
    let (status, location) = desk
        .post(
            "/gestion/tramites/nuevo",
            &[&form[..], &[("csrf", &csrf)]].concat(),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert_eq!(procedures(&app, &committee).await.len(), 1);
    // Signing out ends the session: the same cookie opens nothing any more.
    let (status, _) = desk.post("/gestion/salir", &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, location) = desk.get("/gestion").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "");
}

#[tokio::test]
async fn nobody_sees_or_forges_an_approval_of_their_own_request() {
    let app = spawn_app().await;
    let (_, both) = app.user_with("ambos", &["committee", "director"]).await;
    let p = app
        .create_procedure(&both, &procedure_body("PROPIA-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    let desk = sign_in(&app, "ambos").await;
    let csrf = desk.csrf(&format!("/gestion/tramites/{id}")).await;
    let (status, location) = desk
        .post(
            &format!("/gestion/tramites/{id}/proponer"),
            &[
                ("csrf", &csrf),
                ("transition", "start_analysis"),
                ("note", "Listo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.ends_with("hecho=propuesta"), "{location}");
    let (_, page) = desk.get("/gestion/aprobaciones").await;
    assert!(!page.contains("Aprobar"), "no Aprobar on one's own request");
    let requests: Value = app
        .send(
            reqwest::Method::GET,
            "/api/v1/transition-requests?status=pending",
            Some(&both),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let request = requests["items"][0]["id"].as_str().unwrap();
    let (status, page) = desk
        .post(
            &format!("/gestion/aprobaciones/{request}"),
            &[("csrf", &csrf), ("decision", "approve")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("propia solicitud"), "{page}");
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        p["state"], "inventory",
        "the forged approval changed nothing"
    );
    // A director approves it from the page; a second click finds it decided.
    app.user_with("directora", &["director"]).await;
    let director = sign_in(&app, "directora").await;
    let (_, page) = director.get("/gestion/aprobaciones").await;
    assert!(page.contains("Aprobar") && page.contains("PROPIA-1"));
    assert!(
        page.contains(&format!("id=\"solicitud-{request}\"")),
        "the e-mail's link lands on the request"
    );
    let csrf = director.csrf("/gestion/aprobaciones").await;
    let path = format!("/gestion/aprobaciones/{request}");
    let (status, _) = director
        .post(&path, &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = director
        .post(&path, &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("ya se decidió"), "{page}");
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["state"], "analysis");
}

#[tokio::test]
async fn a_deactivated_persons_open_session_ends_at_the_next_request() {
    let app = spawn_app().await;
    let (id, _) = app.user_with("auditora", &["auditor"]).await;
    let desk = sign_in(&app, "auditora").await;
    let (status, _) = desk.get("/gestion/auditoria").await;
    assert_eq!(status, StatusCode::OK);
    let admin = app.admin_token().await;
    let res = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (status, _) = desk.get("/gestion/auditoria").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the session ended");
    // Reactivating does not bring the old session back.
    app.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/users/{id}"),
        Some(&admin),
        Some(&json!({"active": true})),
    )
    .await;
    let (status, _) = desk.get("/gestion/auditoria").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_second_of_two_concurrent_edits_is_told_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("ana", &["committee"]).await;
    app.user_with("beto", &["committee"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("EDIT-1", json!({})))
        .await;
    let path = format!("/gestion/tramites/{}", p["id"].as_str().unwrap());
    let (ana, beto) = (sign_in(&app, "ana").await, sign_in(&app, "beto").await);
    let (_, page_a) = ana.get(&path).await;
    let (_, page_b) = beto.get(&path).await;
    let fields = |page: &str, name: &str| -> Vec<(String, String)> {
        let csrf_at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
        let csrf = page[csrf_at..].split('"').next().unwrap().to_string();
        let v_at = page.find("name=\"version\" value=\"").unwrap() + 22;
        let version = page[v_at..].split('"').next().unwrap().to_string();
        vec![
            ("csrf".into(), csrf),
            ("version".into(), version),
            ("code".into(), "EDIT-1".into()),
            ("name".into(), name.into()),
            ("responsible_unit".into(), "Unidad".into()),
            ("category".into(), "general".into()),
            ("audience".into(), "workers".into()),
            ("channel".into(), "in_person".into()),
            ("requirements".into(), "DPI\n* Constancia del IGSS".into()),
            ("steps".into(), "3".into()),
        ]
    };
    let first = fields(&page_a, "Nombre de Ana");
    let second = fields(&page_b, "Nombre de Beto");
    let edit = format!("{path}/editar");
    let post = |desk: &Desk, f: Vec<(String, String)>| {
        let req = desk
            .client
            .post(format!("{}{}", desk.base, edit))
            .header("Cookie", &desk.cookie)
            .form(&f);
        async move { req.send().await.unwrap() }
    };
    let res = post(&ana, first).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post(&beto, second).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("cambió este trámite mientras usted lo editaba"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Nombre de Beto\""),
        "what Beto typed is still there"
    );
    let stored: Value = app
        .get(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["name"], "Nombre de Ana");
    assert_eq!(stored["requirements"][1]["held_by_state"], true);
}

#[tokio::test]
async fn a_sign_in_posted_by_another_sites_page_is_refused() {
    let app = spawn_app().await;
    app.user_with("comite", &["committee"]).await;
    let form = [("username", "comite"), ("password", "comite-password")];
    let post = |headers: &[(&'static str, String)]| {
        let mut req = no_redirects().post(app.url("/gestion/entrar")).form(&form);
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        req.send()
    };
    let own_origin = app.url("").trim_end_matches('/').to_string();
    for headers in [
        vec![("Sec-Fetch-Site", "cross-site".to_string())],
        vec![("Sec-Fetch-Site", "same-site".to_string())],
        vec![("Origin", "https://otro-sitio.example".to_string())],
        vec![("Origin", "null".to_string())],
        // The same host by another scheme is another origin.
        vec![("Origin", own_origin.replace("http://", "https://"))],
    ] {
        let res = post(&headers).await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert!(res.headers().get("set-cookie").is_none(), "{headers:?}");
        let page = res.text().await.unwrap();
        assert!(page.contains("desde otro sitio web"), "{page}");
    }
    // The browser's own form (same origin), and clients that say nothing, still sign in.
    for headers in [
        vec![("Sec-Fetch-Site", "same-origin".to_string())],
        vec![("Origin", own_origin.clone())],
        vec![],
    ] {
        let res = post(&headers).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{headers:?}");
        assert!(res.headers().get("set-cookie").is_some(), "{headers:?}");
    }
}
