//! A second workflow file, with state names of its own, works end to end: the code names no
//! state of the default workflow; it reads the file's tags, labels and document kinds.

use chrono::{Datelike, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app_on, workflows_dir, TestApp, TestDb};
use crate::workspace::sign_in;

/// A short licensing workflow: received → under study → online (or archived).
const LICENCES: &str = r#"
key = "licencias"
version = 1
initial_state = "recibido"
label = { es = "Licencias de funcionamiento", en = "Operating licences" }
documents = [
  { key = "dictamen", label = { es = "dictamen técnico", en = "technical opinion" } },
]

[[states]]
key = "recibido"
label = { es = "Solicitud recibida", en = "Received" }
time_limit_days = 10

[[states]]
key = "estudio"
label = { es = "En estudio técnico", en = "Under study" }
time_limit_days = 20
tags = ["baseline"]

[[states]]
key = "vigente"
label = { es = "Vigente en línea", en = "Online" }
time_limit_days = 365
tags = ["launched", "surveyed"]

[[states]]
key = "archivado"
label = { es = "Archivado sin efecto", en = "Archived" }
terminal = true
tags = ["eliminated", "hidden"]

[[transitions]]
key = "estudiar"
label = { es = "Pasar a estudio técnico", en = "Study" }
from = ["recibido"]
to = "estudio"
propose = ["committee"]

[[transitions]]
key = "publicar"
label = { es = "Publicar en línea", en = "Publish online" }
from = ["estudio"]
to = "vigente"
propose = ["committee"]
approve = ["minister"]
guards = [{ kind = "document_attached", document = "dictamen" }]
effects = [{ kind = "set_field", field = "channel", value = "online" }]

[[transitions]]
key = "archivar"
label = { es = "Archivar sin efecto", en = "Archive" }
from = ["estudio", "vigente"]
to = "archivado"
propose = ["committee"]
"#;

async fn app_with_two_workflows() -> TestApp {
    let db = TestDb::new();
    let dir = db.dir().join("workflows");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        workflows_dir().join("simplificacion.toml"),
        dir.join("simplificacion.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("licencias.toml"), LICENCES).unwrap();
    spawn_app_on(db, json!({ "workflows_dir": dir })).await
}

async fn attach(app: &TestApp, token: &str, id: &str, kind: &str) {
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%fin\n".to_vec())
        .file_name("dictamen.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .part("file", part);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/procedures/{id}/documents")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_second_workflow_runs_through_pages_reports_and_indicators() {
    let app = app_with_two_workflows().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, minister) = app.user_with("ministro", &["minister"]).await;
    let body = |code: &str| procedure_body(code, json!({"workflow": "licencias"}));
    let kept = app.create_procedure(&committee, &body("LIC-1")).await;
    let dropped = app.create_procedure(&committee, &body("LIC-2")).await;
    let (kept_id, dropped_id) = (
        kept["id"].as_str().unwrap().to_string(),
        dropped["id"].as_str().unwrap().to_string(),
    );
    assert_eq!(kept["state"], "recibido");

    // The baseline is taken on entering the state the file tags `baseline`.
    let studied = app
        .walk(&committee, &minister, &kept_id, &["estudiar"])
        .await;
    assert_eq!(studied["state"], "estudio");
    assert!(studied["baseline"].is_object(), "{studied}");

    // The guard names the file's document kind, in the file's words, on the staff page.
    let desk = sign_in(&app, "comite").await;
    let (status, page) = desk.get(&format!("/gestion/tramites/{kept_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Publicar en línea"), "transition label");
    assert!(page.contains("dictamen técnico"), "document kind label");
    assert!(page.contains("En estudio técnico"), "state label");

    attach(&app, &committee, &kept_id, "dictamen").await;
    let online = app
        .walk(&committee, &minister, &kept_id, &["publicar"])
        .await;
    assert_eq!(
        (online["state"].as_str(), online["channel"].as_str()),
        (Some("vigente"), Some("online"))
    );
    app.walk(
        &committee,
        &minister,
        &dropped_id,
        &["estudiar", "archivar"],
    )
    .await;

    // The minister approves in this workflow: the workspace's menu shows approvals to them.
    let minister_desk = sign_in(&app, "ministro").await;
    let (_, board) = minister_desk.get("/gestion").await;
    assert!(board.contains("/gestion/aprobaciones"), "approver's menu");

    // The public page: the file's labels, the hidden end left out of the path, the survey open
    // in the state tagged `surveyed`.
    let html = app.get("/tramites/LIC-1").await.text().await.unwrap();
    assert!(html.contains("Vigente en línea"), "public stage label");
    assert!(
        !html.contains("Archivado sin efecto"),
        "hidden state in the path"
    );
    assert_eq!(
        app.get("/tramites/LIC-1/encuesta").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/tramites/LIC-2/encuesta").await.status(),
        StatusCode::NOT_FOUND
    );

    // The board counts procedures by the second workflow's states.
    let (_, board) = desk.get("/gestion").await;
    assert!(board.contains("En estudio técnico"), "board stage");

    // Indicators: the archived one is out of the shares but counted by state.
    let ind: Value = app.get("/api/v1/indicators").await.json().await.unwrap();
    assert_eq!(ind["priority"]["total"], 1, "{ind}");
    assert_eq!(ind["priority"]["digital"], 1, "{ind}");
    assert_eq!(ind["by_state"]["archivado"], 1, "{ind}");
    assert_eq!(ind["by_state"]["vigente"], 1, "{ind}");

    // The four-monthly report: launches and eliminations by the tags, the file's labels.
    let now = Utc::now() - Duration::hours(6);
    let period = format!("{}-{}", now.year(), now.month0() / 4 + 1);
    let report: Value = app
        .get(&format!("/api/v1/reports/{period}"))
        .await
        .json()
        .await
        .unwrap();
    let codes = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("launched"), ["LIC-1"], "{report}");
    assert_eq!(codes("eliminated"), ["LIC-2"], "{report}");
    let label_of = |list: &str, field: &str, key: &str| {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l[field] == key)
            .map(|l| l["label"].as_str().unwrap().to_string())
    };
    assert_eq!(
        label_of("transitions", "transition", "publicar").as_deref(),
        Some("Publicar en línea")
    );
    assert_eq!(
        label_of("stages", "state", "estudio").as_deref(),
        Some("En estudio técnico")
    );

    // The usage report knows the launch month from the `launched` tag.
    let usage: Value = app
        .get(&format!("/api/v1/procedures/{kept_id}/usage-report"))
        .await
        .json()
        .await
        .unwrap();
    assert!(usage["launch_month"].is_string(), "{usage}");
}
