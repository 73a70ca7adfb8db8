//! The workspace's consultation and document pages over HTTP.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::no_redirects;
use crate::helpers::{procedure_body, spawn_app};
use crate::workspace::sign_in;

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

#[tokio::test]
async fn auditors_download_the_signed_checkpoint_and_the_whole_chain() {
    let app = spawn_app().await;
    app.user_with("auditora", &["auditor"]).await;
    app.user_with("comite", &["committee"]).await;
    let desk = sign_in(&app, "auditora").await;
    let (status, body) = desk.get("/gestion/auditoria/punto-de-control.json").await;
    assert_eq!(status, StatusCode::OK);
    let checkpoint: Value = serde_json::from_str(&body).unwrap();
    let head = checkpoint["seq"].as_i64().unwrap();
    assert!(
        head > 0 && checkpoint["head_hash"].is_string(),
        "{checkpoint}"
    );
    let (status, lines) = desk.get("/gestion/auditoria/bitacora.jsonl").await;
    assert_eq!(status, StatusCode::OK);
    let entries: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        entries.len() as i64 >= head,
        "every entry up to the checkpoint"
    );
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["seq"].as_i64().unwrap(), i as i64 + 1, "no gaps");
        if i > 0 {
            assert_eq!(e["prev_hash"], entries[i - 1]["hash"], "chained");
        }
    }
    let (status, page) = desk.get("/gestion/auditoria?verificar=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Verificación correcta"), "{page}");
    // A committee member is not an auditor.
    let comite = sign_in(&app, "comite").await;
    let (status, _) = comite.get("/gestion/auditoria/bitacora.jsonl").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
