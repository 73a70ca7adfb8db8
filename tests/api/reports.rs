//! The accountability report: a simplified procedure's saving is the same in the API, on its
//! page, in the report (JSON, PDF, XLSX, CSV) and in `tramites.csv`; once its period ends the
//! report is frozen, hashed into the audit chain and served unchanged after later edits. And
//! the indicators' daily series, recorded by the timer and on demand.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::{spawn_app_with, TestApp};
use crate::walks::json_of;
pub(crate) use crate::walks::launch_simplified;

/// Thousands with commas, up to two decimals: how the pages and the PDF write figures.
fn es(n: f64) -> String {
    let cents = (n.abs() * 100.0).round() as i64;
    let digits = (cents / 100).to_string();
    let mut whole = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push(',');
        }
        whole.push(c);
    }
    let sign = if n < 0.0 && cents > 0 { "-" } else { "" };
    match cents % 100 {
        0 => format!("{sign}{whole}"),
        c if c % 10 == 0 => format!("{sign}{whole}.{}", c / 10),
        c => format!("{sign}{whole}.{c:02}"),
    }
}

/// The period (`2026-3`) a time falls in, in Guatemala (UTC−6, no daylight saving).
fn period_of(at: &str) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(at)
        .unwrap()
        .with_timezone(&Utc)
        - Duration::hours(6);
    format!("{}-{}", t.year(), t.month0() / 4 + 1)
}

/// (section, key, measure) → value, from the report's CSV or XLSX.
type Figures = HashMap<(String, String, String), String>;

fn csv_figures(bytes: &[u8]) -> Figures {
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["seccion", "clave", "concepto", "medida", "valor"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            ((r[0].into(), r[1].into(), r[3].into()), r[4].to_string())
        })
        .collect()
}

fn xlsx_figures(bytes: &[u8]) -> Figures {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Cifras").unwrap();
    range
        .rows()
        .skip(1)
        .map(|row| {
            let text = |d: &Data| match d {
                Data::Float(f) => {
                    let s = f.to_string();
                    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
                }
                Data::Int(i) => i.to_string(),
                other => other.to_string(),
            };
            ((text(&row[0]), text(&row[1]), text(&row[3])), text(&row[4]))
        })
        .collect()
}

/// Every format of a period's report holds the JSON's figures; returns the JSON's bytes.
async fn formats_agree(app: &TestApp, period: &str, code: &str) -> Vec<u8> {
    let res = app.get(&format!("/api/v1/reports/{period}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap().to_vec();
    let page_json = app
        .get(&format!("/informes/{period}.json"))
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let r: Value = serde_json::from_slice(&bytes).unwrap();
    let mut from_page: Value = serde_json::from_slice(&page_json).unwrap();
    if r["status"] == "frozen" {
        assert!(
            bytes == page_json,
            "a frozen report is the same bytes everywhere"
        );
    } else {
        from_page["generated_at"] = r["generated_at"].clone();
        assert!(
            from_page == r,
            "the API and the page's JSON hold the same figures"
        );
    }
    let csv = csv_figures(
        &app.get(&format!("/informes/{period}.csv"))
            .await
            .bytes()
            .await
            .unwrap(),
    );
    let xlsx = xlsx_figures(
        &app.get(&format!("/informes/{period}.xlsx"))
            .await
            .bytes()
            .await
            .unwrap(),
    );
    let pdf_bytes = app
        .get(&format!("/informes/{period}.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf_bytes.starts_with(b"%PDF-"));
    let pdf = pdf_extract::extract_text_from_mem(&pdf_bytes).unwrap();
    let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut expected: Vec<((String, String, String), String)> = Vec::new();
    let key = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    for s in r["stages"].as_array().unwrap() {
        let state = s["state"].as_str().unwrap();
        expected.push((key("etapas", state, "al inicio"), s["at_start"].to_string()));
        expected.push((key("etapas", state, "al final"), s["at_end"].to_string()));
    }
    let c = &r["consultations"];
    for (measure, field) in [
        ("realizadas", "held"),
        ("recibidos", "received"),
        ("publicados", "published"),
        ("respondidos", "answered"),
    ] {
        expected.push((key("consultas", "total", measure), c[field].to_string()));
    }
    let saved = r["savings"]["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("{code} in the report's savings: {r}"));
    for (measure, field) in [
        ("horas al año", "annual_hours"),
        ("quetzales al año", "annual_cost_gtq"),
        ("requisitos eliminados", "requirements_removed"),
    ] {
        let v = saved[field].as_f64().unwrap().to_string();
        expected.push((key("ahorros", code, measure), v));
    }
    for (k, v) in &expected {
        assert_eq!(csv.get(k), Some(v), "CSV {k:?}");
        assert_eq!(xlsx.get(k), Some(v), "XLSX {k:?}");
    }
    // The PDF says the same, in words.
    assert!(
        pdf.contains(&format!(
            "Consultas realizadas: {}. Comentarios recibidos: {}; publicados: {};",
            c["held"], c["received"], c["published"]
        )),
        "{pdf}"
    );
    assert!(
        pdf.contains(&format!(
            "ahorran cada año {} horas",
            es(r["savings"]["annual_hours"].as_f64().unwrap())
        )),
        "{pdf}"
    );
    assert!(pdf.contains(code), "{pdf}");
    assert!(pdf.contains(&es(saved["annual_hours"].as_f64().unwrap())));
    for s in r["stages"].as_array().unwrap() {
        assert!(pdf.contains(s["label"].as_str().unwrap()), "{pdf}");
    }
    assert!(!pdf.contains("@correo.gt") && !String::from_utf8_lossy(&bytes).contains('@'));
    bytes
}

#[tokio::test]
async fn the_saving_is_the_same_everywhere_and_a_frozen_report_never_changes() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = launch_simplified(&app).await;
    let p = json_of(&app, &format!("/api/v1/procedures/{}", s.procedure)).await;
    let saving = p["savings"].clone();
    assert_eq!(saving["requirements_removed"], 1, "{p}");
    assert_eq!(
        saving["annual_hours"], 2000.0,
        "1,000 a year × 2 hours fewer"
    );

    // The procedure's page.
    let page = app.get("/tramites/CONS-1").await.text().await.unwrap();
    assert!(
        page.contains(&format!(
            "{} horas",
            es(saving["annual_hours"].as_f64().unwrap())
        )),
        "{page}"
    );

    // tramites.csv.
    let file = app.get("/datos/tramites.csv").await.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(file.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let heads = reader.headers().unwrap().clone();
    let col = |name: &str| heads.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r.iter().any(|c| c == "CONS-1"))
        .unwrap();
    assert_eq!(
        row[col("ahorro anual (horas)")].parse::<f64>().unwrap(),
        saving["annual_hours"].as_f64().unwrap()
    );
    assert_eq!(
        row[col("ahorro anual (GTQ)")].parse::<f64>().unwrap(),
        saving["annual_cost_gtq"].as_f64().unwrap()
    );

    // The report of the period the launch fell in, while it runs.
    let history = json_of(&app, &format!("/api/v1/procedures/{}/history", s.procedure)).await;
    let launch_at = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["to"] == "launch")
        .unwrap()["at"]
        .as_str()
        .unwrap()
        .to_string();
    let period = period_of(&launch_at);
    let running: Value =
        serde_json::from_slice(&formats_agree(&app, &period, "CONS-1").await).unwrap();
    assert_eq!(running["status"], "in_progress");
    assert_eq!(running["launched"][0]["code"], "CONS-1");
    let line = &running["savings"]["procedures"][0];
    for f in ["annual_hours", "annual_cost_gtq", "requirements_removed"] {
        assert_eq!(line[f].as_f64(), saving[f].as_f64(), "{f}");
    }
    assert_eq!(running["consultations"]["received"], 1);
    let informe = app
        .get(&format!("/informes/{period}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(informe.contains("Periodo en curso"), "{informe}");
    assert!(informe.contains(&format!(
        "{} horas",
        es(saving["annual_hours"].as_f64().unwrap())
    )));

    // Four months on, the period has ended: the report is frozen and its hash is in the chain.
    app.clock.advance(Duration::days(125));
    let frozen_bytes = formats_agree(&app, &period, "CONS-1").await;
    let frozen: Value = serde_json::from_slice(&frozen_bytes).unwrap();
    assert_eq!(frozen["status"], "frozen");
    let hash = hex::encode(Sha256::digest(&frozen_bytes));
    let admin = app.admin_token().await;
    let entries = app.audit_entries("report.frozen").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["subject_id"], period.as_str());
    assert_eq!(entries[0]["data"]["sha256"], hash.as_str());
    let verify: Value = app
        .client
        .get(app.url("/api/v1/audit/verify"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(verify["valid"], true, "{verify}");
    // The frozen page gives the hash in plain words (issue 35, citizens 10), not as jargon.
    let informe = app
        .get(&format!("/informes/{period}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(informe.contains(&hash), "{informe}");
    assert!(informe.contains("huella digital (un código"), "{informe}");
    assert!(!informe.contains("huella SHA-256"), "{informe}");

    // Later edits change the data, not the frozen report.
    let committee = app.login("comite", "comite-password").await;
    let now = json_of(&app, &format!("/api/v1/procedures/{}", s.procedure)).await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{}", s.procedure)))
        .bearer_auth(&committee)
        .header("If-Match", format!("\"{}\"", now["version"]))
        .json(&json!({"citizen_hours": 0.5, "annual_volume": 9000}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let changed = json_of(&app, &format!("/api/v1/procedures/{}", s.procedure)).await;
    assert_ne!(changed["savings"]["annual_hours"], saving["annual_hours"]);
    let again = app
        .get(&format!("/api/v1/reports/{period}"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(again.to_vec() == frozen_bytes, "served unchanged");
    let pdf1 = app
        .get(&format!("/informes/{period}.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let pdf2 = app
        .get(&format!("/informes/{period}.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf1 == pdf2, "the frozen PDF is the same file each time");
    let text = pdf_extract::extract_text_from_mem(&pdf1).unwrap();
    assert!(text.contains(&hash[..16]), "the PDF names its hash");
    let informe = app
        .get(&format!("/informes/{period}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(informe.contains("Informe cerrado") && informe.contains(&hash));

    // The index and informes.csv list it with its hash.
    let index = app.get("/informes").await.text().await.unwrap();
    assert!(index.contains(&format!("/informes/{period}")));
    let list = app.get("/datos/informes.csv").await.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(list.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == period.as_str())
        .unwrap();
    assert_eq!(&row[3], "congelado");
    assert_eq!(&row[5], hash.as_str());

    // A period not begun, or not a period at all.
    assert_eq!(
        app.get("/api/v1/reports/2999-1").await.status(),
        StatusCode::NOT_FOUND
    );
    for bad in ["2026-4", "2026-0", "x", "2026-1.doc"] {
        assert_eq!(
            app.get(&format!("/informes/{bad}")).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
    assert_eq!(
        app.get("/api/v1/reports/2026-7").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_indicators_are_recorded_each_day_and_on_demand_and_charted() {
    let app = spawn_app_with(json!({"daily_records": true})).await;
    // The timer records the day at start.
    let mut series = Value::Null;
    for _ in 0..50 {
        series = json_of(&app, "/api/v1/indicators/series").await;
        if series.as_array().is_some_and(|s| !s.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(series.as_array().unwrap().len(), 1, "{series}");
    assert_eq!(series[0]["priority_total"], 0);
    // On demand: one online priority service and one in person, measured now.
    let committee = app.committee_token().await;
    for (code, channel) in [("SERIE-1", "online"), ("SERIE-2", "in_person")] {
        app.create_procedure(
            &committee,
            &crate::helpers::procedure_body(code, json!({"channel": channel})),
        )
        .await;
    }
    let res = app
        .post("/api/v1/indicators/snapshots", &committee, &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let today: Value = res.json().await.unwrap();
    assert_eq!(today["priority_total"], 2);
    assert_eq!(today["priority_percent"], 50.0);
    let series = json_of(&app, "/api/v1/indicators/series").await;
    assert_eq!(series.as_array().unwrap().len(), 1, "today's replaced");
    assert_eq!(series[0]["priority_digital"], 1);
    let anyone = app
        .client
        .post(app.url("/api/v1/indicators/snapshots"))
        .send()
        .await
        .unwrap();
    assert_eq!(anyone.status(), StatusCode::UNAUTHORIZED);
    // The next day.
    app.clock.advance(Duration::days(1));
    let committee = app.login("comite", "comite-password").await;
    let res = app
        .post("/api/v1/indicators/snapshots", &committee, &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let series = json_of(&app, "/api/v1/indicators/series").await;
    assert_eq!(series.as_array().unwrap().len(), 2);
    let page = app.get("/indicadores").await.text().await.unwrap();
    assert!(page.contains("<polyline"), "two days make a line: {page}");
    let file = app
        .get("/datos/indicadores.csv")
        .await
        .bytes()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(file.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let heads = reader.headers().unwrap().clone();
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = heads
        .iter()
        .position(|h| h == "prioritarios en línea (%)")
        .unwrap();
    assert_eq!(&rows[1][col], "50");
    let target = heads
        .iter()
        .position(|h| h.starts_with("meta 2024 servicios prioritario"))
        .unwrap();
    assert_eq!(&rows[1][target], "100");
    // Each measurement is in the audit chain.
    let audit = app.audit_entries("indicators.recorded").await;
    assert_eq!(audit.len(), 3, "{audit:?}");
    assert_eq!(audit[0]["actor"], "system");
}
