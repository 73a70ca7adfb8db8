//! E-mail through the outbox, delivered to a real SMTP server on loopback and read back.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{response, Handler, Response, Server};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{procedure_body, spawn_app_on, TestApp, TestDb};

/// A delivered message: recipients, headers and decoded text.
#[derive(Debug, Clone)]
pub(crate) struct Mail {
    pub(crate) to: Vec<String>,
    pub(crate) subject: String,
    pub(crate) message_id: String,
    pub(crate) unsubscribe: Option<String>,
    pub(crate) text: String,
}

#[derive(Clone)]
pub(crate) struct Sink {
    mails: Arc<Mutex<Vec<Mail>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Sink {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let parsed = mailparse::parse_mail(&self.data).expect("a MIME message");
        use mailparse::MailHeaderMap;
        let header = |name: &str| parsed.headers.get_first_value(name);
        let text = parsed
            .subparts
            .iter()
            .find(|p| p.ctype.mimetype == "text/plain")
            .map(|p| p.get_body().unwrap())
            .unwrap_or_else(|| parsed.get_body().unwrap());
        self.mails.lock().unwrap().push(Mail {
            to: self.to.clone(),
            subject: header("Subject").unwrap_or_default(),
            message_id: header("Message-ID").unwrap_or_default(),
            unsubscribe: header("List-Unsubscribe"),
            text,
        });
        response::OK
    }
}

/// Starts an SMTP server on `listener`; returns what it receives.
pub(crate) fn smtp_sink(listener: TcpListener) -> Arc<Mutex<Vec<Mail>>> {
    let mails = Arc::new(Mutex::new(Vec::new()));
    let mut server = Server::new(Sink {
        mails: mails.clone(),
        to: Vec::new(),
        data: Vec::new(),
    });
    server.with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    mails
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) async fn app_with_smtp(db: TestDb, port: u16) -> TestApp {
    spawn_app_on(
        db,
        json!({"mail_transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none",
               "notify_interval_ms": 100, "mail_retry_base_seconds": 1, "public_url": "http://tramites.test"}),
    )
    .await
}

/// Waits until `count` messages match, then a little longer to see that no more come.
pub(crate) async fn wait_for(
    mails: &Arc<Mutex<Vec<Mail>>>,
    what: impl Fn(&Mail) -> bool,
    count: usize,
) -> Vec<Mail> {
    let started = Instant::now();
    loop {
        let found: Vec<Mail> = mails
            .lock()
            .unwrap()
            .iter()
            .filter(|m| what(m))
            .cloned()
            .collect();
        if found.len() >= count {
            tokio::time::sleep(Duration::from_millis(500)).await;
            return mails
                .lock()
                .unwrap()
                .iter()
                .filter(|m| what(m))
                .cloned()
                .collect();
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "waited for {count} messages, have {}",
            found.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(crate) fn to(m: &Mail, address: &str) -> bool {
    m.to.iter().any(|t| t == address)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approvals_decisions_and_citizen_messages_reach_the_right_people_once() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = smtp_sink(listener);
    let app = app_with_smtp(TestDb::new(), port).await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    app.user_with("director2", &["director"]).await;
    app.user_with("ministro", &["minister"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("MAIL-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap();
    let r: Value = app
        .post(
            &format!("/api/v1/procedures/{id}/transitions"),
            &committee,
            &json!({"transition": "start_analysis"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let asks = wait_for(&mails, |m| m.subject.starts_with("Aprobación pendiente"), 2).await;
    let mut recipients: Vec<String> = asks.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        vec!["director2@mintrabajo.gob.gt", "directora@mintrabajo.gob.gt"]
    );
    // Staff e-mails name the transition and the states by the workflow's labels and lead to
    // the page where the approver acts, not to a JSON endpoint.
    assert!(asks[0].text.contains("El Comité solicita su aprobación para la transición «Iniciar el análisis» del trámite MAIL-1"), "{}", asks[0].text);
    assert!(
        asks[0]
            .text
            .contains("de «Inventario y priorización» a «Análisis de simplificación»"),
        "{}",
        asks[0].text
    );
    // The link leads to the request itself on the approvals page, which carries its anchor.
    let link = asks[0]
        .text
        .split_whitespace()
        .find(|w| w.starts_with("http://tramites.test/gestion/aprobaciones#solicitud-"))
        .unwrap_or_else(|| panic!("{}", asks[0].text))
        .trim_end_matches(['.', ')', ','])
        .to_string();
    let anchor = link.split('#').nth(1).unwrap().to_string();
    assert!(anchor.len() > "solicitud-".len(), "{link}");
    assert!(
        !asks[0].text.contains("start_analysis") && !asks[0].text.contains("/api/v1/"),
        "{}",
        asks[0].text
    );
    assert!(asks[0].message_id.ends_with("@tramites>"));
    // Times in words of the ministry's zone, never a machine's UTC stamp (issue 35, staff 1).
    let iso_time = |text: &str| {
        text.as_bytes().windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == b'T' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
    };
    assert!(!iso_time(&asks[0].text), "{}", asks[0].text);
    let res = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/approve",
                r["id"].as_str().unwrap()
            ),
            &director,
            &json!({"note": "Adelante"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let decided = wait_for(&mails, |m| m.subject.starts_with("Solicitud aprobada"), 1).await;
    assert_eq!(decided.len(), 1);
    assert!(to(&decided[0], "comite@mintrabajo.gob.gt"));
    assert!(!iso_time(&decided[0].text), "{}", decided[0].text);
    assert!(
        decided[0].text.contains("fue aprobada") && decided[0].text.contains("Nota: Adelante"),
        "{}",
        decided[0].text
    );
    // The requester reads the states as the workflow names them, never their keys.
    assert!(
        decided[0].text.contains("Análisis de simplificación")
            && !decided[0].text.contains("analysis")
            && !decided[0].text.contains("inventory"),
        "{}",
        decided[0].text
    );

    // A rejection reaches the requester with its reason.
    let other = app
        .create_procedure(&committee, &procedure_body("MAIL-2", json!({})))
        .await;
    let r2: Value = app
        .post(
            &format!(
                "/api/v1/procedures/{}/transitions",
                other["id"].as_str().unwrap()
            ),
            &committee,
            &json!({"transition": "start_analysis"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post(
            &format!(
                "/api/v1/transition-requests/{}/reject",
                r2["id"].as_str().unwrap()
            ),
            &director,
            &json!({"note": "Falta el inventario de requisitos"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rejected = wait_for(&mails, |m| m.subject.starts_with("Solicitud rechazada"), 1).await;
    assert_eq!(rejected.len(), 1);
    assert!(to(&rejected[0], "comite@mintrabajo.gob.gt"));
    assert!(
        rejected[0].text.contains("fue rechazada")
            && rejected[0]
                .text
                .contains("Nota: Falta el inventario de requisitos")
    );

    // Citizens: a receipt with the tracking code, then the answer; none without an e-mail.
    app.walk(&committee, &director, id, &["authorize_simplification"])
        .await;
    let c: Value = app
        .post(
            &format!("/api/v1/procedures/{id}/consultations"),
            &committee,
            &json!({"title": "Contratos sin papel", "proposal_text": "Propuesta"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = c["id"].as_str().unwrap();
    let receipt: Value = app
        .client
        .post(app.url(&format!("/api/v1/consultations/{cid}/comments")))
        .json(&json!({"body": "Que sea en línea", "email": "ciudadana@correo.gt"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    app.client
        .post(app.url(&format!("/api/v1/consultations/{cid}/comments")))
        .json(&json!({"body": "Sin correo"}))
        .send()
        .await
        .unwrap();
    let code = receipt["tracking_code"].as_str().unwrap();
    let received = wait_for(&mails, |m| to(m, "ciudadana@correo.gt"), 1).await;
    assert_eq!(received.len(), 1);
    assert!(received[0].subject.contains(code));
    assert!(
        received[0]
            .text
            .contains("Gracias por participar en la consulta pública «Contratos sin papel»"),
        "{}",
        received[0].text
    );
    assert!(received[0]
        .text
        .contains(&format!("http://tramites.test/seguimiento/{code}")));
    app.post(
        &format!(
            "/api/v1/comments/{}/moderation",
            receipt["id"].as_str().unwrap()
        ),
        &committee,
        &json!({"decision": "publish"}),
    )
    .await;
    app.post(
        &format!(
            "/api/v1/comments/{}/response",
            receipt["id"].as_str().unwrap()
        ),
        &committee,
        &json!({"body": "Así se hará."}),
    )
    .await;
    let answered = wait_for(
        &mails,
        |m| m.subject.starts_with("Respuesta a su comentario"),
        1,
    )
    .await;
    assert_eq!(answered.len(), 1);
    assert!(to(&answered[0], "ciudadana@correo.gt"));
    assert!(answered[0].text.contains("Así se hará."));
    // Every message once: no Message-ID twice.
    let all = mails.lock().unwrap().clone();
    let mut ids: Vec<&str> = all.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
}
