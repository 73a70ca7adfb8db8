//! Clients that ask for a large open-data file and never read it must not take the database
//! pool from everyone else (each chunk is read with a connection of its own, released before
//! the chunk waits for the client).

use std::time::{Duration, Instant};

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::helpers::spawn_app_with;
use crate::walks::{comment, open_consultation, setup};

#[tokio::test]
async fn ten_clients_that_never_read_comentarios_csv_leave_the_pages_answering() {
    let app = spawn_app_with(json!({
        "publish_comments_on_receipt": true,
        "comment_limit_per_hour": 0,
    }))
    .await;
    let s = setup(&app).await;
    let consultation = open_consultation(&app, &s, json!({})).await;
    let id = consultation["id"].as_str().unwrap().to_string();
    // About 8 MB of published comments: far more than a socket's buffers hold.
    let filler = "Propongo que el trámite se haga en línea y sin copias del DPI. ".repeat(5);
    for batch in 0..100 {
        let sent = join_all((0..200).map(|i| {
            let body = json!({"body": format!("{batch}-{i} {filler}")});
            let (app, id) = (&app, &id);
            async move { comment(app, id, body, None).await.status() }
        }))
        .await;
        assert!(sent.iter().all(|s| *s == StatusCode::CREATED), "{sent:?}");
    }
    let address = app.url("").trim_start_matches("http://").to_string();
    let mut idle = Vec::new();
    for _ in 0..10 {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut stream = socket.connect(address.parse().unwrap()).await.unwrap();
        stream
            .write_all(
                format!("GET /datos/comentarios.csv HTTP/1.1\r\nHost: {address}\r\n\r\n")
                    .as_bytes(),
            )
            .await
            .unwrap();
        idle.push(stream);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for path in ["/tramites", "/api/v1/procedures", "/consultas"] {
        let started = Instant::now();
        let res = app.get(path).await;
        let took = started.elapsed();
        eprintln!("slow readers: {path} answered in {took:?} with ten clients not reading");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(took < Duration::from_secs(1), "{path} took {took:?}");
    }
    // Eight downloads hold their turns (the ninth and tenth client were told to come back):
    // one more is refused at once rather than queued.
    let res = app.get("/datos/comentarios.csv").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().contains_key("retry-after"));
    drop(idle);
}
