//! Campaigns of near-duplicate comments (issue 36) through the API, on both backends: grouping
//! on arrival, counts, listing, moderation and answers by campaign, split, rebuild, "Me sumo".

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::audit::api_verify;
use crate::audit_cli::cli;
use crate::consultations::*;
use crate::helpers::{problem, spawn_app, spawn_app_with, TestApp};

/// A form letter of 90 words and copies of it with a name, a typo, a word replaced.
pub(crate) const LETTER: &str = "Señores del Ministerio de Trabajo: solicitamos que la constancia de \
    inscripción patronal se entregue en línea, sin visitar la ventanilla, porque las empresas \
    pequeñas del interior del país pierden un día completo de trabajo en cada viaje a la \
    capital para obtenerla. Pedimos además que el trámite tenga un plazo máximo de cinco días     hábiles, que se pueda pagar en cualquier agencia bancaria o en línea, y que la constancia     tenga un código que cualquier institución pueda verificar sin pedir copias certificadas,     como ya ocurre con otros documentos del Estado";

fn copies() -> Vec<String> {
    vec![
        LETTER.to_string(),
        format!("{LETTER}. Atentamente, María López"),
        LETTER.replace("solicitamos", "solicitamoss"),
        LETTER.replace("pequeñas", "medianas").to_uppercase(),
        format!("{LETTER}. Firmado: Sindicato de la Costa Sur"),
    ]
}

pub(crate) const OTHER: &str = "El formulario de registro de contratos debería aceptar la firma \
    electrónica avanzada y permitir adjuntar el contrato escaneado en PDF, con un acuse que \
    indique el número de expediente y la fecha en que se resolverá";

pub(crate) async fn send(app: &TestApp, id: &str, body: &str) -> Value {
    let res = comment(app, id, json!({"body": body}), None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

/// The campaign of the comment `id` among comments listed for staff.
pub(crate) fn campaign_of(listed: &[Value], id: &str) -> String {
    listed.iter().find(|c| c["id"] == id).unwrap()["campaign_id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub(crate) async fn staff_comments(
    app: &TestApp,
    token: &str,
    id: &str,
    status: &str,
) -> Vec<Value> {
    let res = app
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/comments?status={status}&limit=200"),
            Some(token),
            None,
        )
        .await;
    let page: Value = res.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

async fn campaigns(app: &TestApp, token: Option<&str>, id: &str, query: &str) -> Value {
    let res = app
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/campaigns{query}"),
            token,
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn near_duplicates_form_one_campaign_moderated_and_answered_at_once() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut letters = Vec::new();
    for text in copies() {
        letters.push(
            send(&app, id, &text).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let other = send(&app, id, OTHER).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Short texts: identical ones group, a one-word change does not.
    send(&app, id, "No al papel.").await;
    send(&app, id, "no al PAPEL").await;
    send(&app, id, "No al cartón").await;

    let received = staff_comments(&app, &s.committee, id, "received").await;
    let campaign_of = |cid: &str| campaign_of(&received, cid);
    for l in &letters {
        assert_eq!(
            campaign_of(l),
            letters[0],
            "every copy joins the first letter"
        );
    }
    assert_eq!(campaign_of(&other), other);
    let view: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let counts = &view["counts"];
    assert_eq!(counts["received"], 9);
    assert_eq!(counts["distinct_arguments"], 4, "{counts}");
    assert_eq!(counts["largest_campaign"], 5);
    assert_eq!(counts["endorsements"], 0);

    // Nothing public yet; staff see every campaign, largest first, with members.
    assert_eq!(campaigns(&app, None, id, "").await["items"], json!([]));
    let all = campaigns(&app, Some(&s.committee), id, "?members=true").await;
    let first = &all["items"][0];
    assert_eq!(first["id"], letters[0].as_str());
    assert_eq!(first["size"], 5);
    assert_eq!(first["status"], "received");
    assert_eq!(first["members"].as_array().unwrap().len(), 5);
    assert_eq!(all["items"].as_array().unwrap().len(), 4);
    // Paging walks every campaign once.
    let page = campaigns(&app, Some(&s.committee), id, "?limit=3").await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = campaigns(
        &app,
        Some(&s.committee),
        id,
        &format!("?limit=3&cursor={cursor}"),
    )
    .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert_eq!(rest["next_cursor"], Value::Null);
    // members=true is for staff.
    let res = app
        .get(&format!(
            "/api/v1/consultations/{id}/campaigns?members=true"
        ))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Split one copy out: it is its own campaign, moderated on its own.
    let res = app
        .post(
            &format!("/api/v1/comments/{}/split", letters[4]),
            &s.committee,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let split: Value = res.json().await.unwrap();
    assert_eq!(split["campaign_id"], letters[4].as_str());
    // The campaigns' sizes follow the split (the largest is one of four now).
    let counts = crate::counts::counters_match_a_recount(&app, id).await;
    assert_eq!(counts["largest_campaign"], 4);

    // One decision and reason for the whole campaign.
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/moderation", letters[0]),
            &s.committee,
            &json!({"decision": "reject", "reason": "duplicate", "detail": "Campaña repetida"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let moderated: Value = res.json().await.unwrap();
    assert_eq!(moderated["size"], 4);
    assert_eq!(moderated["status"], "rejected");
    let rejected = staff_comments(&app, &s.committee, id, "rejected").await;
    assert_eq!(rejected.len(), 4);
    assert!(rejected
        .iter()
        .all(|c| c["withheld_reason"] == "duplicate" || c["status"] == "rejected"));
    assert_eq!(app.audit_entries("comment.moderated").await.len(), 4);
    assert_eq!(app.audit_entries("comment.split").await.len(), 1);

    // Publish the split copy alone, then answer it once: the campaign of one shows it.
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/moderation", letters[4]),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/response", letters[4]),
            &s.committee,
            &json!({"body": "Gracias: lo tomaremos en cuenta.", "outcome": "accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let public = campaigns(&app, None, id, "").await;
    let items = public["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{public}");
    assert_eq!(items[0]["status"], "published");
    assert_eq!(
        items[0]["representative"]["response"]["body"],
        "Gracias: lo tomaremos en cuenta."
    );
    let report = api_verify(&app, &s.director).await;
    assert_eq!(report["valid"], true, "{report}");
}

#[tokio::test]
async fn every_member_tracking_page_shows_the_campaign_decision() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut codes = Vec::new();
    let mut first = None;
    for text in copies() {
        let r = send(&app, id, &text).await;
        first.get_or_insert(r["id"].as_str().unwrap().to_string());
        codes.push(r["tracking_code"].as_str().unwrap().to_string());
    }
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/moderation", first.unwrap()),
            &s.committee,
            &json!({"decision": "reject", "reason": "off_topic"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for code in codes {
        let t: Value = app
            .get(&format!("/api/v1/comments/by-tracking/{code}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(t["status"], "withheld");
        assert_eq!(t["withheld_reason"], "off_topic");
    }
}

async fn arguments(app: &TestApp, id: &str) -> i64 {
    let v: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    v["counts"]["distinct_arguments"].as_i64().unwrap()
}

#[tokio::test]
async fn a_stricter_threshold_rebuilds_the_campaigns_the_same_way_twice() {
    let app = spawn_app_with(json!({"campaign_similarity": 0.8})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    for text in copies() {
        send(&app, id, &text).await;
    }
    send(&app, id, OTHER).await;
    assert_eq!(arguments(&app, id).await, 2);
    // The write path and a rebuild follow one rule and key campaigns alike: at the same
    // threshold nothing moves.
    let same = cli(&app.db, &["campaigns", "rebuild", id]);
    assert!(same.status.success());
    let same: Value = serde_json::from_slice(&same.stdout).unwrap();
    assert_eq!(
        (&same["campaigns"], &same["moved"]),
        (&json!(2), &json!(0)),
        "{same}"
    );
    // At 1 only texts of the same shingles group: each of the six is its own argument.
    let strict = |app: &TestApp| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tramites"));
        cmd.args(["campaigns", "rebuild", id])
            .current_dir(app.db.dir())
            .env_remove("TRAMITES_CONFIG")
            .env("TRAMITES_DATABASE_URL", &app.db.url)
            .env("TRAMITES_DATA_DIR", app.db.dir().join("data"))
            .env("TRAMITES_WORKFLOWS_DIR", crate::helpers::workflows_dir())
            .env("TRAMITES_CAMPAIGN_SIMILARITY", "1");
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let once = strict(&app);
    let twice = strict(&app);
    assert_eq!(once["campaigns"], 6, "{once}");
    assert_eq!(once["digest"], twice["digest"]);
    assert_eq!(twice["moved"], 0);
    assert_eq!(arguments(&app, id).await, 6);
    let counts = crate::counts::counters_match_a_recount(&app, id).await;
    assert_eq!(counts["largest_campaign"], 1);
    // Back to the default: the campaign comes back whole.
    let out = cli(&app.db, &["campaigns", "rebuild", id]);
    assert!(out.status.success());
    assert_eq!(arguments(&app, id).await, 2);
    let counts = crate::counts::counters_match_a_recount(&app, id).await;
    assert_eq!(counts["largest_campaign"], 5);
    assert_eq!(app.audit_entries("campaigns.rebuilt").await.len(), 4);
    // A consultation that does not exist is refused.
    let out = cli(&app.db, &["campaigns", "rebuild", "no-existe"]);
    assert!(!out.status.success());
}

#[tokio::test]
async fn me_sumo_signs_a_published_comment_once_per_address() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": false})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let sent = send(&app, id, OTHER).await;
    let cid = sent["id"].as_str().unwrap();
    let path = format!("/api/v1/comments/{cid}/endorsements");
    let sign = |body: Value, key: Option<&str>| {
        let mut req = app.client.post(app.url(&path)).json(&body);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        req.send()
    };
    problem(
        sign(json!({}), None).await.unwrap(),
        StatusCode::CONFLICT,
        "comment_not_published",
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/comments/{cid}/moderation"),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    problem(
        sign(json!({"email": "no es correo"}), None).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let res = sign(
        json!({"author_name": "Rosa", "email": "rosa@correo.gt"}),
        Some("k1"),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let code = res.json::<Value>().await.unwrap()["tracking_code"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(code.starts_with("A-"), "{code}");
    // The same key again: the same code, nothing new.
    let again: Value = sign(json!({"author_name": "Rosa"}), Some("k1"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again["tracking_code"], code.as_str());
    // The same address again within the hour: refused.
    problem(
        sign(json!({}), None).await.unwrap(),
        StatusCode::CONFLICT,
        "already_endorsed",
    )
    .await;
    let view: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["counts"]["endorsements"], 1);
    let entries = app.audit_entries("comment.endorsed").await;
    assert_eq!(entries.len(), 1);
    assert!(!entries[0].to_string().contains("rosa@correo.gt"));
    let public = campaigns(&app, None, id, "").await;
    assert_eq!(public["items"][0]["endorsements"], 1);
}

#[tokio::test]
async fn the_public_sees_each_campaign_by_its_published_members_alone() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut a = Vec::new();
    let mut b = Vec::new();
    for text in ["Texto A", "Texto B", "Texto A", "Texto B", "Texto A"] {
        let r = send(&app, id, text).await;
        let list = if text.ends_with('A') { &mut a } else { &mut b };
        list.push(r["id"].as_str().unwrap().to_string());
    }
    let moderate = |comment: String, decision: &'static str| {
        let (app, token) = (&app, s.committee.clone());
        async move {
            let body = json!({"decision": decision, "reason": "spam"});
            let res = app
                .post(
                    &format!("/api/v1/comments/{comment}/moderation"),
                    &token,
                    &body,
                )
                .await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    };
    assert_eq!(campaigns(&app, None, id, "").await["items"], json!([]));
    moderate(a[0].clone(), "reject").await;
    moderate(a[1].clone(), "publish").await;
    moderate(a[2].clone(), "publish").await;
    let public = campaigns(&app, None, id, "").await;
    let items = public["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "B has nothing published: {public}");
    // Named by its first comment, sized and shown by its published ones.
    assert_eq!(items[0]["id"], a[0].as_str());
    assert_eq!(items[0]["size"], 2);
    assert_eq!(items[0]["status"], "published");
    assert_eq!(items[0]["representative"]["id"], a[1].as_str());
    moderate(b[1].clone(), "publish").await;
    let public = campaigns(&app, None, id, "").await;
    let shown: Vec<(&str, i64, &str)> = public["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let id = i["id"].as_str().unwrap();
            let first = i["representative"]["id"].as_str().unwrap();
            (id, i["size"].as_i64().unwrap(), first)
        })
        .collect();
    assert_eq!(
        shown,
        [
            (a[0].as_str(), 2, a[1].as_str()),
            (b[0].as_str(), 1, b[1].as_str())
        ]
    );
    // The Committee still sees every member of both.
    let staff = campaigns(&app, Some(&s.committee), id, "").await;
    let sizes: Vec<i64> = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["size"].as_i64().unwrap())
        .collect();
    assert_eq!(sizes, [3, 2]);
}
