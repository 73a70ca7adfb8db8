//! The workspace's consultation and document pages over HTTP.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app};
use crate::workspace::{no_redirects, sign_in};

#[tokio::test]
async fn directors_extend_consultations_and_staff_download_documents_from_the_pages() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("EXT-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    app.walk(
        &committee,
        &director,
        id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    let c: Value = app
        .post(
            &format!("/api/v1/procedures/{id}/consultations"),
            &committee,
            &json!({"title": "Plazo", "proposal_text": "P"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = c["id"].as_str().unwrap();
    let desk = sign_in(&app, "directora").await;
    let path = format!("/gestion/consultas/{cid}");
    let csrf = desk.csrf(&path).await;
    let (status, _) = desk
        .post(
            &format!("{path}/extender"),
            &[
                ("csrf", &csrf),
                ("closes_at", "2099-01-31"),
                ("reason", "Más tiempo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let c: Value = app
        .get(&format!("/api/v1/consultations/{cid}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        c["closes_at"]
            .as_str()
            .unwrap()
            .starts_with("2099-02-01T05:59:59"),
        "{c}"
    );
    // A committee member cannot extend.
    let comite = sign_in(&app, "comite").await;
    let csrf = comite.csrf("/gestion").await;
    let (status, _) = comite
        .post(
            &format!("{path}/extender"),
            &[
                ("csrf", &csrf),
                ("closes_at", "2099-03-31"),
                ("reason", "No"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A document uploaded through the API downloads from the workspace with the session.
    let form = reqwest::multipart::Form::new()
        .text("kind", "pilot_report")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("piloto.pdf"),
        );
    let doc: Value = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{id}/documents")))
        .bearer_auth(&committee)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (status, body) = desk
        .get(&format!(
            "/gestion/documentos/{}",
            doc["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with("%PDF-1.4"));
    let (status, _) = no_redirects()
        .get(app.url(&format!(
            "/gestion/documentos/{}",
            doc["id"].as_str().unwrap()
        )))
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::SEE_OTHER, "no session, no document");
}
