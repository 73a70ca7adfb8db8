//! What the product writes for others' programs: no CSV cell that a spreadsheet would run as a
//! formula, and download names that cannot hide their type or climb out of a folder.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::documents::{pdf, upload};
use crate::helpers::{procedure_body, spawn_app_with};
use crate::walks::{comment, open_consultation, setup};
use crate::workflow::{new_procedure, staff};

fn records(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn csv_cells_that_start_like_a_formula_are_neutralised_and_import_back_unchanged() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let res = comment(
        &app,
        id,
        json!({"body": "=HYPERLINK(\"http://malo.example\",\"clic\")", "author_name": "+cmd|' /C calc'!A0",
               "organization": "@SUM(1+1)"}),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let comments = app
        .get("/datos/comentarios.csv")
        .await
        .text()
        .await
        .unwrap();
    let rows = records(&comments);
    let row = rows.iter().find(|r| r[5].contains("HYPERLINK")).unwrap();
    assert_eq!(row[3], "'+cmd|' /C calc'!A0");
    assert_eq!(row[4], "'@SUM(1+1)");
    assert_eq!(row[5], "'=HYPERLINK(\"http://malo.example\",\"clic\")");

    let body = procedure_body(
        "FORM-1",
        json!({"name": "-2+3 trámite", "description": "@nota de la unidad", "legal_basis": "=1+1"}),
    );
    app.create_procedure(&s.committee, &body).await;
    for path in [
        "/datos/tramites.csv",
        "/api/v1/procedures/export?format=csv",
    ] {
        let text = app.get(path).await.text().await.unwrap();
        let rows = records(&text);
        let row = rows.iter().find(|r| r[0] == "FORM-1").unwrap();
        assert!(
            row.contains(&"'-2+3 trámite".to_string()),
            "{path}: {row:?}"
        );
        assert!(row.contains(&"'=1+1".to_string()), "{path}: {row:?}");
        assert!(
            row.contains(&"'@nota de la unidad".to_string()),
            "{path}: {row:?}"
        );
        assert!(
            !row.iter()
                .any(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r'])
                    && c.parse::<f64>().is_err()),
            "{path}: {row:?}"
        );
    }
    // The export imports back with nothing to change: the quotes are taken off again.
    let export = app
        .get("/api/v1/procedures/export?format=csv")
        .await
        .bytes()
        .await
        .unwrap();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(export.to_vec()).file_name("tramites.csv"),
    );
    let report: Value = app
        .client
        .post(app.url("/api/v1/procedures/import"))
        .bearer_auth(&s.committee)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["updated"], 0, "{report}");
    assert_eq!(report["errors"], json!([]), "{report}");
}

#[tokio::test]
async fn download_names_lose_folders_and_direction_marks_and_carry_an_encoded_form() {
    let app = spawn_app_with(json!({})).await;
    let s = staff(&app).await;
    let id = new_procedure(&app, &s, "NOMBRES-1").await;
    for (sent, ascii, encoded) in [
        ("a\u{202E}fdp.exe", "afdp.exe", None),
        ("../../etc/informe.pdf", "informe.pdf", None),
        (
            "Informe del año.pdf",
            "Informe_del_ano.pdf",
            Some("UTF-8''Informe%20del%20a%C3%B1o.pdf"),
        ),
    ] {
        let res = upload(
            &app,
            &s.committee,
            &id,
            "pilot_report",
            sent,
            "application/pdf",
            pdf(),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED, "{sent}");
        let doc: Value = res.json().await.unwrap();
        let res = app
            .send(
                Method::GET,
                &format!("/api/v1/documents/{}", doc["id"].as_str().unwrap()),
                Some(&s.committee),
                None,
            )
            .await;
        let header = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(header.is_ascii(), "{header}");
        assert!(
            header.starts_with(&format!("attachment; filename=\"{ascii}\"")),
            "{header}"
        );
        match encoded {
            Some(e) => assert!(header.ends_with(&format!("filename*={e}")), "{header}"),
            None => assert!(!header.contains("filename*"), "{header}"),
        }
        assert!(!header.contains(".."), "{header}");
    }
}
