//! Participatory drafts: the proposal as articles, comments on an article with a proposed
//! wording, counts per article, the final text with what changed and the comments behind each
//! change, and a second round that keeps the first (contract section "Participatory drafts").

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{problem, spawn_app};
use crate::walks::json_of;

pub const DRAFT: &str = "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias.\n\n\
Artículo 1. Objeto\nEste acuerdo regula el registro de contratos.\n\n\
Artículo 2. Requisitos\nSe presentará el contrato firmado y una copia del DPI.\n\n\
Artículo 3. Vigencia\nRige a los ocho días de su publicación.\n";

pub const FINAL: &str = "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias.\n\n\
Artículo 1. Objeto\nEste acuerdo regula el registro de contratos.\n\n\
Artículo 1 bis. Transición\nLos trámites en curso siguen la norma anterior.\n\n\
Artículo 2. Requisitos\nSe presentará el contrato firmado en línea.\n";

async fn send(app: &crate::helpers::TestApp, cid: &str, body: Value) -> reqwest::Response {
    comment(app, cid, body, None).await
}

#[tokio::test]
async fn a_comment_on_article_two_follows_to_the_sentence_that_changed() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let cid = c["id"].as_str().unwrap();
    assert_eq!(
        c["preamble"],
        "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias."
    );
    let numbers: Vec<&str> = c["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    assert_eq!(c["articles"][1]["heading"], "Requisitos");
    assert_eq!(c["articles"][1]["published_comments"], 0);

    // Faults of a comment's article and wording.
    let res = send(&app, cid, json!({"body": "Sobra", "article": "9"})).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "article");
    let res = send(
        &app,
        cid,
        json!({"body": "Sobra", "proposed_text": "Otra cosa"}),
    )
    .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "proposed_text");
    let long = "a".repeat(10_001);
    let res = send(
        &app,
        cid,
        json!({"body": "Sobra", "article": "2", "proposed_text": long}),
    )
    .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "proposed_text");

    // The same Idempotency-Key with another article is another request: refused, not merged.
    let keyed = |article: &str| json!({"body": "Con clave", "article": article});
    let first = comment(&app, cid, keyed("1"), Some("clave-articulo")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again: Value = comment(&app, cid, keyed("1"), Some("clave-articulo"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again["id"], first["id"],
        "the same request: the first receipt"
    );
    let res = comment(&app, cid, keyed("3"), Some("clave-articulo")).await;
    problem(
        res,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;

    // Two comments on article 2 (one with a wording), one on the whole draft.
    let wording = "Se presentará el contrato firmado en línea.";
    let on_two: Value = send(
        &app,
        cid,
        json!({"body": "La copia del DPI sobra", "article": "2", "proposed_text": wording}),
    )
    .await
    .json()
    .await
    .unwrap();
    let other: Value = send(&app, cid, json!({"body": "Que sea gratis", "article": "2"}))
        .await
        .json()
        .await
        .unwrap();
    let whole: Value = send(&app, cid, json!({"body": "Bien en general"}))
        .await
        .json()
        .await
        .unwrap();
    for r in [&on_two, &other, &whole] {
        let res = app
            .post(
                &format!("/api/v1/comments/{}/moderation", r["id"].as_str().unwrap()),
                &s.committee,
                &json!({"decision": "publish"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let c = json_of(&app, &format!("/api/v1/consultations/{cid}")).await;
    assert_eq!(
        c["counts"]["by_article"]["2"],
        json!({"received": 2, "published": 2})
    );
    assert_eq!(
        c["counts"]["by_article"]["1"],
        json!({"received": 1, "published": 0})
    );
    assert!(c["counts"]["by_article"].get("3").is_none());
    assert_eq!(c["counts"]["received"], 4);
    assert_eq!(c["articles"][1]["published_comments"], 2);
    assert_eq!(c["articles"][0]["published_comments"], 0);

    let listed = json_of(
        &app,
        &format!("/api/v1/consultations/{cid}/comments?article=2"),
    )
    .await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{listed}");
    assert!(items.iter().all(|i| i["article"] == "2"));
    assert_eq!(items[0]["proposed_text"], wording);
    let all = json_of(&app, &format!("/api/v1/consultations/{cid}/comments")).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    assert!(all["items"][2]["article"].is_null());
    let res = app
        .get(&format!("/api/v1/consultations/{cid}/comments?article=8"))
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    // The answer names the articles it changed; an unknown one is refused.
    let answer = |articles: Value| json!({"body": "Se elimina la copia.", "outcome": "accepted", "changed_articles": articles});
    let url = format!(
        "/api/v1/comments/{}/response",
        on_two["id"].as_str().unwrap()
    );
    let res = app.post(&url, &s.committee, &answer(json!(["7"]))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "changed_articles");
    let res = app.post(&url, &s.committee, &answer(json!(["2"]))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let answered: Value = res.json().await.unwrap();
    assert_eq!(answered["response"]["changed_articles"], json!(["2"]));

    // The final text: not while open, then once.
    let final_url = format!("/api/v1/consultations/{cid}/final-text");
    let body = json!({"text": FINAL, "notes": {"2": "Se quitó la copia del DPI."}});
    let res = app.post(&final_url, &s.committee, &body).await;
    problem(res, StatusCode::CONFLICT, "consultation_not_closed").await;
    app.clock.advance(chrono::Duration::days(40));
    // Tokens expire with the clock moved: sign in again.
    let committee = app.login("comite", "comite-password").await;
    let director = app.login("directora", "directora-password").await;
    let res = app
        .post(
            &final_url,
            &committee,
            &json!({"text": "Artículo 1\nx\nArtículo 1\ny"}),
        )
        .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "text");
    let res = app.post(&final_url, &director, &body).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.post(&final_url, &committee, &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app.post(&final_url, &committee, &body).await;
    problem(res, StatusCode::CONFLICT, "final_text_published").await;

    let c = json_of(&app, &format!("/api/v1/consultations/{cid}")).await;
    let f = &c["final_text"];
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(FINAL.trim().as_bytes()));
    assert_eq!(f["sha256"], sha);
    let changes: Vec<(&str, &str)> = f["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["number"].as_str().unwrap(), a["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [
            ("1", "unchanged"),
            ("1 bis", "added"),
            ("2", "changed"),
            ("3", "removed")
        ]
    );
    assert_eq!(f["articles"][2]["note"], "Se quitó la copia del DPI.");
    assert_eq!(f["articles"][2]["comments"], json!([on_two["id"]]));
    assert_eq!(
        f["articles"][3]["text"],
        "Rige a los ocho días de su publicación."
    );
    assert_eq!(f["articles"][0]["comments"], json!([]));
    let entries = app.audit_entries("consultation.final_text_published").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["data"]["sha256"], sha);

    // Open data: the comments file's new columns, parsed back, and the texts by article.
    let csv_text = app
        .get("/datos/comentarios.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {headers:?}"))
    };
    let (article, has, outcome, changed, id) = (
        column("article"),
        column("has_proposed_text"),
        column("outcome"),
        column("changed_articles"),
        column("comentario"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let row = rows
        .iter()
        .find(|r| r[id] == *on_two["id"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        (&row[article], &row[has], &row[outcome], &row[changed]),
        ("2", "true", "accepted", "2")
    );
    let row = rows
        .iter()
        .find(|r| r[id] == *whole["id"].as_str().unwrap())
        .unwrap();
    assert_eq!((&row[article], &row[has], &row[changed]), ("", "false", ""));
    let texts = json_of(&app, "/datos/textos.json").await;
    let t = texts
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["consultation"] == cid)
        .unwrap();
    let consulted_sha = hex::encode(sha2::Sha256::digest(DRAFT.trim().as_bytes()));
    assert_eq!(t["consulted"]["sha256"], consulted_sha);
    assert_eq!(t["consulted"]["articles"].as_array().unwrap().len(), 3);
    assert_eq!(t["final"]["sha256"], sha);
    assert_eq!(
        t["final"]["articles"][2]["text"],
        "Se presentará el contrato firmado en línea."
    );
    assert_eq!(
        t["final"]["changes"][2],
        json!({"number": "2", "change": "changed", "note": "Se quitó la copia del DPI."})
    );
    // The report: its table per article, in the CSV (after the texts' table) and on the page.
    let report = app
        .get(&format!("/consultas/{cid}/informe.csv"))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(report.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let head = records
        .iter()
        .position(|r| &r[0] == "artículo")
        .expect("the articles' table");
    let header: Vec<&str> = records[head].iter().collect();
    let two = records[head + 1..].iter().find(|r| &r[0] == "2").unwrap();
    let cell = |name: &str| two[header.iter().position(|h| *h == name).unwrap()].to_string();
    assert_eq!(cell("publicados"), "2");
    assert_eq!(cell("redacciones propuestas"), "1");
    assert_eq!(cell("aceptados"), "1");
    assert_eq!(cell("cambiado por comentarios"), "1");
    assert_eq!(cell("cambio en el texto final"), "changed");
    assert_eq!(
        (cell("palabras agregadas"), cell("palabras quitadas")),
        ("2".into(), "5".into())
    );
    let three = records[head + 1..].iter().find(|r| &r[0] == "3").unwrap();
    assert_eq!(
        &three[header
            .iter()
            .position(|h| *h == "cambio en el texto final")
            .unwrap()],
        "removed"
    );
    let page = app
        .get(&format!("/consultas/{cid}/informe"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Comentarios por artículo")
            && page.contains("Cambió: 2 palabras agregadas, 5 quitadas"),
        "{page}"
    );
    let pdf = app
        .get(&format!("/consultas/{cid}/informe.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let words = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert!(words.contains("Comentarios por artículo"), "{words}");
    let catalogue = app
        .get("/datos/catalogo.jsonld")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        catalogue.contains("/datos/textos.json"),
        "the DCAT catalogue lists it"
    );
}

#[tokio::test]
async fn a_draft_with_faults_is_refused_naming_the_line_and_a_second_round_keeps_the_first() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let url = format!("/api/v1/procedures/{}/consultations", s.procedure);
    let bad =
        crate::walks::proposal(json!({"proposal_text": "Artículo 1\nuno\nArtículo 1\notra vez"}));
    let res = app.post(&url, &s.committee, &bad).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "proposal_text");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("línea 3"),
        "{p}"
    );
    let roman = crate::walks::proposal(json!({"proposal_text": "Artículo I. Objeto\nuno"}));
    let res = app.post(&url, &s.committee, &roman).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("línea 1"),
        "{p}"
    );

    let first = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let first_id = first["id"].as_str().unwrap();
    let sent: Value = send(
        &app,
        first_id,
        json!({"body": "Primera ronda", "article": "1"}),
    )
    .await
    .json()
    .await
    .unwrap();
    app.post(
        &format!(
            "/api/v1/comments/{}/moderation",
            sent["id"].as_str().unwrap()
        ),
        &s.committee,
        &json!({"decision": "publish"}),
    )
    .await;
    let res = app
        .post(
            &url,
            &s.committee,
            &crate::walks::proposal(json!({"supersedes": "00000000-0000-7000-8000-000000000000"})),
        )
        .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "supersedes");
    let second = open_consultation(&app, &s, json!({"supersedes": first_id})).await;
    assert_eq!(second["supersedes"], first_id);
    assert!(
        second["articles"].as_array().unwrap().is_empty(),
        "no articles: a preamble"
    );
    let first = json_of(&app, &format!("/api/v1/consultations/{first_id}")).await;
    assert_eq!(first["superseded_by"], second["id"]);
    let second_id = second["id"].as_str().unwrap();
    let page = app
        .get(&format!("/consultas/{first_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/consultas/{second_id}\"")),
        "the first round links the second"
    );
    let page = app
        .get(&format!("/consultas/{second_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/consultas/{first_id}\"")),
        "the second links the first"
    );
    let kept = json_of(&app, &format!("/api/v1/consultations/{first_id}/comments")).await;
    assert_eq!(
        kept["items"][0]["body"], "Primera ronda",
        "the first round's comments stay"
    );
    let res = app
        .post(
            &url,
            &s.committee,
            &crate::walks::proposal(json!({"supersedes": first_id})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
}

#[test]
fn a_draft_made_in_libreoffice_gives_the_articles_of_its_text() {
    // tests/fixtures/borrador.docx and .odt were made from borrador.txt by LibreOffice 7.4:
    // `soffice --headless --convert-to docx borrador.txt` (and `--convert-to odt`).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = std::fs::read_to_string(dir.join("borrador.txt")).unwrap();
    let expected = tramites::domain::draft::parse("proposal_text", &text).unwrap();
    assert_eq!(expected.articles.len(), 4);
    assert_eq!(expected.articles[2].number, "2 bis");
    for file in ["borrador.docx", "borrador.odt"] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let converted = tramites::sheets::draft_text(&bytes, 32 * 1024 * 1024).unwrap();
        let got = tramites::domain::draft::parse("proposal_text", &converted).unwrap();
        let shape = |d: &tramites::domain::draft::Draft| {
            d.articles
                .iter()
                .map(|a| (a.number.clone(), a.heading.clone(), a.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&got), shape(&expected), "{file}: {converted}");
        // The document's paragraphs come apart by blank lines (Markdown's paragraphs).
        let lines = |t: &str| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(&got.preamble), lines(&expected.preamble), "{file}");
    }
    // Anything else is a fault on the field `file`, never a panic.
    for bytes in [
        b"%PDF-1.4 no".to_vec(),
        Vec::new(),
        std::fs::read(dir.join("borrador.txt")).unwrap(),
    ] {
        let faults = tramites::sheets::draft_text(&bytes, 1024 * 1024).unwrap_err();
        assert_eq!(faults[0].field, "file");
    }
    let odt = std::fs::read(dir.join("borrador.odt")).unwrap();
    let faults = tramites::sheets::draft_text(&odt, 1_000).unwrap_err();
    assert_eq!(faults[0].field, "file", "a limit on what is decompressed");
}

#[tokio::test]
async fn the_consultation_page_leads_to_the_form_and_counts_in_words() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("href=\"#comentar\""),
        "a way to the form near the top"
    );
    assert!(
        page.contains("días para comentar, además de hoy."),
        "{page}"
    );
    let sent: Value = send(&app, cid, json!({"body": "Compre ya"}))
        .await
        .json()
        .await
        .unwrap();
    let waiting: Value = send(&app, cid, json!({"body": "Otro"}))
        .await
        .json()
        .await
        .unwrap();
    let _ = waiting;
    app.post(
        &format!(
            "/api/v1/comments/{}/moderation",
            sent["id"].as_str().unwrap()
        ),
        &s.committee,
        &json!({"decision": "reject", "reason": "spam"}),
    )
    .await;
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong>1</strong> retenido<"),
        "singular: {page}"
    );
    assert!(page.contains("<strong>2</strong> recibidos<"), "plural");
    assert!(
        page.contains("<strong>1</strong> en revisión<"),
        "under review counted"
    );
}
