//! A consultation's page is kept rendered between changes (`tramites::web::page_cache`): each
//! reader still gets one-time tokens of their own, and every change shows on the next read,
//! whether this service made it or another connection did (another instance, the command line).

use reqwest::StatusCode;
use serde_json::json;

use crate::consultations::{open_consultation, setup};
use crate::helpers::{no_redirects, spawn_app_with, TestApp};

async fn page(app: &TestApp, path: &str) -> String {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

/// Every one-time token of a page (the comment form's, then each "Me sumo" form's).
fn tokens(html: &str) -> Vec<String> {
    html.split("name=\"form_token\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

async fn comment(app: &TestApp, id: &str, token: &str, body: &str) -> StatusCode {
    no_redirects()
        .post(app.url(&format!("/consultas/{id}/comentarios")))
        .form(&[("body", body), ("form_token", token)])
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn each_reader_gets_fresh_tokens_and_every_change_shows_on_the_next_read() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let path = format!("/consultas/{id}");

    let first = page(&app, &path).await;
    let second = page(&app, &path).await;
    let (a, b) = (tokens(&first), tokens(&second));
    assert_eq!((a.len(), b.len()), (1, 1), "one form, no comment yet");
    assert_ne!(a, b, "two readers, two tokens");
    assert!(first.contains("<strong>0</strong>"), "nothing received yet");

    // A comment stored by this service shows on the very next read, with its "Me sumo" form.
    let stored = comment(&app, id, &a[0], "Que el trámite se pueda hacer en línea").await;
    assert_eq!(stored, StatusCode::SEE_OTHER);
    let third = page(&app, &path).await;
    assert!(
        third.contains("Que el trámite se pueda hacer en línea"),
        "{third}"
    );
    assert!(third.contains("<strong>1</strong>"));
    let fourth = page(&app, &path).await;
    let (c3, c4) = (tokens(&third), tokens(&fourth));
    assert_eq!(
        (c3.len(), c4.len()),
        (2, 2),
        "the comment form and one \"Me sumo\""
    );
    assert!(c3.iter().all(|t| !c4.contains(t)), "{c3:?} {c4:?}");
    // A token from a page served again works, once.
    let again = comment(&app, id, &c4[0], "Y que no pidan copias de documentos").await;
    assert_eq!(again, StatusCode::SEE_OTHER);
    assert!(page(&app, &path).await.contains("<strong>2</strong>"));

    // A change made by another connection, as another instance or the command line would.
    {
        use diesel::RunQueryDsl;
        let mut conn = app.db.connect();
        diesel::sql_query("UPDATE consultations SET title = 'Título cambiado por otro proceso'")
            .execute(&mut conn)
            .unwrap();
    }
    // Another process's commit shows within 1 ms on SQLite and 20 ms on PostgreSQL (see
    // tramites::db::changes); a kept page would otherwise be served for a second.
    tokio::time::sleep(std::time::Duration::from_millis(60)).await;
    let after = page(&app, &path).await;
    assert!(after.contains("Título cambiado por otro proceso"));
}
