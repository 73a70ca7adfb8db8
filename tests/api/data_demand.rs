//! The open-data survey on `/datos` (issue 37): per file, whether it serves the person and what
//! it lacks; the vote counts at once and is published, the words are feedback moderated like
//! any other, a resubmitted page counts once, a bot counts nothing.

use reqwest::StatusCode;

use crate::helpers::{form_token, no_redirects, spawn_app};

#[tokio::test]
async fn each_file_gets_answers_counted_once_and_words_become_feedback() {
    let app = spawn_app().await;
    let page = app.get("/datos").await.text().await.unwrap();
    assert!(page.contains("¿Le sirve este archivo?"), "{page}");
    let token = form_token(&page);
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            no_redirects()
                .post(app.url("/datos/opinion"))
                .form(&fields)
                .send()
                .await
                .unwrap()
        }
    };
    // A vote alone: counted, and the page says so.
    let res = send(vec![
        ("form_token", token.clone()),
        ("dataset", "tramites.csv".into()),
        ("useful", "si".into()),
    ])
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/datos?gracias=tramites.csv"), "{back}");
    // The same page sent again counts once.
    let again = send(vec![
        ("form_token", token.clone()),
        ("dataset", "tramites.csv".into()),
        ("useful", "si".into()),
    ])
    .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    // A bot fills the hidden field: nothing counted.
    let fresh = form_token(&app.get("/datos").await.text().await.unwrap());
    send(vec![
        ("form_token", fresh),
        ("dataset", "tramites.csv".into()),
        ("useful", "no".into()),
        ("sitio_web", "http://spam".into()),
    ])
    .await;
    // Words: stored as feedback on open data, followed with a tracking code.
    let fresh = form_token(&app.get("/datos").await.text().await.unwrap());
    let res = send(vec![
        ("form_token", fresh),
        ("dataset", "comentarios.csv".into()),
        ("useful", "no".into()),
        ("body", "Falta el departamento de quien comenta.".into()),
    ])
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let tracking = res.headers()["location"].to_str().unwrap().to_string();
    assert!(tracking.starts_with("/seguimiento/O-"), "{tracking}");
    // A file that is not listed, or no answer: the page again with the fault.
    let fresh = form_token(&app.get("/datos").await.text().await.unwrap());
    let res = send(vec![
        ("form_token", fresh),
        ("dataset", "tramites.csv".into()),
    ])
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let page = app.get("/datos").await.text().await.unwrap();
    assert!(page.contains("1 persona respondió; a 1 le sirve"), "{page}");
    assert!(
        page.contains("1 persona respondió; a ninguna le sirve"),
        "{page}"
    );
    let votes = app.audit_entries("data_demand.received").await;
    assert_eq!(votes.len(), 2, "{votes:?}");
    let feedback = app.audit_entries("feedback.received").await;
    assert_eq!(feedback.len(), 1);
    assert_eq!(feedback[0]["data"]["topic"], "open_data");
    assert_eq!(
        votes
            .iter()
            .filter(|v| v["data"]["feedback_id"].is_string())
            .count(),
        1
    );
}
