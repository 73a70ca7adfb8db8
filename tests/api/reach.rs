//! Reach (contract section "Reach", issue 37): comments typed in by the Committee from paper,
//! phone, offices, e-mail and WhatsApp, counted by channel; translations of a draft, frozen,
//! audited and read on the public page; comments that record their language.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tramites::clock::Clock;

use crate::consultations::{comment, open_consultation, setup};
use crate::drafts::DRAFT;
use crate::helpers::{form_token, problem, spawn_app, TestApp};

const KICHE: &str = "Ucholajil Ajtzij\nRuk'u'x ri tz'ib'.\n\n\
Artículo 1. Ri uwach\nWaral kb'ixik ri tz'ib' rech ri chak.\n\n\
Artículo 2. Ri kraj\nXaq xew ri tz'ib' k'amom.\n\n\
Artículo 3. Ri q'ij\nKchaplax pa wajxaq q'ij.\n";

async fn assisted(app: &TestApp, token: &str, cid: &str, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/consultations/{cid}/assisted-comments"),
        Some(token),
        Some(&body),
    )
    .await
}

/// Today in Guatemala (the test settings' zone), moved by `days`.
fn local_day(app: &TestApp, days: i64) -> String {
    let now = app.clock.now() + Duration::days(days);
    now.with_timezone(&chrono_tz::America::Guatemala)
        .date_naive()
        .to_string()
}

async fn consultation(app: &TestApp, cid: &str) -> Value {
    app.get(&format!("/api/v1/consultations/{cid}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_paper_comment_gets_a_tracking_code_and_counts_under_paper() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let cid = c["id"].as_str().unwrap();
    let web = comment(&app, cid, json!({"body": "Desde la web"}), None).await;
    assert_eq!(web.status(), StatusCode::CREATED);
    let web_receipt: Value = web.json().await.unwrap();
    let paper = json!({"body": "Escrito a mano en la oficina de Quetzaltenango", "channel": "paper",
                       "received_on": local_day(&app, 0), "author_name": "Doña Juana", "article": "2"});

    // Only the Committee types them in.
    let res = app
        .send(
            Method::POST,
            &format!("/api/v1/consultations/{cid}/assisted-comments"),
            None,
            Some(&paper),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = assisted(&app, &s.director, cid, paper.clone()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // A day outside the window, a date that is not one, the web as a channel: 422.
    for (field, bad) in [
        ("received_on", json!({"received_on": local_day(&app, -2)})),
        ("received_on", json!({"received_on": "ayer"})),
        ("channel", json!({"channel": "web"})),
        ("channel", json!({"channel": "paloma"})),
    ] {
        let mut body = paper.clone();
        body.as_object_mut()
            .unwrap()
            .extend(bad.as_object().unwrap().clone());
        let res = assisted(&app, &s.committee, cid, body).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], field, "{p}");
    }

    let res = assisted(&app, &s.committee, cid, paper.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let code = receipt["tracking_code"].as_str().unwrap();
    assert!(code.starts_with("C-"), "{code}");
    let tracked = app
        .get(&format!("/api/v1/comments/by-tracking/{code}"))
        .await;
    assert_eq!(tracked.status(), StatusCode::OK);
    let tracked: Value = tracked.json().await.unwrap();
    assert_eq!(tracked["channel"], "paper", "{tracked}");
    assert_eq!(tracked["received_on"], local_day(&app, 0));
    let staff_list: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/consultations/{cid}/comments?status=received"),
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let channels: Vec<&str> = staff_list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["channel"].as_str().unwrap())
        .collect();
    assert!(
        channels.contains(&"paper") && channels.contains(&"web"),
        "{channels:?}"
    );

    // Its scanned original: once, for staff only; never for a comment from the web.
    let scan = |bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("carta.png")
            .mime_str("image/png")
            .unwrap();
        reqwest::multipart::Form::new().part("file", part)
    };
    let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let attach = |id: String, bytes: Vec<u8>| {
        let (app, token) = (&app, s.committee.clone());
        let form = scan(bytes);
        async move {
            app.client
                .post(app.url(&format!("/api/v1/comments/{id}/original")))
                .bearer_auth(token)
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let paper_id = receipt["id"].as_str().unwrap().to_string();
    let res = attach(paper_id.clone(), b"no es una imagen".to_vec()).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "file");
    let res = attach(paper_id.clone(), png.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = attach(paper_id.clone(), png.clone()).await;
    problem(res, StatusCode::CONFLICT, "original_exists").await;
    let web_id = web_receipt["id"].as_str().unwrap().to_string();
    let res = attach(web_id, png.clone()).await;
    problem(res, StatusCode::CONFLICT, "comment_not_assisted").await;
    let url = format!("/api/v1/comments/{paper_id}/original");
    assert_eq!(app.get(&url).await.status(), StatusCode::UNAUTHORIZED);
    let res = app.send(Method::GET, &url, Some(&s.committee), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().to_vec(), png);
    let attached = app.audit_entries("comment.original_attached").await;
    assert_eq!(attached.len(), 1);
    assert_eq!(attached[0]["data"]["size"], png.len());

    let counts = &consultation(&app, cid).await["counts"];
    assert_eq!(counts["received"], 2);
    assert_eq!(counts["by_channel"]["paper"], 1, "{counts}");
    assert_eq!(counts["by_channel"]["web"], 1, "{counts}");
    assert_eq!(counts["by_channel"]["phone"], 0, "{counts}");

    // Typed in after the window closed, dated within it: accepted, both dates kept.
    let last_day = local_day(&app, 3);
    app.clock.advance(Duration::days(40));
    let res = comment(&app, cid, json!({"body": "Tarde por la web"}), None).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "the web is closed");
    let phone = json!({"body": "Dictado por teléfono desde Cobán", "channel": "phone",
                       "received_on": last_day, "language": "kek"});
    // Tokens expire with the clock moved: sign in again.
    let committee = app.login("comite", "comite-password").await;
    let res = assisted(&app, &committee, cid, phone).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let entries = app.audit_entries("comment.received").await;
    let typed: Vec<&Value> = entries
        .iter()
        .filter(|e| e["data"]["channel"].is_string())
        .collect();
    assert_eq!(typed.len(), 2, "{entries:?}");
    let late = typed
        .iter()
        .find(|e| e["data"]["channel"] == "phone")
        .unwrap();
    assert_eq!(late["data"]["received_on"], last_day);
    assert_eq!(late["data"]["language"], "kek");
    assert_ne!(late["actor"], "public", "the staff member who typed it in");
    assert!(
        !late["data"].to_string().contains("Cobán"),
        "never the text"
    );
    let counts = &consultation(&app, cid).await["counts"];
    assert_eq!(counts["by_channel"]["phone"], 1, "{counts}");

    // The page and the report say it.
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Papel 1"), "{page}");
    assert!(page.contains("Teléfono 1"), "{page}");
    let report = app
        .get(&format!("/consultas/{cid}/informe"))
        .await
        .text()
        .await
        .unwrap();
    assert!(report.contains("Papel 1"), "{report}");

    // Once the report is frozen, a late paper comment would be missing from it: 409.
    let res = assisted(&app, &committee, cid, paper).await;
    problem(res, StatusCode::CONFLICT, "consultation_report_frozen").await;
    let admin = app.admin_token().await;
    let verify = crate::audit::api_verify(&app, &admin).await;
    assert_eq!(verify["valid"], true, "{verify}");
}

async fn translate(app: &TestApp, token: &str, cid: &str, body: Value) -> reqwest::Response {
    app.send(
        Method::POST,
        &format!("/api/v1/consultations/{cid}/translations"),
        Some(token),
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn a_kiche_translation_is_frozen_audited_and_commented_in_quc() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let cid = c["id"].as_str().unwrap();
    assert_eq!(c["translations"], json!([]));
    let body = json!({"language": "quc", "title": "Ruk'ojik ri tz'ib'", "summary": "Man k'o ta chi ri DPI",
                      "proposal_text": KICHE, "translator": "Ana Tzoc"});

    let res = translate(&app, &s.director, cid, body.clone()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let mut other = body.clone();
    other["language"] = json!("xyz");
    let p = problem(
        translate(&app, &s.committee, cid, other).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "language");
    let mut short = body.clone();
    short["proposal_text"] = json!("Artículo 1. Ri uwach\nXaq xew.\n");
    let p = problem(
        translate(&app, &s.committee, cid, short).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        p["errors"][0]["field"], "proposal_text",
        "the same articles"
    );

    let res = translate(&app, &s.committee, cid, body.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let made: Value = res.json().await.unwrap();
    assert_eq!(made["official"], false);
    let numbers: Vec<&str> = made["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    // Frozen: a second one in the same language is refused.
    let res = translate(&app, &s.committee, cid, body.clone()).await;
    problem(res, StatusCode::CONFLICT, "translation_exists").await;

    // Its hash is over title, summary and draft, each followed by a NUL byte, and audited.
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in ["Ruk'ojik ri tz'ib'", "Man k'o ta chi ri DPI", KICHE.trim()] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let sha = hex::encode(h.finalize());
    let listed = &consultation(&app, cid).await["translations"];
    assert_eq!(listed[0]["language"], "quc");
    assert_eq!(listed[0]["translator"], "Ana Tzoc");
    assert_eq!(listed[0]["sha256"], sha.as_str());
    let entries = app.audit_entries("consultation.translated").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["data"]["sha256"], sha.as_str());
    let read: Value = app
        .get(&format!("/api/v1/consultations/{cid}/translations/quc"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["articles"][1]["heading"], "Ri kraj");
    assert_eq!(
        app.get(&format!("/api/v1/consultations/{cid}/translations/mam"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // The public page offers it, says which text is official and takes comments in quc.
    let plain = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        plain.contains("Leer en K&#39;iche&#39;") || plain.contains("Leer en K'iche'"),
        "{plain}"
    );
    let page = app
        .get(&format!("/consultas/{cid}?texto=quc"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ana Tzoc"), "{page}");
    assert!(page.contains("texto oficial"), "{page}");
    assert!(page.contains("lang=\"quc\""), "{page}");
    assert!(
        page.contains("Xaq xew ri tz"),
        "the translated article: {page}"
    );
    assert!(page.contains("name=\"language\" value=\"quc\""), "{page}");
    let token = form_token(&page);
    let res = crate::helpers::no_redirects()
        .post(app.url(&format!("/consultas/{cid}/comentarios")))
        .form(&[
            ("form_token", token.as_str()),
            ("body", "Utz ri tz'ib', xaq xew man kraj ta ri DPI"),
            ("language", "quc"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = comment(
        &app,
        cid,
        json!({"body": "Por la API en K'iche'", "language": "quc"}),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = comment(
        &app,
        cid,
        json!({"body": "Código raro", "language": "k"}),
        None,
    )
    .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let languages: Vec<Value> = app
        .audit_entries("comment.received")
        .await
        .iter()
        .map(|e| e["data"]["language"].clone())
        .collect();
    assert_eq!(
        languages.iter().filter(|l| *l == "quc").count(),
        2,
        "{languages:?}"
    );
    let counts = &consultation(&app, cid).await["counts"];
    assert_eq!(counts["by_channel"]["web"], 2, "{counts}");
}

#[tokio::test]
async fn the_workspace_publishes_a_translation_and_prints_a_paper_receipt() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let cid = c["id"].as_str().unwrap();
    let desk = crate::workspace::sign_in(&app, "comite").await;
    let page = format!("/gestion/consultas/{cid}/alcance");
    let (status, html) = desk.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Publicar una traducción"), "{html}");
    let (_, board) = desk.get(&format!("/gestion/consultas/{cid}")).await;
    assert!(board.contains(&page), "linked from the consultation's page");

    // A translation with a missing article comes back with what was typed.
    let csrf = desk.csrf(&page).await;
    let (status, html) = desk
        .post(
            &format!("/gestion/consultas/{cid}/traducciones"),
            &[
                ("csrf", &csrf),
                ("language", "cak"),
                ("translator", "Pedro Xoc"),
                ("title", "Ri wuj"),
                ("proposal_text", "Artículo 1. Nab'ey\nJun tzij."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Pedro Xoc"), "kept: {html}");
    let (status, location) = desk
        .post(
            &format!("/gestion/consultas/{cid}/traducciones"),
            &[
                ("csrf", &csrf),
                ("language", "cak"),
                ("translator", "Pedro Xoc"),
                ("title", "Ri wuj"),
                ("proposal_text", KICHE),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let listed = &consultation(&app, cid).await["translations"];
    assert_eq!(listed[0]["language"], "cak");

    let today = local_day(&app, 0);
    let (status, location) = desk
        .post(
            &format!("/gestion/consultas/{cid}/comentarios-recibidos"),
            &[
                ("csrf", &csrf),
                ("channel", "in_person"),
                ("received_on", &today),
                ("body", "Lo dijo en la reunión comunitaria de Sololá"),
                ("article", "2"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert!(
        location.starts_with("/gestion/comprobantes/C-"),
        "{location}"
    );
    let (status, receipt) = desk.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    let code = location.rsplit('/').next().unwrap();
    assert!(receipt.contains(code), "{receipt}");
    assert!(receipt.contains("En persona"), "{receipt}");
    assert!(
        receipt.contains(&format!("/seguimiento/{code}")),
        "{receipt}"
    );
    let counts = &consultation(&app, cid).await["counts"];
    assert_eq!(counts["by_channel"]["in_person"], 1, "{counts}");
}

#[tokio::test]
async fn the_consultation_on_paper_holds_every_article_and_a_blank_form() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({"proposal_text": DRAFT})).await;
    let cid = c["id"].as_str().unwrap();
    let res = app.get(&format!("/consultas/{cid}.pdf")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Registro de contratos sin papel",
        "Artículo 1. Objeto",
        "Este acuerdo regula el registro de contratos.",
        "Artículo 2. Requisitos",
        "Se presentará el contrato firmado y una copia del DPI.",
        "Artículo 3. Vigencia",
        "código de seguimiento",
        "Ventanilla de recepción del Ministerio de Trabajo",
        "Formulario de comentario",
        "Su comentario",
        "Para uso de la oficina",
    ] {
        assert!(flat.contains(needle), "{needle}: {flat}");
    }
    assert!(
        flat.contains(&format!("/consultas/{cid}")),
        "its address: {flat}"
    );
    assert_eq!(
        app.get("/consultas/00000000-0000-0000-0000-000000000000.pdf")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
