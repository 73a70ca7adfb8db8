//! The inventory in and out of spreadsheets: faults reported row by row with nothing written,
//! dry runs, one transaction with one audit entry per change, the template, and the export
//! that imports back with no change. Also from the command line.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::binary::tramites;
use crate::helpers::{procedure_body, spawn_app, spawn_app_on, TestApp, TestDb};

const HEADERS: &[&str] = &[
    "Código",
    "Nombre",
    "Unidad responsable",
    "Categoría",
    "Público",
    "Canal",
    "Requisitos",
    "Pasos",
    "Visitas presenciales",
];

fn row(i: usize) -> Vec<String> {
    vec![
        format!("IMP-{i:05}"),
        format!("Trámite importado número {i}"),
        "Dirección General de Trabajo".into(),
        if i.is_multiple_of(2) {
            "Prioritario"
        } else {
            "general"
        }
        .into(),
        "Trabajadores".into(),
        "Presencial".into(),
        "Solicitud firmada; *Copia del DPI".into(),
        "3".into(),
        "2".into(),
    ]
}

/// An XLSX of `n` procedure rows, with `bad` rows (spreadsheet numbering) broken.
fn xlsx(n: usize, bad: &[(usize, usize, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=n {
        let mut cells = row(i);
        for (r, c, v) in bad {
            if *r == i + 1 {
                cells[*c] = v.to_string();
            }
        }
        for (c, v) in cells.iter().enumerate() {
            if c >= 7 && v.parse::<f64>().is_ok() {
                sheet
                    .write_number(i as u32, c as u16, v.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(i as u32, c as u16, v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

async fn send(
    app: &TestApp,
    token: &str,
    bytes: Vec<u8>,
    name: &str,
    commit: bool,
) -> (StatusCode, Value) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/procedures/import{}",
            if commit { "?commit=true" } else { "" }
        )))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn count(app: &TestApp, token: &str) -> usize {
    let mut n = 0;
    let mut cursor = String::new();
    loop {
        let page: Value = app
            .send(
                reqwest::Method::GET,
                &format!("/api/v1/procedures?limit=200{cursor}"),
                Some(token),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        n += page["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}"))
            .len();
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => return n,
        }
    }
}

#[tokio::test]
async fn faults_in_three_far_apart_rows_are_all_reported_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let file = xlsx(5000, &[(3, 1, ""), (17, 7, "tres"), (4999, 3, "Especial")]);
    let (status, report) = send(&app, &token, file, "inventario.xlsx", true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    let errors = report["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{report}"));
    let at: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    assert_eq!(
        at,
        [(3, "Nombre"), (17, "Pasos"), (4999, "Categoría")],
        "{report}"
    );
    assert_eq!(count(&app, &token).await, 0, "nothing written");
}

#[tokio::test]
async fn a_file_applies_in_one_go_audited_and_its_export_imports_back_unchanged() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    app.create_procedure(
        &token,
        &procedure_body("IMP-00001", json!({"name": "Nombre viejo"})),
    )
    .await;
    let file = xlsx(300, &[]);
    let (status, dry) = send(&app, &token, file.clone(), "inventario.xlsx", false).await;
    assert_eq!(status, StatusCode::OK, "{dry}");
    assert_eq!(
        (
            dry["created"].as_u64(),
            dry["updated"].as_u64(),
            dry["applied"].as_bool()
        ),
        (Some(299), Some(1), Some(false))
    );
    assert_eq!(count(&app, &token).await, 1, "a dry run writes nothing");
    let (status, done) = send(&app, &token, file, "inventario.xlsx", true).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["applied"], true);
    assert_eq!(count(&app, &token).await, 300);
    let auditor = app.user_with("auditora", &["auditor"]).await.1;
    let mut actions = std::collections::HashMap::<String, usize>::new();
    let mut after = 0;
    loop {
        let page: Value = app
            .send(
                reqwest::Method::GET,
                &format!("/api/v1/audit?limit=500&after_seq={after}"),
                Some(&auditor),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        let items = page["items"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        for e in items {
            *actions
                .entry(e["action"].as_str().unwrap().to_string())
                .or_default() += 1;
            after = e["seq"].as_i64().unwrap();
        }
    }
    assert_eq!(
        actions["procedure.created"], 300,
        "one entry per created procedure"
    );
    assert_eq!(actions["procedure.updated"], 1, "one per changed procedure");
    let verify: Value = app
        .send(
            reqwest::Method::GET,
            "/api/v1/audit/verify",
            Some(&auditor),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verify["valid"], true);
    for format in ["csv", "xlsx"] {
        let exported = app
            .get(&format!("/api/v1/procedures/export?format={format}"))
            .await
            .bytes()
            .await
            .unwrap()
            .to_vec();
        let (status, again) =
            send(&app, &token, exported, &format!("tramites.{format}"), false).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(
            (
                again["created"].as_u64(),
                again["updated"].as_u64(),
                again["unchanged"].as_u64()
            ),
            (Some(0), Some(0), Some(300)),
            "{format}"
        );
    }
}

#[tokio::test]
async fn files_that_are_not_inventories_get_a_clear_4xx() {
    let app = spawn_app().await;
    let token = app.committee_token().await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let header_only = HEADERS.join(",").into_bytes();
    for (bytes, words) in [
        (png, "no es una hoja de cálculo"),
        (Vec::new(), "vacío"),
        (header_only, "no tiene filas"),
        (b"PK\x03\x04roto".to_vec(), "no se puede abrir"),
    ] {
        let (status, report) = send(&app, &token, bytes, "x", false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
        assert!(
            report["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{report}"
        );
    }
    let (status, _) = send(
        &app,
        &token,
        vec![b'a'; 50 * 1024 * 1024],
        "grande.csv",
        false,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // The template is a workbook whose headers import (as a file with one example row).
    let template = app
        .get("/api/v1/procedures/import/template")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let (status, report) = send(&app, &token, template, "plantilla.xlsx", false).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["created"], 1);
}

#[tokio::test]
async fn the_command_line_checks_and_applies_a_csv_and_never_moves_a_state() {
    let db = TestDb::new();
    let app = spawn_app_on(db.clone(), json!({})).await;
    let token = app.committee_token().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("malo.csv");
    std::fs::write(&bad, "código;nombre;unidad responsable;categoría;público;canal;estado\nA-1;;U;General;Trabajadores;Presencial;launch\n").unwrap();
    let out = tramites(&db)
        .args(["import", bad.to_str().unwrap(), "--commit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fila 2, columna nombre:"), "{err}");
    let good = dir.path().join("bueno.csv");
    std::fs::write(&good, "código;nombre;unidad responsable;categoría;público;canal;estado\nA-1;Permiso;U;General;Trabajadores;Presencial;launch\n").unwrap();
    let out = tramites(&db)
        .args(["import", good.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 nuevos"),
        "{out:?}"
    );
    assert_eq!(count(&app, &token).await, 0, "a dry run by default");
    let out = tramites(&db)
        .args(["import", good.to_str().unwrap(), "--commit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page: Value = app
        .send(
            reqwest::Method::GET,
            "/api/v1/procedures?q=A-1",
            Some(&token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page["items"][0]["state"], "inventory",
        "the estado column is ignored"
    );
}
