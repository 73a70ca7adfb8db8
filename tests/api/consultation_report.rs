//! The report of a closed consultation: refused before it closes, then its figures match the
//! API's counts, campaigns show as one text, and its CSV lists each published text once.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::consultations::{open_consultation, setup};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_closed_consultation_reports_what_was_received_and_done() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for body in [
        "No al cambio",
        "No al cambio",
        "no al CAMBIO!",
        "Me parece bien",
        "Compre ya",
    ] {
        let r: Value = app
            .client
            .post(app.url(&format!("/api/v1/consultations/{cid}/comments")))
            .json(&json!({"body": body}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    for id in &ids[..4] {
        app.post(
            &format!("/api/v1/comments/{id}/moderation"),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    }
    app.post(
        &format!("/api/v1/comments/{}/moderation", ids[4]),
        &s.committee,
        &json!({"decision": "reject", "reason": "spam"}),
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Se mantiene.", "outcome": "not_accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let early = app.get(&format!("/consultas/{cid}/informe")).await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "not before it closes");
    app.clock.advance(chrono::Duration::days(40));
    let api: Value = app
        .get(&format!("/api/v1/consultations/{cid}"))
        .await
        .json()
        .await
        .unwrap();
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("/consultas/{cid}/informe")),
        "the closed page links to its report"
    );
    let res = app.get(&format!("/consultas/{cid}/informe")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report = res.text().await.unwrap();
    let counts = &api["counts"];
    for (n, words) in [
        (
            counts["received"].as_i64().unwrap(),
            "comentarios recibidos",
        ),
        (counts["published"].as_i64().unwrap(), "publicados"),
        (counts["rejected"].as_i64().unwrap(), "retenidos"),
        (
            counts["answered"].as_i64().unwrap(),
            "publicados con respuesta",
        ),
    ] {
        assert!(
            report.contains(&format!("<strong>{n}</strong> {words}")),
            "{words}: {report}"
        );
    }
    assert!(
        report.contains("<strong>3</strong> textos distintos"),
        "{report}"
    );
    assert!(report.contains("enviado por 3 personas"));
    assert!(report.contains("publicidad o envío masivo: 1"));
    assert!(report.contains("No aceptado: 3"));
    assert!(
        !report.contains("Compre ya"),
        "a withheld text is never shown"
    );
    let csv_text = app
        .get(&format!("/consultas/{cid}/informe.csv"))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "two published texts");
    assert_eq!((&rows[0][1], &rows[0][3]), ("3", "not_accepted"));
    // The PDF: the same figures and texts, never a withheld one.
    let res = app.get(&format!("/consultas/{cid}/informe.pdf")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = pdf_extract::extract_text_from_mem(&res.bytes().await.unwrap()).unwrap();
    let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for (words, n) in [
        (
            "Comentarios recibidos",
            counts["received"].as_i64().unwrap(),
        ),
        ("Publicados", counts["published"].as_i64().unwrap()),
        ("Retenidos", counts["rejected"].as_i64().unwrap()),
        (
            "Publicados con respuesta",
            counts["answered"].as_i64().unwrap(),
        ),
    ] {
        assert!(pdf.contains(&format!("{words} {n}")), "{words}: {pdf}");
    }
    assert!(pdf.contains("Enviado por 3 personas"), "{pdf}");
    assert!(pdf.contains("No aceptado"), "{pdf}");
    assert!(!pdf.contains("Compre ya"), "a withheld text is never shown");
}

#[tokio::test]
async fn a_closed_consultations_report_is_frozen_drawn_once_and_refrozen_after_a_late_answer() {
    use sha2::Digest;
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for body in ["Primera idea", "Segunda idea"] {
        let r: Value = app
            .client
            .post(app.url(&format!("/api/v1/consultations/{cid}/comments")))
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = r["id"].as_str().unwrap().to_string();
        app.post(
            &format!("/api/v1/comments/{id}/moderation"),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
        ids.push(id);
    }
    app.clock.advance(chrono::Duration::days(40));
    let pdf = |app: &crate::helpers::TestApp| {
        let url = app.url(&format!("/consultas/{cid}/informe.pdf"));
        let client = app.client.clone();
        async move {
            let res = client.get(url).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.bytes().await.unwrap().to_vec()
        }
    };
    let first = pdf(&app).await;
    let again = pdf(&app).await;
    assert_eq!(first, again, "served byte for byte");
    let frozen = app.audit_entries("consultation.report_frozen").await;
    let drawn = app.audit_entries("consultation.report_pdf_frozen").await;
    assert_eq!((frozen.len(), drawn.len()), (1, 1), "frozen and drawn once");
    assert_eq!(
        drawn[0]["data"]["sha256"],
        hex::encode(sha2::Sha256::digest(&first)),
        "the chain holds the served PDF's hash"
    );
    // A late answer changes the report: a new version is frozen and drawn.
    let committee = app.login("comite", "comite-password").await;
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[1]),
            &committee,
            &json!({"body": "Se incorpora en el artículo 2.", "outcome": "accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = app
        .get(&format!("/consultas/{cid}/informe"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Se incorpora en el artículo 2."), "{page}");
    let later = pdf(&app).await;
    assert_ne!(later, first);
    assert_eq!(
        app.audit_entries("consultation.report_frozen").await.len(),
        2
    );
    assert_eq!(
        app.audit_entries("consultation.report_pdf_frozen")
            .await
            .len(),
        2
    );
}
