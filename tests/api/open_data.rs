//! `/datos`: every file parses with a standard reader, carries ETag and Last-Modified (and
//! answers 304 when unchanged), holds the properties it promises, and never an e-mail or a
//! withheld text. The inventory's savings equal the API's.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::consultations::{open_consultation, setup};
use crate::helpers::spawn_app;

#[tokio::test]
async fn every_open_data_file_parses_is_cacheable_and_keeps_citizens_private() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (body, email) in [
        ("Que sea en línea", "ana@correo.gt"),
        ("Que sea en línea", "beto@correo.gt"),
        ("TEXTO-RETENIDO-123 con datos personales", "carla@correo.gt"),
    ] {
        let r: Value = app
            .client
            .post(app.url(&format!("/api/v1/consultations/{cid}/comments")))
            .json(&json!({"body": body, "email": email, "author_name": "Vecina"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    let committee = &s.committee;
    for id in &ids[..2] {
        app.post(
            &format!("/api/v1/comments/{id}/moderation"),
            committee,
            &json!({"decision": "publish"}),
        )
        .await;
    }
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            committee,
            &json!({"body": "Así será.", "outcome": "aceptado"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unknown outcome"
    );
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            committee,
            &json!({"body": "Así será.", "outcome": "accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let answered: Value = res.json().await.unwrap();
    assert_eq!(answered["response"]["outcome"], "accepted");
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Resultado: Aceptado"), "{page}");
    app.post(
        &format!("/api/v1/comments/{}/moderation", ids[2]),
        committee,
        &json!({"decision": "reject", "reason": "personal_data"}),
    )
    .await;
    let page = app.get("/datos").await.text().await.unwrap();
    assert!(page.contains("Creative Commons"));
    let files = [
        "tramites.csv",
        "tramites.xlsx",
        "tramites.json",
        "tramites.jsonld",
        "consultas.csv",
        "comentarios.csv",
        "textos.json",
        "historial.csv",
        "indicadores.csv",
        "informes.csv",
        "catalogo.jsonld",
    ];
    for file in files {
        let res = app.get(&format!("/datos/{file}")).await;
        assert_eq!(res.status(), StatusCode::OK, "{file}");
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        assert!(res.headers().contains_key("last-modified"), "{file}");
        let bytes = res.bytes().await.unwrap().to_vec();
        let again = app
            .client
            .get(app.url(&format!("/datos/{file}")))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{file}");
        let text = String::from_utf8_lossy(&bytes).to_string();
        if file.ends_with(".csv") {
            let mut reader = csv::Reader::from_reader(bytes.as_slice());
            let width = reader.headers().unwrap().len();
            for r in reader.records() {
                assert_eq!(r.unwrap().len(), width, "{file}");
            }
        } else if file.ends_with(".xlsx") {
            use calamine::Reader;
            let mut book =
                calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
            let range = book.worksheet_range_at(0).unwrap().unwrap();
            assert_eq!(range.height(), 2, "a header and the one procedure");
        } else {
            serde_json::from_slice::<Value>(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        for secret in ["@correo.gt", "TEXTO-RETENIDO-123"] {
            assert!(!text.contains(secret), "{file} holds {secret}");
        }
    }
    let comments = app
        .get("/datos/comentarios.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(comments.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "published comments only");
    assert_eq!(&rows[0][6], "2", "the group's size");
    assert_eq!(&rows[0][7], "Así será.");
    assert_eq!(&rows[0][9], "accepted");
    let services: Value = app
        .get("/datos/tramites.jsonld")
        .await
        .json()
        .await
        .unwrap();
    for service in services["@graph"].as_array().unwrap() {
        for property in [
            "dct:identifier",
            "dct:title",
            "dct:description",
            "cv:hasCompetentAuthority",
            "cpsv:follows",
            "cv:holdsRequirement",
            "cv:hasCost",
            "cv:processingTime",
            "cv:hasChannel",
            "adms:status",
        ] {
            assert!(service.get(property).is_some(), "{property} in {service}");
        }
        assert_eq!(service["@type"], "cpsv:PublicService");
    }
    let catalogue: Value = app
        .get("/datos/catalogo.jsonld")
        .await
        .json()
        .await
        .unwrap();
    let datasets = catalogue["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), files.len() - 1);
    for d in datasets {
        for property in [
            "dct:title",
            "dct:description",
            "dct:license",
            "dct:publisher",
            "dcat:distribution",
        ] {
            assert!(d.get(property).is_some(), "{property} in {d}");
        }
        let url = d["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
            .as_str()
            .unwrap();
        let path = url.split("/datos/").nth(1).unwrap();
        assert!(files.contains(&path), "{url}");
    }
}
