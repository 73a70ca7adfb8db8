//! The staff procedure page's top (issue 35, staff 4): a task list of what each next step still
//! lacks, contents links, and a pending request decided from the page by whoever may decide it.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{procedure_body, spawn_app};
use crate::workspace::sign_in;

#[tokio::test]
async fn a_director_decides_a_pending_request_from_the_procedure_page() {
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    app.user_with("directora", &["director"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("SUM-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    let path = format!("/gestion/tramites/{id}");
    // Before any request: the summary names each next step's state and the page's parts.
    let comite = sign_in(&app, "comite").await;
    let (status, page) = comite.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Lo que falta para el siguiente paso"),
        "{page}"
    );
    assert!(page.contains("href=\"#paso-start_analysis\""), "{page}");
    assert!(page.contains("id=\"paso-start_analysis\""), "{page}");
    assert!(page.contains("aria-label=\"En esta página\""), "{page}");
    assert!(page.contains("href=\"#historia\"") && page.contains("id=\"historia\""));
    let res = app.propose(&committee, id, "start_analysis").await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    // The requester cannot decide their own request: no decision box for them.
    let (_, page) = comite.get(&path).await;
    assert!(!page.contains("id=\"decidir\""), "{page}");
    // The director sees it at the top and decides it there.
    let directora = sign_in(&app, "directora").await;
    let (_, page) = directora.get(&path).await;
    assert!(page.contains("id=\"decidir\""), "{page}");
    assert!(page.contains("Solicitud que espera su decisión"), "{page}");
    let request = page
        .split("<form class=\"formulario\" method=\"post\" action=\"/gestion/aprobaciones/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the decision form")
        .to_string();
    let csrf = directora.csrf(&path).await;
    // A return address elsewhere is not followed.
    let (status, to) = directora
        .post(
            &format!("/gestion/aprobaciones/{request}"),
            &[
                ("csrf", &csrf),
                ("decision", "reject"),
                ("note", "Falta el inventario"),
                ("volver", "//ejemplo.com/gestion/tramites/x"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to, "/gestion/aprobaciones?hecho=rechazada");
    app.propose(&committee, id, "start_analysis").await;
    let (_, page) = directora.get(&path).await;
    let request = page
        .split("action=\"/gestion/aprobaciones/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let (status, to) = directora
        .post(
            &format!("/gestion/aprobaciones/{request}"),
            &[
                ("csrf", &csrf),
                ("decision", "approve"),
                ("note", ""),
                ("volver", &path),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to, format!("{path}?hecho=aprobada"));
    let state: serde_json::Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["state"], "analysis");
}
