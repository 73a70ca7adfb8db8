//! The public pages in English (contract section "Reach", issue 37, acceptance 1): `?lang=en`
//! and `Accept-Language: en` give English with `<html lang="en">` and the alternates; Spanish
//! stays the default; the choice is kept in a cookie. The check that no Spanish is left reads
//! the Spanish catalog with Fluent's own parser and lists every sentence of a message the
//! English catalog lacks that shows on an English page: the official draft and citizens' texts
//! come from the database, not the catalog, so they are not counted.

use std::collections::HashSet;
use std::path::PathBuf;

use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE};
use reqwest::StatusCode;

use tramites::clock::Clock;

use crate::helpers::{spawn_app, TestApp};

fn keys_and_text(file: &str) -> Vec<(String, Vec<String>)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn texts(p: &Pattern<String>, out: &mut Vec<String>) {
        for e in &p.elements {
            match e {
                PatternElement::TextElement { value } => out.push(value.clone()),
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        texts(&v.value, out);
                    }
                }
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::StringLiteral { value }),
                } => out.push(value.clone()),
                _ => {}
            }
        }
    }
    let source = std::fs::read_to_string(file).unwrap_or_default();
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut out = Vec::new();
                if let Some(p) = &m.value {
                    texts(p, &mut out);
                }
                Some((m.id.name.clone(), out))
            }
            _ => None,
        })
        .collect()
}

/// Sentences of Spanish messages the English catalog does not have: (key, words).
fn untranslated() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let files = ["comun.ftl", "paginas.ftl", "errores.ftl", "textos.ftl"];
    let english: HashSet<String> = files
        .iter()
        .flat_map(|f| keys_and_text(root.join("en").join(f).to_str().unwrap()))
        .map(|(k, _)| k)
        .collect();
    let mut out = Vec::new();
    for f in files {
        for (key, texts) in keys_and_text(root.join("es").join(f).to_str().unwrap()) {
            // Texts of spreadsheets and API answers, not page words (one is also demo data).
            if english.contains(&key) || key.starts_with("texto-") {
                continue;
            }
            for t in texts {
                let t = t
                    .trim()
                    .trim_matches(|c: char| ",.:;()«»".contains(c))
                    .trim();
                // A sentence, not a word that reads the same in both languages.
                if t.split_whitespace().count() >= 3 && t.len() >= 14 {
                    out.push((key.clone(), t.to_string()));
                }
            }
        }
    }
    out
}

/// The words a page shows: its HTML without tags, entities decoded, spaces collapsed.
fn words_of(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn english(app: &TestApp, path: &str) -> (StatusCode, String) {
    let sep = if path.contains('?') { '&' } else { '?' };
    let res = app
        .client
        .get(app.url(&format!("{path}{sep}lang=en")))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.text().await.unwrap())
}

#[tokio::test]
async fn every_public_page_answers_in_english_with_no_spanish_left() {
    let app = spawn_app().await;
    let s = crate::walks::launch_simplified(&app).await;
    let p: serde_json::Value =
        crate::walks::json_of(&app, &format!("/api/v1/procedures/{}", s.procedure)).await;
    let code = p["code"].as_str().unwrap().to_string();
    let list = crate::walks::json_of(
        &app,
        &format!("/api/v1/consultations?procedure_id={}", s.procedure),
    )
    .await;
    let cid = list["items"][0]["id"].as_str().unwrap().to_string();
    let now = app.clock.now();
    let period = format!(
        "{}-{}",
        chrono::Datelike::year(&now),
        (chrono::Datelike::month(&now) - 1) / 4 + 1
    );
    let pages = [
        "/".to_string(),
        "/consultas".into(),
        format!("/consultas/{cid}"),
        format!("/consultas/{cid}/informe"),
        format!("/consultas/{cid}/texto-final"),
        "/consultas/calendario".into(),
        "/tramites".into(),
        "/tramites?q=xyzzy".into(),
        format!("/tramites/{code}"),
        format!("/tramites/{code}/encuesta"),
        format!("/tramites/{code}/uso"),
        format!("/tramites/{code}/aviso"),
        "/seguimiento".into(),
        "/seguimiento/C-2026-AAAA-BBBB".into(),
        "/indicadores".into(),
        "/informes".into(),
        format!("/informes/{period}"),
        "/datos".into(),
        "/opinion".into(),
        "/no-existe".into(),
    ];
    let left = untranslated();
    let mut found = Vec::new();
    for page in &pages {
        let (status, html) = english(&app, page).await;
        assert!(
            status.is_success() || status == StatusCode::NOT_FOUND,
            "{page}: {status}"
        );
        assert!(html.contains("<html lang=\"en\">"), "{page}: {html}");
        let words = words_of(&html);
        for (key, text) in &left {
            if words.contains(text.as_str()) {
                found.push(format!("{page}: {key} «{text}»"));
            }
        }
    }
    // Forms sent back with their faults, in English.
    let cookie = "tramites_idioma=en";
    let form = app
        .client
        .get(app.url("/opinion"))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::helpers::form_token(&form);
    let sent = [
        (
            "/opinion".to_string(),
            vec![
                ("form_token", token.as_str()),
                ("body", ""),
                ("email", "no-es-correo"),
            ],
        ),
        (
            format!("/tramites/{code}/aviso"),
            vec![("email", "no-es-correo")],
        ),
        (
            format!("/consultas/{cid}/comentarios"),
            vec![("body", "Tarde")],
        ),
    ];
    for (page, fields) in sent {
        let res = crate::helpers::no_redirects()
            .post(app.url(&page))
            .header(COOKIE, cookie)
            .form(&fields)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let html = res.text().await.unwrap();
        assert!(status.is_client_error(), "{page}: {status}");
        assert!(html.contains("<html lang=\"en\">"), "{page}: {html}");
        let words = words_of(&html);
        for (key, text) in &left {
            if words.contains(text.as_str()) {
                found.push(format!("POST {page}: {key} «{text}»"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Spanish left on English pages:\n{}",
        found.join("\n")
    );
}

#[tokio::test]
async fn the_language_follows_the_link_the_cookie_and_the_browser() {
    let app = spawn_app().await;
    let plain = app.get("/consultas").await;
    assert_eq!(plain.headers()[CONTENT_LANGUAGE], "es");
    let html = plain.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\">"), "Spanish by default");
    assert!(
        html.contains("hreflang=\"en\" href=\"/consultas?lang=en\""),
        "{html}"
    );
    assert!(
        html.contains("hreflang=\"es\" href=\"/consultas?lang=es\""),
        "{html}"
    );
    assert!(html.contains(">English</a>"), "the switch: {html}");

    let res = app
        .client
        .get(app.url("/consultas"))
        .header(ACCEPT_LANGUAGE, "en-US,en;q=0.9,es;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[CONTENT_LANGUAGE], "en");
    assert!(res.headers()["vary"]
        .to_str()
        .unwrap()
        .contains("Accept-Language"));
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Public consultations"));
    assert!(html.contains(">Español</a>"), "{html}");

    // ?lang=en sets the cookie; the cookie then wins over the browser.
    let res = app.get("/tramites?lang=en").await;
    let cookie = res.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("tramites_idioma=en"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let html = app
        .client
        .get(app.url("/consultas"))
        .header(COOKIE, &pair)
        .header(ACCEPT_LANGUAGE, "es")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    // The workspace and the API stay Spanish.
    let res = app
        .client
        .get(app.url("/gestion/entrar"))
        .header(COOKIE, &pair)
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("<html lang=\"es\">"));
}

#[test]
fn every_english_key_translates_a_spanish_one() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let files = ["comun.ftl", "paginas.ftl", "errores.ftl", "textos.ftl"];
    let spanish: HashSet<String> = std::fs::read_dir(root.join("es"))
        .unwrap()
        .flat_map(|e| keys_and_text(e.unwrap().path().to_str().unwrap()))
        .map(|(k, _)| k)
        .collect();
    let orphans: Vec<String> = files
        .iter()
        .flat_map(|f| keys_and_text(root.join("en").join(f).to_str().unwrap()))
        .map(|(k, _)| k)
        .filter(|k| !spanish.contains(k))
        .collect();
    assert!(
        orphans.is_empty(),
        "English keys with no Spanish source: {orphans:?}"
    );
}
