//! The workspace's audit page (issue 35, staff 8): what happened in words, who, on what (linked),
//! filters by dates, person, action and procedure, and keyset pages of 50 that neither repeat nor
//! skip an entry.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{procedure_body, spawn_app};
use crate::workspace::sign_in;

/// The entry numbers a page lists, in its order (the last cell of each row).
fn numbers(page: &str) -> Vec<i64> {
    page.split("data-etiqueta=\"N.º\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn entries_read_in_words_filter_and_page_without_gaps() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("ana", &["committee"]).await;
    let (auditor_id, _) = app.user_with("auditora", &["auditor"]).await;
    let mut first_id = String::new();
    for i in 0..55 {
        let body = procedure_body(&format!("AUD-{i}"), json!({"name": format!("Trámite {i}")}));
        let created = app.create_procedure(&committee, &body).await;
        if i == 0 {
            first_id = created["id"].as_str().unwrap().to_string();
        }
    }
    let desk = sign_in(&app, "auditora").await;
    let (status, page) = desk.get("/gestion/auditoria").await;
    assert_eq!(status, StatusCode::OK);
    // Words, not codes; the procedure named and linked.
    assert!(page.contains("trámite registrado"), "{page}");
    assert!(!page.contains(">procedure.created<"), "{page}");
    assert!(page.contains("href=\"/gestion/tramites/"), "{page}");
    assert!(page.contains("trámite AUD-54 · Trámite 54"), "{page}");
    // Newest first, 50 a page, then the older ones with none repeated or skipped.
    let first = numbers(&page);
    assert_eq!(first.len(), 50);
    assert!(first.windows(2).all(|w| w[0] == w[1] + 1), "{first:?}");
    let older = page
        .split("<a href=\"/gestion/auditoria?antes=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to older entries");
    let (_, page2) = desk.get(&format!("/gestion/auditoria?antes={older}")).await;
    let second = numbers(&page2);
    assert_eq!(second.first(), Some(&(first[49] - 1)), "{second:?}");
    // By procedure: only its entries, however old.
    let (_, one) = desk.get("/gestion/auditoria?tramite=aud-0").await;
    assert!(
        one.contains(&format!("href=\"/gestion/tramites/{first_id}\"")),
        "{one}"
    );
    assert_eq!(numbers(&one).len(), 1, "{one}");
    // By action and by person.
    let (_, logins) = desk.get("/gestion/auditoria?accion=auth.login").await;
    let all_logins = numbers(&logins).len();
    assert!(all_logins > 1, "{logins}");
    assert_eq!(
        logins.matches("pasó\">entrada al sistema<").count(),
        all_logins
    );
    let (_, mine) = desk
        .get(&format!(
            "/gestion/auditoria?accion=auth.login&persona={auditor_id}"
        ))
        .await;
    let mine_n = numbers(&mine).len();
    assert!(mine_n >= 1 && mine_n < all_logins, "{mine}");
    let (_, none) = desk
        .get("/gestion/auditoria?accion=auth.login&persona=public")
        .await;
    assert!(numbers(&none).is_empty());
    assert!(
        none.contains("Ninguna entrada cumple los filtros."),
        "{none}"
    );
    // By dates: nothing before today's entries, all of them up to today.
    let (_, past) = desk.get("/gestion/auditoria?hasta=2000-01-01").await;
    assert!(numbers(&past).is_empty());
    let (_, wide) = desk
        .get("/gestion/auditoria?desde=2000-01-01&hasta=2999-12-31")
        .await;
    assert_eq!(numbers(&wide).len(), 50);
    // Bad filters say so in words; they never fail the page.
    let (status, bad) = desk
        .get("/gestion/auditoria?desde=ayer&tramite=NO-EXISTE&antes=x")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(bad.contains("La fecha no es válida"), "{bad}");
}

#[tokio::test]
async fn an_unknown_procedure_code_is_named() {
    let app = spawn_app().await;
    app.user_with("auditora", &["auditor"]).await;
    let desk = sign_in(&app, "auditora").await;
    let (status, page) = desk.get("/gestion/auditoria?tramite=NO-EXISTE").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("No hay ningún trámite con el código «NO-EXISTE»."),
        "{page}"
    );
    assert!(numbers(&page).is_empty());
}
