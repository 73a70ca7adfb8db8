//! What moderators see before publishing (issue 35, staff 6): the names and organisations that
//! will appear with a text, when it arrived, and a filter by consultation.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;
use crate::walks::{comment, open_consultation, setup};
use crate::workspace::sign_in;

#[tokio::test]
async fn moderators_see_who_sent_each_text_and_when_and_filter_by_consultation() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let campaign = "Pedimos que el registro sea en línea para todas las empresas del país.";
    for (name, org) in [
        ("Ana Pérez", Some("Cámara de Industria")),
        ("Beto Ruiz", None),
    ] {
        let mut body = json!({"body": campaign, "author_name": name});
        if let Some(o) = org {
            body["organization"] = json!(o);
        }
        let res = comment(&app, cid, body, None).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    }
    comment(&app, cid, json!({"body": "Un texto sin nombre."}), None).await;
    let desk = sign_in(&app, "comite").await;
    let (status, page) = desk.get("/gestion/moderacion").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Ana Pérez (Cámara de Industria); Beto Ruiz"),
        "{page}"
    );
    assert!(page.contains("1 persona sin nombre"), "{page}");
    assert!(page.contains("Recibido"), "{page}");
    // The filter lists the consultation and narrows to it.
    assert!(page.contains(&format!("<option value=\"{cid}\"")), "{page}");
    let (_, only) = desk
        .get(&format!("/gestion/moderacion?consulta={cid}"))
        .await;
    assert!(
        only.contains(&format!("<option value=\"{cid}\" selected")),
        "{only}"
    );
    assert!(only.contains("Ana Pérez"), "{only}");
}

#[tokio::test]
async fn withholding_without_a_reason_comes_back_at_the_group_with_what_was_typed() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let sent: serde_json::Value = comment(&app, cid, json!({"body": "Un comentario."}), None)
        .await
        .json()
        .await
        .unwrap();
    let desk = sign_in(&app, "comite").await;
    let back = format!("/gestion/consultas/{cid}");
    let (_, page) = desk.get(&back).await;
    let group = page
        .split("name=\"group\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let csrf = desk.csrf(&back).await;
    let comment_id = sent["id"].as_str().unwrap();
    let (status, refused) = desk
        .post(
            "/gestion/moderacion/grupo",
            &[
                ("csrf", &csrf),
                ("back", &back),
                ("consultation", cid),
                ("group", &group),
                ("comment", comment_id),
                ("decision", "reject"),
                ("reason", ""),
                (
                    "detail",
                    "Repite un comentario anterior palabra por palabra",
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("<title>Error:"), "{refused}");
    assert!(refused.contains("class=\"resumen-errores\""), "{refused}");
    assert!(
        refused.contains(&format!("href=\"#motivo-{comment_id}\"")),
        "{refused}"
    );
    assert!(
        refused.contains("value=\"Repite un comentario anterior palabra por palabra\""),
        "what was typed is kept: {refused}"
    );
    assert!(!refused.contains("abusive, spam"), "no codes: {refused}");
    assert!(
        refused.contains("Gestión de trámites"),
        "still the workspace"
    );
}
