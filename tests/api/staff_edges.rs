//! Edges of the staff workspace found by the second hardening probe.

use reqwest::StatusCode;
use serde_json::json;
use tramites::clock::Clock;

use crate::walks::{open_consultation, setup};
use crate::workspace::sign_in;

#[tokio::test]
async fn moderating_a_group_that_does_not_exist_says_so_instead_of_published() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let desk = sign_in(&app, "comite").await;
    let csrf = desk.csrf("/gestion/moderacion").await;
    let (status, answer) = desk
        .post(
            "/gestion/moderacion/grupo",
            &[
                ("csrf", &csrf),
                ("consultation", c["id"].as_str().unwrap()),
                ("group", "no-existe"),
                ("decision", "publish"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert!(!answer.contains("hecho=publicado"), "{answer}");
}

#[tokio::test]
async fn ended_and_expired_sessions_are_purged_and_live_ones_kept() {
    use diesel::prelude::*;
    use tramites::db::schema::sessions;
    let app = crate::helpers::spawn_app().await;
    setup(&app).await;
    let left = sign_in(&app, "comite").await;
    let csrf = left.csrf("/gestion").await;
    let (status, _) = left.post("/gestion/salir", &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    sign_in(&app, "directora").await;
    app.clock.advance(chrono::Duration::hours(13));
    let live = sign_in(&app, "ministro").await;
    let mut conn = app.db.connect();
    let count = |conn: &mut tramites::db::DbConnection| -> i64 {
        sessions::table.count().get_result(conn).unwrap()
    };
    assert_eq!(count(&mut conn), 3);
    let purged = tramites::usecases::sessions::purge(
        &mut conn,
        &tramites::domain::session::SessionLimits::default(),
        app.clock.now(),
    )
    .unwrap();
    assert_eq!(purged, 2, "the ended one and the expired one");
    assert_eq!(count(&mut conn), 1);
    let (status, _) = live.get("/gestion").await;
    assert_eq!(status, StatusCode::OK, "the live session still works");
}

#[tokio::test]
async fn a_reports_files_carry_an_etag_and_answer_304_when_unchanged() {
    let app = crate::helpers::spawn_app().await;
    let year = chrono::Datelike::year(&app.clock.now());
    for ext in ["json", "csv"] {
        let path = format!("/informes/{year}-1.{ext}");
        let res = app.get(&path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        let again = app
            .client
            .get(app.url(&path))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
    }
}

#[tokio::test]
async fn an_upload_with_a_wrong_csrf_token_is_refused_before_its_file_is_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = crate::helpers::spawn_app().await;
    setup(&app).await;
    let desk = sign_in(&app, "comite").await;
    // The form's first part (a wrong token) and the start of a large file that never ends.
    let boundary = "limite-de-prueba";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nfalso\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
         Content-Type: text/csv\r\n\r\ncódigo,nombre\r\n"
    );
    let address = app.url("").trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let request = format!(
        "POST /gestion/importar HTTP/1.1\r\nHost: {address}\r\nCookie: {}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 10000000\r\n\r\n{head}",
        desk.cookie
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 512];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("an answer before the body ends")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]).to_string();
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
}

#[tokio::test]
async fn withholding_without_a_reason_stays_in_the_workspace_and_speaks_in_words() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/consultations/{id}/comments")))
        .json(&json!({"body": "Un comentario para retener"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let desk = sign_in(&app, "comite").await;
    let (_, page) = desk.get("/gestion/moderacion").await;
    let group = page
        .split("name=\"group\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("a group on the page: {page}"))
        .to_string();
    let csrf = desk.csrf("/gestion/moderacion").await;
    let (status, answer) = desk
        .post(
            "/gestion/moderacion/grupo",
            &[
                ("csrf", &csrf),
                ("consultation", id),
                ("group", &group),
                ("decision", "reject"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer.contains("<body class=\"gestion\">"), "{answer}");
    // The moderation page again (the group, its form and the error at it), not a bare error page.
    assert!(answer.contains("<title>Error: Moderación"), "{answer}");
    assert!(answer.contains("elija en la lista el motivo"), "{answer}");
    assert!(answer.contains(&format!("value=\"{group}\"")), "{answer}");
    assert!(
        !answer.contains("abusive, spam") && !answer.contains("off_topic,"),
        "{answer}"
    );
}

#[tokio::test]
async fn the_board_shows_the_committees_waiting_requests_and_overdue_rows_in_days() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let other = app
        .create_procedure(
            &s.committee,
            &crate::helpers::procedure_body("TABLERO-1", json!({})),
        )
        .await;
    let res = app
        .propose(
            &s.committee,
            other["id"].as_str().unwrap(),
            "start_analysis",
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::ACCEPTED,
        "a request waiting for approval"
    );
    app.clock.advance(chrono::Duration::days(130));
    let desk = sign_in(&app, "comite").await;
    let (status, page) = desk.get("/gestion").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Su solicitud «Iniciar el análisis» de TABLERO-1 espera aprobación (la pidió hace 130 días)"),
        "{page}"
    );
    assert!(
        page.contains("Vencido hace "),
        "overdue rows say for how long: {page}"
    );
    assert!(
        page.contains("comentarios de encuestas"),
        "survey comments are counted: {page}"
    );
}

#[tokio::test]
async fn a_consultation_opens_on_the_day_chosen_and_no_second_is_offered_while_it_runs() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let desk = sign_in(&app, "comite").await;
    let page_path = format!("/gestion/tramites/{}", s.procedure);
    let (_, page) = desk.get(&page_path).await;
    assert!(
        page.contains("type=\"date\" id=\"campo-opens_on\""),
        "{page}"
    );
    assert!(
        page.contains("/consultas#vista-previa\""),
        "the preview is where the page lands"
    );
    let tz: chrono_tz::Tz = "America/Guatemala".parse().unwrap();
    let day = (app.clock.now().with_timezone(&tz).date_naive() + chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let csrf = desk.csrf(&page_path).await;
    let (status, answer) = desk
        .post(
            &format!("{page_path}/consultas"),
            &[
                ("csrf", csrf.as_str()),
                ("title", "Consulta programada"),
                ("summary", "Resumen"),
                ("proposal_text", "Texto de la propuesta"),
                ("opens_on", day.as_str()),
                ("accion", "publicar"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{answer}");
    let list: serde_json::Value = app
        .get(&format!(
            "/api/v1/consultations?procedure_id={}",
            s.procedure
        ))
        .await
        .json()
        .await
        .unwrap();
    let opens = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == "Consulta programada")
        .map(|c| c["opens_at"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("{list}"));
    let local = chrono::DateTime::parse_from_rfc3339(&opens)
        .unwrap()
        .with_timezone(&tz);
    assert_eq!(
        local.format("%Y-%m-%d %H:%M").to_string(),
        format!("{day} 00:00")
    );
    let (_, page) = desk.get(&page_path).await;
    assert!(
        page.contains("Hay una consulta abierta o programada"),
        "{page}"
    );
    assert!(
        !page.contains("id=\"campo-proposal_text\""),
        "no second form while one runs"
    );
}
