//! The public pages over HTTP: the form's one-time token, the honeypot, closed windows,
//! errors that keep what was typed, and what pages never show. (The browser tests drive the
//! same pages in Chromium.)

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::consultations::{open_consultation, setup};
use crate::helpers::{form_token, no_redirects, spawn_app, spawn_app_with, TestApp};

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_resubmitted_form_stores_one_comment_and_leads_to_the_same_receipt() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let (status, html) = page(&app, &format!("/consultas/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Enviar comentario"));
    let token = form_token(&html);
    let client = no_redirects();
    let mut locations = Vec::new();
    for _ in 0..2 {
        let res = client
            .post(app.url(&format!("/consultas/{id}/comentarios")))
            .form(&[
                ("body", "Que se pueda hacer en línea"),
                ("form_token", &token),
                ("email", "vecina@correo.gt"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        locations.push(res.headers()["location"].to_str().unwrap().to_string());
    }
    assert_eq!(locations[0], locations[1], "one receipt for one form");
    assert!(locations[0].starts_with("/seguimiento/C-"));
    let got: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 1);
    let (status, html) = page(&app, &locations[0]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Guarde este código")
            && html.contains(&locations[0]["/seguimiento/".len()..])
    );
    assert!(!html.contains("vecina@correo.gt"), "no e-mail on any page");
    // The page is the sender's confirmation while the comment waits for review: what was
    // sent, the copy by e-mail, and what happens next for that state.
    assert!(html.contains("<h1>Comentario enviado</h1>"), "{html}");
    assert!(html.contains("<title>Comentario enviado "));
    assert!(html.contains("Lo que envió") && html.contains("Que se pueda hacer en línea"));
    assert!(html.contains("Le enviamos este código a la dirección de correo que dio"));
    assert!(html.contains("revisa cada comentario antes de publicarlo"));
    assert!(html.contains("data-imprimir") && html.contains("/estatico/imprimir-"));
    let script = html
        .split("src=\"")
        .find_map(|part| {
            part.split('"')
                .next()
                .filter(|s| s.starts_with("/estatico/imprimir-"))
        })
        .unwrap()
        .to_string();
    let js = app.client.get(app.url(&script)).send().await.unwrap();
    assert_eq!(js.status(), StatusCode::OK);
    assert!(js.text().await.unwrap().contains("window.print"));
    // Once published, it is no longer "sent": the state leads, and the next steps move on.
    let comments: Value = app
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/comments?status=received"),
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = comments["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{comments}"));
    let res = app
        .post(
            &format!("/api/v1/comments/{cid}/moderation"),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, html) = page(&app, &locations[0]).await;
    assert!(
        !html.contains("Comentario enviado")
            && html.contains("<h1>Estado de su comentario: Publicado</h1>"),
        "{html}"
    );
    assert!(!html.contains("revisa cada comentario antes de publicarlo"));
    assert!(html.contains("Responde a los comentarios publicados"));
}

#[tokio::test]
async fn invalid_input_comes_back_with_what_was_typed_and_a_summary() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let (_, html) = page(&app, &format!("/consultas/{id}")).await;
    let res = no_redirects()
        .post(app.url(&format!("/consultas/{id}/comentarios")))
        .form(&[
            ("body", "   "),
            ("author_name", "Ana <b>Pérez</b>"),
            ("email", "no-es-correo"),
            ("form_token", &form_token(&html)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("resumen-errores"));
    assert!(html.contains("href=\"#campo-body\"") && html.contains("href=\"#campo-email\""));
    assert!(
        html.contains("Ana &#60;b&#62;Pérez&#60;/b&#62;")
            || html.contains("Ana &lt;b&gt;Pérez&lt;/b&gt;"),
        "typed and escaped"
    );
    let got: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 0, "nothing stored");
}

#[tokio::test]
async fn a_filled_honeypot_looks_like_success_and_stores_nothing() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let (_, html) = page(&app, &format!("/consultas/{id}")).await;
    let res = no_redirects()
        .post(app.url(&format!("/consultas/{id}/comentarios")))
        .form(&[
            ("body", "Compre ya"),
            ("sitio_web", "http://spam.example"),
            ("form_token", &form_token(&html)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let got: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["counts"]["received"], 0);
}

#[tokio::test]
async fn closed_and_scheduled_consultations_show_no_form_and_refuse_posts_with_409() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let later = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let c = open_consultation(&app, &s, json!({"opens_at": later})).await;
    let id = c["id"].as_str().unwrap();
    let (_, html) = page(&app, &format!("/consultas/{id}")).await;
    assert!(!html.contains("Enviar comentario") && html.contains("Próximamente"));
    // A scheduled consultation offers the subscription that tells when it opens.
    assert!(
        html.contains("Avíseme por correo cuando abra") && html.contains("/aviso\""),
        "{html}"
    );
    let res = no_redirects()
        .post(app.url(&format!("/consultas/{id}/comentarios")))
        .form(&[("body", "Hola"), ("form_token", "x.y")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a forged token is refused first"
    );
    let open = open_consultation(&app, &s, json!({})).await;
    let open_id = open["id"].as_str().unwrap().to_string();
    let (_, html) = page(&app, &format!("/consultas/{open_id}")).await;
    let token = form_token(&html);
    let (_, html) = page(&app, "/consultas").await;
    assert!(
        html.contains(&format!("/consultas/{id}"))
            && html.contains(&format!("/consultas/{open_id}"))
    );
    app.clock.advance(chrono::Duration::days(40));
    let (_, html) = page(&app, &format!("/consultas/{open_id}")).await;
    assert!(!html.contains("Enviar comentario") && html.contains("Cerrada"));
    // A closed one says what came of it.
    assert!(
        html.contains("Qué se decidió") && html.contains("todavía no ha publicado el texto final")
    );
    let res = no_redirects()
        .post(app.url(&format!("/consultas/{open_id}/comentarios")))
        .form(&[("body", "Tarde"), ("form_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("La consulta ya cerró"));
    // The late comment is not lost: its text comes back to keep, with ways on.
    assert!(html.contains(">Tarde</textarea>"), "{html}");
    assert!(html.contains("<title>Error: "));
    assert!(html.contains("href=\"/consultas\"") && html.contains("href=\"/opinion\""));
}

#[tokio::test]
async fn a_comment_over_the_address_limit_comes_back_with_its_text_and_the_wait() {
    let app = spawn_app_with(json!({"comment_limit_per_hour": 1, "comment_burst": 1})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut last = None;
    for text in ["Primero", "Segundo texto que no debe perderse"] {
        let (_, html) = page(&app, &format!("/consultas/{id}")).await;
        let token = form_token(&html);
        last = Some(
            no_redirects()
                .post(app.url(&format!("/consultas/{id}/comentarios")))
                .form(&[("body", text), ("form_token", &token)])
                .send()
                .await
                .unwrap(),
        );
    }
    let res = last.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    let html = res.text().await.unwrap();
    assert!(
        html.contains(">Segundo texto que no debe perderse</textarea>"),
        "{html}"
    );
    assert!(html.contains("espere") && html.contains("Enviar comentario"));
}

#[tokio::test]
async fn pages_carry_the_contracts_headers_and_answer_404_in_spanish() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/consultas",
        "/tramites",
        "/indicadores",
        "/seguimiento",
        "/no-existe",
    ] {
        let res = app
            .client
            .get(app.url(path))
            .header("Accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .unwrap();
        let h = res.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap().to_string();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"es\">"), "{path}");
        assert_eq!(html.matches("<h1").count(), 1, "{path}: exactly one h1");
        assert!(html.contains("href=\"#contenido\""), "{path}: skip link");
    }
    let res = app
        .client
        .get(app.url("/no-existe"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .client
        .get(app.url("/seguimiento?codigo=c-2026-aaaa-bbbb"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "follows the 303 to an unknown code"
    );
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("No encontramos ningún comentario"));
}

#[tokio::test]
async fn a_procedure_page_takes_a_request_for_notices_by_e_mail() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    app.create_procedure(
        &committee,
        &crate::helpers::procedure_body("AVISO-1", json!({})),
    )
    .await;
    let (status, html) = page(&app, "/tramites/AVISO-1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/tramites/AVISO-1/aviso"));
    let (_, html) = page(&app, "/tramites/AVISO-1/aviso").await;
    let token = form_token(&html);
    let client = no_redirects();
    let res = client
        .post(app.url("/tramites/AVISO-1/aviso"))
        .form(&[("email", "no-es-correo"), ("form_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#campo-email\"") && html.contains("no-es-correo"));
    let res = client
        .post(app.url("/tramites/AVISO-1/aviso"))
        .form(&[("email", "vecino@correo.gt"), ("form_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        "/tramites/AVISO-1/aviso?enviado=1"
    );
    let (_, html) = page(&app, "/tramites/AVISO-1/aviso?enviado=1").await;
    assert!(html.contains("Revise su correo") && !html.contains("vecino@correo.gt"));
    // The same double opt-in as the API: a request recorded, nothing confirmed yet.
    let auditor = app.admin_token().await;
    let chain = app
        .send(
            reqwest::Method::GET,
            "/api/v1/audit?action=subscription.requested",
            Some(&auditor),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(chain.contains("subscription.requested"), "{chain}");
}

#[tokio::test]
async fn public_pages_explain_the_audit_trail_in_plain_words_and_ask_for_months_with_a_picker() {
    let app = spawn_app().await;
    let (_, home) = page(&app, "/").await;
    assert!(
        !home.contains("bitácora encadenada"),
        "jargon in the footer"
    );
    assert!(home.contains("cualquiera puede comprobarlo"));
    // No form asks people to type a machine format: months come from a month field.
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for entry in std::fs::read_dir(templates).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for name in ["\"month\"", "\"desde\"", "\"hasta\"", "\"closes_at\""] {
            let typed_as_text = format!("type=\"text\" id=\"campo-{}", name.trim_matches('"'));
            assert!(
                !text.contains(&typed_as_text),
                "{}: {name} is a free text box",
                entry.path().display()
            );
        }
    }
}
