//! The acceptance evaluation: six months of usage uploaded as CSV and 200 survey answers; the
//! usage report's figures equal the API's aggregates and the file; attaching its PDF lets
//! `close_cycle` pass. Surveys only for launched procedures, one answer per form token, bad
//! values named; the share done online on a hand-computed example.

use std::collections::HashMap;

use chrono::Datelike;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::{problem, procedure_body, spawn_app, spawn_app_with, TestApp};
use crate::reports::launch_simplified;

async fn get_json(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

/// `YYYY-MM` of `n` months after `(year, month)`.
fn month(year: i32, m: u32, n: i32) -> String {
    let i = year * 12 + m as i32 - 1 + n;
    format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
}

fn answer(i: usize) -> Value {
    json!({
        "satisfaction": 1 + i % 5,
        "ease": 1 + (i * 3) % 5,
        "completed_online": if !i.is_multiple_of(4) { "yes" } else { "no" },
        "channel": if !i.is_multiple_of(3) { "online" } else { "in_person" },
        "comment": match i { 0 => "Muy rápido, lo hice desde el teléfono.", 1 => "Me pidieron el DPI otra vez.", 2 => "Compre ya en mi tienda", _ => "" },
    })
}

#[tokio::test]
async fn the_usage_report_matches_the_api_and_the_file_and_lets_the_cycle_close() {
    let app =
        spawn_app_with(json!({"publish_comments_on_receipt": true, "comment_limit_per_hour": 0}))
            .await;
    let s = launch_simplified(&app).await;
    let p = s.procedure.clone();
    let history = get_json(&app, &format!("/api/v1/procedures/{p}/history")).await;
    let launch_at = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["to"] == "launch")
        .unwrap()["at"]
        .as_str()
        .unwrap()
        .to_string();
    let launched = chrono::DateTime::parse_from_rfc3339(&launch_at).unwrap();
    let (y, m) = (launched.year(), launched.month());
    // Six months: three before the launch month, three from it on.
    let figures: Vec<(String, i64, i64, i64)> = (-3..3)
        .map(|n| {
            let online = if n < 0 {
                10 + n as i64
            } else {
                300 + 40 * n as i64
            };
            (month(y, m, n), online, 200 - 10 * n as i64, 5)
        })
        .collect();
    let mut csv = String::from("mes,en_linea,presencial,otro\n");
    for (mm, a, b, c) in &figures {
        csv.push_str(&format!("{mm},{a},{b},{c}\n"));
    }
    let res = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{p}/usage")))
        .bearer_auth(&s.committee)
        .header("Content-Type", "text/csv")
        .body(csv.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let usage = get_json(&app, &format!("/api/v1/procedures/{p}/usage")).await;
    let stored: Vec<(String, i64, i64, i64)> = usage
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["month"].as_str().unwrap().to_string(),
                u["online"].as_i64().unwrap(),
                u["in_person"].as_i64().unwrap(),
                u["other"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(stored, figures, "the API holds the file's figures");
    // A bad file writes nothing and names each fault.
    let res = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{p}/usage")))
        .bearer_auth(&s.committee)
        .body(format!(
            "month,online,in_person,other\n{},1,1,1\n2026-13,1,1,1\n",
            month(y, m, -3)
        ))
        .send()
        .await
        .unwrap();
    let body = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(body.to_string().contains("fila 3"), "{body}");
    assert_eq!(
        get_json(&app, &format!("/api/v1/procedures/{p}/usage")).await,
        usage
    );

    // 200 answers; three comments, two published and one withheld.
    for i in 0..200 {
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/procedures/{p}/survey"),
                None,
                Some(&answer(i)),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "answer {i}");
    }
    let answered = app.audit_entries("survey.answered").await;
    let ids: Vec<String> = answered
        .iter()
        .take(3)
        .map(|e| e["data"]["answer_id"].as_str().unwrap().to_string())
        .collect();
    for (id, decision) in ids.iter().zip([
        json!({"decision": "publish"}),
        json!({"decision": "publish"}),
        json!({"decision": "reject", "reason": "spam"}),
    ]) {
        let res = app
            .post(
                &format!("/api/v1/survey-answers/{id}/moderation"),
                &s.committee,
                &decision,
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    let survey = get_json(&app, &format!("/api/v1/procedures/{p}/survey")).await;
    let (mut sat, mut ease, mut online, mut counts) = (0usize, 0usize, 0i64, [0i64; 5]);
    for i in 0..200 {
        sat += 1 + i % 5;
        ease += 1 + (i * 3) % 5;
        online += i64::from(!i.is_multiple_of(4));
        counts[i % 5] += 1;
    }
    assert_eq!(survey["answers"], 200);
    assert_eq!(
        survey["satisfaction_average"],
        (sat as f64 / 200.0 * 100.0).round() / 100.0
    );
    assert_eq!(
        survey["ease_average"],
        (ease as f64 / 200.0 * 100.0).round() / 100.0
    );
    assert_eq!(survey["completed_online"], online);
    assert_eq!(survey["satisfaction_counts"], json!(counts));
    assert_eq!(
        survey["comments"],
        json!([
            "Muy rápido, lo hice desde el teléfono.",
            "Me pidieron el DPI otra vez."
        ]),
        "published comments only"
    );
    assert!(
        !survey.to_string().contains("received_at"),
        "no single answer, no time"
    );

    // The usage report equals the API and the file.
    let (from, to) = (month(y, m, -3), month(y, m, 2));
    let report = get_json(
        &app,
        &format!("/api/v1/procedures/{p}/usage-report?from={from}&to={to}"),
    )
    .await;
    let months: Vec<(String, i64, i64, i64)> = report["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["month"].as_str().unwrap().to_string(),
                u["online"].as_i64().unwrap(),
                u["in_person"].as_i64().unwrap(),
                u["other"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(months, figures);
    let before: (i64, i64) = figures[..3]
        .iter()
        .fold((0, 0), |a, f| (a.0 + f.1, a.1 + f.1 + f.2 + f.3));
    let after: (i64, i64) = figures[3..]
        .iter()
        .fold((0, 0), |a, f| (a.0 + f.1, a.1 + f.1 + f.2 + f.3));
    assert_eq!(report["launch_month"], month(y, m, 0).as_str());
    assert_eq!(
        (
            report["before_launch"]["online"].as_i64(),
            report["before_launch"]["total"].as_i64()
        ),
        (Some(before.0), Some(before.1))
    );
    assert_eq!(
        (
            report["after_launch"]["online"].as_i64(),
            report["after_launch"]["total"].as_i64()
        ),
        (Some(after.0), Some(after.1))
    );
    let mut from_api = survey.clone();
    from_api.as_object_mut().unwrap().remove("comments");
    for (k, v) in from_api.as_object().unwrap() {
        assert_eq!(&report["survey"][k], v, "survey {k}");
    }
    assert_eq!(report["survey"]["comments"], survey["comments"]);
    assert_eq!(report["savings"]["annual_hours"], 2000.0);
    // The page and the PDF say the same.
    let page = app
        .get(&format!("/tramites/CONS-1/uso?desde={from}&hasta={to}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<strong>200</strong> respuestas"), "{page}");
    let pdf = app
        .get(&format!("/tramites/CONS-1/uso.pdf?desde={from}&hasta={to}"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Respuestas: 200."), "{text}");
    assert!(text.contains(&format!("{} ", figures[5].0)), "{text}");
    assert!(text.contains("Me pidieron el DPI otra vez."));
    assert!(
        !text.contains("Compre ya"),
        "a withheld comment is never shown"
    );

    // Close the cycle: the guard asks for the usage report; attaching it lets it pass.
    for item in [
        "staff_trained",
        "tutorials_published",
        "awareness_campaign_published",
    ] {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/procedures/{p}/checklist/{item}"),
                Some(&s.committee),
                Some(&json!({"done": true})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let propose = |t: &'static str| {
        let (app, token, p) = (&app, s.committee.clone(), p.clone());
        async move {
            app.post(
                &format!("/api/v1/procedures/{p}/transitions"),
                &token,
                &json!({"transition": t}),
            )
            .await
        }
    };
    assert_eq!(propose("start_evaluation").await.status(), StatusCode::OK);
    problem(
        propose("close_cycle").await,
        StatusCode::CONFLICT,
        "guard_failed",
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/procedures/{p}/usage-report?from={from}&to={to}"),
            &s.committee,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["kind"], "usage_report");
    let file = app
        .client
        .get(app.url(&format!(
            "/api/v1/documents/{}",
            doc["id"].as_str().unwrap()
        )))
        .bearer_auth(&s.committee)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(file.starts_with(b"%PDF-"));
    assert_eq!(doc["sha256"], hex::encode(Sha256::digest(&file)).as_str());
    let attached = pdf_extract::extract_text_from_mem(&file).unwrap();
    assert!(
        attached.contains("Respuestas: 200"),
        "the attached PDF is the report"
    );
    let r: Value = propose("close_cycle").await.json().await.unwrap();
    let closed: Value = app
        .approve(&s.director, r["id"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["state"], "closed");

    // Bad values are named.
    for (body, field) in [
        (
            json!({"satisfaction": 6, "ease": 3, "completed_online": "yes", "channel": "online"}),
            "satisfaction",
        ),
        (
            json!({"satisfaction": 5, "ease": 3, "completed_online": "quizá", "channel": "online"}),
            "completed_online",
        ),
    ] {
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/procedures/{p}/survey"),
                None,
                Some(&body),
            )
            .await;
        let b = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(b["errors"][0]["field"], field, "{b}");
    }
    for (path, body, field) in [
        ("2026-13", json!({"online": 1}), "month"),
        ("2026-01", json!({"online": -4, "in_person": 1}), "online"),
        (
            "2026-01",
            json!({"online": 1, "in_person": "x"}),
            "in_person",
        ),
    ] {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/procedures/{p}/usage/{path}"),
                Some(&s.committee),
                Some(&body),
            )
            .await;
        let b = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(b["errors"][0]["field"], field, "{b}");
    }

    // The page's form: a repeated token stores one answer.
    let form = app
        .get("/tramites/CONS-1/encuesta")
        .await
        .text()
        .await
        .unwrap();
    // How it was done is asked first; whether it could be finished without an office second,
    // with what to answer when it began online and ended at a desk (they used to overlap).
    let how = form.find("¿Cómo lo empezó?").expect("the channel question");
    let finished = form
        .find("¿Pudo terminarlo sin ir a una oficina?")
        .expect("the completion question");
    assert!(how < finished && form.contains("responda «No»"));
    let token = form
        .split("name=\"form_token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let fields = [
        ("satisfaction", "4"),
        ("ease", "5"),
        ("completed_online", "yes"),
        ("channel", "online"),
        ("comment", ""),
        ("form_token", token.as_str()),
    ];
    let no_redirect = crate::helpers::no_redirects();
    for _ in 0..2 {
        let res = no_redirect
            .post(app.url("/tramites/CONS-1/encuesta"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let after_page = get_json(&app, &format!("/api/v1/procedures/{p}/survey")).await;
    assert_eq!(after_page["answers"], 201, "one answer for one token");
    // The thank-you page thanks, and does not invite a second answer with a blank form.
    let thanks = app
        .get("/tramites/CONS-1/encuesta?gracias=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(thanks.contains("role=\"status\""), "{thanks}");
    assert!(
        !thanks.contains("action=\"/tramites/CONS-1/encuesta\""),
        "no form after answering"
    );
    // Each scale names what its ends mean, next to 1 and 5.
    let form = app
        .get("/tramites/CONS-1/encuesta")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("<span class=\"extremo\">nada satisfecho</span>"),
        "{form}"
    );
    assert!(
        form.contains("<span class=\"extremo\">muy fácil</span>"),
        "{form}"
    );
    let bad = no_redirect
        .post(app.url("/tramites/CONS-1/encuesta"))
        .form(&[("satisfaction", "6"), ("form_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text().await.unwrap();
    assert!(text.contains("href=\"#campo-satisfaction\""), "{text}");
    // The catalogue shows the launched procedure's use and satisfaction.
    let catalogue = app.get("/tramites").await.text().await.unwrap();
    assert!(
        catalogue.contains("% de los trámites en línea"),
        "{catalogue}"
    );
    assert!(catalogue.contains("(201 respuestas)"), "{catalogue}");
}

#[tokio::test]
async fn a_survey_opens_only_once_launched_and_keeps_the_address_limits() {
    let app = spawn_app_with(json!({"comment_limit_per_hour": 2, "comment_burst": 2})).await;
    let committee = app.committee_token().await;
    let p = app
        .create_procedure(&committee, &procedure_body("NUEVO-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    assert_eq!(
        app.get("/tramites/NUEVO-1/encuesta").await.status(),
        StatusCode::NOT_FOUND
    );
    let good =
        json!({"satisfaction": 5, "ease": 5, "completed_online": "yes", "channel": "online"});
    let res = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{id}/survey"),
            None,
            Some(&good),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "survey_not_open").await;
    let res = app
        .send(
            Method::POST,
            "/api/v1/procedures/NO-EXISTE/survey",
            None,
            Some(&good),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{id}/survey"),
            None,
            Some(&good),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address limit holds"
    );
    // Recording usage needs the Committee.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/procedures/{id}/usage/2026-01"),
            None,
            Some(&json!({"online": 1})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_share_done_online_is_counted_over_the_last_twelve_months_with_data() {
    let app = spawn_app().await;
    let committee = app.committee_token().await;
    let mut ids = HashMap::new();
    for (code, category) in [
        ("USO-1", "priority"),
        ("USO-2", "priority"),
        ("USO-3", "general"),
    ] {
        let p = app
            .create_procedure(
                &committee,
                &procedure_body(code, json!({"category": category})),
            )
            .await;
        ids.insert(code, p["id"].as_str().unwrap().to_string());
    }
    // The latest month with data is 2026-06: the window is 2025-07..2026-06.
    for (code, m, online, in_person, other) in [
        ("USO-1", "2025-06", 1000, 0, 0),
        ("USO-1", "2026-01", 30, 60, 10),
        ("USO-2", "2026-06", 50, 50, 0),
        ("USO-2", "2025-07", 20, 80, 0),
        ("USO-3", "2026-03", 1, 2, 1),
    ] {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/procedures/{}/usage/{m}", ids[code]),
                Some(&committee),
                Some(&json!({"online": online, "in_person": in_person, "other": other})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    // Correcting a month replaces it.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/procedures/{}/usage/2026-03", ids["USO-3"]),
            Some(&committee),
            Some(&json!({"online": 1, "in_person": 2, "other": 1})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let ind = get_json(&app, "/api/v1/indicators").await;
    let by_use = ind["by_use"].as_array().unwrap();
    let priority = by_use.iter().find(|u| u["category"] == "priority").unwrap();
    // 30 + 50 + 20 online of 100 + 100 + 100.
    assert_eq!(
        (priority["online"].as_i64(), priority["total"].as_i64()),
        (Some(100), Some(300))
    );
    assert_eq!(priority["percent"], 33.3);
    assert_eq!(
        (priority["from"].as_str(), priority["to"].as_str()),
        (Some("2025-07"), Some("2026-06"))
    );
    let general = by_use.iter().find(|u| u["category"] == "general").unwrap();
    assert_eq!(general["percent"], 25.0);
    let page = app.get("/indicadores").await.text().await.unwrap();
    assert!(
        page.contains("33.3 %") && page.contains("100 de 300"),
        "{page}"
    );
    // Each change is audited.
    let audit = app.audit_entries("usage.recorded").await;
    assert_eq!(audit.len(), 6);
    assert_eq!(
        audit[5]["data"]["before"]["online"], 1,
        "the correction keeps what it replaced"
    );
}

#[tokio::test]
async fn the_committee_records_usage_and_attaches_the_report_from_the_workspace() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = launch_simplified(&app).await;
    let p = s.procedure.clone();
    let desk = crate::workspace::sign_in(&app, "comite").await;
    let page = format!("/gestion/tramites/{p}");
    let (_, html) = desk.get(&page).await;
    assert!(html.contains("Evaluación de la aceptación"), "{html}");
    let csrf = desk.csrf(&page).await;
    let (status, location) = desk
        .post(
            &format!("{page}/uso"),
            &[
                ("csrf", csrf.as_str()),
                ("month", "2026-10"),
                ("online", "120"),
                ("in_person", "30"),
                ("other", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let usage = get_json(&app, &format!("/api/v1/procedures/{p}/usage")).await;
    assert_eq!(usage[0]["month"], "2026-10");
    assert_eq!(
        (usage[0]["online"].as_i64(), usage[0]["other"].as_i64()),
        (Some(120), Some(0))
    );
    let (status, body) = desk
        .post(
            &format!("{page}/uso"),
            &[
                ("csrf", csrf.as_str()),
                ("month", "2026-13"),
                ("online", "1"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Revise los datos"), "{body}");
    let (status, body) = desk
        .post(
            &format!("{page}/uso"),
            &[("csrf", "otro"), ("month", "2026-11"), ("online", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = desk
        .post(
            &format!("{page}/informe-de-uso"),
            &[
                ("csrf", csrf.as_str()),
                ("desde", "2026-06"),
                ("hasta", "2026-11"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let docs: Value = app
        .client
        .get(app.url(&format!("/api/v1/procedures/{p}/documents")))
        .bearer_auth(&s.committee)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let report = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "usage_report")
        .unwrap_or_else(|| panic!("{docs}"));
    assert_eq!(report["content_type"], "application/pdf");
    assert!(report["filename"]
        .as_str()
        .unwrap()
        .contains("2026-06-a-2026-11"));
}
